"""The reminders' outbox (one row per e-mail), the day's job runs, and per-agency switches.

A digest is claimed by inserting its outbox row: `digest_key` is UNIQUE (kind, agency, day), so
of two processes building the same digest only one insert succeeds and only that one is sent.
Delivery claims a row again with a conditional UPDATE (pending/failed → sending) before talking
to the mail server, so a row is handed to SMTP by one process only.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.agencies.models import Agency
from tracker.core.text import N_
from tracker.db import UTCDateTime, db, utcnow

MESSAGE_KINDS = {
    "daily": N_("Thư nhắc việc hằng ngày"),
    "weekly": N_("Thư tổng hợp hằng tuần"),
    "manual": N_("Đôn đốc"),
    "leaders": N_("Thư báo lãnh đạo hằng tuần"),
}
MESSAGE_STATUSES = {
    "pending": N_("Chờ gửi"),
    "sending": N_("Đang gửi"),
    "sent": N_("Đã gửi"),
    "failed": N_("Gửi lỗi"),
}
# The parts of the daily digest a monitor can switch off for one agency ("all" = the whole digest).
SWITCH_KINDS = {
    "all": N_("Toàn bộ thư nhắc việc hằng ngày"),
    "due_soon": N_("Sắp đến hạn, đến hạn hôm nay"),
    "overdue": N_("Quá hạn"),
    "returned": N_("Bị trả lại"),
    "behind": N_("Chậm tiến độ"),
    "stale": N_("Chưa cập nhật"),
}


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    # "daily:<agency id>:<day>" / "weekly:monitors:<day>"; NULL for manual reminders (never deduplicated).
    digest_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    day: Mapped[dt.date] = mapped_column(Date)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    # Copied (Cc): the head of the agency when one of its tasks was escalated (tracker.reminders.escalation).
    cc: Mapped[list | None] = mapped_column(JSON, default=list)
    subject: Mapped[str] = mapped_column(String(255))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(255))
    task_ids: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    agency: Mapped[Agency | None] = relationship()
    created_by = relationship("User")

    __table_args__ = (
        Index("ix_outbox_messages_status_next", "status", "next_attempt_at"),
        Index("ix_outbox_messages_day", "day"),
    )

    @property
    def kind_label(self) -> str:
        return _(MESSAGE_KINDS.get(self.kind, self.kind))

    @property
    def status_label(self) -> str:
        return _(MESSAGE_STATUSES.get(self.status, self.status))

    @property
    def can_resend(self) -> bool:
        return self.status in ("pending", "failed")

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.kind} {self.status}>"


class ReminderRun(db.Model):
    """One run of the day's reminder job: claimed when it starts, marked finished at the end, so a
    scheduler starting later that day knows whether the day's digests still have to go out."""

    __tablename__ = "reminder_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    day: Mapped[dt.date] = mapped_column(Date)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    messages: Mapped[int] = mapped_column(Integer, default=0)
    host: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (UniqueConstraint("kind", "day", name="uq_reminder_runs_kind_day"),)


class ReminderSwitch(db.Model):
    """A part of the daily digest switched off for one agency (a row exists only while it is off)."""

    __tablename__ = "reminder_switches"

    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    agency: Mapped[Agency] = relationship()

    @property
    def kind_label(self) -> str:
        return _(SWITCH_KINDS.get(self.kind, self.kind))


ESCALATION_LEVELS = {
    1: N_("Báo thủ trưởng cơ quan (đồng gửi thư nhắc việc)"),
    2: N_("Báo lãnh đạo UBND tỉnh"),
}
ESCALATION_REASONS = {"overdue": N_("Quá hạn"), "stale": N_("Chưa cập nhật")}


class Escalation(db.Model):
    """A level of the escalation ladder that fired for a task. UNIQUE (task, level): claimed by its
    insert, like a digest by its outbox row, so a level fires once whatever number of schedulers
    run and however often the job is run again."""

    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    level: Mapped[int] = mapped_column(Integer)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    fired_on: Mapped[dt.date] = mapped_column(Date, index=True)
    reason: Mapped[str] = mapped_column(String(10))  # "overdue" or "stale"
    days: Mapped[int] = mapped_column(Integer)  # days overdue (or without update) when it fired
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    agency: Mapped[Agency | None] = relationship()
    task = relationship("Task")

    __table_args__ = (UniqueConstraint("task_id", "level", name="uq_escalations_task_level"),)

    @property
    def level_label(self) -> str:
        return _(ESCALATION_LEVELS.get(self.level, str(self.level)))

    @property
    def reason_label(self) -> str:
        return _(ESCALATION_REASONS.get(self.reason, self.reason))
