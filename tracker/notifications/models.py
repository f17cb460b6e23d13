"""One notification of one user: what happened (`kind`, `text`), about which task, when, read when."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.text import N_
from tracker.db import UTCDateTime, db, utcnow

KINDS = {
    "assigned": N_("Giao nhiệm vụ"),
    "returned": N_("Báo cáo bị trả lại"),
    "reminder": N_("Đôn đốc"),
    "extension_approved": N_("Đồng ý gia hạn"),
    "extension_rejected": N_("Không đồng ý gia hạn"),
    "confirmed": N_("Xác nhận hoàn thành"),
}


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    task = relationship("Task")

    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at"),)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def __repr__(self) -> str:
        return f"<Notification {self.id} {self.kind} user={self.user_id}>"
