"""The reminder settings, stored in the `settings` table under one key and changed from the UI."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields

from flask_babel import gettext as _

from tracker.audit.models import Setting
from tracker.core.errors import DomainError
from tracker.core.text import N_
from tracker.db import db

SETTING_KEY = "reminders"
WEEKDAYS = [
    N_("Thứ Hai"),
    N_("Thứ Ba"),
    N_("Thứ Tư"),
    N_("Thứ Năm"),
    N_("Thứ Sáu"),
    N_("Thứ Bảy"),
    N_("Chủ nhật"),
]


@dataclass
class ReminderSettings:
    # The hour of the daily job, Asia/Ho_Chi_Minh, "HH:MM".
    send_at: str = "07:30"
    # A task due in exactly one of these numbers of days makes its agency's digest go out that day.
    days_before: list[int] = field(default_factory=lambda: [7, 3, 1])
    # The "sắp đến hạn" window (days, including today), as in the reports.
    due_soon_days: int = 7
    # Monday = 0 … Sunday = 6: the day of the monitors' weekly overview.
    weekly_day: int = 0
    # "Chưa cập nhật N ngày": an open task nobody updated for this many days.
    stale_days: int = 30
    # "Chậm tiến độ": progress more than this many points below the share of time elapsed.
    behind_margin: int = 20
    # The weekly overview lists reports awaiting confirmation for more than this many days.
    awaiting_days: int = 7
    # Count `days_before` and the "sắp đến hạn" window in working days (Quản trị → Ngày nghỉ lễ), not
    # calendar days: "nhắc trước 3 ngày làm việc".
    count_working_days: bool = False
    # The escalation ladder (tracker.reminders.escalation); 0 switches a step off.
    # Level 1: a task overdue this many days, or not updated this many, copies the agency's head on
    # the digest.
    escalate_head_days: int = 0
    escalate_stale_days: int = 0
    # Level 2: a task overdue this many days goes to the leaders (home page, weekly e-mail).
    escalate_leader_days: int = 0
    # Count the ladder's days in working days (Quản trị → Ngày nghỉ lễ).
    escalate_working_days: bool = False

    @property
    def escalation_unit(self) -> str:
        return _("ngày làm việc") if self.escalate_working_days else _("ngày")

    @property
    def hour(self) -> int:
        return int(self.send_at.split(":")[0])

    @property
    def minute(self) -> int:
        return int(self.send_at.split(":")[1])

    @property
    def send_time(self) -> dt.time:
        return dt.time(self.hour, self.minute)

    @property
    def day_unit(self) -> str:
        """What the day counts of the reminders are: "ngày" or "ngày làm việc"."""
        return _("ngày làm việc") if self.count_working_days else _("ngày")

    @property
    def weekly_day_label(self) -> str:
        return WEEKDAYS[self.weekly_day]

    def as_dict(self) -> dict:
        return asdict(self)


def parse_days_list(text: str) -> list[int]:
    """'7, 3, 1' -> [7, 3, 1] (sorted, no duplicates); DomainError with a Vietnamese message otherwise."""
    values = set()
    for part in (text or "").replace(";", ",").replace(" ", ",").split(","):
        if not part.strip():
            continue
        try:
            values.add(int(part))
        except ValueError:
            raise DomainError(
                _("«%(strip)s» không phải là một số ngày.", strip=part.strip()), field="days_before"
            ) from None
    if not values:
        raise DomainError("Hãy nhập ít nhất một số ngày, ví dụ: 7, 3, 1.", field="days_before")
    return sorted(values, reverse=True)


def validate(values: dict) -> ReminderSettings:
    """A ReminderSettings from form values; DomainError (with the field) on the first bad value."""
    current = load()
    merged = {**current.as_dict(), **values}
    try:
        parsed = dt.datetime.strptime(str(merged["send_at"]).strip(), "%H:%M").time()
    except ValueError:
        raise DomainError("Giờ gửi phải theo dạng giờ:phút, ví dụ 07:30.", field="send_at") from None
    merged["send_at"] = parsed.strftime("%H:%M")
    for name in ("escalate_head_days", "escalate_stale_days", "escalate_leader_days"):
        if merged.get(name) in (None, ""):
            merged[name] = 0  # left empty: that step of the ladder is off
    for name, low, high, label in (
        ("due_soon_days", 1, 60, "Số ngày «sắp đến hạn»"),
        ("stale_days", 1, 365, "Số ngày chưa cập nhật"),
        ("behind_margin", 0, 100, "Mức chậm tiến độ"),
        ("awaiting_days", 1, 365, "Số ngày chờ xác nhận"),
        ("weekly_day", 0, 6, "Ngày gửi thư tổng hợp"),
        ("escalate_head_days", 0, 365, "Số ngày quá hạn báo thủ trưởng"),
        ("escalate_stale_days", 0, 365, "Số ngày chưa cập nhật báo thủ trưởng"),
        ("escalate_leader_days", 0, 365, "Số ngày quá hạn báo lãnh đạo"),
    ):
        try:
            merged[name] = int(merged[name])
        except (TypeError, ValueError):
            raise DomainError(_("%(label)s phải là một số nguyên.", label=label), field=name) from None
        if not low <= merged[name] <= high:
            raise DomainError(
                _("%(label)s phải từ %(low)s đến %(high)s.", label=label, low=low, high=high), field=name
            )
    days = merged["days_before"]
    if isinstance(days, str):
        days = parse_days_list(days)
    days = sorted({int(d) for d in days}, reverse=True)
    for d in days:
        if not 1 <= d <= merged["due_soon_days"]:
            raise DomainError(
                _(
                    "Số ngày nhắc trước hạn phải từ 1 đến %(merged)s (không vượt quá số ngày «sắp đến hạn»).",
                    merged=merged["due_soon_days"],
                ),
                field="days_before",
            )
    merged["days_before"] = days
    merged["count_working_days"] = merged["count_working_days"] in (True, "1", "on", "true", "y")
    merged["escalate_working_days"] = merged["escalate_working_days"] in (True, "1", "on", "true", "y")
    head, leader = merged["escalate_head_days"], merged["escalate_leader_days"]
    if head and leader and leader <= head:
        raise DomainError(
            "Số ngày quá hạn báo lãnh đạo phải lớn hơn số ngày báo thủ trưởng cơ quan.",
            field="escalate_leader_days",
        )
    return ReminderSettings(**merged)


def load() -> ReminderSettings:
    """The settings in force: defaults, overridden by what is stored (unknown keys ignored)."""
    row = db.session.get(Setting, SETTING_KEY)
    defaults = ReminderSettings()
    if row is None or not isinstance(row.value, dict):
        return defaults
    known = {f.name for f in fields(ReminderSettings)}
    stored = {k: v for k, v in row.value.items() if k in known}
    try:
        return ReminderSettings(**{**defaults.as_dict(), **stored})
    except (TypeError, ValueError):
        return defaults
