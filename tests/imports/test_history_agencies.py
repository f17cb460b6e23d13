"""A spreadsheet's column «Ý kiến phối hợp»: each line a coordinating agency's contribution, played as
that agency's own post_contribution on its day (the task's history shows who said what, when); a
line the check cannot accept is an error of its row and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.imports.conftest import HEADERS_VI, csv_bytes, row
from tracker.tasks.models import Task, TaskEvent

HEADERS = [*HEADERS_VI, "Ý kiến phối hợp"]


def _rows(contributions: str, **kw) -> bytes:
    fields = dict(
        code="1",
        title="Rà soát quy trình",
        lead="STC",
        coordinating="SNV; STP",
        status="Đã hoàn thành",
        completed="18/06/2024",
        reported="20/06/2024",
        confirmed="25/06/2024",
    )
    fields.update(kw)
    return csv_bytes([[*row(**fields), contributions]], headers=HEADERS)


def _count(db, model=Task) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_each_line_is_the_coordinating_agencys_contribution_on_its_day(
    runner, province, db, tmp_path, freeze
):
    freeze(dt.date(2024, 12, 1))
    path = tmp_path / "kehoach.csv"
    path.write_bytes(_rows("Sở Nội vụ (20/03/2024): Đã góp ý dự thảo\nSTP: Thẩm định quy trình"))
    result = runner.invoke(args=["import", "tasks", str(path)])
    assert result.exit_code == 0, result.output
    task = db.session.scalars(select(Task)).one()
    events = db.session.scalars(
        select(TaskEvent).where(TaskEvent.task_id == task.id).order_by(TaskEvent.id)
    ).all()
    contributions = [(e.agency_id, e.on_date, e.comment) for e in events if e.kind == "contribution"]
    assert contributions == [
        (province["STP"].id, dt.date(2024, 1, 15), "Thẩm định quy trình"),  # undated: the day of assignment
        (province["SNV"].id, dt.date(2024, 3, 20), "Đã góp ý dự thảo"),
    ]
    # In the order they happened: both before the report and the confirmation.
    assert [e.kind for e in events] == ["created", "contribution", "contribution", "reported", "confirmed"]
    assert task.status == "done"


def test_a_line_the_check_cannot_accept_is_a_row_error_and_nothing_is_written(
    runner, province, db, tmp_path, freeze
):
    freeze(dt.date(2024, 12, 1))
    path = tmp_path / "kehoach.csv"
    cases = {
        "Sở Xây dựng (01/03/2024): Góp ý": "«Sở Xây dựng» không có trong cột «Cơ quan phối hợp»",
        "SNV (30/06/2024): Góp ý muộn": "Ý kiến phối hợp ngày 30/06/2024 sau ngày xác nhận hoàn thành 25/06/2024",
        "SNV (01/01/2024): Góp ý sớm": "Ý kiến phối hợp ngày 01/01/2024 trước ngày giao 15/01/2024",
        "SNV (31/02/2024): Góp ý": "31/02/2024 không tồn tại",
        "Góp ý không ghi cơ quan": "Không hiểu ý kiến phối hợp «Góp ý không ghi cơ quan»",
    }
    for line, message in cases.items():
        path.write_bytes(_rows(line))
        result = runner.invoke(args=["import", "tasks", str(path)])
        assert result.exit_code != 0, line
        assert "cột «Ý kiến phối hợp»" in result.output and message in result.output, result.output
        assert _count(db) == 0 and _count(db, TaskEvent) == 0


def test_the_template_offers_the_column(client, auth, province, make):
    from io import BytesIO

    from openpyxl import load_workbook

    auth.login(make.monitor())
    response = client.get("/imports/template/tasks.xlsx")
    assert response.status_code == 200
    headers = [c.value for c in next(load_workbook(BytesIO(response.data)).active.iter_rows(max_row=1))]
    assert "Ý kiến phối hợp" in headers


# ── the lead before a reorganisation ─────────────────────────────────────────────────────
HEADERS_MOVED = [*HEADERS_VI, "Cơ quan chủ trì trước sắp xếp", "Ngày chuyển giao"]


@pytest.fixture
def merged(province, db):
    """Sở Kế hoạch và Đầu tư, merged into Sở Tài chính on 01/03/2025."""
    from tracker.agencies.operations import create_agency
    from tracker.reorganisation.operations import merge_agency

    planning = create_agency(
        None, code="SKHDT", name="Sở Kế hoạch và Đầu tư", kind="department", parent=province["root"]
    )
    db.session.flush()
    merge_agency(None, planning, province["STC"], on=dt.date(2025, 3, 1))
    db.session.commit()
    return planning


def _moved(former: str, moved: str = "", **kw) -> bytes:
    fields = dict(
        code="1", title="Kế hoạch đầu tư công", lead="STC", assigned="15/01/2025", deadline="31/12/2025"
    )
    fields.update(kw)
    return csv_bytes([[*row(**fields), former, moved]], headers=HEADERS_MOVED)


def _lead_on(db, task, day) -> int:
    from tracker.tasks.models import TaskState

    return db.session.scalar(
        select(TaskState.lead_agency_id).where(
            TaskState.task_id == task.id,
            TaskState.valid_from <= day,
            (TaskState.valid_to.is_(None)) | (TaskState.valid_to > day),
        )
    )


@pytest.mark.parametrize("fast", [False, True])
def test_a_task_led_by_a_merged_agency_is_its_until_the_move(province, merged, db, freeze, fast):
    from tracker.imports import operations as ops
    from tracker.imports.sheets import read_sheet
    from tracker.imports.spreadsheet import parse_tasks

    freeze(dt.date(2025, 12, 1))
    data = _moved("Sở Kế hoạch và Đầu tư", status="Đang thực hiện")
    result = parse_tasks(read_sheet("kehoach.csv", data), ops.task_context())
    assert result.ok, result.errors
    ops.write_tasks(ops.CommandLine(), result, fast=fast)
    db.session.commit()
    task = db.session.scalars(select(Task)).one()
    assert task.lead_agency_id == province["STC"].id and task.status == "in_progress"
    kinds = [
        (e.kind, e.on_date, e.agency_id)
        for e in db.session.scalars(
            select(TaskEvent).where(TaskEvent.task_id == task.id).order_by(TaskEvent.id)
        )
    ]
    # Created with the former lead, its progress on the day of assignment, moved on the merger's day.
    assert [k[:2] for k in kinds] == [
        ("created", dt.date(2025, 1, 15)),
        ("progress", dt.date(2025, 1, 15)),
        ("lead_moved", dt.date(2025, 3, 1)),
    ]
    assert kinds[1][2] == merged.id
    # A report as of a day before the move counts it for the former lead, after it for the successor.
    assert _lead_on(db, task, dt.date(2025, 2, 1)) == merged.id
    assert _lead_on(db, task, dt.date(2025, 6, 1)) == province["STC"].id


def test_a_lead_before_a_reorganisation_the_check_cannot_accept_writes_nothing(
    runner, province, merged, db, tmp_path, freeze
):
    freeze(dt.date(2025, 12, 1))
    path = tmp_path / "kehoach.csv"
    cases = [
        (
            _moved(
                "SKHDT",
                status="Đã hoàn thành",
                completed="10/02/2025",
                reported="12/02/2025",
                confirmed="20/02/2025",
            ),
            "nhiệm vụ đã kết thúc giữ cơ quan chủ trì cũ",
        ),
        (_moved("SKHDT", "10/01/2025"), "Ngày chuyển giao 10/01/2025 trước ngày giao 15/01/2025"),
        (_moved("SNV"), "Thiếu ngày chuyển giao: «Sở Nội vụ» vẫn đang hoạt động"),
        (
            _moved("SKHDT", "20/04/2025", assigned="15/04/2025"),
            "Cơ quan «Sở Kế hoạch và Đầu tư» đã ngừng hoạt động",
        ),
    ]
    for data, message in cases:
        path.write_bytes(data)
        result = runner.invoke(args=["import", "tasks", str(path)])
        assert result.exit_code != 0 and message in result.output, result.output
        assert _count(db) == 0


def test_a_message_about_a_column_the_file_leaves_out_names_it_as_the_template_does(
    runner, province, merged, db, tmp_path, freeze
):
    freeze(dt.date(2025, 12, 1))
    path = tmp_path / "kehoach.csv"
    fields = dict(
        code="1", title="Kế hoạch đầu tư công", lead="STC", assigned="15/01/2025", deadline="31/12/2025"
    )
    path.write_bytes(
        csv_bytes([[*row(**fields), "SNV"]], headers=[*HEADERS_VI, "Cơ quan chủ trì trước sắp xếp"])
    )
    result = runner.invoke(args=["import", "tasks", str(path)])
    assert result.exit_code != 0
    assert "cột «Ngày chuyển giao»: Thiếu ngày chuyển giao" in result.output, result.output
    assert _count(db) == 0
