"""Source documents (văn bản giao nhiệm vụ)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.agencies.models import Agency
from tracker.core import memo
from tracker.core.text import N_
from tracker.db import UTCDateTime, db, utcnow

DOCUMENT_KINDS = {
    "conclusion": N_("Kết luận"),
    "conclusion_notice": N_("Thông báo kết luận"),
    "official_letter": N_("Công văn"),
    "action_programme": N_("Chương trình hành động"),
    "plan": N_("Kế hoạch"),
    "decision": N_("Quyết định"),
    "directive": N_("Chỉ thị"),
    "resolution": N_("Nghị quyết"),
    "report": N_("Báo cáo"),
}

ISSUER_LEVELS = {
    "government": N_("Chính phủ, Thủ tướng Chính phủ"),
    "ministry": N_("Bộ, ngành Trung ương"),
    "party": N_("Tỉnh ủy"),
    "council": N_("HĐND tỉnh"),
    "committee": N_("UBND tỉnh, Chủ tịch UBND tỉnh"),
    "other": N_("Khác"),
}


class Document(db.Model):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    symbol: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(30), default="official_letter")
    issuer: Mapped[str] = mapped_column(String(255), default="")
    issuer_level: Mapped[str] = mapped_column(String(20), default="committee", index=True)
    province_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    issued_on: Mapped[dt.date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    is_urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Published on the public programme page (/cong-khai/) since; None: not published.
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    province: Mapped[Agency | None] = relationship()

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def kind_label(self) -> str:
        return DOCUMENT_KINDS.get(self.kind, self.kind)

    @property
    def issuer_level_label(self) -> str:
        return ISSUER_LEVELS.get(self.issuer_level, self.issuer_level)

    def __repr__(self) -> str:
        return f"<Document {self.symbol}>"


# The task lists and home pages show documents (tracker.core.memo).
memo.watch(Document.__table__)
