"""Dates in the province's time zone, and the Vietnamese ways of writing dates and numbers."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

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


def fmt_number(value: int | float | None, decimals: int = 0) -> str:
    """29000 -> '29.000'; 31.1475 with decimals=2 -> '31,15'."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_percent(value: float | None, decimals: int = 2) -> str:
    """31.1475 -> '31,15 %', with a no-break space: '68 %' never wraps away from its number."""
    if value is None:
        return ""
    return f"{fmt_number(value, decimals)}\u00a0%"


# The dates the tracker accepts anywhere (pages, API, CLI, imports): the tasks of a government
# start well after 1990 and end before 2100; outside, a date is a typing error, and a report or a
# deadline computed from year 1 or 9999 would overflow the calendar.
MIN_DATE = dt.date(1990, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


def check_date_range(day: dt.date, text: str | None = None) -> dt.date:
    """`day` if within [MIN_DATE, MAX_DATE]; ValueError with a Vietnamese message otherwise."""
    if day.year < 1000:
        raise ValueError(f"Năm {day.year} không hợp lệ (nhập đủ bốn chữ số, ví dụ 30/09/2024).")
    if not MIN_DATE <= day <= MAX_DATE:
        shown = text if text is not None else fmt_date(day)
        raise ValueError(
            f"Ngày «{shown}» nằm ngoài khoảng hệ thống chấp nhận "
            f"({fmt_date(MIN_DATE)} – {fmt_date(MAX_DATE)})."
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
        raise ValueError(f"«{text}» không phải ngày dạng YYYY-MM-DD (ví dụ 2024-09-30).")
    return check_date_range(day, text)


def parse_user_date(text: str) -> dt.date:
    """dd/mm/yyyy or yyyy-mm-dd as typed by a user, within the accepted range; ValueError with a
    Vietnamese message otherwise."""
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return check_date_range(day, text)
    raise ValueError(f"Ngày «{text}» không hợp lệ (nhập theo dạng ngày/tháng/năm, ví dụ 30/09/2024).")


WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def fmt_weekday_date(value: dt.date | None) -> str:
    """'thứ Sáu 14/02/2025'."""
    if value is None:
        return ""
    return f"{WEEKDAY_NAMES[value.weekday()]} {fmt_date(value)}"
