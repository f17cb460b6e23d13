"""User accounts and their roles."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.agencies.models import Agency
from tracker.core.text import N_
from tracker.db import UTCDateTime, db, utcnow

ROLES = {
    "admin": N_("Quản trị"),
    "monitor": N_("Cán bộ theo dõi"),
    "leader": N_("Lãnh đạo"),
    "focal": N_("Đầu mối"),
}


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    full_name: Mapped[str] = mapped_column(String(255), default="")
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    role: Mapped[str] = mapped_column(String(20), default="focal")
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Part of the login cookie: changing it (password change, deactivation, "log out everywhere")
    # ends every session of this user on every worker.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    receive_digest: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str | None] = mapped_column(String(5))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    agency: Mapped[Agency | None] = relationship()

    def get_id(self) -> str:
        return f"{self.id}.{self.session_token}"

    @property
    def is_active(self) -> bool:
        return bool(self.active)

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_monitor(self) -> bool:
        """Monitors and admins run the workflow (admins may do everything a monitor may)."""
        return self.role in ("monitor", "admin")

    @property
    def is_leader(self) -> bool:
        return self.role == "leader"

    @property
    def is_focal(self) -> bool:
        return self.role == "focal"

    @property
    def sees_everything(self) -> bool:
        return self.role in ("admin", "monitor", "leader")

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


# The interface's languages; Vietnamese is the default (a session, a command, an e-mail with no choice).
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


# The accounts that chose another language than the default, by address, while a run composes many
# e-mails (`mail_languages_read_once`); None: each call asks the database.
_CHOSEN: ContextVar[dict[str, str] | None] = ContextVar("mail_languages", default=None)


@contextmanager
def mail_languages_read_once() -> Iterator[None]:
    """For a run that composes many e-mails (a day's digests: thousands at national scale), the
    accounts' chosen languages read in one query instead of one a message; `mail_language` gives the
    same answers inside."""
    rows = db.session.execute(
        select(func.lower(User.email), User.language).where(
            User.language.is_not(None), User.language != DEFAULT_LANGUAGE
        )
    )
    token = _CHOSEN.set(dict(rows.all()))
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def mail_language(addresses) -> str:
    """The language an e-mail to `addresses` is written in: the recipients' own (User.language) when
    every address is an account that chose one and they all chose the same; otherwise (an agency's
    mailbox, an address with no account, accounts in different languages) Vietnamese, the default."""
    wanted = {a.strip().lower() for a in addresses if a and a.strip()}
    if not wanted:
        return DEFAULT_LANGUAGE
    chosen = _CHOSEN.get()
    if chosen is not None:
        languages = {chosen.get(address, DEFAULT_LANGUAGE) for address in wanted}
        return languages.pop() if len(languages) == 1 else DEFAULT_LANGUAGE
    rows = db.session.execute(
        select(func.lower(User.email), User.language).where(func.lower(User.email).in_(wanted))
    )
    chosen = dict(rows.all())
    languages = {chosen.get(address) for address in wanted}
    if len(languages) == 1:
        (language,) = languages
        if language in LANGUAGES:
            return language
    return DEFAULT_LANGUAGE
