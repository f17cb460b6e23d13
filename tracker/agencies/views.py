"""Admin: the agency registry as a tree, and its reorganisation (merge, rename)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from tracker.agencies import operations
from tracker.agencies.forms import AgencyForm, MergeForm, RenameForm, agency_choices
from tracker.agencies.models import AGENCY_KINDS, ISSUER_KINDS, Agency
from tracker.core.access import roles_required
from tracker.core.dates import today
from tracker.core.forms import save_or_keep
from tracker.core.text import fold, matches
from tracker.db import db
from tracker.reorganisation import operations as reorganise
from tracker.users.models import User

bp = Blueprint("agencies", __name__, url_prefix="/admin/agencies")


def _parent_choices(exclude: Agency | None = None):
    rows = db.session.scalars(select(Agency).order_by(Agency.path)).all()
    choices = [(0, _("— Không có —"))]
    for a in rows:
        if exclude is not None and a.path.startswith(exclude.path):
            continue
        depth = a.path.count("/") - 2
        choices.append((a.id, "\u00a0\u00a0" * depth + f"{a.name} ({a.code})"))
    return choices


@bp.route("/")
@roles_required("admin", "monitor")
def index():
    q = (request.args.get("q") or "").strip()[:100]
    kind = request.args.get("kind") if request.args.get("kind") in AGENCY_KINDS else ""
    agencies = db.session.scalars(select(Agency).order_by(Agency.path)).all()
    if q or kind:
        # A search lists the agencies found flat (each with its parent named), not the tree.
        found = [
            a
            for a in agencies
            if (not kind or a.kind == kind) and matches(q, a.name, a.code, a.aliases, a.emails)
        ]
        found.sort(key=lambda a: (not a.is_active, fold(a.name)))
        focal_counts = _focal_counts()
        return render_template(
            "agencies/list.html",
            by_parent={None: found},
            focal_counts=focal_counts,
            total=len(agencies),
            found=len(found),
            q=q,
            kind=kind,
            kinds=AGENCY_KINDS,
        )
    focal_counts = _focal_counts()
    by_parent: dict = {}
    for a in agencies:
        by_parent.setdefault(a.parent_id, []).append(a)
    for children in by_parent.values():
        children.sort(key=lambda a: (not a.is_active, a.kind, a.name))
    # agencies/list.html extends index.html with the reorganisation links (merge, rename).
    return render_template(
        "agencies/list.html",
        by_parent=by_parent,
        focal_counts=focal_counts,
        total=len(agencies),
        found=None,
        q="",
        kind="",
        kinds=AGENCY_KINDS,
    )


def _focal_counts() -> dict[int, int]:
    return dict(
        db.session.execute(
            select(User.agency_id, func.count()).where(User.active.is_(True)).group_by(User.agency_id)
        ).all()
    )


def _save(form: AgencyForm, agency: Agency | None):
    parent = db.session.get(Agency, form.parent_id.data) if form.parent_id.data else None
    values = dict(
        code=form.code.data,
        name=form.name.data,
        kind=form.kind.data,
        parent=parent,
        emails=form.emails.data or "",
        head_email=form.head_email.data or "",
        aliases=form.aliases.data or "",
        is_active=form.is_active.data,
    )
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
        outcome = save_or_keep(form, lambda: _save(form, None), default="code")
        if outcome.ok:
            flash(_("Đã thêm %(name)s.", name=outcome.value.name), "success")
            return redirect(url_for("agencies.index"))
    status = 422 if request.method == "POST" else 200  # refused: the form again, with its message
    return render_template("agencies/form.html", form=form, agency=None), status


@bp.route("/<int:agency_id>/edit", methods=["GET", "POST"])
@roles_required("admin")
def edit(agency_id: int):
    agency = db.get_or_404(Agency, agency_id)
    form = AgencyForm(obj=agency)
    form.parent_id.choices = _parent_choices(exclude=agency)
    if not form.is_submitted():
        form.parent_id.data = agency.parent_id or 0
    if form.validate_on_submit():
        if save_or_keep(form, lambda: _save(form, agency), default="code").ok:
            flash(_("Đã lưu %(name)s.", name=agency.name), "success")
            return redirect(url_for("agencies.index"))
    status = 422 if request.method == "POST" else 200
    return render_template("agencies/form.html", form=form, agency=agency), status


@bp.route("/<int:agency_id>/merge", methods=["GET", "POST"])
@roles_required("admin")
def merge(agency_id: int):
    """Merge an agency into a successor; the page shows beforehand what will move."""
    old = db.get_or_404(Agency, agency_id)
    if not old.is_active:
        flash(_("«%(name)s» đã ngừng hoạt động; không thể sáp nhập lần nữa.", name=old.name), "warning")
        return redirect(url_for("agencies.index"))
    form = MergeForm()
    candidates = select(Agency).where(
        Agency.is_active.is_(True), Agency.id != old.id, ~Agency.path.startswith(old.path)
    )
    if old.kind not in ISSUER_KINDS:
        candidates = candidates.where(Agency.kind.not_in(ISSUER_KINDS))
    candidates = db.session.scalars(candidates).all()
    form.successor_id.choices = agency_choices(candidates, blank=_("— Chọn cơ quan tiếp nhận —"))
    if request.method == "GET":
        form.on.data = today()
    preview = reorganise.preview_merge(old)
    if form.validate_on_submit():
        successor = db.session.get(Agency, form.successor_id.data)
        outcome = save_or_keep(
            form,
            lambda: reorganise.merge_agency(
                current_user._get_current_object(),
                old,
                successor,
                on=form.on.data,
                move_users=form.users.data == "move",
            ),
            fields={"successor": "successor_id"},
            default="successor_id",
        )
        if outcome.ok:
            summary = outcome.value
            accounts = (
                _(
                    "%(summary)s tài khoản được chuyển sang %(name)s",
                    summary=summary["users"],
                    name=successor.name,
                )
                if form.users.data == "move"
                else _("%(summary)s tài khoản bị khóa", summary=summary["users"])
            )
            flash(
                _(
                    "Đã sáp nhập %(name)s vào %(name2)s: %(summary)s nhiệm vụ chuyển cơ quan chủ trì, %(summary2)s nhiệm vụ chuyển cơ quan phối hợp, %(accounts)s.",
                    name=old.name,
                    name2=successor.name,
                    summary=summary["tasks_moved"],
                    summary2=summary["coordination_moved"],
                    accounts=accounts,
                ),
                "success",
            )
            return redirect(url_for("agencies.index"))
    status = 422 if request.method == "POST" else 200
    return render_template("agencies/merge.html", form=form, agency=old, preview=preview), status


@bp.route("/<int:agency_id>/rename", methods=["GET", "POST"])
@roles_required("admin")
def rename(agency_id: int):
    """Rename an agency; the old name stays as an alias."""
    agency = db.get_or_404(Agency, agency_id)
    form = RenameForm()
    if request.method == "GET":
        form.code.data = agency.code
    if form.validate_on_submit():
        old_name = agency.name
        outcome = save_or_keep(
            form,
            lambda: reorganise.rename_agency(
                current_user._get_current_object(), agency, name=form.name.data, code=form.code.data
            ),
            default="name",
        )
        if outcome.ok:
            flash(
                _(
                    "Đã đổi tên %(old_name)s thành %(name)s; tên cũ được giữ làm tên gọi khác.",
                    old_name=old_name,
                    name=agency.name,
                ),
                "success",
            )
            return redirect(url_for("agencies.index"))
    status = 422 if request.method == "POST" else 200
    return render_template("agencies/rename.html", form=form, agency=agency), status
