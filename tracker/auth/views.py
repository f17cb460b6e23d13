"""Logging in and out, changing one's password."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select

from tracker.audit import log as audit
from tracker.auth.forms import ChangePasswordForm, LoginForm
from tracker.db import db, utcnow
from tracker.users.models import User, new_session_token
from tracker.users.passwords import hash_password, password_problem, verify_password

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: no scheme, no host, no '//' or backslash tricks."""
    if not target:
        return None
    target = target.strip()
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.home"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        ok = verify_password(user.password_hash if user else "", form.password.data)
        if ok and user.active:
            # A new session at login: nothing from before the login survives (session fixation).
            session.clear()
            login_user(user, remember=form.remember.data)
            user.last_login_at = utcnow()
            audit.record("auth.login", user, actor=user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")) or url_for("dashboard.home"))
        audit.record("auth.login_failed", actor=user if user else None, email=email)
        db.session.commit()
        # The same message whether the account exists, is inactive or the password is wrong.
        flash("Thư điện tử hoặc mật khẩu không đúng.", "danger")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        audit.record("auth.logout", current_user._get_current_object())
        db.session.commit()
    logout_user()
    session.clear()
    flash("Bạn đã đăng xuất.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not verify_password(user.password_hash, form.current.data):
            form.current.errors.append("Mật khẩu hiện tại không đúng.")
        elif problem := password_problem(form.new.data):
            form.new.errors.append(problem)
        else:
            user.password_hash = hash_password(form.new.data)
            # Every other session of this user ends; this one is renewed.
            user.session_token = new_session_token()
            audit.record("auth.password_change", user)
            db.session.commit()
            session.clear()
            login_user(user)
            flash("Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.", "success")
            return redirect(url_for("dashboard.home"))
    return render_template("auth/password.html", form=form)


@bp.route("/lang/<code>", methods=["POST"])
def set_language(code: str):
    if code not in ("vi", "en"):
        abort(404)
    session["lang"] = code
    return redirect(safe_next(request.form.get("next")) or url_for("dashboard.home"))
