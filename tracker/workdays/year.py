"""What the calendar page shows of one year: the listed days grouped into runs, the breaks (runs of
days off, weekends included), twelve month grids, and the count of working days."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass, field

from flask_babel import gettext as _

from tracker.core.text import N_
from tracker.workdays.calendar import WorkCalendar
from tracker.workdays.models import CalendarDay
from tracker.workdays.official import KIND_WORKING, official_days

ONE_DAY = dt.timedelta(days=1)
# Shown in the page's language (translated where shown: `_(h)` in the template, `month_name` here).
WEEK_HEADER = [N_("T2"), N_("T3"), N_("T4"), N_("T5"), N_("T6"), N_("T7"), N_("CN")]


MONTHS = [
    N_("Tháng 1"),
    N_("Tháng 2"),
    N_("Tháng 3"),
    N_("Tháng 4"),
    N_("Tháng 5"),
    N_("Tháng 6"),
    N_("Tháng 7"),
    N_("Tháng 8"),
    N_("Tháng 9"),
    N_("Tháng 10"),
    N_("Tháng 11"),
    N_("Tháng 12"),
]


def month_name(month: int) -> str:
    return _(MONTHS[month - 1])


@dataclass
class Group:
    """Consecutive listed days with the same kind and name (a Tết break is one group)."""

    rows: list[CalendarDay]

    @property
    def first(self) -> dt.date:
        return self.rows[0].day

    @property
    def last(self) -> dt.date:
        return self.rows[-1].day

    @property
    def kind(self) -> str:
        return self.rows[0].kind

    @property
    def kind_label(self) -> str:
        return self.rows[0].kind_label

    @property
    def name(self) -> str:
        return self.rows[0].name

    @property
    def key(self) -> int:
        return self.rows[0].id


@dataclass
class Break:
    """A run of days off (weekends included) that holds at least one listed day off."""

    first: dt.date
    last: dt.date
    names: list[str] = field(default_factory=list)

    @property
    def length(self) -> int:
        return (self.last - self.first).days + 1


@dataclass
class Cell:
    day: dt.date
    in_month: bool
    css: str
    title: str


def groups_of(rows: list[CalendarDay]) -> list[Group]:
    out: list[Group] = []
    for row in sorted(rows, key=lambda r: r.day):
        last = out[-1] if out else None
        if last and last.last + ONE_DAY == row.day and last.kind == row.kind and last.name == row.name:
            last.rows.append(row)
        else:
            out.append(Group([row]))
    return out


def group_of(rows: list[CalendarDay], row_id: int) -> Group | None:
    """The group holding the row `row_id` (rows: its year's, or the neighbouring years' too)."""
    for group in groups_of(rows):
        if any(r.id == row_id for r in group.rows):
            return group
    return None


def breaks_of(cal: WorkCalendar, rows: list[CalendarDay]) -> list[Break]:
    out: list[Break] = []
    for row in sorted(rows, key=lambda r: r.day):
        if row.kind == KIND_WORKING:
            continue
        if out and out[-1].first <= row.day <= out[-1].last:
            if row.name not in out[-1].names:
                out[-1].names.append(row.name)
            continue
        first = last = row.day
        while cal.is_day_off(first - ONE_DAY) and (row.day - first).days < 40:
            first -= ONE_DAY
        while cal.is_day_off(last + ONE_DAY) and (last - row.day).days < 40:
            last += ONE_DAY
        out.append(Break(first, last, [row.name]))
    return out


def month_grids(cal: WorkCalendar, year: int) -> list[tuple[str, list[list[Cell]]]]:
    grids = []
    for month in range(1, 13):
        weeks = []
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells = []
            for day in week:
                name = cal.name_of(day)
                if day in cal.working_days:
                    css = "cal-working"
                elif cal.is_day_off(day) and name:
                    css = "cal-holiday"
                elif cal.is_day_off(day):
                    css = "cal-weekend"
                else:
                    css = "cal-day"
                cells.append(Cell(day, day.month == month, css, name or ""))
            weeks.append(cells)
        grids.append((month_name(month), weeks))
    return grids


def missing_official(rows: list[CalendarDay], year: int) -> int:
    """Official days of the year (tracker/workdays/official.py) the calendar does not list."""
    listed = {r.day for r in rows}
    return sum(1 for d in official_days(year) if d.date not in listed)


def working_day_count(cal: WorkCalendar, year: int) -> int:
    return cal.count_working_days(dt.date(year, 1, 1), dt.date(year, 12, 31))
