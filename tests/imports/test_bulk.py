"""50.000 rows: read, checked and written in one transaction, with progress reported."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import func, select

from tests.imports.conftest import csv_bytes, row
from tracker.imports import operations as ops
from tracker.imports.sheets import read_sheet
from tracker.imports.spreadsheet import parse_tasks
from tracker.tasks.models import Task, TaskState

N = 50_000


@pytest.mark.slow
def test_fifty_thousand_rows_import_in_one_transaction(province, make, db, freeze):
    freeze(dt.date(2025, 1, 31))
    leads = ["STC", "SNV", "STP", "SXD", "NT"]
    statuses = ["", "Đang thực hiện", "Chờ xác nhận", "Đã hoàn thành", "Đã hoàn thành"]
    rows = []
    for i in range(N):
        assigned = dt.date(2023, 1, 2) + dt.timedelta(days=i % 400)
        status = statuses[i % 5]
        done = (assigned + dt.timedelta(days=30)).strftime("%d/%m/%Y") if status in statuses[2:] else ""
        rows.append(
            row(
                document=f"{1 + i % 50}/KH-UBND",
                code=f"{i // 50 + 1}",
                title=f"Nhiệm vụ số {i + 1}",
                lead=leads[i % 5],
                coordinating=leads[(i + 1) % 5],
                assigned=assigned.strftime("%d/%m/%Y"),
                deadline=(assigned + dt.timedelta(days=60)).strftime("%d/%m/%Y"),
                status=status,
                completed=done,
                reported=done,
                confirmed=done if status == "Đã hoàn thành" else "",
            )
        )
    data = csv_bytes(rows)
    started = time.perf_counter()
    sheet = read_sheet("lon.csv", data)
    read = time.perf_counter()
    result = parse_tasks(sheet, ops.task_context())
    checked = time.perf_counter()
    assert result.ok and result.count("create") == N
    seen = []
    summary = ops.write_tasks(make.monitor(), result, progress=lambda done, total: seen.append(done))
    db.session.commit()
    written = time.perf_counter()
    print(
        f"\n{N} rows ({len(data) // 1024} KB): read {read - started:.1f} s, checked {checked - read:.1f} s, "
        f"written {written - checked:.1f} s, total {written - started:.1f} s"
    )
    assert summary["tasks"] == N and seen[-1] == N and len(seen) >= 10
    assert db.session.scalar(select(func.count()).select_from(Task)) == N
    assert db.session.scalar(select(func.count()).where(TaskState.valid_to.is_(None))) == N
