"""A spreadsheet's column «Ý kiến phối hợp»: each line a coordinating agency's contribution, played as
that agency's own post_contribution on its day (the task's history shows who said what, when); a
line the check cannot accept is an error of its row and nothing is written."""

from __future__ import annotations

import datetime as dt

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
