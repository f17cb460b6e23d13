"""Admin: the agency registry as a tree."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from tracker.agencies import operations
from tracker.agencies.forms import AgencyForm
from tracker.agencies.models import Agency
from tracker.core.access import roles_required
from tracker.core.errors import DomainError
from tracker.db import db
from tracker.users.models import User

bp = Blueprint("agencies", __name__, url_prefix="/admin/agencies")


def _parent_choices(exclude: Agency | None = None):
    rows = db.session.scalars(select(Agency).order_by(Agency.path)).all()
    choices = [(0, "— Không có —")]
    for a in rows:
        if exclude is not None and a.path.startswith(exclude.path):
            continue
        depth = a.path.count("/") - 2
        choices.append((a.id, "\u00a0\u00a0" * depth + f"{a.name} ({a.code})"))
    return choices


@bp.route("/")
@roles_required("admin", "monitor")
def index():
    agencies = db.session.scalars(select(Agency).order_by(Agency.path)).all()
    focal_counts = dict(
        db.session.execute(
            select(User.agency_id, func.count()).where(User.active.is_(True)).group_by(User.agency_id)
        ).all()
    )
    by_parent: dict = {}
    for a in agencies:
        by_parent.setdefault(a.parent_id, []).append(a)
    for children in by_parent.values():
        children.sort(key=lambda a: (not a.is_active, a.kind, a.name))
    return render_template("agencies/index.html", by_parent=by_parent, focal_counts=focal_counts,
                           total=len(agencies))


def _save(form: AgencyForm, agency: Agency | None):
    parent = db.session.get(Agency, form.parent_id.data) if form.parent_id.data else None
    values = dict(code=form.code.data, name=form.name.data, kind=form.kind.data, parent=parent,
                  emails=form.emails.data or "", aliases=form.aliases.data or "", is_active=form.is_active.data)
    actor = current_user._get_current_object()
    if agency is None:
        return operations.create_agency(actor, **values)
    operations.update_agency(actor, agency, **values)
    return agency


@bp.route("/new", methods=["GET", "POST"])
@roles_required("admin")
def create():
    form = AgencyForm()
    form.parent_id.choices = _parent_choices()
    if form.validate_on_submit():
        try:
            agency = _save(form, None)
            db.session.commit()
            flash(f"Đã thêm {agency.name}.", "success")
            return redirect(url_for("agencies.index"))
        except DomainError as e:
            db.session.rollback()
            getattr(form, e.field or "code", form.code).errors.append(e.message)
    return render_template("agencies/form.html", form=form, agency=None)


@bp.route("/<int:agency_id>/edit", methods=["GET", "POST"])
@roles_required("admin")
def edit(agency_id: int):
    agency = db.get_or_404(Agency, agency_id)
    form = AgencyForm(obj=agency)
    form.parent_id.choices = _parent_choices(exclude=agency)
    if not form.is_submitted():
        form.parent_id.data = agency.parent_id or 0
    if form.validate_on_submit():
        try:
            _save(form, agency)
            db.session.commit()
            flash(f"Đã lưu {agency.name}.", "success")
            return redirect(url_for("agencies.index"))
        except DomainError as e:
            db.session.rollback()
            getattr(form, e.field or "code", form.code).errors.append(e.message)
    return render_template("agencies/form.html", form=form, agency=agency)
