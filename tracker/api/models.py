"""Personal access tokens of the API."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.text import N_
from tracker.db import UTCDateTime, db, utcnow

TOKEN_SCOPES = {"read": N_("Chỉ đọc"), "write": N_("Đọc và ghi")}


class ApiToken(db.Model):
    """A personal access token: only its SHA-256 is stored; the token is shown once at creation.

    `rate_window`/`rate_count` hold the per-token fixed-window rate limit (see tracker.api.tokens.count_request)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters of the token, shown in the list so a user can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(10), default="read")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    rate_window: Mapped[int] = mapped_column(Integer, default=0)
    rate_count: Mapped[int] = mapped_column(Integer, default=0)

    user = relationship("User")

    @property
    def scope_label(self) -> str:
        return TOKEN_SCOPES.get(self.scope, self.scope)

    def is_usable(self, now: dt.datetime | None = None) -> bool:
        now = now or utcnow()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
