"""Outgoing webhooks registered by admins, and their delivery outbox."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.text import N_
from tracker.db import UTCDateTime, db, utcnow

WEBHOOK_EVENTS = {
    "task.assigned": N_("Giao nhiệm vụ"),
    "task.reported": N_("Báo cáo hoàn thành"),
    "task.confirmed": N_("Xác nhận hoàn thành"),
    "task.returned": N_("Trả lại"),
    "task.overdue": N_("Quá hạn"),
}

DELIVERY_STATUSES = {
    "pending": N_("Đang chờ gửi"),
    "delivered": N_("Đã gửi"),
    "failed": N_("Gửi không thành công"),
}


class Webhook(db.Model):
    """An outgoing webhook registered by an admin. `secret` signs each delivery (HMAC-SHA256), so it
    is kept as it is: both sides must know it."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(80))
    events: Mapped[list] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def event_labels(self) -> list[str]:
        return [_(WEBHOOK_EVENTS.get(e, e)) for e in self.events or []]


class WebhookDelivery(db.Model):
    """One event to send to one webhook: queued in the same transaction as the change, sent after
    commit and by the scheduler, retried with back-off, every attempt's outcome kept."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(40))
    # Makes an event idempotent per webhook (e.g. "task.overdue:12:2024-06-30" is queued once).
    dedupe_key: Mapped[str | None] = mapped_column(String(120))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    webhook: Mapped[Webhook] = relationship()

    __table_args__ = (
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("uq_webhook_deliveries_dedupe", "webhook_id", "dedupe_key", unique=True),
        Index("ix_webhook_deliveries_webhook_created", "webhook_id", "created_at"),
    )

    @property
    def status_label(self) -> str:
        return _(DELIVERY_STATUSES.get(self.status, self.status))
