"""Báo cáo → Chấm điểm: the agencies ranked by their score, the formula, the tasks that cost each
agency points (links), what an agency's score would be if some of them were done on time, the
Excel and Word exports; Quản trị → Cách chấm điểm nhiệm vụ (admins).

Monitors, leaders and admins see every agency; a focal point its own agency and those below it."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.agencies.models import Agency
from tracker.core.access import refuse, roles_required
from tracker.core.dates import parse_user_date, today
from tracker.core.forms import save_or_keep
from tracker.core.params import bounded_int
from tracker.db import db
from tracker.reports import export_docx
from tracker.scores import exports, operations, settings
from tracker.scores.compute import costly_tasks, default_as_of, score_board, what_if
from tracker.scores.forms import ScoreSettingsForm
from tracker.tasks.permissions import scope_agency_ids

bp = Blueprint("scores", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _params() -> tuple[int, dt.date | None, str]:
    """The year (default: the last year whose cut-off has passed… or this one) and the as-of day."""
    now = today()
    rules = settings.load()
    fallback = now.year if rules.window(now.year)[1] <= now else now.year - 1
    year = bounded_int(request.args.get("year")) or fallback
    if not 2000 <= year <= 2100:
        year = fallback
    error = ""
    on = None
    text = (request.args.get("as_of") or "").strip()
    if text:
        try:
            on = parse_user_date(text)
        except ValueError as e:
            error = _("Ngày chốt số liệu: %(e)s", e=e)
    return year, on, error


def _scope() -> set[int] | None:
    if current_user.sees_everything:
        return None
    if current_user.agency_id is None:
        return set()
    return set(db.session.scalars(scope_agency_ids(current_user)))


def _board():
    year, on, error = _params()
    board = score_board(year, on, _scope())
    return board, error


@bp.route("/reports/score")
@login_required
def index():
    board, error = _board()
    costly = {row.agency_id: costly_tasks(board, row.agency_id) for row in board.rows if row.costly}
    return render_template(
        "scores/index.html",
        board=board,
        costly=costly,
        error=error,
        formula=exports.formula_lines(board),
        title=exports.title(board),
        as_of_text=request.args.get("as_of", ""),
        is_cut_off=board.as_of == default_as_of(board.year, board.settings),
    )


@bp.route("/reports/score/<int:agency_id>")
@login_required
def agency(agency_id: int):
    """One agency's score, the tasks that cost it points, and «what if these were done on time»."""
    scope = _scope()
    if scope is not None and agency_id not in scope:
        refuse(404, object="score", agency=agency_id)
    the_agency = db.session.get(Agency, agency_id)
    if the_agency is None:
        abort(404)
    board, error = _board()
    row = next((r for r in board.rows if r.agency_id == agency_id), None)
    if row is None:
        return render_template(
            "scores/agency.html",
            board=board,
            row=None,
            agency=the_agency,
            error=error,
            formula=exports.formula_lines(board),
            as_of_text=request.args.get("as_of", ""),
        )
    costly = costly_tasks(board, agency_id)
    chosen = {i for i in (bounded_int(v) for v in request.args.getlist("task")) if i}
    chosen &= {t.id for t in costly}
    better = what_if(row, costly, chosen) if chosen else None
    return render_template(
        "scores/agency.html",
        board=board,
        row=row,
        costly=costly,
        chosen=chosen,
        better=better,
        error=error,
        formula=exports.formula_lines(board),
        as_of_text=request.args.get("as_of", ""),
    )


@bp.route("/reports/score.<any(xlsx, docx):fmt>")
@login_required
def export(fmt: str):
    board, _error = _board()
    name = f"cham-diem-nhiem-vu-{board.year}-{board.as_of:%Y%m%d}.{fmt}"
    if fmt == "xlsx":
        data = exports.xlsx_bytes(board)  # in the session's language, as the report's Excel file
    else:
        with force_locale(export_docx.OFFICIAL_LANGUAGE):  # a Word document for the Ministry, as the report's
            data = exports.docx_bytes(board)
    return Response(
        data,
        mimetype=XLSX if fmt == "xlsx" else DOCX,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/admin/score-settings", methods=["GET", "POST"])
@roles_required("admin")
def settings_page():
    current = settings.load()
    form = ScoreSettingsForm()
    if not form.is_submitted():
        form.max_points.data = f"{current.max_points:g}".replace(".", ",")
        form.bands.data = current.bands_text
        form.overdue_deduction.data = f"{current.overdue_deduction:g}".replace(".", ",")
        form.issuer_levels.data = current.issuer_levels
        form.areas.data = current.areas
        form.period.data = current.period
        form.agency_kinds.data = current.agency_kinds
        form.province.data = current.province
    if form.validate_on_submit():
        values = {
            "max_points": form.max_points.data,
            "bands": form.bands.data,
            "overdue_deduction": form.overdue_deduction.data,
            "issuer_levels": form.issuer_levels.data or [],
            "areas": form.areas.data or [],
            "period": form.period.data,
            "agency_kinds": form.agency_kinds.data or [],
            "province": form.province.data or "",
        }
        outcome = save_or_keep(
            form,
            lambda: operations.update_score_settings(current_user._get_current_object(), values),
            default="bands",
        )
        if outcome.ok:
            flash(_("Đã lưu cách chấm điểm. Bảng điểm tính lại theo cách mới."), "success")
            return redirect(url_for("scores.settings_page"))
    status = 422 if form.is_submitted() else 200
    return render_template("scores/settings.html", form=form, current=current), status
