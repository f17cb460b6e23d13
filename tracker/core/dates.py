"""Dates in the province's time zone, and the Vietnamese ways of writing dates and numbers."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from tracker.core import i18n
from tracker.core.text import N_

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Tests and the seed set a fixed "today" through this hook; nothing else should.
_frozen_today: dt.date | None = None


def freeze_today(day: dt.date | None) -> None:
    global _frozen_today
    _frozen_today = day


def today() -> dt.date:
    """Today's date in Asia/Ho_Chi_Minh (the business date of every event)."""
    if _frozen_today is not None:
        return _frozen_today
    return dt.datetime.now(LOCAL_TZ).date()


def fmt_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(LOCAL_TZ).date()
    return value.strftime("%d/%m/%Y")


def fmt_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")


def fmt_when(day: dt.date, at: dt.datetime | None) -> str:
    """When an event happened, as the timeline shows it: '05/12/2026 14:30' (Asia/Ho_Chi_Minh) when
    it was recorded on its own day; the day alone when it was recorded later (history brought in by
    an import or the seed: the time of recording would not be the time it happened)."""
    if at is not None and at.astimezone(LOCAL_TZ).date() == day:
        return fmt_datetime(at)
    return fmt_date(day)


def _english() -> bool:
    """A page read in English (numbers written 29,000 and 31.15); outside a request, Vietnamese."""
    return i18n.is_english()


def fmt_number(value: int | float | None, decimals: int = 0) -> str:
    """29000 -> '29.000'; 31.1475 with decimals=2 -> '31,15' (in English '29,000', '31.15')."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    if _english():
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_percent(value: float | None, decimals: int = 2) -> str:
    """31.1475 -> '31,15 %', with a no-break space: '68 %' never wraps away from its number
    (in English '31.15%')."""
    if value is None:
        return ""
    return f"{fmt_number(value, decimals)}{'' if _english() else chr(0xA0)}%"


# The dates the tracker accepts anywhere (pages, API, CLI, imports): the tasks of a government
# start well after 1990 and end before 2100; outside, a date is a typing error, and a report or a
# deadline computed from year 1 or 9999 would overflow the calendar.
MIN_DATE = dt.date(1990, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


def check_date_range(day: dt.date, text: str | None = None) -> dt.date:
    """`day` if within [MIN_DATE, MAX_DATE]; ValueError with a Vietnamese message otherwise."""
    if day.year < 1000:
        raise ValueError(
            _("Năm %(year)s không hợp lệ (nhập đủ bốn chữ số, ví dụ 30/09/2024).", year=day.year)
        )
    if not MIN_DATE <= day <= MAX_DATE:
        shown = text if text is not None else fmt_date(day)
        raise ValueError(
            _(
                "Ngày «%(day)s» nằm ngoài khoảng hệ thống chấp nhận (%(first)s – %(last)s).",
                day=shown,
                first=fmt_date(MIN_DATE),
                last=fmt_date(MAX_DATE),
            )
        )
    return day


def parse_iso_date(text: str) -> dt.date:
    """yyyy-mm-dd (the API and the command line), within the accepted range; ValueError otherwise."""
    text = (text or "").strip()
    try:
        day = dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError(_("«%(text)s» không phải ngày dạng YYYY-MM-DD (ví dụ 2024-09-30).", text=text))
    return check_date_range(day, text)


# The ways people type a date: 5/12/2026, 05/12/2026, 5-12-2026, 5.12.2026, 5 12 2026, two-digit
# years (5/12/26), digits alone (05122026, 5122026, 051226), and yyyy-mm-dd (what the API and the old
# links carry). Always day first: 05/12/2026 is the fifth of December.
_SEPARATED = re.compile(r"(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4}|\d{2})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
EXAMPLE = "05/12/2026"


def _full_year(year: str) -> int:
    # Two digits are this century's years (26 → 2026), except 90–99, the 1990s the range allows.
    if len(year) == 2:
        return (1900 if int(year) >= 90 else 2000) + int(year)
    return int(year)


def _digits(text: str) -> list[tuple[int, int, int]]:
    """The (day, month, year) readings of a date typed as digits alone."""
    n = len(text)
    if n in (8, 6):  # ddmmyyyy, ddmmyy
        return [(int(text[:2]), int(text[2:4]), _full_year(text[4:]))]
    if n in (7, 5):  # dmmyyyy or ddmyyyy (5122026: 5/12/2026, not 51/2/2026), likewise with yy
        year = _full_year(text[3:])
        return [(int(text[0]), int(text[1:3]), year), (int(text[:2]), int(text[2]), year)]
    if n == 4:  # dmyy
        return [(int(text[0]), int(text[1]), _full_year(text[2:]))]
    return []


def _valid(day: int, month: int, year: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _not_understood(text: str, why: str = "") -> ValueError:
    hint = why or _("nhập ngày/tháng/năm, ví dụ %(example)s hoặc 05122026", example=EXAMPLE)
    return ValueError(_("Không hiểu ngày «%(text)s» (%(hint)s).", text=text, hint=hint))


def parse_user_date(text: str) -> dt.date:
    """A date as typed by a person, day first (see the formats above), within the accepted range;
    ValueError with a Vietnamese message saying what was read otherwise. The one reader of typed
    dates: the forms' date field (`core.fields.VNDateField`), the lists' and reports' filters."""
    text = (text or "").strip()
    if m := _ISO.fullmatch(text):
        readings = [(int(m.group(3)), int(m.group(2)), int(m.group(1)))]
    elif m := _SEPARATED.fullmatch(text):
        readings = [(int(m.group(1)), int(m.group(2)), _full_year(m.group(3)))]
    elif text.isascii() and text.isdigit():
        readings = _digits(text)
    else:
        raise _not_understood(text)
    days = [d for d in (_valid(*r) for r in readings) if d is not None]
    if len(days) > 1:
        a, b = days
        raise _not_understood(
            text,
            _("có thể là %(one)s hoặc %(other)s; hãy nhập đủ dd/mm/yyyy", one=fmt_date(a), other=fmt_date(b)),
        )
    if not days:
        day, month, year = readings[0] if len(readings) == 1 else (0, 0, 0)
        if 1 <= month <= 12 and day >= 1 and len(readings) == 1:
            raise _not_understood(
                text, _("tháng %(month)s/%(year)s không có ngày %(day)s", month=month, year=year, day=day)
            )
        if len(readings) == 1 and not 1 <= month <= 12:
            raise _not_understood(
                text, _("không có tháng %(month)s; nhập ngày trước, tháng sau", month=month)
            )
        raise _not_understood(text)
    return check_date_range(days[0], text)


def date_text(value: dt.date | str | None) -> str:
    """What a date field shows: dd/mm/yyyy for a date or for text that reads as one (an ISO date
    from a link, 5122026 typed in a filter), the text itself when it does not (kept to be fixed)."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return fmt_date(value)
    try:
        return fmt_date(parse_user_date(str(value)))
    except ValueError:
        return str(value)


def date_error(value: dt.date | str | None) -> str:
    """The parser's message for text that does not read as a date ("" when it does, or is empty)."""
    if value is None or isinstance(value, dt.date) or not str(value).strip():
        return ""
    try:
        parse_user_date(str(value))
    except ValueError as e:
        return str(e)
    return ""


WEEKDAY_NAMES = (
    N_("thứ Hai"),
    N_("thứ Ba"),
    N_("thứ Tư"),
    N_("thứ Năm"),
    N_("thứ Sáu"),
    N_("thứ Bảy"),
    N_("Chủ nhật"),
)


def fmt_weekday_date(value: dt.date | None) -> str:
    """'thứ Sáu 14/02/2025'."""
    if value is None:
        return ""
    return f"{_(WEEKDAY_NAMES[value.weekday()])} {fmt_date(value)}"
