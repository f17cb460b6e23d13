"""Calendar feeds: a secret, revocable iCalendar URL per user of the deadlines they care about."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import UTCDateTime, db, utcnow


class CalendarFeed(db.Model):
    """A secret, revocable iCalendar URL of the deadlines a user cares about (stored hashed)."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The task-list filter (TaskFilter.to_args()) the feed applies, within what the user may see.
    filter_args: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_fetched_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")
