"""Password reset by e-mail: single-use links that expire, stored only as a hash.

A request always gets the same answer, and does the same work, whether or not an account has the
address: it only queues the request (`account_mail`); the scheduler's job `send_queued` looks up
the account, makes the link and sends it. The link is built from BASE_URL (never from the
request's Host header, which an attacker controls). Setting the new password applies the password rules, uses up every open link of the account and
ends all its sessions (the session token changes)."""

from __future__ import annotations

import datetime as dt
import os
import secrets

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import escape
from sqlalchemy import and_, func, or_, select, update

from tracker.audit import log as audit
from tracker.auth import throttle
from tracker.auth.models import AccountMail, PasswordResetToken
from tracker.core import boundary, mail
from tracker.core.errors import DomainError
from tracker.core.hashing import hash_secret
from tracker.core.urls import absolute_url
from tracker.db import db, utcnow
from tracker.users.models import User, mail_language, new_session_token
from tracker.users.passwords import hash_password, password_problem

# At most this many links per account per hour are e-mailed (the answer stays the same).
LINKS_PER_HOUR = 3
# A failed send is tried again after this wait, at most MAX_ATTEMPTS times in all (the link is
# short-lived: no point in trying for hours).
RETRY_AFTER = dt.timedelta(minutes=2)
MAX_ATTEMPTS = 3
# A request left `sending` this long was taken by a scheduler that died meanwhile.
SENDING_TIMEOUT = dt.timedelta(minutes=10)


def _lifetime() -> dt.timedelta:
    return dt.timedelta(minutes=int(current_app.config.get("PASSWORD_RESET_MINUTES", 60)))


def reset_link(token: str) -> str:
    """The link mailed to the user. Built without a request (the scheduler sends it): the path
    from the URL map, the address from BASE_URL."""
    path = current_app.url_map.bind("localhost").build("auth.reset_password", {"token": token})
    return absolute_url(path)


def request_reset(email: str, ip: str | None) -> None:
    """Queue a reset link for the scheduler to send (`send_queued`). The same work whether or not
    an account has the address — one row and one audit entry, no look-up, no mail server — so
    neither the answer nor its time tells which accounts exist. The caller commits."""
    email = throttle.normalise(email)
    db.session.add(AccountMail(kind="password_reset", email=email, ip=ip))
    audit.record("auth.reset_requested", actor=None, email=email)


def _mail_text(user: User, link: str, minutes: int) -> tuple[str, str, str]:
    """The subject, text and HTML of the reset e-mail, in the account's language (`mail_language`)."""
    with force_locale(mail_language([user.email])):
        values = dict(name=user.display_name, email=user.email, minutes=minutes)
        hello = _("Xin chào %(name)s,", **values)
        asked = _(
            "Hệ thống Theo dõi nhiệm vụ nhận được yêu cầu đặt lại mật khẩu cho tài khoản %(email)s.", **values
        )
        open_link = _(
            "Để đặt mật khẩu mới, hãy mở liên kết sau (có hiệu lực trong %(minutes)s phút, chỉ dùng được "
            "một lần):",
            **values,
        )
        ignore = _("Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại của bạn vẫn giữ nguyên.")
        button = _("Đặt mật khẩu mới")
        valid = _("(liên kết có hiệu lực trong %(minutes)s phút, chỉ dùng được một lần).", **values)
        subject = _("Đặt lại mật khẩu — Theo dõi nhiệm vụ")
    text = f"{hello}\n\n{asked}\n{open_link}\n\n{link}\n\n{ignore}\n"
    html = (
        f"<p>{escape(hello)}</p><p>{escape(asked)}</p>"
        f'<p><a href="{escape(link)}">{escape(button)}</a> {escape(valid)}</p><p>{escape(ignore)}</p>'
    )
    return subject, text, html


def _due(now: dt.datetime):
    return or_(
        and_(AccountMail.status == "pending", AccountMail.next_attempt_at <= now),
        and_(AccountMail.status == "sending", AccountMail.claimed_at < now - SENDING_TIMEOUT),
    )


def _take(row_id: int, now: dt.datetime) -> bool:
    taken = db.session.execute(
        update(AccountMail)
        .where(AccountMail.id == row_id, _due(now))
        .values(status="sending", claimed_at=now, attempts=AccountMail.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    boundary.commit_now("a queued request is marked sending before its link is made (no second sender)")
    return taken == 1


def _finish(row: AccountMail, status: str, note: str = "", retry: dt.timedelta | None = None) -> str:
    row.status = status
    row.note = note[:255]
    if retry is not None:
        row.next_attempt_at = utcnow() + retry
    else:
        row.done_at = utcnow()
    boundary.commit_now("the outcome of each queued request is stored before the next one")
    return status


def _send_one(row_id: int, now: dt.datetime) -> str | None:
    if not _take(row_id, now):
        return None
    row = db.session.get(AccountMail, row_id)
    user = db.session.scalar(select(User).where(func.lower(User.email) == row.email))
    if user is None or not user.active:
        audit.record("auth.reset_mail", actor=None, email=row.email, sent=False, reason="no_account")
        return _finish(row, "skipped", "no active account")
    recent = db.session.scalar(
        select(func.count())
        .select_from(PasswordResetToken)
        .where(
            PasswordResetToken.user_id == user.id,
            PasswordResetToken.created_at > utcnow() - dt.timedelta(hours=1),
        )
    )
    if recent >= LINKS_PER_HOUR:
        audit.record("auth.reset_mail", user, actor=None, email=row.email, sent=False, reason="too_many")
        return _finish(row, "skipped", "too many links this hour")
    token = secrets.token_urlsafe(32)
    link_row = PasswordResetToken(
        user_id=user.id, token_hash=hash_secret(token), ip=row.ip, expires_at=utcnow() + _lifetime()
    )
    db.session.add(link_row)
    db.session.flush()
    subject, text, html = _mail_text(user, reset_link(token), int(_lifetime().total_seconds() // 60))
    try:
        sent = mail.send_message([user.email], subject, text, html)
    except mail.MailError as e:
        # Nobody received this link: it goes, and the next attempt makes a new one.
        db.session.delete(link_row)
        audit.record("mail.failed", user, actor=None, subject="password reset", error=str(e)[:200])
        if row.attempts >= MAX_ATTEMPTS:
            return _finish(row, "failed", str(e))
        return _finish(row, "pending", str(e), retry=RETRY_AFTER)
    if not sent:  # no mail server configured (core.mail has noted it)
        db.session.delete(link_row)
        audit.record("auth.reset_mail", user, actor=None, email=row.email, sent=False, reason="no_server")
        return _finish(row, "failed", "no mail server configured")
    audit.record("auth.reset_mail", user, actor=None, email=row.email, sent=True)
    return _finish(row, "sent")


def send_queued(now: dt.datetime | None = None) -> dict[str, int]:
    """The scheduler's job: make and send the link of each queued request that has an active
    account (at most LINKS_PER_HOUR an hour), skip the others. Commits after each request."""
    now = now or utcnow()
    boundary.commit_now("see the requests committed since this job's transaction began")
    due = db.session.scalars(
        select(AccountMail.id).where(_due(now)).order_by(AccountMail.id).limit(200)
    ).all()
    counts: dict[str, int] = {}
    for row_id in due:
        outcome = _send_one(row_id, now)
        if outcome is not None:
            counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def _send_job(app) -> None:
    boundary.run_job(app, send_queued)


def register_jobs(scheduler, app) -> None:
    """The queued account e-mails go out every few seconds (see tracker.plugins.scheduler_jobs)."""
    every = app.config.get("ACCOUNT_MAIL_SECONDS") or os.environ.get("TRACKER_ACCOUNT_MAIL_SECONDS") or 10
    scheduler.add_job(
        _send_job,
        "interval",
        seconds=float(every),
        args=[app],
        id="account_mail",
        coalesce=True,
        max_instances=1,
        replace_existing=True,
    )


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
        raise DomainError(_("Liên kết đặt lại mật khẩu đã được sử dụng."), field="new")
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
