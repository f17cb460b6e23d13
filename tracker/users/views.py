"""Admin: user accounts."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from tracker.agencies.models import ISSUER_KINDS, Agency
from tracker.core.access import roles_required
from tracker.core.forms import save_or_keep
from tracker.db import db
from tracker.users import operations
from tracker.users.forms import ConfirmForm, UserForm
from tracker.users.models import ROLES, User

bp = Blueprint("users", __name__, url_prefix="/admin/users")


def _agency_choices():
    rows = db.session.scalars(
        select(Agency)
        .where(Agency.is_active.is_(True), Agency.kind.not_in(ISSUER_KINDS))
        .order_by(Agency.name)
    ).all()
    return [(0, _("— Không thuộc cơ quan —"))] + [(a.id, f"{a.name} ({a.code})") for a in rows]


@bp.route("/")
@roles_required("admin")
def index():
    q = (request.args.get("q") or "").strip()
    stmt = select(User).options(selectinload(User.agency)).order_by(User.role, User.email)
    if q:
        like = f"%{q}%"
        stmt = stmt.outerjoin(Agency, User.agency_id == Agency.id).where(
            or_(
                User.email.ilike(like),
                User.full_name.ilike(like),
                Agency.name.ilike(like),
                Agency.code.ilike(like),
            )
        )
    users = db.session.scalars(stmt).all()
    return render_template("users/index.html", users=users, q=q, roles=ROLES, confirm=ConfirmForm())


def _values(form):
    agency = db.session.get(Agency, form.agency_id.data) if form.agency_id.data else None
    return dict(email=form.email.data, full_name=form.full_name.data, role=form.role.data, agency=agency)


@bp.route("/new", methods=["GET", "POST"])
@roles_required("admin")
def create():
    form = UserForm()
    form.agency_id.choices = _agency_choices()
    status = 200
    if form.validate_on_submit():

        def save():
            user, password = operations.create_user(current_user._get_current_object(), **_values(form))
            user.active = form.active.data
            return user, password

        outcome = save_or_keep(form, save)
        if outcome.ok:
            user, password = outcome.value
            flash(
                _(
                    "Đã tạo tài khoản %(email)s. Mật khẩu ban đầu (chỉ hiện một lần): %(password)s",
                    email=user.email,
                    password=password,
                ),
                "success",
            )
            return redirect(url_for("users.index"))
        status = outcome.status
    return render_template("users/form.html", form=form, user=None), status


@bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
@roles_required("admin")
def edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = UserForm(obj=user)
    form.agency_id.choices = _agency_choices()
    if not form.is_submitted():
        form.agency_id.data = user.agency_id or 0
    status = 200
    if form.validate_on_submit():

        def save():
            operations.update_user(
                current_user._get_current_object(), user, active=form.active.data, **_values(form)
            )

        outcome = save_or_keep(form, save)
        if outcome.ok:
            flash(_("Đã lưu tài khoản %(email)s.", email=user.email), "success")
            return redirect(url_for("users.index"))
        status = outcome.status
    return render_template("users/form.html", form=form, user=user, confirm=ConfirmForm()), status


@bp.route("/<int:user_id>/reset-password", methods=["POST"])
@roles_required("admin")
def reset_password(user_id: int):
    user = db.get_or_404(User, user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        password = operations.reset_password(current_user._get_current_object(), user)
        flash(
            _(
                "Đã đặt lại mật khẩu cho %(email)s. Mật khẩu mới (chỉ hiện một lần): %(password)s",
                email=user.email,
                password=password,
            ),
            "success",
        )
    return redirect(url_for("users.edit", user_id=user.id))
