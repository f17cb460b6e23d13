"""Logging in and out, changing one's password, resetting a forgotten one."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select

from tracker.audit import log as audit
from tracker.auth import recovery, throttle
from tracker.auth.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    LogoutEverywhereForm,
    ResetPasswordForm,
)
from tracker.core import boundary
from tracker.core.errors import DomainError
from tracker.core.forms import save_or_keep
from tracker.core.text import N_
from tracker.db import db, utcnow
from tracker.users.models import User, new_session_token
from tracker.users.passwords import hash_password, password_problem, verify_password

bp = Blueprint("auth", __name__)

WRONG_LOGIN = N_("Thư điện tử hoặc mật khẩu không đúng.")
RESET_SENT = N_(
    "Nếu địa chỉ này có tài khoản đang hoạt động, chúng tôi đã gửi thư có liên kết đặt lại mật khẩu. "
    "Hãy kiểm tra hộp thư (kể cả thư rác); liên kết có hiệu lực trong thời gian ngắn."
)


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: no scheme, no host, no '//' or backslash tricks."""
    if not target:
        return None
    target = target.strip()
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
    ):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.home"))
    form = LoginForm()
    if form.validate_on_submit():
        email = throttle.normalise(form.email.data)
        ip = audit.client_ip() or ""
        lock = throttle.check(email, ip)
        if lock is not None:
            # The password is not even checked while locked; the message is the same for every address.
            audit.record("auth.login_throttled", actor=None, email=email, scope=lock.scope)
            flash(lock.message, "danger")
            return render_template("auth/login.html", form=form), 429
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        ok = verify_password(user.password_hash if user else "", form.password.data)
        if ok and user.active:
            throttle.clear(email, ip)
            user.last_login_at = utcnow()
            audit.record("auth.login", user, actor=user, remember=bool(form.remember.data))
            boundary.commit_now("no login that the audit log does not know of: stored before the session")
            # A new session at login: nothing from before the login survives (session fixation),
            # but the language the page was read in.
            lang = session.get("lang")
            session.clear()
            if lang:
                session["lang"] = lang
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")) or url_for("dashboard.home"))
        lock = throttle.record(email, ip)
        # Whoever typed it is unknown: the account tried is the object, not the actor.
        audit.record("auth.login_failed", user, actor=None, email=email)
        if lock is not None:
            audit.record(
                "auth.lockout", user, actor=None, email=email, scope=lock.scope, minutes=lock.minutes
            )
        # The same message whether the account exists, is inactive or the password is wrong.
        flash(_(WRONG_LOGIN), "danger")
        if lock is not None:
            flash(lock.message, "danger")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        user = current_user._get_current_object()
        # Revoked on the server, not only forgotten by this browser: a copy of the session or
        # remember-me cookie taken before the logout no longer opens anything.
        _end_all_sessions(user)
        audit.record("auth.logout", user)
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:  # the sign-in page that follows in the language the user was reading
        session["lang"] = lang
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("auth.login"))


def _end_all_sessions(user: User) -> None:
    """Every session and remember-me cookie of the user stops working, on every worker."""
    user.session_token = new_session_token()


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    status = 200
    if form.validate_on_submit():
        user = current_user._get_current_object()

        def save():
            if not verify_password(user.password_hash, form.current.data):
                raise DomainError(_("Mật khẩu hiện tại không đúng."), field="current")
            if problem := password_problem(form.new.data):
                raise DomainError(problem, field="new")
            user.password_hash = hash_password(form.new.data)
            _end_all_sessions(user)  # this session is renewed just below
            audit.record("auth.password_change", user)
            boundary.commit_now("the new password is stored before this session is renewed")

        outcome = save_or_keep(form, save)
        if outcome.ok:
            session.clear()
            login_user(user)
            flash(_("Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất."), "success")
            return redirect(url_for("dashboard.home"))
        status = outcome.status
    return render_template("auth/password.html", form=form, everywhere=LogoutEverywhereForm()), status


@bp.route("/account/logout-everywhere", methods=["POST"])
@login_required
def logout_everywhere():
    """End every session of the user — this one, other browsers, remembered devices."""
    form = LogoutEverywhereForm()
    if not form.validate_on_submit():
        abort(400)
    user = current_user._get_current_object()
    _end_all_sessions(user)
    audit.record("auth.logout_everywhere", user)
    logout_user()
    session.clear()
    flash(_("Bạn đã đăng xuất khỏi mọi thiết bị. Hãy đăng nhập lại."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        email, ip = throttle.normalise(form.email.data), audit.client_ip() or ""
        lock = throttle.check(email, ip, kind="reset")
        if lock is not None:
            audit.record("auth.reset_throttled", actor=None, email=email)
            flash(lock.message, "danger")
            return render_template("auth/forgot.html", form=form), 429
        throttle.record(email, ip, kind="reset")
        recovery.request_reset(email, ip)
        flash(_(RESET_SENT), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    row = recovery.valid_token(token)
    if row is None:
        flash(
            _(
                "Liên kết đặt lại mật khẩu không hợp lệ, đã hết hạn hoặc đã được dùng. Hãy yêu cầu liên kết mới."
            ),
            "warning",
        )
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    status = 200
    if form.validate_on_submit():
        outcome = save_or_keep(form, lambda: recovery.complete_reset(row, form.new.data))
        if outcome.ok:
            if current_user.is_authenticated:
                logout_user()
            session.clear()
            throttle.clear(outcome.value.email, audit.client_ip() or "")
            flash(
                _(
                    "Đã đặt mật khẩu mới; mọi phiên đăng nhập cũ đã kết thúc. Hãy đăng nhập bằng mật khẩu mới."
                ),
                "success",
            )
            return redirect(url_for("auth.login"))
        status = outcome.status
    return render_template("auth/reset.html", form=form, email=row.user.email), status


@bp.route("/lang/<code>", methods=["POST"])
def set_language(code: str):
    if code not in ("vi", "en"):
        abort(404)
    session["lang"] = code
    return redirect(safe_next(request.form.get("next")) or url_for("dashboard.home"))
