"""The calendar of days off and làm bù days the application counts working days with."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.core import memo
from tracker.core.text import N_
from tracker.db import UTCDateTime, db, utcnow
from tracker.workdays.official import KIND_BREAK, KIND_HOLIDAY, KIND_WORKING

KIND_LABELS = {
    KIND_HOLIDAY: N_("Ngày nghỉ lễ, Tết"),
    KIND_BREAK: N_("Ngày nghỉ hoán đổi"),
    KIND_WORKING: N_("Ngày làm bù"),
}


class CalendarDay(db.Model):
    """One listed date: a day off (a holiday or a day of a break, or a working day swapped into a day
    off) or a Saturday/Sunday worked in exchange. Unlisted days follow the weekday rule."""

    __tablename__ = "calendar_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    # The year the day belongs to (its date's year), to list and count a year without a date range.
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(10), default=KIND_HOLIDAY)
    name: Mapped[str] = mapped_column(String(160))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    @property
    def kind_label(self) -> str:
        return _(KIND_LABELS.get(self.kind, self.kind))

    @property
    def is_day_off(self) -> bool:
        return self.kind != KIND_WORKING

    def __repr__(self) -> str:
        return f"<CalendarDay {self.day} {self.kind} {self.name!r}>"


# The task lists show "còn N ngày làm việc": a change of the calendar ends their reuse (core.memo).
memo.watch(CalendarDay.__table__)
