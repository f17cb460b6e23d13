"""One-time form keys: a form carries a key made when it is shown; the operation that handles the
submission claims it. A key already claimed means the same submission arrived again (a double
click, a resent request): the caller does nothing and answers as it did the first time.

The key is claimed in the caller's transaction, so a refused submission frees it again; of two
requests racing with one key the UNIQUE constraint lets one insert win (on PostgreSQL the second
waits for the first to commit, then finds the key taken)."""

from __future__ import annotations

import datetime as dt
import secrets

from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from tracker.core.errors import DomainError
from tracker.db import UTCDateTime, db, utcnow

KEY_LENGTH = 64


class AlreadyDone(DomainError):
    """Another request claimed the same key while this one ran: this one did nothing (rolled
    back). A page shows the message and the result already stored, not an error."""

    code = "already_done"
    http_status = 409


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


def used(key: str) -> bool:
    """`key` was claimed (and committed) before."""
    return db.session.scalar(select(FormKey.id).where(FormKey.key == key[:KEY_LENGTH])) is not None


def claim(key: str | None, *, user_id: int | None, action: str, message: str = "") -> bool:
    """Claim `key` in the caller's transaction. True: the first claim, go on. False: claimed before
    (and committed), do nothing. A request racing with another one for the same key raises
    AlreadyDone(message) when it loses. No key (a client that sends none) is always True."""
    key = (key or "").strip()[:KEY_LENGTH]
    if not key:
        return True
    if used(key):
        return False
    db.session.add(FormKey(key=key, user_id=user_id, action=action[:40]))
    try:
        # No savepoint: the claim is to stand or fall with the caller's writes (SQLite's driver
        # would commit an outermost savepoint on its own). The caller's boundary rolls back.
        db.session.flush()
    except IntegrityError as e:
        raise AlreadyDone(message or _("Thao tác này đã được thực hiện.")) from e
    return True


# A form is not sent again after this long; a reminder's key matters for its day only.
KEEP = dt.timedelta(days=30)


def prune(now: dt.datetime | None = None) -> int:
    """Forget the keys older than KEEP (the scheduler, daily); returns how many."""
    cutoff = (now or utcnow()) - KEEP
    return db.session.execute(delete(FormKey).where(FormKey.created_at < cutoff)).rowcount
