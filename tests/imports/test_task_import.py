"""Importing tasks: the preview writes nothing, the confirmation writes all rows or none, a
re-import adds nothing, and historic rows give the reports as of past dates."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text

from tests.imports.conftest import HEADERS_VI, csv_bytes, row, xlsx_bytes
from tracker.audit.models import AuditEntry
from tracker.documents.models import Document
from tracker.imports import operations as ops
from tracker.imports.batch import BatchWriter
from tracker.imports.sheets import read_sheet
from tracker.imports.spreadsheet import parse_tasks
from tracker.tasks import operations as workflow
from tracker.tasks.models import Task, TaskEvent


def _count(db, model=Task) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def _upload(client, data: bytes, name="nhiemvu.csv", kind="tasks"):
    response = client.post(
        "/imports/upload",
        data={"kind": kind, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[1]


# ── the pages ───────────────────────────────────────────────────────────────────────────
def test_a_monitor_uploads_sees_the_preview_and_only_the_confirmation_writes(
    client, auth, province, make, db, freeze
):
    freeze(dt.date(2024, 12, 1))
    auth.login(make.monitor())
    data = xlsx_bytes(
        [
            row(code="I", title="Cải cách thủ tục hành chính", lead=""),
            row(
                code="I.1",
                title="Rà soát quy trình nội bộ",
                lead="Sở Tài Chính",
                coordinating="Sở Nội vụ",
                area="Cải cách TTHC",
                deadline="Quý II năm 2024",
                status="Đã hoàn thành",
                reported="20/06/2024",
                completed="18/06/2024",
                confirmed="25/06/2024",
            ),
            row(code="I.2", title="Công bố danh mục", lead="STP"),
        ]
    )
    token = _upload(client, data, "kehoach.xlsx")
    page = client.get(f"/imports/{token}").get_data(as_text=True)
    assert "Tệp hợp lệ" in page and "Nhập 3 nhiệm vụ" in page and "1 văn bản mới" in page
    assert "hiểu là «Sở Tài chính» (STC)" in page  # the near-miss warning
    assert "Rà soát quy trình nội bộ" in page and "Đã hoàn thành" in page
    assert _count(db) == 0 and _count(db, Document) == 0  # nothing written by the preview
    response = client.post(f"/imports/{token}/confirm")
    assert response.status_code == 302
    assert "Đã nhập xong" in client.get(f"/imports/{token}").get_data(as_text=True)
    tasks = {t.code: t for t in db.session.scalars(select(Task))}
    assert set(tasks) == {"I", "I.1", "I.2"} and tasks["I"].is_section
    assert tasks["I.1"].parent_id == tasks["I"].id and tasks["I.1"].status == "done"
    assert tasks["I.1"].completed_on == dt.date(2024, 6, 18) and tasks["I.1"].deadline == dt.date(2024, 6, 30)
    assert [a.code for a in tasks["I.1"].coordinating_agencies] == ["SNV"]
    # A second click does not import twice.
    client.post(f"/imports/{token}/confirm")
    assert _count(db) == 3


def test_a_file_with_errors_lists_every_bad_row_and_cannot_be_confirmed(client, auth, province, make, db):
    auth.login(make.monitor())
    token = _upload(
        client, csv_bytes([row(deadline="31/02/2024"), row(code="2"), row(code="3", lead="Sở Du lịch")])
    )
    page = client.get(f"/imports/{token}").get_data(as_text=True)
    assert "Tệp có 2 lỗi ở 2 dòng — chưa nhập được" in page and "Chưa có gì được ghi" in page
    assert "Ngày 31/02/2024 không tồn tại" in page and "Không có cơ quan «Sở Du lịch»" in page
    assert "confirm-import" not in page
    client.post(f"/imports/{token}/confirm", follow_redirects=True)
    assert _count(db) == 0
    listing = client.get(f"/imports/{token}/errors.csv")
    assert listing.status_code == 200 and "31/02/2024" in listing.get_data(as_text=True)


@pytest.mark.parametrize(
    "name,data,words",
    [
        ("rong.csv", b"", "rỗng"),
        ("cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "Excel 97–2003"),
        (
            "ansi.csv",
            "Văn bản,Tên nhiệm vụ\n1,Rà soát\n".encode("cp1252", errors="replace").replace(b"?", b"\xe0"),
            "không dùng bảng mã UTF-8",
        ),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_nothing_is_written(
    client, auth, province, make, db, name, data, words
):
    auth.login(make.monitor())
    token = _upload(client, data, name)
    page = client.get(f"/imports/{token}").get_data(as_text=True)
    assert "Không nhập được tệp" in page and words in page and "Chưa có gì được ghi" in page
    assert _count(db) == 0


def test_a_crash_in_the_middle_of_writing_leaves_nothing(
    client, auth, province, make, db, monkeypatch, freeze
):
    freeze(dt.date(2024, 12, 1))
    auth.login(make.monitor())
    rows = [
        row(code=str(i), title=f"Việc {i}", status="Đã hoàn thành", completed="10/06/2024")
        for i in range(1, 121)
    ]
    token = _upload(client, csv_bytes(rows))
    calls = {"n": 0}
    real = BatchWriter.write

    def failing(self, chunk):
        real(self, chunk)  # the batch's tasks, events, states and audit entries are in the transaction
        calls["n"] += 1
        raise RuntimeError("mất kết nối cơ sở dữ liệu")

    monkeypatch.setattr(BatchWriter, "write", failing)
    client.post(f"/imports/{token}/confirm")
    page = client.get(f"/imports/{token}").get_data(as_text=True)
    assert calls["n"] == 1 and "chưa có gì được ghi" in page
    assert _count(db) == 0 and _count(db, Document) == 0 and _count(db, TaskEvent) == 0
    assert db.session.scalar(select(func.count()).where(AuditEntry.action == "task.create")) == 0


def test_another_monitor_cannot_see_my_import_and_a_focal_point_cannot_import(
    client, auth, province, make, db
):
    mine, other = make.monitor(), make.user("monitor", agency=None)
    focal = make.user("focal", agency=province["STC"])
    db.session.commit()
    auth.login(mine)
    token = _upload(client, csv_bytes([row()]))
    auth.logout()
    auth.login(other)
    assert client.get(f"/imports/{token}").status_code == 404
    assert client.post(f"/imports/{token}/confirm").status_code == 404
    auth.logout()
    auth.login(focal)
    assert client.get("/imports/").status_code == 403
    assert client.post("/imports/upload", data={"kind": "tasks"}).status_code == 403


def test_only_an_admin_imports_agencies(client, auth, province, make, db):
    auth.login(make.monitor())
    data = csv_bytes(
        [["SYT", "Sở Y tế", "Sở, ban, ngành cấp tỉnh", "KH", "syt@kh.gov.vn"]],
        headers=["Mã", "Tên cơ quan", "Loại", "Cơ quan cấp trên", "Thư điện tử"],
    )
    response = client.post(
        "/imports/upload",
        data={"kind": "agencies", "file": (io.BytesIO(data), "cq.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 403
    auth.logout()
    admin = make.user("admin", agency=None)
    db.session.commit()
    auth.login(admin)
    token = _upload(client, data, "cq.csv", kind="agencies")
    assert "Nhập 1 cơ quan" in client.get(f"/imports/{token}").get_data(as_text=True)
    client.post(f"/imports/{token}/confirm")
    from tracker.agencies.models import Agency

    db.session.expire_all()
    agency = db.session.scalar(select(Agency).where(Agency.code == "SYT"))
    assert agency.parent.code == "KH" and agency.emails == "syt@kh.gov.vn"


def test_the_template_has_the_headers_an_example_and_drop_down_lists(client, auth, province, make):
    auth.login(make.monitor())
    response = client.get("/imports/template/tasks.xlsx")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.data))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]][:3] == ["Văn bản (*)", "Số thứ tự", "Tên nhiệm vụ (*)"]
    assert ws["C2"].value.startswith("Ví dụ")
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "Danh mục" in lists["J"] and "Danh mục" in lists["G"]  # Trạng thái, Lĩnh vực
    assert [c.value for c in wb["Danh mục"]["A"]][1:6] == [
        "Chưa thực hiện",
        "Đang thực hiện",
        "Chờ xác nhận",
        "Đã hoàn thành",
        "Đã dừng",
    ]
    assert "Sở Tư pháp" in [c.value for c in wb["Cơ quan"]["A"]]
    assert client.get("/imports/template/agencies.xlsx").status_code == 200


# ── re-importing ────────────────────────────────────────────────────────────────────────
def test_reimporting_the_same_file_adds_nothing_and_a_changed_row_is_reported(
    runner, province, db, tmp_path, freeze
):
    freeze(dt.date(2024, 12, 1))
    path = tmp_path / "kehoach.csv"
    rows = [
        row(code="1", title="Rà soát"),
        row(code="2", title="Công bố", lead="SNV", status="Đang thực hiện"),
        row(code="2", title="Công bố", lead="STP"),
    ]
    path.write_bytes(csv_bytes(rows))
    first = runner.invoke(args=["import", "tasks", str(path)])
    assert first.exit_code == 0, first.output
    assert _count(db) == 3
    again = runner.invoke(args=["import", "tasks", str(path)])
    assert again.exit_code == 0 and "0 dòng sẽ được tạo, 3 dòng đã có" in again.output
    assert _count(db) == 3
    rows[0] = row(code="1", title="Rà soát", deadline="31/07/2024")
    path.write_bytes(csv_bytes(rows))
    changed = runner.invoke(args=["import", "tasks", str(path)])
    assert changed.exit_code == 0 and "1 dòng khác với dữ liệu đã có" in changed.output
    assert "Thời hạn: trong hệ thống «30/06/2024», trong tệp «31/07/2024»" in changed.output
    assert _count(db) == 3


# ── the command line ────────────────────────────────────────────────────────────────────
def test_the_cli_prints_every_row_error_and_exits_non_zero(runner, province, db, tmp_path):
    path = tmp_path / "loi.csv"
    path.write_bytes(csv_bytes([row(title=""), row(code="2", deadline="31/02/2024"), row(code="3")]))
    result = runner.invoke(args=["import", "tasks", str(path)])
    assert result.exit_code != 0
    assert "Dòng 2, cột «Tên nhiệm vụ»: Thiếu tên nhiệm vụ." in result.output
    assert "Dòng 3, cột «Thời hạn»: Ngày 31/02/2024 không tồn tại." in result.output
    assert "Tệp có 2 lỗi ở 2 dòng; chưa nhập dòng nào." in result.output
    assert _count(db) == 0


def test_the_cli_dry_run_writes_nothing(runner, province, db, tmp_path):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(xlsx_bytes([row(), row(code="2")]))
    result = runner.invoke(args=["import", "tasks", str(path), "--dry-run"])
    assert result.exit_code == 0 and "2 dòng sẽ được tạo" in result.output and "chưa ghi gì" in result.output
    assert _count(db) == 0


def test_the_cli_imports_agencies(runner, province, db, tmp_path):
    path = tmp_path / "cq.csv"
    path.write_bytes(
        csv_bytes(
            [["HX", "UBND huyện X", "UBND cấp huyện", "KH", ""], ["HX-1", "UBND xã Một", "xã", "HX", ""]],
            headers=["code", "name", "kind", "parent", "emails"],
        )
    )
    result = runner.invoke(args=["import", "agencies", str(path)])
    assert result.exit_code == 0, result.output
    from tracker.agencies.models import Agency

    db.session.expire_all()
    commune = db.session.scalar(select(Agency).where(Agency.code == "HX-1"))
    assert (
        commune.kind == "commune"
        and commune.parent.code == "HX"
        and commune.path.startswith(commune.parent.path)
    )


# ── history and the reports as of past dates ────────────────────────────────────────────
def _historic_rows(n: int, seed: int = 6):
    rng = random.Random(seed)
    leads = ["STC", "SNV", "STP", "SXD", "NT"]
    rows, truth = [], []
    for i in range(n):
        assigned = dt.date(2023, 1, 2) + dt.timedelta(days=rng.randint(0, 400))
        deadline = assigned + dt.timedelta(days=rng.randint(20, 200))
        status = rng.choice(["new", "in_progress", "reported", "done", "done", "cancelled"])
        completed = reported = confirmed = cancelled = None
        if status in ("reported", "done"):
            completed = assigned + dt.timedelta(days=rng.randint(5, 260))
            reported = completed + dt.timedelta(days=rng.randint(0, 10))
            confirmed = reported + dt.timedelta(days=rng.randint(0, 15)) if status == "done" else None
        if status == "cancelled":
            cancelled = assigned + dt.timedelta(days=rng.randint(1, 100))
        f = lambda d: d.strftime("%d/%m/%Y") if d else ""  # noqa: E731
        cells = row(
            document=f"{1 + i % 4}/KH-UBND",
            code=str(i + 1),
            title=f"Nhiệm vụ lịch sử {i + 1}",
            lead=leads[i % 5],
            assigned=f(assigned),
            deadline=f(deadline),
            status=status,
            reported=f(reported),
            completed=f(completed),
            confirmed=f(confirmed),
        )
        cells += [f(cancelled)]
        rows.append(cells)
        truth.append(
            dict(
                assigned=assigned,
                deadline=deadline,
                status=status,
                completed=completed,
                reported=reported,
                confirmed=confirmed,
                cancelled=cancelled,
            )
        )
    return rows, truth


def _expected(truth, d: dt.date) -> tuple:
    """Biểu mẫu 01's five categories as of `d`, from the rows' own dates (DOMAIN.md)."""
    counts = [0] * 5
    for t in truth:
        if t["assigned"] > d or (t["cancelled"] and t["cancelled"] <= d):
            continue
        if t["confirmed"] and t["confirmed"] <= d:
            counts[0 if t["completed"] <= t["deadline"] else 1] += 1
        elif t["reported"] and t["reported"] <= d:
            counts[2] += 1
        else:
            counts[3 if t["deadline"] < d else 4] += 1
    return (*counts, sum(counts))


AS_OF = text("""
    SELECT
      SUM(CASE WHEN s.status='done' AND (s.deadline IS NULL OR s.completed_on <= s.deadline) THEN 1 ELSE 0 END),
      SUM(CASE WHEN s.status='done' AND s.completed_on > s.deadline THEN 1 ELSE 0 END),
      SUM(CASE WHEN s.status='reported' THEN 1 ELSE 0 END),
      SUM(CASE WHEN s.status IN ('new','in_progress') AND s.deadline < :d THEN 1 ELSE 0 END),
      SUM(CASE WHEN s.status IN ('new','in_progress') AND (s.deadline IS NULL OR s.deadline >= :d) THEN 1 ELSE 0 END),
      COUNT(*)
    FROM tasks t JOIN task_states s ON s.task_id = t.id AND s.valid_from <= :d AND (s.valid_to IS NULL OR s.valid_to > :d)
    WHERE t.assigned_on <= :d AND s.status <> 'cancelled' AND t.is_section = false
""")


def test_200_historic_rows_give_the_reports_as_of_past_dates(runner, province, db, tmp_path, freeze):
    freeze(dt.date(2025, 1, 31))
    rows, truth = _historic_rows(200)
    path = tmp_path / "lichsu.xlsx"
    path.write_bytes(xlsx_bytes(rows, headers=[*HEADERS_VI, "Ngày dừng"]))
    result = runner.invoke(args=["import", "tasks", str(path)])
    assert result.exit_code == 0, result.output
    assert _count(db) == 200
    for d in (dt.date(2023, 3, 31), dt.date(2023, 9, 14), dt.date(2023, 12, 14), dt.date(2024, 6, 14)):
        got = tuple(int(x or 0) for x in db.session.execute(AS_OF, {"d": d}).one())
        assert got == _expected(truth, d), d
    assert sum(_expected(truth, dt.date(2024, 6, 14))[:2]) > 20  # the sample does reach every category


def test_historic_events_are_the_lead_agencys_recorded_by_the_importing_monitor(
    runner, province, db, tmp_path, make, freeze
):
    freeze(dt.date(2024, 12, 1))
    monitor = make.monitor()
    path = tmp_path / "a.csv"
    path.write_bytes(
        csv_bytes(
            [
                row(
                    status="Đã hoàn thành",
                    completed="10/06/2024",
                    reported="12/06/2024",
                    confirmed="20/06/2024",
                )
            ]
        )
    )
    result = runner.invoke(args=["import", "tasks", str(path), "--as", monitor.email])
    assert result.exit_code == 0, result.output
    task = db.session.scalar(select(Task))
    events = {e.kind: e for e in db.session.scalars(select(TaskEvent).where(TaskEvent.task_id == task.id))}
    assert set(events) == {"created", "reported", "confirmed"}
    reported, confirmed = events["reported"], events["confirmed"]
    assert (reported.on_date, reported.agency_id, reported.actor_id) == (
        dt.date(2024, 6, 12),
        province["STC"].id,
        monitor.id,
    )
    assert "Nhập từ tệp «a.csv»" in reported.comment
    assert (confirmed.on_date, confirmed.agency_id, confirmed.actor_id) == (
        dt.date(2024, 6, 20),
        None,
        monitor.id,
    )


def test_the_lead_agencys_check_still_refuses_anyone_else(province, make, db, freeze):
    """The import acts for an agency only through its own proxy; the workflow's check is unchanged."""
    freeze(dt.date(2024, 12, 1))
    task = make.task(lead=province["STC"], assigned_on=dt.date(2024, 1, 15))
    from tracker.core.errors import PermissionDenied

    for actor in (make.monitor(), ops.AgencyOnRecord(province["SNV"], make.monitor()), ops.CommandLine()):
        with pytest.raises(PermissionDenied):
            workflow.report_completion(actor, task, completed_on=dt.date(2024, 6, 1), on=dt.date(2024, 6, 2))
    workflow.report_completion(
        ops.AgencyOnRecord(province["STC"], make.monitor()),
        task,
        completed_on=dt.date(2024, 6, 1),
        on=dt.date(2024, 6, 2),
    )
    assert task.status == "reported"


def test_write_tasks_refuses_a_result_with_errors_and_a_non_monitor(province, make, db):
    result = parse_tasks(read_sheet("a.csv", csv_bytes([row(title="")])), ops.task_context())
    from tracker.core.errors import DomainError, PermissionDenied

    with pytest.raises(DomainError):
        ops.write_tasks(make.monitor(), result)
    good = parse_tasks(read_sheet("a.csv", csv_bytes([row()])), ops.task_context())
    with pytest.raises(PermissionDenied):
        ops.write_tasks(make.user("focal", agency=province["STC"]), good)


def test_tasks_created_in_bulk_have_the_same_history_as_one_by_one(province, make, db):
    monitor, document = make.monitor(), make.document("9/KH-UBND")
    fields = dict(
        title="Rà soát",
        lead_agency=province["STC"],
        coordinating=[province["SNV"]],
        assigned_on=dt.date(2024, 1, 15),
        deadline=dt.date(2024, 6, 30),
        deadline_kind="date",
    )
    single = workflow.create_task(monitor, document, code="1", **fields)
    with workflow.recording_in_bulk():
        (bulk,) = workflow.create_tasks(monitor, [dict(document=document, code="2", **fields)])
    db.session.commit()

    def history(task):
        events = db.session.scalars(select(TaskEvent).where(TaskEvent.task_id == task.id)).all()
        states = db.session.execute(
            text(
                "SELECT valid_from, valid_to, status, deadline FROM task_states "
                "WHERE task_id = :t ORDER BY valid_from"
            ),
            {"t": task.id},
        ).all()
        return [(e.kind, e.on_date, e.changes) for e in events], [tuple(s) for s in states]

    assert history(single) == history(bulk)
    assert [a.code for a in bulk.coordinating_agencies] == [
        "SNV"
    ] and bulk.search_text == single.search_text.replace("1 ", "2 ", 1)
