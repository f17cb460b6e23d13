"""Quản trị → Ngày nghỉ lễ: a year's days off and làm bù days (monitors read, admins change), and the
working-day arithmetic the task form asks for."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.core.access import roles_required
from tracker.core.boundary import attempt
from tracker.core.dates import fmt_date, fmt_weekday_date, parse_user_date, today
from tracker.core.errors import DomainError
from tracker.db import db
from tracker.workdays import operations, store
from tracker.workdays import year as year_view
from tracker.workdays.deadlines import day_off_name, remaining_phrase, warned
from tracker.workdays.forms import NAME_SUGGESTIONS, ConfirmForm, DaysForm
from tracker.workdays.models import CalendarDay
from tracker.workdays.official import SOURCES

bp = Blueprint("workdays", __name__, url_prefix="/admin/holidays")

_FIELDS = ("first", "last", "kind", "name")


def day_off_label(day: dt.date | None) -> str | None:
    """The name of the day off a date falls on ("Tết Nguyên đán", "Chủ nhật"); None on a working day."""
    if day is None:
        return None
    cal = store.current_calendar()
    return day_off_name(cal, day) if cal.is_day_off(day) else None


@bp.record_once
def _template_helpers(state) -> None:
    """What templates show beside a deadline: "còn N ngày làm việc", and the day off it falls on."""
    state.app.jinja_env.globals.update(
        remaining_phrase=remaining_phrase, day_off_label=day_off_label, day_off_warned=warned
    )


def _year_arg() -> int:
    try:
        year = int(request.args.get("year", ""))
    except ValueError:
        year = today().year
    return year if 2000 <= year <= 2100 else today().year


def _page(year: int, form: DaysForm, *, status: int = 200, editing=None):
    rows = store.days_of_year(year)
    cal = store.current_calendar()
    years = sorted(set(store.years()) | {year, today().year, today().year + 1})
    return render_template(
        "workdays/index.html",
        year=year,
        years=years,
        groups=year_view.groups_of(rows),
        breaks=year_view.breaks_of(cal, rows),
        months=year_view.month_grids(cal, year),
        week_header=year_view.WEEK_HEADER,
        working_days=year_view.working_day_count(cal, year),
        missing=year_view.missing_official(rows, year),
        source=SOURCES.get(year),
        form=form,
        editing=editing,
        confirm=ConfirmForm(),
        suggestions=NAME_SUGGESTIONS,
        can_change=current_user.is_admin,
    ), status


def _show_error(form: DaysForm, e: DomainError) -> None:
    field = getattr(form, e.field, None) if e.field in _FIELDS else None
    if field is not None:
        field.errors = [*field.errors, e.message]
    else:
        flash(e.message, "danger")


@bp.route("/")
@roles_required("admin", "monitor")
def index():
    year = _year_arg()
    form = DaysForm(formdata=None)
    return _page(year, form)


@bp.route("/add", methods=["POST"])
@roles_required("admin")
def add():
    form = DaysForm()
    year = _year_arg()
    if form.validate_on_submit():
        outcome = attempt(
            lambda: operations.add_days(
                current_user._get_current_object(),
                first=form.first.data,
                last=form.last.data,
                kind=form.kind.data,
                name=form.name.data,
            )
        )
        if not outcome.ok:
            _show_error(form, outcome.error)
        else:
            rows = outcome.value
            span = fmt_date(rows[0].day) + (f" – {fmt_date(rows[-1].day)}" if len(rows) > 1 else "")
            flash(
                _("Đã thêm %(n)s ngày «%(name)s»: %(span)s.", n=len(rows), name=rows[0].name, span=span),
                "success",
            )
            return redirect(url_for("workdays.index", year=rows[0].year))
        year = form.first.data.year if form.first.data else year
    return _page(year, form, status=422)


def _group_or_404(day_id: int) -> year_view.Group:
    row = db.get_or_404(CalendarDay, day_id)
    # A run may cross into the next year (a Tết break never does, a year-end break may).
    rows = [
        *store.days_of_year(row.year - 1),
        *store.days_of_year(row.year),
        *store.days_of_year(row.year + 1),
    ]
    group = year_view.group_of(rows, row.id)
    if group is None:  # the row is in its own year's list: cannot happen, but never a 500
        abort(404)
    return group


@bp.route("/<int:day_id>/edit", methods=["GET", "POST"])
@roles_required("admin")
def edit(day_id: int):
    group = _group_or_404(day_id)
    if request.method == "GET":
        form = DaysForm(
            formdata=None,
            data={
                "first": group.first,
                "last": group.last if group.last != group.first else None,
                "kind": group.kind,
                "name": group.name,
            },
        )
        return _page(group.first.year, form, editing=group)
    form = DaysForm()
    if form.validate_on_submit():
        outcome = attempt(
            lambda: operations.replace_days(
                current_user._get_current_object(),
                group.rows,
                first=form.first.data,
                last=form.last.data,
                kind=form.kind.data,
                name=form.name.data,
            )
        )
        if not outcome.ok:
            _show_error(form, outcome.error)
            group = _group_or_404(day_id)
        else:
            rows = outcome.value
            flash(_("Đã sửa «%(name)s».", name=rows[0].name), "success")
            return redirect(url_for("workdays.index", year=rows[0].year))
    return _page(group.first.year, form, status=422, editing=group)


@bp.route("/<int:day_id>/delete", methods=["POST"])
@roles_required("admin")
def delete(day_id: int):
    group = _group_or_404(day_id)
    year, name = group.first.year, group.name
    if not ConfirmForm().validate_on_submit():
        flash(_("Phiên làm việc đã hết hạn, hãy thử lại."), "warning")
        return redirect(url_for("workdays.index", year=year))
    count = operations.delete_days(current_user._get_current_object(), group.rows)
    flash(
        _(
            "Đã xóa %(count)s ngày «%(name)s»; các ngày này tính theo lịch thường (thứ Bảy, Chủ nhật nghỉ).",
            count=count,
            name=name,
        ),
        "success",
    )
    return redirect(url_for("workdays.index", year=year))


@bp.route("/load-official", methods=["POST"])
@roles_required("admin")
def load_official():
    year = _year_arg()
    if ConfirmForm().validate_on_submit():
        rows = operations.load_official(current_user._get_current_object(), [year])
        flash(
            _("Đã thêm %(n)s ngày của năm %(year)s từ dữ liệu chính thức.", n=len(rows), year=year), "success"
        )
    return redirect(url_for("workdays.index", year=year))


@bp.route("/working-days")
@roles_required("admin", "monitor")
def working_days():
    """JSON for the task form's "hạn: N ngày làm việc từ ngày giao": the deadline it gives."""
    try:
        start = parse_user_date(request.args.get("start", ""))
    except ValueError as e:
        return jsonify(error=str(e)), 400
    try:
        n = int(request.args.get("n", ""))
    except ValueError:
        return jsonify(error=_("Số ngày làm việc phải là một số nguyên.")), 400
    if not 1 <= n <= 1000:
        return jsonify(error=_("Số ngày làm việc phải từ 1 đến 1000.")), 400
    cal = store.current_calendar()
    deadline = cal.add_working_days(start, n)
    return jsonify(
        start=start.isoformat(),
        working_days=n,
        deadline=deadline.isoformat(),
        deadline_text=fmt_date(deadline),
        label=_(
            "%(n)s ngày làm việc từ %(value)s: %(value2)s",
            n=n,
            value=fmt_date(start),
            value2=fmt_weekday_date(deadline),
        ),
        skipped=[
            {"date": d.isoformat(), "name": day_off_name(cal, d)}
            for d in (start + dt.timedelta(days=i) for i in range(1, (deadline - start).days))
            if cal.is_day_off(d) and cal.name_of(d)
        ],
    )
