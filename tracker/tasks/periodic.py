"""Periodic tasks: a series whose occurrences (one per month, quarter, half-year or year) each have
their own deadline and status, and count once each in reports."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.core.dates import today
from tracker.db import db
from tracker.tasks.models import Task

_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


def _period_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def periods(kind: str, start: dt.date, until: dt.date):
    """Yield (label, period_start, deadline) for every period that ends on or after `start` and
    starts on or before `until`; the deadline is the last day of the period."""
    step = _MONTHS[kind]
    month = ((start.month - 1) // step) * step + 1
    year = start.year
    while True:
        begin = dt.date(year, month, 1)
        if begin > until:
            return
        end_month = month + step - 1
        end = _period_end(year, end_month)
        if kind == "monthly":
            label = f"Tháng {month}/{year}"
        elif kind == "quarterly":
            label = f"Quý {['I', 'II', 'III', 'IV'][(month - 1) // 3]}/{year}"
        elif kind == "half_yearly":
            label = f"6 tháng {'đầu' if month == 1 else 'cuối'} năm {year}"
        else:
            label = f"Năm {year}"
        yield label, begin, end
        month += step
        if month > 12:
            month -= 12
            year += 1


# The stored label of an occurrence (above: its name in the data, exports and the API) read back,
# for the page to say it in the reader's language.
_LABELS = (
    (
        re.compile(r"^Tháng (\d{1,2})/(\d{4})$"),
        lambda m: _("Tháng %(month)s/%(year)s", month=m[1], year=m[2]),
    ),
    (re.compile(r"^Quý I/(\d{4})$"), lambda m: _("Quý I/%(year)s", year=m[1])),
    (re.compile(r"^Quý II/(\d{4})$"), lambda m: _("Quý II/%(year)s", year=m[1])),
    (re.compile(r"^Quý III/(\d{4})$"), lambda m: _("Quý III/%(year)s", year=m[1])),
    (re.compile(r"^Quý IV/(\d{4})$"), lambda m: _("Quý IV/%(year)s", year=m[1])),
    (re.compile(r"^6 tháng đầu năm (\d{4})$"), lambda m: _("6 tháng đầu năm %(year)s", year=m[1])),
    (re.compile(r"^6 tháng cuối năm (\d{4})$"), lambda m: _("6 tháng cuối năm %(year)s", year=m[1])),
    (re.compile(r"^Năm (\d{4})$"), lambda m: _("Năm %(year)s", year=m[1])),
)


def period_name(label: str | None) -> str:
    """An occurrence's label as the page says it: 'Quý III/2024' in Vietnamese, 'Q3 2024' in
    English; a label of another shape (typed in an import) as it is."""
    if not label:
        return ""
    for pattern, say in _LABELS:
        m = pattern.match(label)
        if m:
            return say(m)
    return label


def default_until() -> dt.date:
    """How far ahead occurrences are created when no date is given (the scheduler extends them daily)."""
    return today() + dt.timedelta(days=92)


def new_periods(
    kind: str,
    start: dt.date,
    until: dt.date,
    first_deadline: dt.date | None = None,
    existing: set[str] = frozenset(),
):
    """Yield (label, period_start, deadline) of the occurrences a series still needs: every period
    not in `existing`, less, for a new series, the periods due before its first deadline."""
    if kind not in _MONTHS:
        return
    created = False
    for label, begin, deadline in periods(kind, start, until):
        if label in existing:
            continue
        if first_deadline and deadline < first_deadline and not created and not existing:
            continue
        created = True
        yield label, begin, deadline


def occurrence_fields(
    series, label: str, begin: dt.date, deadline: dt.date, position: int, created_by_id: int | None
) -> dict:
    """The columns of one occurrence of `series` (a Task, or anything with its attributes)."""
    return dict(
        document_id=series.document_id,
        parent_id=series.id,
        series_id=series.id,
        code=series.code,
        title=f"{series.title} — {label}",
        content=series.content,
        search_text=series.search_text,
        lead_agency_id=series.lead_agency_id,
        area=series.area,
        assigned_on=max(series.assigned_on, begin),
        deadline_kind="date",
        deadline=deadline,
        original_deadline=deadline,
        period_label=label,
        expected_output=series.expected_output,
        priority=series.priority,
        status="new",
        progress=0,
        position=position,
        created_by_id=created_by_id,
    )


def extend_occurrences(
    series: Task, *, until: dt.date | None = None, actor=None, first_deadline: dt.date | None = None
) -> list[Task]:
    """Create the occurrences of a periodic series that start by `until` (default: three months
    ahead; the scheduler extends them daily) and do not exist yet. Safe to run again."""
    from tracker.tasks import effects
    from tracker.tasks.recording import store

    until = until or default_until()
    if series.deadline_kind != "periodic" or series.period not in _MONTHS:
        return []
    existing = set(db.session.scalars(select(Task.period_label).where(Task.series_id == series.id)).all())
    position = db.session.scalar(select(func.count()).where(Task.series_id == series.id)) or 0
    created = []
    for label, begin, deadline in new_periods(
        series.period, series.assigned_on, until, first_deadline, existing
    ):
        position += 1
        occurrence = Task(
            **occurrence_fields(series, label, begin, deadline, position, getattr(actor, "id", None))
        )
        occurrence.coordinating_agencies = list(series.coordinating_agencies)
        db.session.add(occurrence)
        db.session.flush()
        store(actor, occurrence, effects.occurrence_created(occurrence))
        created.append(occurrence)
    return created
