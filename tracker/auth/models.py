"""What the login throttle and the password reset keep in the database (so it holds across workers)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.db import UTCDateTime, db, utcnow


class LoginAttempt(db.Model):
    """A failed login (kind 'login') or a password-reset request (kind 'reset'), kept while it
    counts towards a throttle window; older rows are pruned."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(10), default="login")
    # The address as typed (lower-cased), whether or not an account has it: the throttle must not
    # tell which accounts exist.
    email: Mapped[str] = mapped_column(String(255), default="")
    ip: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (
        Index("ix_login_attempts_email_at", "email", "at"),
        Index("ix_login_attempts_ip_at", "ip", "at"),
    )


class PasswordResetToken(db.Model):
    """A single-use, expiring password-reset link. Only the SHA-256 of the token is stored."""

    __tablename__ = "password_reset_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ip: Mapped[str | None] = mapped_column(String(64))

    user = relationship("User")


class AccountMail(db.Model):
    """A password-reset request waiting for the scheduler, which looks up the account, makes the
    link and sends it. The request only adds this row, whether or not an account has the address,
    so its answer takes the same time either way; the raw link is never stored. Kept apart from
    the reminders' outbox, which monitors read."""

    __tablename__ = "account_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="password_reset")
    email: Mapped[str] = mapped_column(String(255), default="")  # as typed (lower-cased)
    ip: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # pending → sending → sent / skipped (no active account, too many links) / failed
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(String(255), default="")

    __table_args__ = (Index("ix_account_mail_status_next", "status", "next_attempt_at"),)
