"""Working-day arithmetic over a calendar of days off (pure: no database, no Flask).

A day is a working day unless it is a Saturday or a Sunday, or listed as a day off (a public holiday,
a day of a Tết break, a day off swapped with a Saturday); a Saturday or Sunday listed as a working day
(ngày làm bù) is a working day. Every "N ngày làm việc" in the application is computed here.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from functools import lru_cache

from flask_babel import gettext as _

ONE_DAY = dt.timedelta(days=1)


def _is_weekend(day: dt.date) -> bool:
    return day.weekday() >= 5


def _weekdays_in(first: dt.date, last: dt.date) -> int:
    """Monday-to-Friday days in [first, last] (0 when last < first)."""
    if last < first:
        return 0
    total = (last - first).days + 1
    weeks, rest = divmod(total, 7)
    count = weeks * 5
    start = first.weekday()
    count += sum(1 for offset in range(rest) if (start + offset) % 7 < 5)
    return count


class WorkCalendar:
    """Which days are worked, and counting in working days.

    `days_off`: dates off besides weekends (holidays, breaks); `working_days`: Saturdays or Sundays
    worked in exchange for a day off (làm bù). A date in both is refused (ValueError): a day cannot be
    both. `names` optionally gives each listed date its name ("Tết Nguyên đán", "Làm bù …").
    """

    __slots__ = ("_days_off", "_working_days", "_names", "_off_weekdays", "_worked_weekends")

    def __init__(
        self,
        days_off: Iterable[dt.date] = (),
        working_days: Iterable[dt.date] = (),
        names: Mapping[dt.date, str] | None = None,
    ) -> None:
        self._days_off = frozenset(days_off)
        self._working_days = frozenset(working_days)
        both = self._days_off & self._working_days
        if both:
            listed = ", ".join(day.strftime("%d/%m/%Y") for day in sorted(both))
            raise ValueError(
                _("Một ngày không thể vừa là ngày nghỉ vừa là ngày làm bù: %(listed)s.", listed=listed)
            )
        self._names = dict(names or {})
        # Only the listed days that change the weekday rule matter to the counting.
        self._off_weekdays = sorted(day for day in self._days_off if not _is_weekend(day))
        self._worked_weekends = sorted(day for day in self._working_days if _is_weekend(day))

    # --- what a day is -------------------------------------------------------------------------

    @property
    def days_off(self) -> frozenset[dt.date]:
        return self._days_off

    @property
    def working_days(self) -> frozenset[dt.date]:
        return self._working_days

    def is_day_off(self, day: dt.date) -> bool:
        if day in self._working_days:
            return False
        return day in self._days_off or _is_weekend(day)

    def is_working_day(self, day: dt.date) -> bool:
        return not self.is_day_off(day)

    def name_of(self, day: dt.date) -> str | None:
        """The name of a listed day (holiday, break, làm bù); None for an ordinary day or weekend."""
        return self._names.get(day)

    # --- moving in working days ----------------------------------------------------------------

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The day n working days after `start`, `start` itself not counted (before it when n < 0).

        add_working_days(date(2025, 1, 24), 10) == date(2025, 2, 14): the Tết break of
        25/01–02/02/2025 is skipped. n == 0 gives `start`, whatever it is.
        """
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day = start
        remaining = abs(n)
        while remaining:
            day += step
            if not self.is_day_off(day):
                remaining -= 1
        return day

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day` (= add_working_days(day, 1))."""
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day strictly before `day`."""
        return self.add_working_days(day, -1)

    def roll_forward(self, day: dt.date) -> dt.date:
        """`day` itself if it is a working day, else the first working day after it."""
        return day if not self.is_day_off(day) else self.next_working_day(day)

    # --- counting ------------------------------------------------------------------------------

    def count_working_days(self, first: dt.date, last: dt.date) -> int:
        """Working days in [first, last], both included (0 when last < first)."""
        if last < first:
            return 0
        off = bisect.bisect_right(self._off_weekdays, last) - bisect.bisect_left(self._off_weekdays, first)
        worked = bisect.bisect_right(self._worked_weekends, last) - bisect.bisect_left(
            self._worked_weekends, first
        )
        return _weekdays_in(first, last) - off + worked

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days from `a` to `b`: those after `a` up to and including `b`.

        Positive when b is later ("còn N ngày làm việc" with a = today, b = the deadline), negative
        when b is earlier (overdue), 0 on the same day. For any n,
        working_days_between(a, add_working_days(a, n)) == n.
        """
        if b >= a:
            return self.count_working_days(a + ONE_DAY, b)
        return -self.count_working_days(b + ONE_DAY, a)


@lru_cache(maxsize=1)
def official_calendar() -> WorkCalendar:
    """The calendar of the official days off and làm bù days of 2020–2027 kept in the repository
    (tracker/workdays/official.py); the application's own, editable calendar is in the database."""
    from tracker.workdays.official import KIND_WORKING, official_days

    days = official_days()
    return WorkCalendar(
        days_off={day.date for day in days if day.kind != KIND_WORKING},
        working_days={day.date for day in days if day.kind == KIND_WORKING},
        names={day.date: day.name for day in days},
    )
