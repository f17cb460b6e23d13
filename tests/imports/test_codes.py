"""The import holds codes to the same rule as the operations (tracker.tasks.rules.code_clash): a code
names one item of its document, in the file and against what the tracker holds; the file is not
written while a row breaks it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from tests.imports.conftest import csv_bytes, row
from tracker.tasks.models import Task


def _tasks(db) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Task))


def test_an_import_refuses_two_items_with_one_code_and_writes_nothing(runner, province, db, tmp_path, freeze):
    freeze(dt.date(2024, 12, 1))
    path = tmp_path / "kehoach.csv"
    path.write_bytes(
        csv_bytes(
            [
                row(code="2", title="Công bố thủ tục", lead="SNV"),
                row(code="2", title="Công bố thủ tục", lead="STP"),  # the same item, a second lead: fine
                row(code="2", title="Số hóa hồ sơ", lead="STC"),  # another item: refused
            ]
        )
    )
    result = runner.invoke(args=["import", "tasks", str(path)])
    assert result.exit_code != 0
    assert "Dòng 4" in result.output and "«2» đã dùng cho nhiệm vụ khác" in result.output
    assert _tasks(db) == 0


def test_an_import_refuses_a_code_the_document_already_uses(runner, province, db, tmp_path, freeze):
    freeze(dt.date(2024, 12, 1))
    path = tmp_path / "kehoach.csv"
    path.write_bytes(csv_bytes([row(code="1", title="Rà soát"), row(code="2", title="Công bố", lead="SNV")]))
    assert runner.invoke(args=["import", "tasks", str(path)]).exit_code == 0
    assert _tasks(db) == 2
    # The same file again: the same tasks, skipped, no code error.
    again = runner.invoke(args=["import", "tasks", str(path)])
    assert again.exit_code == 0 and "đã dùng" not in again.output
    # A new row reusing code 1 for another item, and one giving item 2 to another lead.
    path.write_bytes(
        csv_bytes(
            [row(code="1", title="Việc khác hẳn", lead="STP"), row(code="2", title="Công bố", lead="STP")]
        )
    )
    refused = runner.invoke(args=["import", "tasks", str(path)])
    assert (
        refused.exit_code != 0
        and "«1» đã dùng cho nhiệm vụ khác trong văn bản này: «Rà soát»" in refused.output
    )
    assert _tasks(db) == 2
