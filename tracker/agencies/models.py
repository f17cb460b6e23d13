"""Agencies (cơ quan, đơn vị): a tree of departments, districts, communes and other bodies."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core import memo
from tracker.core.text import N_
from tracker.db import UTCDateTime, db, utcnow

AGENCY_KINDS = {
    "department": N_("Sở, ban, ngành cấp tỉnh"),
    "district": N_("UBND cấp huyện"),
    "commune": N_("UBND cấp xã"),
    "public_unit": N_("Đơn vị sự nghiệp công lập"),
    "central": N_("Cơ quan ngành dọc Trung ương"),
    "organisation": N_("Tổ chức chính trị - xã hội"),
    "province": N_("Cơ quan của tỉnh"),
    "external": N_("Cơ quan ngoài tỉnh"),
}

# Kinds that issue documents and lead no task: the province's own bodies (Tỉnh ủy, HĐND tỉnh, UBND
# tỉnh, the province itself as the tree's root) and the bodies outside it (ministries, Chính phủ).
ISSUER_KINDS = ("province", "external")


_SHORT = (
    ("Ủy ban nhân dân", "UBND"),
    ("Uỷ ban nhân dân", "UBND"),
    ("Hội đồng nhân dân", "HĐND"),
    ("Ban Quản lý", "BQL"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", "UBMTTQVN"),
    ("Đoàn Đại biểu Quốc hội", "Đoàn ĐBQH"),
    ("Trung tâm", "TT"),
    (" và ", " & "),
)


def short_name(name: str) -> str:
    for long, short in _SHORT:
        name = name.replace(long, short)
    return name


class Agency(db.Model):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(20), default="department")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    # Materialised path "/1/7/42/" so "this agency and everything below it" is one indexed LIKE.
    path: Mapped[str] = mapped_column(String(400), default="/", index=True)
    emails: Mapped[str] = mapped_column(Text, default="")
    # The head of the agency (thủ trưởng): copied on the digest when a task of it is escalated.
    head_email: Mapped[str] = mapped_column(String(255), default="", server_default="")
    aliases: Mapped[str] = mapped_column(Text, default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    inactive_since: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    parent: Mapped[Agency | None] = relationship(
        remote_side=[id], foreign_keys=[parent_id], back_populates="children"
    )
    children: Mapped[list[Agency]] = relationship(
        foreign_keys=[parent_id], back_populates="parent", order_by="Agency.name"
    )
    successor: Mapped[Agency | None] = relationship(remote_side=[id], foreign_keys=[successor_id])

    __table_args__ = (Index("ix_agencies_kind_active", "kind", "is_active"),)

    @property
    def email_list(self) -> list[str]:
        return [e.strip() for e in self.emails.replace(",", ";").split(";") if e.strip()]

    @property
    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.split(";") if a.strip()]

    @property
    def is_issuer(self) -> bool:
        """Issues documents, leads no task (ISSUER_KINDS)."""
        return self.kind in ISSUER_KINDS

    @property
    def short_name(self) -> str:
        """The name where space is tight: the long titles of bodies abbreviated as officials write
        them ("Ủy ban nhân dân huyện Diên Khánh" -> "UBND huyện Diên Khánh"); the full name goes in a
        title= and for screen readers."""
        return short_name(self.name)

    @property
    def kind_label(self) -> str:
        return AGENCY_KINDS.get(self.kind, self.kind)

    def refresh_path(self) -> None:
        """Recompute this agency's path from its parent's (call after flush so id is known)."""
        self.path = (self.parent.path if self.parent else "/") + f"{self.id}/"

    def __repr__(self) -> str:
        return f"<Agency {self.code}>"


# The task lists and home pages show agencies' names (tracker.core.memo).
memo.watch(Agency.__table__)
