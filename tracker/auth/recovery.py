"""Password reset by e-mail: single-use links that expire, stored only as a hash.

A request always gets the same answer, whether or not an account has the address. The link is
built from BASE_URL (never from the request's Host header, which an attacker controls).
Setting the new password applies the password rules, uses up every open link of the account and
ends all its sessions (the session token changes)."""

from __future__ import annotations

import datetime as dt
import secrets

from flask import current_app, url_for
from markupsafe import escape
from sqlalchemy import func, select, update

from tracker.audit import log as audit
from tracker.auth import throttle
from tracker.auth.models import PasswordResetToken
from tracker.core import mail
from tracker.core.errors import DomainError
from tracker.core.hashing import hash_secret
from tracker.db import db, utcnow
from tracker.users.models import User, new_session_token
from tracker.users.passwords import hash_password, password_problem

# At most this many links per account per hour are e-mailed (the answer stays the same).
LINKS_PER_HOUR = 3


def _lifetime() -> dt.timedelta:
    return dt.timedelta(minutes=int(current_app.config.get("PASSWORD_RESET_MINUTES", 60)))


def reset_link(token: str) -> str:
    return current_app.config["BASE_URL"] + url_for("auth.reset_password", token=token)


def request_reset(email: str, ip: str | None) -> str | None:
    """Mail a reset link if an active account has this address. Returns the raw token (for the
    caller's tests) or None; the caller shows the same message either way and commits."""
    email = throttle.normalise(email)
    user = db.session.scalar(select(User).where(func.lower(User.email) == email))
    if user is None or not user.active:
        audit.record("auth.reset_requested", actor=None, email=email, sent=False)
        return None
    recent = db.session.scalar(
        select(func.count())
        .select_from(PasswordResetToken)
        .where(
            PasswordResetToken.user_id == user.id,
            PasswordResetToken.created_at > utcnow() - dt.timedelta(hours=1),
        )
    )
    if recent >= LINKS_PER_HOUR:
        audit.record("auth.reset_requested", user, actor=None, email=email, sent=False, reason="too_many")
        return None
    token = secrets.token_urlsafe(32)
    db.session.add(
        PasswordResetToken(
            user_id=user.id, token_hash=hash_secret(token), ip=ip, expires_at=utcnow() + _lifetime()
        )
    )
    minutes = int(_lifetime().total_seconds() // 60)
    link = reset_link(token)
    text = (
        f"Xin chào {user.display_name},\n\n"
        f"Hệ thống Theo dõi nhiệm vụ nhận được yêu cầu đặt lại mật khẩu cho tài khoản {user.email}.\n"
        f"Để đặt mật khẩu mới, hãy mở liên kết sau (có hiệu lực trong {minutes} phút, chỉ dùng được một lần):\n\n"
        f"{link}\n\n"
        "Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại của bạn vẫn giữ nguyên.\n"
    )
    html = (
        f"<p>Xin chào {escape(user.display_name)},</p>"
        f"<p>Hệ thống Theo dõi nhiệm vụ nhận được yêu cầu đặt lại mật khẩu cho tài khoản {escape(user.email)}.</p>"
        f'<p><a href="{escape(link)}">Đặt mật khẩu mới</a> (liên kết có hiệu lực trong {minutes} phút, '
        "chỉ dùng được một lần).</p>"
        "<p>Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại của bạn vẫn giữ nguyên.</p>"
    )
    try:
        sent = mail.send_message([user.email], "Đặt lại mật khẩu — Theo dõi nhiệm vụ", text, html)
    except mail.MailError as e:
        sent = False
        audit.record("mail.failed", user, actor=None, subject="password reset", error=str(e)[:200])
    audit.record("auth.reset_requested", user, actor=None, email=email, sent=sent)
    return token


def valid_token(token: str) -> PasswordResetToken | None:
    """The open, unexpired link of an active account, or None."""
    if not token or len(token) > 200:
        return None
    row = db.session.scalar(
        select(PasswordResetToken).where(PasswordResetToken.token_hash == hash_secret(token))
    )
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        return None
    if row.user is None or not row.user.active:
        return None
    return row


def complete_reset(row: PasswordResetToken, password: str) -> User:
    """Set the new password (rules apply), use up every open link of the account, end its sessions."""
    if problem := password_problem(password):
        raise DomainError(problem, field="new")
    user = row.user
    now = utcnow()
    # Conditional update: of two requests racing with the same link, only one finds it unused.
    used = db.session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.id == row.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if used != 1:
        raise DomainError("Liên kết đặt lại mật khẩu đã được sử dụng.", field="new")
    db.session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    audit.record("auth.password_reset", user, actor=user)
    return user
