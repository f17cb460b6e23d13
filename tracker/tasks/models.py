"""Tasks (nhiệm vụ), their state history, events and extension requests."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.agencies.models import Agency
from tracker.core import memo
from tracker.core.text import N_
from tracker.db import UTCDateTime, db, utcnow
from tracker.documents.models import Document

STATUSES = {
    "new": N_("Chưa thực hiện"),
    "in_progress": N_("Đang thực hiện"),
    "reported": N_("Chờ xác nhận"),
    "done": N_("Đã hoàn thành"),
    "cancelled": N_("Đã dừng"),
}
OPEN_STATUSES = ("new", "in_progress")
OPEN_SQL = "status IN ('new', 'in_progress')"

AREAS = {
    "chi_dao_dieu_hanh": N_("Chỉ đạo điều hành"),
    "the_che": N_("Cải cách thể chế"),
    "tthc": N_("Cải cách TTHC"),
    "to_chuc_bo_may": N_("Cải cách tổ chức bộ máy"),
    "cong_vu": N_("Cải cách chế độ công vụ"),
    "tai_chinh_cong": N_("Cải cách tài chính công"),
    "chinh_quyen_so": N_("Chính quyền điện tử, chính quyền số"),
    "other": N_("Khác"),
}

DEADLINE_KINDS = {"date": N_("Có thời hạn"), "periodic": N_("Định kỳ"), "ongoing": N_("Thường xuyên")}
PERIODS = {
    "monthly": N_("Hằng tháng"),
    "quarterly": N_("Hằng quý"),
    "half_yearly": N_("6 tháng"),
    "yearly": N_("Hằng năm"),
}
PRIORITIES = {"normal": N_("Bình thường"), "urgent": N_("Khẩn")}

# The report categories (Biểu mẫu 01, item 5), in the order the official form lists them.
CATEGORIES = {
    "done_on_time": N_("Hoàn thành đúng hạn"),
    "done_late": N_("Hoàn thành quá hạn"),
    "awaiting_confirmation": N_("Chờ xác nhận"),
    "overdue": N_("Quá hạn chưa hoàn thành"),
    "in_progress_on_time": N_("Đang thực hiện trong hạn"),
}

task_coordinators = Table(
    "task_coordinators",
    db.metadata,
    Column("task_id", ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agencies.id"), primary_key=True, index=True),
)


class Task(db.Model):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"), index=True)
    code: Mapped[str] = mapped_column(String(60), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # A heading of the document that only groups tasks: no lead, not counted in reports.
    is_section: Mapped[bool] = mapped_column(Boolean, default=False)
    # A periodic task is a series; each period's occurrence is its own Task row pointing to it.
    series_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"), index=True)
    period_label: Mapped[str | None] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text, default="")
    # Lower-case, diacritics stripped title + content, so "cai cach" finds "cải cách".
    search_text: Mapped[str] = mapped_column(Text, default="")
    lead_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    area: Mapped[str] = mapped_column(String(30), default="other")
    assigned_on: Mapped[dt.date] = mapped_column(Date)
    deadline_kind: Mapped[str] = mapped_column(String(10), default="date")
    period: Mapped[str | None] = mapped_column(String(12))
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    original_deadline: Mapped[dt.date | None] = mapped_column(Date)
    deadline_phrase: Mapped[str | None] = mapped_column(String(255))
    expected_output: Mapped[str] = mapped_column(String(255), default="")
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    status: Mapped[str] = mapped_column(String(12), default="new")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    reported_on: Mapped[dt.date | None] = mapped_column(Date)
    confirmed_on: Mapped[dt.date | None] = mapped_column(Date)
    result_ref: Mapped[str] = mapped_column(String(255), default="")
    result_note: Mapped[str] = mapped_column(Text, default="")
    returned_reason: Mapped[str | None] = mapped_column(Text)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    extension_count: Mapped[int] = mapped_column(Integer, default=0)
    last_update_on: Mapped[dt.date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Optimistic locking: every UPDATE checks and bumps it; forms and the API carry it.
    version: Mapped[int] = mapped_column(Integer, default=1)

    document: Mapped[Document] = relationship()
    parent: Mapped[Task | None] = relationship(remote_side=[id], foreign_keys=[parent_id])
    series: Mapped[Task | None] = relationship(remote_side=[id], foreign_keys=[series_id])
    lead_agency: Mapped[Agency | None] = relationship(foreign_keys=[lead_agency_id])
    coordinating_agencies: Mapped[list[Agency]] = relationship(
        secondary=task_coordinators, order_by="Agency.name"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_tasks_document_code", "document_id", "code"),
        Index("ix_tasks_lead_status_deadline", "lead_agency_id", "status", "deadline"),
        Index("ix_tasks_status_deadline", "status", "deadline"),
        # Scale (0002): the task side of the as-of report join read from the index alone (assigned by
        # D and countable), and lists in deadline order (NULLS LAST) without sorting every task.
        Index("ix_tasks_assigned_countable", "assigned_on", "id", "is_section", "deadline_kind", "series_id"),
        Index("ix_tasks_deadline_id", "deadline", "id"),
        # Open tasks in deadline order: overdue and due-soon lists page by page. Queries must write
        # the statuses as literals (classification.open_clause) for SQLite to use a partial index.
        # The countable test's columns too, so counting the overdue needs no table row.
        Index(
            "ix_tasks_open_deadline",
            "deadline",
            "id",
            "is_section",
            "deadline_kind",
            "series_id",
            postgresql_where=text(OPEN_SQL),
            sqlite_where=text(OPEN_SQL),
        ),
    )

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)

    @property
    def area_label(self) -> str:
        return AREAS.get(self.area, self.area)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_series(self) -> bool:
        return self.deadline_kind == "periodic" and self.series_id is None

    @property
    def is_countable(self) -> bool:
        """Counted in reports: real tasks and periodic occurrences, not sections nor series."""
        return not self.is_section and not self.is_series

    def __repr__(self) -> str:
        return f"<Task {self.id} {self.code} {self.status}>"


class TaskSearch(db.Model):
    """A task's words for the full-text search (tracker.tasks.search), folded ("chữ ký số" ->
    "chu ky so", đ -> d) and split on anything not a letter or a digit ("4340/UBND-KSTT" -> "4340
    ubnd kstt"), one column per weight: the document's number and symbol first, then the task's code
    and title, its agencies' names and codes, and its content with the document's title.

    Kept in step by the write path (`search.reindex`). The database's own index over it is made by
    the migration: an FTS5 table on SQLite, a weighted tsvector with a GIN index on PostgreSQL."""

    __tablename__ = "task_search"

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True)
    doc: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    agencies: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")


# The end of a span with the open one's NULL as the last day there is: the as-of test of the spans
# alone is one range of ix_task_states_asof (`OPEN_END > D`), without an OR over NULL. Written
# literally, the same in the index and in the queries (SQLite matches the expression as written).
OPEN_END_DAY = "'9999-12-31'"
OPEN_END = text(f"coalesce(valid_to, {OPEN_END_DAY})")


class TaskState(db.Model):
    """The reportable state of a task over a span of days: [valid_from, valid_to).

    Written by the operations whenever status, deadline, completion date or lead agency changes,
    so a report as of D reads the state that held at the end of day D with one indexed join.
    The event history stays the record of truth; tests replay it and compare.
    """

    __tablename__ = "task_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    lead_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    # The task's assignment date, carried by each of its spans (0015): a report as of D reads the
    # spans alone, without joining the tasks. A task's assignment date never changes after it is
    # created, and only countable tasks have spans (record_state), so the span holds all a report's
    # population test needs. tests/tasks/test_state_spans.py checks both on every write path.
    assigned_on: Mapped[dt.date] = mapped_column(Date)

    __table_args__ = (
        # Scale (0002): replaces (task_id, valid_from) — one task's state as of D from the index alone,
        # for each task of a report (the as-of join) and for record_state.
        Index(
            "ix_task_states_task_cover",
            "task_id",
            "valid_from",
            "valid_to",
            "status",
            "deadline",
            "completed_on",
            "lead_agency_id",
            "assigned_on",  # 0015: the spans of given tasks alone, from the index
        ),
        # 0015: a report as of D over the spans alone (no join to tasks), from the index (it replaces
        # ix_task_states_span, its first two columns).
        Index(
            "ix_task_states_asof",
            OPEN_END,
            "valid_from",
            "assigned_on",
            "status",
            "deadline",
            "completed_on",
            "lead_agency_id",
            "task_id",
            "valid_to",
        ),
        # Scale (0002): reports of one agency or province (and by agency) as of D, from the index.
        Index(
            "ix_task_states_lead_span",
            "lead_agency_id",
            "valid_from",
            "valid_to",
            "task_id",
            "status",
            "deadline",
            "completed_on",
            "assigned_on",  # 0015: the spans alone answer, from the index
        ),
    )


class TaskEvent(db.Model):
    """One entry of a task's timeline: who, when, what changed (old → new), and why."""

    __tablename__ = "task_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The business date (Asia/Ho_Chi_Minh) the event takes effect; differs from `at` only for
    # history imported from spreadsheets or seeded.
    on_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30))
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    comment: Mapped[str] = mapped_column(Text, default="")

    actor = relationship("User")
    agency: Mapped[Agency | None] = relationship()

    __table_args__ = (
        Index("ix_task_events_task_at", "task_id", "at"),
        # Scale (0002): "extended as of D", the last return of a task… — events of one kind by date.
        Index("ix_task_events_kind_on", "kind", "on_date", "task_id"),
    )


class ExtensionRequest(db.Model):
    __tablename__ = "extension_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    current_deadline: Mapped[dt.date | None] = mapped_column(Date)
    requested_deadline: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")

    task: Mapped[Task] = relationship()
    requested_by = relationship("User", foreign_keys=[requested_by_id])


# The task lists and home pages show these (tracker.core.memo: their reuse ends when they change).
memo.watch(
    Task.__table__, TaskState.__table__, TaskEvent.__table__, ExtensionRequest.__table__, task_coordinators
)
