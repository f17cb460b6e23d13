"""Deadlines and working days: the warning for a deadline on a day off, and "còn N ngày làm việc".

The task operations call `check_deadline` when a person sets a deadline (assigning, editing, asking
for or approving an extension); it refuses a day off with `DeadlineOnDayOff` unless the caller says
the person accepted it (the pages' "Vẫn giữ thời hạn này", the API's `accept_day_off: true`).
"""

from __future__ import annotations

import datetime as dt

from tracker.core.dates import fmt_weekday_date, today
from tracker.core.errors import DomainError
from tracker.core.i18n import gettext as _
from tracker.core.text import N_
from tracker.workdays.calendar import WorkCalendar
from tracker.workdays.store import current_calendar

WEEKEND_NAMES = {5: N_("thứ Bảy"), 6: N_("Chủ nhật")}


def day_off_name(calendar: WorkCalendar, day: dt.date) -> str:
    """What the day off is: its listed name ("Tết Nguyên đán"), else "thứ Bảy" / "Chủ nhật"."""
    return calendar.name_of(day) or _(WEEKEND_NAMES.get(day.weekday(), N_("ngày nghỉ")))


class DeadlineOnDayOff(DomainError):
    """A deadline on a day off, not (yet) accepted by the person who set it."""

    code = "deadline_on_day_off"
    http_status = 422
    # The words of the message a form looks for to offer "Vẫn giữ thời hạn này".
    MARK = "rơi vào ngày nghỉ"

    def __init__(self, day: dt.date, name: str, next_working_day: dt.date, *, field: str = "deadline"):
        super().__init__(
            _(
                "Thời hạn %(value)s %(MARK)s (%(name)s). Ngày làm việc tiếp theo là %(value2)s. Hãy chọn ngày khác, hoặc xác nhận vẫn giữ thời hạn này.",
                value=fmt_weekday_date(day),
                MARK=self.MARK,
                name=name,
                value2=fmt_weekday_date(next_working_day),
            ),
            field=field,
        )
        self.day = day
        self.day_name = name
        self.next_working_day = next_working_day
        self.message_en = (
            f"The deadline {day.isoformat()} falls on a day off ({name}); the next working day is "
            f"{next_working_day.isoformat()}. Choose another date, or send accept_day_off: true to keep it."
        )

    def details(self) -> dict:
        return {
            "date": self.day.isoformat(),
            "name": self.day_name,
            "next_working_day": self.next_working_day.isoformat(),
        }


def check_deadline(day: dt.date | None, *, accept: bool, field: str = "deadline") -> None:
    """Refuse a deadline on a day off (DeadlineOnDayOff) unless `accept`."""
    if day is None or accept:
        return
    calendar = current_calendar()
    if calendar.is_day_off(day):
        raise DeadlineOnDayOff(day, day_off_name(calendar, day), calendar.next_working_day(day), field=field)


def warned(field) -> bool:
    """The form field holds the day-off warning (so the form offers "Vẫn giữ thời hạn này")."""
    return any(DeadlineOnDayOff.MARK in str(e) for e in getattr(field, "errors", None) or ())


def deadline_from_working_days(assigned_on: dt.date, working_days: int) -> dt.date:
    """'hạn: N ngày làm việc từ ngày giao': the day N working days after the assignment date."""
    return current_calendar().add_working_days(assigned_on, working_days)


def working_days_left(deadline: dt.date | None, on: dt.date | None = None) -> int | None:
    """Working days from `on` (today) to the deadline: positive before it, negative after it."""
    if deadline is None:
        return None
    return current_calendar().working_days_between(on or today(), deadline)


def remaining_phrase(deadline: dt.date | None, on: dt.date | None = None) -> str:
    """'còn 3 ngày làm việc', 'đến hạn hôm nay', 'quá hạn 2 ngày làm việc' ('' without a deadline)."""
    if deadline is None:
        return ""
    on = on or today()
    n = current_calendar().working_days_between(on, deadline)
    if deadline == on:
        return _("đến hạn hôm nay")
    if deadline > on:
        if n == 0:
            return _("không còn ngày làm việc nào trước hạn")
        return _("còn %(n)s ngày làm việc", n=n)
    if n == 0:
        return _("quá hạn (chưa qua ngày làm việc nào)")
    return _("quá hạn %(n)s ngày làm việc", n=-n)
