"""The official reporting periods (Nghị định 09/2019/NĐ-CP; Công văn 581/BNV-CCHC).

Reporting periods are not calendar quarters: data is cut off on the 14th of the period's last month,
and a year's reporting starts on 15/12 of the year before. Quý I: 15/12 – 14/3; Quý II: 15/3 – 14/6;
6 tháng: 15/12 – 14/6; Quý III: 15/6 – 14/9; 9 tháng: 15/12 – 14/9; Quý IV: 15/9 – 14/12;
năm: 15/12 – 14/12.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _

from tracker.core.dates import fmt_date
from tracker.core.text import N_

# key -> (name, start (month, day, year offset), end (month, day))
_WINDOWS = {
    "q1": (N_("Quý I"), (12, 15, -1), (3, 14)),
    "q2": (N_("Quý II"), (3, 15, 0), (6, 14)),
    "h1": (N_("6 tháng đầu năm"), (12, 15, -1), (6, 14)),
    "q3": (N_("Quý III"), (6, 15, 0), (9, 14)),
    "m9": (N_("9 tháng"), (12, 15, -1), (9, 14)),
    "q4": (N_("Quý IV"), (9, 15, 0), (12, 14)),
    "year": (N_("Năm"), (12, 15, -1), (12, 14)),
}
OFFICIAL_PERIODS = {key: name for key, (name, _s, _e) in _WINDOWS.items()}
QUARTERS = ("q1", "q2", "q3", "q4")


@dataclass(frozen=True)
class Period:
    """A reporting window [start, end]; `key` is an official period's key or 'custom'."""

    key: str
    year: int | None
    start: dt.date
    end: dt.date

    @property
    def name(self) -> str:
        """'Quý III/2024', '6 tháng đầu năm 2024', 'Năm 2024', or 'Từ 01/07/2024 đến 30/09/2024'
        (in English 'Q3 2024', 'First half of 2024', 'Year 2024', 'From 01/07/2024 to 30/09/2024')."""
        if self.key == "custom" or self.year is None:
            return _("Từ %(start)s đến %(end)s", start=fmt_date(self.start), end=fmt_date(self.end))
        if self.key in QUARTERS:
            number = QUARTERS.index(self.key) + 1
            return _(
                "Quý %(roman)s/%(year)s",
                roman=("I", "II", "III", "IV")[number - 1],
                number=number,
                year=self.year,
            )
        if self.key == "h1":
            return _("6 tháng đầu năm %(year)s", year=self.year)
        if self.key == "m9":
            return _("9 tháng %(year)s", year=self.year)
        return _("Năm %(year)s", year=self.year)

    @property
    def short_name(self) -> str:
        """A label for a chart axis: 'Q3/2024'."""
        if self.key in QUARTERS and self.year:
            return f"Q{QUARTERS.index(self.key) + 1}/{self.year}"
        return self.name

    @property
    def window(self) -> str:
        return _("từ %(start)s đến %(end)s", start=fmt_date(self.start), end=fmt_date(self.end))


def official(key: str, year: int) -> Period:
    """The official period `key` (q1, q2, h1, q3, m9, q4, year) of reporting year `year`."""
    if key not in _WINDOWS:
        raise ValueError(f"Kỳ báo cáo không hợp lệ: {key}")
    _name, (sm, sd, offset), (em, ed) = _WINDOWS[key]
    return Period(key, year, dt.date(year + offset, sm, sd), dt.date(year, em, ed))


def custom(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise ValueError("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")
    return Period("custom", None, start, end)


def quarter_of(day: dt.date) -> Period:
    """The official quarter whose window contains `day` (15/12/2023 is in Quý I/2024)."""
    year = day.year + 1 if (day.month, day.day) >= (12, 15) else day.year
    for key in QUARTERS:
        period = official(key, year)
        if period.start <= day <= period.end:
            return period
    raise AssertionError(day)  # the four windows cover the year


def previous_quarter(period: Period) -> Period:
    return quarter_of(period.start - dt.timedelta(days=1))


def recent_quarters(day: dt.date, count: int = 4) -> list[Period]:
    """The `count` official quarters up to the one containing `day`, oldest first."""
    quarters = [quarter_of(day)]
    while len(quarters) < count:
        quarters.append(previous_quarter(quarters[-1]))
    return list(reversed(quarters))


def latest_closed(on: dt.date) -> Period:
    """The latest official quarter whose cut-off day has passed by the end of `on` — the report
    people are writing now: on 06/12/2026, Quý III/2026 (15/06/2026 – 14/09/2026); on 14/09/2024,
    Quý III/2024 itself."""
    quarter = quarter_of(on)
    return quarter if quarter.end <= on else previous_quarter(quarter)


def find(start: dt.date, end: dt.date) -> Period:
    """The official period with exactly this window, or a custom one."""
    year = end.year
    for key in _WINDOWS:
        period = official(key, year)
        if period.start == start and period.end == end:
            return period
    return custom(start, end)
