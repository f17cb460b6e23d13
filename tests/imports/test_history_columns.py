"""A spreadsheet carrying a task's extension — «Thời hạn ban đầu», «Ngày gia hạn», «Gia hạn đến» —
is played through the workflow's own request and approval on the day of the extension, so that a
report as of any past day gives what it would have given had the tasks been tracked here: before
the extension the original deadline is in force, after it the new one."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from tests.imports.conftest import HEADERS_VI, csv_bytes, row, xlsx_bytes
from tests.imports.test_task_import import AS_OF
from tracker.imports import operations as ops
from tracker.imports.sheets import read_sheet
from tracker.imports.spreadsheet import parse_tasks
from tracker.tasks.models import ExtensionRequest, Task, TaskEvent

HEADERS = [*HEADERS_VI, "Thời hạn ban đầu", "Ngày gia hạn", "Gia hạn đến"]


def f(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def _rows(n: int, seed: int = 16):
    """Random historic rows, about half of them extended once, and what each row says happened."""
    rng = random.Random(seed)
    leads = ["STC", "SNV", "STP", "SXD", "NT"]
    rows, truth = [], []
    for i in range(n):
        assigned = dt.date(2023, 1, 2) + dt.timedelta(days=rng.randint(0, 400))
        original = assigned + dt.timedelta(days=rng.randint(20, 200))
        extended_on = new = None
        if rng.random() < 0.5:
            extended_on = assigned + dt.timedelta(days=rng.randint(1, (original - assigned).days))
            new = original + dt.timedelta(days=rng.randint(15, 120))
        status = rng.choice(["new", "in_progress", "reported", "done", "done"])
        completed = reported = confirmed = None
        if status in ("reported", "done"):
            completed = (extended_on or assigned) + dt.timedelta(days=rng.randint(1, 260))
            reported = completed + dt.timedelta(days=rng.randint(0, 10))
            confirmed = reported + dt.timedelta(days=rng.randint(0, 15)) if status == "done" else None
        cells = row(
            document=f"{1 + i % 3}/KH-UBND",
            code=str(i + 1),
            title=f"Nhiệm vụ gia hạn {i + 1}",
            lead=leads[i % 5],
            assigned=f(assigned),
            # Both ways of writing it: the deadline in force in «Thời hạn» with the original beside
            # it, or the original in «Thời hạn» and the new one in «Gia hạn đến».
            deadline=f(new if new and i % 2 else original),
            status=status,
            reported=f(reported),
            completed=f(completed),
            confirmed=f(confirmed),
        )
        if new and i % 2:
            cells += [f(original), f(extended_on), ""]
        elif new:
            cells += ["", f(extended_on), f(new)]
        else:
            cells += ["", "", ""]
        rows.append(cells)
        truth.append(
            dict(
                assigned=assigned,
                original=original,
                new=new,
                extended_on=extended_on,
                completed=completed,
                reported=reported,
                confirmed=confirmed,
            )
        )
    return rows, truth


def _expected(truth, d: dt.date) -> tuple:
    """Biểu mẫu 01's five categories as of `d`, with the deadline in force on `d` (DOMAIN.md)."""
    counts = [0] * 5
    for t in truth:
        if t["assigned"] > d:
            continue
        deadline = t["new"] if t["extended_on"] and t["extended_on"] <= d else t["original"]
        if t["confirmed"] and t["confirmed"] <= d:
            counts[0 if t["completed"] <= deadline else 1] += 1
        elif t["reported"] and t["reported"] <= d:
            counts[2] += 1
        else:
            counts[3 if deadline < d else 4] += 1
    return (*counts, sum(counts))


def test_extended_rows_give_the_reports_as_of_past_dates(runner, province, db, tmp_path, freeze):
    freeze(dt.date(2025, 1, 31))
    rows, truth = _rows(160)
    path = tmp_path / "giahan.xlsx"
    path.write_bytes(xlsx_bytes(rows, headers=HEADERS))
    result = runner.invoke(args=["import", "tasks", str(path)])
    assert result.exit_code == 0, result.output
    extended = sum(1 for t in truth if t["new"])
    assert db.session.query(ExtensionRequest).filter_by(status="approved").count() == extended > 50
    moved = db.session.scalars(select(Task).where(Task.original_deadline != Task.deadline)).all()
    assert len(moved) == extended and all(t.original_deadline < t.deadline for t in moved)
    days = [dt.date(2023, 3, 31), dt.date(2023, 6, 14), dt.date(2023, 9, 14), dt.date(2023, 12, 14)]
    days += [dt.date(2024, 3, 14), dt.date(2024, 6, 14), dt.date(2024, 12, 31)]
    for d in days:
        got = tuple(int(x or 0) for x in db.session.execute(AS_OF, {"d": d}).one())
        assert got == _expected(truth, d), d
    # The extension changes some figures: the rows without it would not give the same counts.
    plain = [{**t, "extended_on": None} for t in truth]
    assert any(_expected(plain, d) != _expected(truth, d) for d in days)
    # The timeline says it in the workflow's words, on the day of the extension.
    t = next(t for t in truth if t["new"])
    task = db.session.scalar(
        select(Task).where(Task.assigned_on == t["assigned"], Task.original_deadline == t["original"])
    )
    kinds = {
        e.kind: e.on_date for e in db.session.scalars(select(TaskEvent).where(TaskEvent.task_id == task.id))
    }
    assert kinds["extension_requested"] == kinds["extension_approved"] == t["extended_on"]


def _check(cells: list[list], today=dt.date(2024, 12, 1)):
    from tracker.core.dates import freeze_today

    freeze_today(today)
    try:
        return parse_tasks(read_sheet("giahan.csv", csv_bytes(cells, headers=HEADERS)), ops.task_context())
    finally:
        freeze_today(None)


def test_an_extension_that_does_not_add_up_is_refused_with_its_reason(province, db):
    def extended(deadline, original="", on="", to="", **kw):
        return [*row(deadline=deadline, **kw), original, on, to]

    cases = [
        (extended("30/06/2024", original="30/09/2024", on="01/06/2024"), "phải trước thời hạn sau gia hạn"),
        (extended("30/06/2024", original="10/01/2024", on="01/06/2024"), "trước ngày giao"),
        (extended("30/06/2024", to="30/09/2024", on="01/12/2025"), "ở tương lai"),
        (extended("30/06/2024", to="30/05/2024"), "khác thời hạn"),
        (
            extended(
                "30/09/2024",
                original="30/06/2024",
                on="01/08/2024",
                status="Chờ xác nhận",
                completed="01/07/2024",
                reported="02/07/2024",
            ),
            "sau ngày báo cáo hoàn thành",
        ),
    ]
    for cells, message in cases:
        result = _check([cells])
        assert not result.ok and any(message in e.message for e in result.errors), (cells, result.errors)
    # A day of extension left blank: the original deadline's day, said as a warning.
    result = _check([extended("30/09/2024", original="30/06/2024")])
    assert result.ok, result.errors
    assert (
        result.rows[0]["extended_on"] == "2024-06-30" and result.rows[0]["original_deadline"] == "2024-06-30"
    )
    assert any("Không có ngày gia hạn" in w.message for w in result.warnings)
