"""The calendar the application counts with, loaded from `calendar_days`.

`current_calendar()` is called by every page that shows "còn N ngày làm việc" and by each deadline
check: it reads the table once per process and version of the table (row count, highest id, latest
change: one aggregate over a few hundred rows, read with the user in the request's first statement
(memo.read_with_user); the first read takes the rows and their version in one statement) and once
per request (outside a request, e.g. in the CLI or the scheduler, the version is checked
at each call).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from flask import g, has_request_context
from sqlalchemy import func, select

from tracker.core import memo
from tracker.db import db
from tracker.workdays.calendar import WorkCalendar
from tracker.workdays.models import CalendarDay
from tracker.workdays.official import KIND_WORKING

_G_KEY = "workdays_calendar"
_cache: WeakKeyDictionary = WeakKeyDictionary()  # engine -> (version, WorkCalendar)


_VERSION = (
    ("calendar_days", lambda: func.count(CalendarDay.id)),
    ("calendar_last_id", lambda: func.max(CalendarDay.id)),
    ("calendar_last_change", lambda: func.max(CalendarDay.updated_at)),
)
for _name, _aggregate in _VERSION:
    # Read with the user at the start of each request (memo.read_with_user): no statement of its own.
    memo.read_with_user(_name)(lambda _user_id, aggregate=_aggregate: select(aggregate()).scalar_subquery())


def _version() -> tuple:
    noted = tuple(memo.noted(name) for name, _ in _VERSION)
    if noted[0] is not None:
        return noted
    row = db.session.execute(select(*(aggregate() for _, aggregate in _VERSION))).one()
    return tuple(row)


def build(rows) -> WorkCalendar:
    rows = list(rows)
    return WorkCalendar(
        days_off={r.day for r in rows if r.kind != KIND_WORKING},
        working_days={r.day for r in rows if r.kind == KIND_WORKING},
        names={r.day: r.name for r in rows},
    )


def current_calendar() -> WorkCalendar:
    """The calendar in force: weekends, and the days listed in the database."""
    if has_request_context() and _G_KEY in g:
        return g.get(_G_KEY)
    hit = _cache.get(db.engine)
    if hit is not None and hit[0] == _version():
        calendar = hit[1]
    else:  # first use in this process, or the table changed: one statement reads it all
        rows = db.session.execute(
            select(
                CalendarDay.id, CalendarDay.day, CalendarDay.kind, CalendarDay.name, CalendarDay.updated_at
            )
        ).all()
        calendar = build(rows)
        version = (
            len(rows),
            max((r.id for r in rows), default=None),
            max((r.updated_at for r in rows), default=None),
        )
        _cache[db.engine] = (version, calendar)
    if has_request_context():
        setattr(g, _G_KEY, calendar)
    return calendar


def forget() -> None:
    """After a change of the table in this request: the next current_calendar() reads it again."""
    if has_request_context():
        g.pop(_G_KEY, None)


def days_of_year(year: int) -> list[CalendarDay]:
    return list(
        db.session.scalars(select(CalendarDay).where(CalendarDay.year == year).order_by(CalendarDay.day))
    )


def years() -> list[int]:
    """The years that have listed days, in order."""
    return list(db.session.scalars(select(CalendarDay.year).distinct().order_by(CalendarDay.year)))
