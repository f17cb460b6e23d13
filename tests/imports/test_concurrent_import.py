"""Imports running at the same time, in real processes on one database: the same file confirmed
twice at once is written once; an import whose process was killed is seen as dead once its lease
ran out, wrote nothing, and can be imported again or discarded."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.imports.conftest import csv_bytes, row
from tracker.imports.models import ImportLock
from tracker.tasks.models import Task

ROOT = Path(__file__).resolve().parents[2]


def _settings(app, tmp_path: Path, name: str, **settings) -> Path:
    config = {
        key: app.config[key]
        for key in ("TESTING", "SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "UPLOAD_DIR", "SECRET_KEY")
    }
    config.update(SMTP_HOST=None, IMPORT_LEASE_SECONDS=app.config.get("IMPORT_LEASE_SECONDS", 60))
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({"config": config, **settings}), encoding="utf-8")
    return path


def _start(settings: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.imports.importer", str(settings)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )


def _tasks(db) -> tuple[int, int]:
    db.session.expire_all()
    count = db.session.scalar(select(func.count()).select_from(Task))
    codes = db.session.scalar(select(func.count(func.distinct(Task.code))))
    return count, codes


@pytest.mark.parametrize("mode", ["cli", "job"])
def test_the_same_file_confirmed_by_two_processes_at_once_is_written_once(
    app, db, make, province, tmp_path, mode
):
    make.document(symbol="12/KH-UBND", issued_on=dt.date(2024, 1, 10))  # registered before the import
    other = make.user("monitor", agency=None, email="monitor2@test.vn", name="Trần Thị Hai")
    db.session.commit()
    monitors = [make.monitor(), other]
    file = tmp_path / "ke-hoach-300.csv"
    file.write_bytes(csv_bytes([row(code=f"1.{i}", title=f"Nhiệm vụ số {i}") for i in range(1, 301)]))
    barrier = tmp_path / "barrier"
    barrier.mkdir()

    procs = [
        _start(
            _settings(
                app,
                tmp_path,
                f"p{i}",
                mode=mode,
                file=str(file),
                email=monitors[i].email,
                user_id=monitors[i].id,
                barrier=str(barrier),
                me=i,
                count=2,
            )
        )
        for i in range(2)
    ]
    outputs = [p.communicate(timeout=300)[0] for p in procs]

    assert all(p.returncode == 0 for p in procs), outputs
    assert _tasks(db) == (300, 300), outputs
    said = "\n".join(outputs)
    if mode == "cli":
        assert said.count("Đã nhập 300 dòng.") == 1, outputs
    else:
        finished = [json.loads(o.strip().splitlines()[-1]) for o in outputs]
        assert sorted(m["stage"] for m in finished) == ["done", "failed"], outputs
        assert [m["summary"]["tasks"] for m in finished if m["stage"] == "done"] == [300]
    # The other one was told why and wrote nothing.
    assert "đang được nhập bởi" in said or "đã được nhập" in said, outputs
    assert db.session.scalar(select(func.count()).select_from(ImportLock)) == 0
