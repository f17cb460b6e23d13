"""One-time form keys: a form carries a key made when it is shown; the operation that handles the
submission claims it. A key already claimed means the same submission arrived again (a double
click, a resent request): the caller does nothing and answers as it did the first time.

The key is claimed in the caller's transaction, so a refused submission frees it again; of two
requests racing with one key the UNIQUE constraint lets one insert win (on PostgreSQL the second
waits for the first to commit, then finds the key taken)."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from tracker.db import UTCDateTime, db, utcnow

KEY_LENGTH = 64


class FormKey(db.Model):
    """A form submission already handled (see the module's docstring)."""

    __tablename__ = "form_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(KEY_LENGTH), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


def new_key() -> str:
    return secrets.token_urlsafe(24)


def claim(key: str | None, *, user_id: int | None, action: str) -> bool:
    """True the first time `key` is claimed (the submission is to be handled), False when it was
    claimed before. No key (a client that does not send one, e.g. the API) is always handled."""
    key = (key or "").strip()
    if not key:
        return True
    if len(key) > KEY_LENGTH:
        key = key[:KEY_LENGTH]
    if db.session.scalar(select(FormKey.id).where(FormKey.key == key)) is not None:
        return False
    try:
        with db.session.begin_nested():
            db.session.add(FormKey(key=key, user_id=user_id, action=action[:40]))
    except IntegrityError:
        return False
    return True
