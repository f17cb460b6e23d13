"""Managing accounts: create, edit role/agency/active, reset password. Admins only (and the CLI)."""

from __future__ import annotations

import secrets

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.agencies.models import Agency
from tracker.audit import log as audit
from tracker.core.errors import DomainError, PermissionDenied
from tracker.db import db
from tracker.users.models import ROLES, User, new_session_token
from tracker.users.passwords import hash_password, password_problem


def _require_admin(actor) -> None:
    # actor None = the command line, run by whoever administers the server.
    if actor is not None and not actor.is_admin:
        raise PermissionDenied(_("Chỉ quản trị viên mới quản lý được tài khoản."))


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def _check(email: str, role: str, agency: Agency | None, user: User | None = None) -> str:
    email = (email or "").strip().lower()
    if "@" not in email or "." not in email.split("@")[-1]:
        raise DomainError(_("Địa chỉ thư điện tử không hợp lệ."), field="email")
    if role not in ROLES:
        raise DomainError(_("Vai trò không hợp lệ."), field="role")
    if role == "focal" and agency is None:
        raise DomainError(_("Đầu mối phải thuộc một cơ quan."), field="agency_id")
    clash = db.session.scalar(select(User).where(func.lower(User.email) == email))
    if clash is not None and clash is not user:
        raise DomainError(_("Địa chỉ thư điện tử này đã có tài khoản."), field="email")
    return email


def create_user(
    actor,
    *,
    email: str,
    role: str,
    agency: Agency | None = None,
    full_name: str = "",
    password: str | None = None,
    check_password: bool = True,
) -> tuple[User, str]:
    """Create an account; returns it and its password (generated when none is given)."""
    _require_admin(actor)
    email = _check(email, role, agency)
    password = password or generate_password()
    if check_password and (problem := password_problem(password)):
        raise DomainError(problem, field="password")
    user = User(
        email=email,
        role=role,
        agency=agency if role == "focal" or agency else None,
        full_name=full_name or "",
        password_hash=hash_password(password),
    )
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", user, actor=actor, email=email, role=role)
    return user, password


def update_user(
    actor, user: User, *, email: str, full_name: str, role: str, agency: Agency | None, active: bool
) -> dict:
    _require_admin(actor)
    email = _check(email, role, agency, user)
    if actor is not None and user.id == actor.id and (not active or role != "admin"):
        raise DomainError(_("Bạn không thể tự khóa hoặc tự bỏ quyền quản trị của mình."), field="role")
    new = {
        "email": email,
        "full_name": full_name or "",
        "role": role,
        "agency_id": agency.id if agency else None,
        "active": active,
    }
    changes = {k: (getattr(user, k), v) for k, v in new.items() if getattr(user, k) != v}
    for k, v in new.items():
        setattr(user, k, v)
    if "active" in changes and not active or "role" in changes or "agency_id" in changes:
        # Deactivation or a change of rights ends the user's sessions everywhere.
        user.session_token = new_session_token()
    if changes:
        audit.record(
            "user.update", user, actor=actor, changes={k: [str(o), str(n)] for k, (o, n) in changes.items()}
        )
    return changes


def reset_password(actor, user: User, password: str | None = None) -> str:
    """Give the account a new password (generated unless given; a given one must pass the password
    rules) and end all its sessions. Returns the password to hand over."""
    _require_admin(actor)
    if password is not None and (problem := password_problem(password)):
        raise DomainError(problem, field="password")
    password = password or generate_password()
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    audit.record("user.reset_password", user, actor=actor)
    return password
