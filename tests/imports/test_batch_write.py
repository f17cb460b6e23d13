"""The import writes its rows in batches without the ORM, and what it writes is exactly what the
workflow verbs write when they play the same rows one by one: every task column, event, state span,
coordinating agency, occurrence of a periodic task, audit entry and webhook delivery."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from sqlalchemy import func, select, text

from tests.imports.conftest import csv_bytes
from tracker.db import db as _db
from tracker.imports import operations as ops
from tracker.imports.sheets import read_sheet
from tracker.imports.spreadsheet import parse_tasks
from tracker.reorganisation.operations import merge_agency
from tracker.tasks.models import Task
from tracker.webhooks.models import Webhook

HEADERS = [
    "document",
    "code",
    "title",
    "content",
    "lead_agency",
    "coordinating_agencies",
    "area",
    "assigned_on",
    "deadline",
    "status",
    "reported_on",
    "completed_on",
    "confirmed_on",
    "expected_output",
    "result",
    "progress",
    "priority",
    "cancelled_on",
    "cancel_reason",
    "original_deadline",
    "extended_on",
    "contributions",
    "former_lead",
    "moved_on",
]


def _row(
    code,
    title,
    lead,
    assigned="15/01/2024",
    deadline="30/06/2024",
    status="",
    reported="",
    completed="",
    confirmed="",
    document="5/KH-UBND",
    coordinating="",
    area="",
    content="",
    output="",
    result="",
    progress="",
    priority="",
    cancelled="",
    reason="",
    original="",
    extended="",
    contributions="",
    former="",
    moved="",
):
    return [
        document,
        code,
        title,
        content,
        lead,
        coordinating,
        area,
        assigned,
        deadline,
        status,
        reported,
        completed,
        confirmed,
        output,
        result,
        progress,
        priority,
        cancelled,
        reason,
        original,
        extended,
        contributions,
        former,
        moved,
    ]


ROWS = [
    _row("I", "Cải cách thủ tục hành chính", "", content="Mục I của kế hoạch"),
    # Done on time, with coordinating agencies, an area, a deadline phrase, an output and a result.
    _row(
        "I.1",
        "Rà soát quy trình nội bộ",
        "STC",
        coordinating="SNV; STP; STC",
        area="Cải cách TTHC",
        deadline="Quý II năm 2024",
        status="Đã hoàn thành",
        completed="18/06/2024",
        reported="20/06/2024",
        confirmed="25/06/2024",
        output="Báo cáo UBND tỉnh",
        result="123/BC-STC",
        # The coordinating agencies' contributions: dated, undated (the day of assignment), on the
        # day the work was reported.
        contributions="SNV (20/03/2024): Đã góp ý dự thảo quy trình\nSở Tư pháp: Thẩm định\nSNV (20/06/2024): Đồng ý",
    ),
    # Done late, everything on one day; a child of a task, and a grandchild under it.
    _row(
        "I.1.a",
        "Công bố danh mục",
        "SNV",
        deadline="31/03/2024",
        status="done",
        completed="10/05/2024",
        reported="10/05/2024",
        confirmed="10/05/2024",
    ),
    _row(
        "I.1.a.1",
        "Cập nhật cổng dịch vụ công",
        "STP",
        status="Chờ xác nhận",
        completed="15/01/2024",
        reported="15/01/2024",
        result="9/TB-STP",
    ),
    # In progress, with and without a percentage; one directive to two lead agencies (same code).
    _row("I.2", "Số hóa hồ sơ", "STP", status="Đang thực hiện", progress="40", priority="Khẩn"),
    _row("I.2", "Số hóa hồ sơ", "SXD", status="in_progress", coordinating="NT"),
    _row("I.2", "Số hóa hồ sơ", "NT", status="in_progress", progress="0"),
    _row(
        "I.3",
        "Đánh giá chỉ số",
        "NT",
        coordinating="STC",
        status="reported",
        completed="01/07/2024",
        reported="05/07/2024",
        contributions="STC (10/07/2024): Ý kiến sau khi báo cáo",
    ),
    # Cancelled with a reason and a date, and with neither.
    _row(
        "I.4",
        "Khảo sát mức độ hài lòng",
        "STC",
        status="Đã dừng",
        cancelled="01/09/2024",
        reason="Không còn phù hợp",
    ),
    _row("I.5", "Tập huấn", "SNV", status="cancelled"),
    # Periodic: new, in progress, cancelled (each a series with its occurrences).
    _row("I.6", "Báo cáo tình hình", "STC", deadline="hằng quý", coordinating="SNV"),
    _row(
        "I.7",
        "Cập nhật số liệu",
        "SNV",
        deadline="hằng tháng",
        status="in_progress",
        progress="30",
        assigned="03/09/2024",
    ),
    _row("I.8", "Tổng kết năm", "STP", deadline="hằng năm", status="cancelled", cancelled="01/06/2024"),
    # Ongoing (no deadline), done; a row with no code, new, its deadline a phrase.
    _row(
        "I.9",
        "Tuyên truyền",
        "STC",
        deadline="",
        status="done",
        completed="15/01/2024",
        reported="15/01/2024",
        confirmed="02/02/2024",
    ),
    _row("", "Kiểm tra công vụ", "SXD", deadline="trong tháng 3 năm 2024", assigned="01/02/2024"),
    # Under a task already in the tracker (another document).
    _row(
        "II.1",
        "Rà soát văn bản",
        "STC",
        document="8/KH-UBND",
        status="done",
        completed="20/02/2024",
        reported="21/02/2024",
        confirmed="01/03/2024",
    ),
    _row("II.2", "Hệ thống hóa văn bản", "SNV", document="8/KH-UBND"),
    # Extended: done on time after the extension; in progress with its extension's day left blank.
    _row(
        "I.10",
        "Xây dựng cơ sở dữ liệu",
        "STC",
        deadline="30/09/2024",
        original="30/06/2024",
        extended="20/06/2024",
        status="done",
        completed="15/09/2024",
        reported="16/09/2024",
        confirmed="20/09/2024",
    ),
    # Led by an agency merged since (Sở Kế hoạch và Đầu tư into Sở Tài chính on 01/08/2024): created
    # with it, moved on the day written or on the merger's day; done after the move, and still open.
    _row(
        "I.12",
        "Đề án tổ chức lại trung tâm xúc tiến",
        "STC",
        coordinating="SNV",
        former="SKHDT",
        moved="05/08/2024",
        deadline="30/09/2024",
        status="done",
        completed="15/09/2024",
        reported="16/09/2024",
        confirmed="20/09/2024",
    ),
    _row(
        "I.13",
        "Kế hoạch đầu tư công trung hạn",
        "STC",
        former="Sở Kế hoạch và Đầu tư",
        deadline="31/12/2024",
        status="in_progress",
        progress="50",
        contributions="SNV (10/09/2024): Góp ý",
        coordinating="SNV",
    ),
    _row(
        "I.11",
        "Sắp xếp kho lưu trữ",
        "SNV",
        deadline="31/10/2024",
        original="31/07/2024",
        status="in_progress",
    ),
]

TIMESTAMPS = {"created_at", "updated_at", "at", "next_attempt_at", "requested_at", "decided_at"}
TABLES = (
    "documents",
    "tasks",
    "task_events",
    "task_states",
    "audit_log",
    "webhook_deliveries",
    "extension_requests",
)


def _max_ids() -> dict[str, int]:
    tables = _db.metadata.tables
    return {
        name: _db.session.scalar(select(func.coalesce(func.max(tables[name].c.id), 0))) for name in TABLES
    }


def _shape(value) -> str:
    """A timestamp's type, and its digits' pattern where it is text (SQLite): '9999-99-99 99:99:99.999999'."""
    return re.sub(r"\d", "9", value) if isinstance(value, str) else type(value).__name__


def _written(before: dict[str, int]) -> dict[str, list]:
    """Every row the import wrote, as stored (read without the ORM's types), timestamps by their shape
    only, ids counted from the first one it wrote in each table (PostgreSQL's sequences do not roll
    back); ids of rows it did not write are kept."""
    tables = _db.metadata.tables
    first = {}
    for name in TABLES:
        first[name] = _db.session.scalar(
            select(func.min(tables[name].c.id)).where(tables[name].c.id > before[name])
        )

    def rel(name, value):
        if value is None or value <= before[name]:
            return value
        return f"{name}#{value - first[name]}"

    out = {}
    for name in TABLES:
        rows = []
        query = text(f"SELECT * FROM {name} WHERE id > :id ORDER BY id")  # noqa: S608  (names from TABLES)
        for row in _db.session.execute(query, {"id": before[name]}).mappings():
            row = {k: _shape(v) if k in TIMESTAMPS else v for k, v in row.items()}
            row["id"] = rel(name, row["id"])
            for key in ("parent_id", "series_id", "task_id"):
                if key in row:
                    row[key] = rel("tasks", row[key])
            if name == "tasks":
                row["document_id"] = rel("documents", row["document_id"])
            if name == "audit_log" and row["object_type"] == "Task":
                row["object_id"] = rel("tasks", int(row["object_id"]))
            if name == "webhook_deliveries":
                payload = row["payload"] if isinstance(row["payload"], dict) else json.loads(row["payload"])
                task = dict(payload["task"])
                task["id"] = rel("tasks", task["id"])
                task["url"] = task["url"].rsplit("/", 1)[0]
                row["payload"] = {**payload, "task": task, "occurred_at": None}
            rows.append(row)
        out[name] = rows
    coordinators = _db.metadata.tables["task_coordinators"]
    out["task_coordinators"] = sorted(
        (rel("tasks", t), a)
        for t, a in _db.session.execute(
            select(coordinators.c.task_id, coordinators.c.agency_id).where(
                coordinators.c.task_id > before["tasks"]
            )
        )
    )
    return out


def _import(actor, *, fast: bool, batch: int):
    """Check the file against the database as it is, write it one way, and give back what was written."""
    result = parse_tasks(read_sheet("kehoach.csv", csv_bytes(ROWS, headers=HEADERS)), ops.task_context())
    assert result.ok, result.errors
    before = _max_ids()
    seen = []
    summary = ops.write_tasks(
        actor, result, fast=fast, batch=batch, progress=lambda done, total: seen.append(done)
    )
    _db.session.flush()
    written = _written(before)
    _db.session.rollback()
    return summary, seen, written


@pytest.fixture
def importing(province, make, db, freeze):
    """A monitor of Sở Nội vụ, and a plan already in the tracker with its task II."""
    freeze(dt.date(2024, 12, 1))
    monitor = make.user("monitor", agency=province["SNV"], email="theodoi@test.vn")
    document = make.document("8/KH-UBND", issued_on=dt.date(2024, 1, 5))
    planning = make.agency("SKHDT", "Sở Kế hoạch và Đầu tư", parent=province["root"])
    merge_agency(None, planning, province["STC"], on=dt.date(2024, 8, 1))
    make.task(
        lead=province["STC"],
        document=document,
        code="II",
        title="Hoàn thiện thể chế",
        assigned_on=dt.date(2024, 1, 5),
        deadline=dt.date(2024, 12, 31),
    )
    db.session.commit()
    return monitor


@pytest.mark.parametrize("batch,command_line", [(1000, False), (3, False), (1000, True)])
def test_the_batch_writer_writes_every_row_the_verbs_write(importing, db, batch, command_line):
    actor = ops.CommandLine() if command_line else importing
    by_verbs = _import(actor, fast=False, batch=batch)
    in_batches = _import(actor, fast=True, batch=batch)
    # The summary (its documents by symbol: PostgreSQL's ids go on after a rollback), the progress reported.
    for summary, _seen, _written in (by_verbs, in_batches):
        summary["document_links"] = [symbol for _id, symbol in summary["document_links"]]
    assert in_batches[:2] == by_verbs[:2]
    verbs, batches = by_verbs[2], in_batches[2]
    for table in verbs:
        for a, b in zip(batches[table], verbs[table], strict=False):
            assert a == b, (
                table,
                a.get("code"),
                {k: (a.get(k), b.get(k)) for k in {*a, *b} if a.get(k) != b.get(k)},
            )
        assert len(batches[table]) == len(verbs[table]), table
    # The sample covers what it claims to: every status, sections, parents, periodic occurrences.
    tasks = verbs["tasks"]
    assert {t["status"] for t in tasks} == {"new", "in_progress", "reported", "done", "cancelled"}
    assert any(t["is_section"] for t in tasks) and sum(1 for t in tasks if t["period_label"]) >= 10
    assert {t["version"] for t in tasks} == {1, 2, 3}
    assert any(t["parent_id"] is not None and not str(t["parent_id"]).startswith("tasks#") for t in tasks)
    assert {e["kind"] for e in verbs["task_events"]} == {
        "created",
        "progress",
        "reported",
        "confirmed",
        "cancelled",
        "extension_requested",
        "extension_approved",
        "contribution",
        "lead_moved",
    }
    assert [r["status"] for r in verbs["extension_requests"]] == ["approved", "approved"]
    assert any(s["valid_to"] for s in verbs["task_states"]) and len(verbs["task_coordinators"]) >= 5
    assert verbs["webhook_deliveries"] == []


def test_webhooks_get_the_same_deliveries_from_the_batch_writer(importing, db):
    db.session.add(
        Webhook(
            url="http://127.0.0.1:9/hook",
            secret="bí-mật",
            active=True,
            events=["task.assigned", "task.reported", "task.confirmed", "task.returned"],
        )
    )
    db.session.commit()
    by_verbs = _import(importing, fast=False, batch=1000)[2]
    in_batches = _import(importing, fast=True, batch=1000)[2]
    # The verbs flush at each delivery and so write a task twice or three times (its version); the
    # batch writer counts the one write after its history, as the verbs do without webhooks.
    for written in (by_verbs, in_batches):
        for task in written["tasks"]:
            task.pop("version")
    assert in_batches == by_verbs
    events = [d["event"] for d in by_verbs["webhook_deliveries"]]
    assert events.count("task.assigned") == sum(
        1 for t in by_verbs["tasks"] if not t["is_section"] and not t["series_id"]
    )
    assert {"task.reported", "task.confirmed"} <= set(events)


def test_an_imported_task_reads_back_as_the_orm_wrote_it(importing, db):
    """Values written without the ORM (dates, JSON, booleans) read back with their types."""
    result = parse_tasks(read_sheet("kehoach.csv", csv_bytes(ROWS, headers=HEADERS)), ops.task_context())
    ops.write_tasks(importing, result)
    db.session.commit()
    task = db.session.scalar(select(Task).where(Task.code == "I.1"))
    assert task.status == "done" and task.completed_on == dt.date(2024, 6, 18) and task.progress == 100
    assert task.parent.is_section and [a.code for a in task.coordinating_agencies] == ["SNV", "STP"]
    assert task.created_at.tzinfo is not None and task.version == 2


@pytest.mark.parametrize("fast", [True, False])
def test_imported_tasks_are_found_by_the_search_as_the_verbs_index_them(importing, db, fast):
    """The batch writer goes around the ORM; its tasks are searchable all the same, with the words
    the write path would have indexed (the document's symbol, the agencies' names)."""
    from tracker.tasks.models import TaskSearch

    result = parse_tasks(read_sheet("kehoach.csv", csv_bytes(ROWS, headers=HEADERS)), ops.task_context())
    ops.write_tasks(importing, result, fast=fast)
    db.session.commit()
    task = db.session.scalar(select(Task).where(Task.code == "I.1"))
    row = db.session.get(TaskSearch, task.id)
    assert row is not None and "snv" in row.agencies.split() and row.title.startswith("i 1 ")
    assert db.session.scalar(select(func.count()).select_from(TaskSearch)) == db.session.scalar(
        select(func.count()).select_from(Task)
    )
