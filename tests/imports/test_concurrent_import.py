"""Imports running at the same time, in real processes on one database: the same file confirmed
twice at once is written once; an import whose process was killed is seen as dead once its lease
ran out, wrote nothing, and can be imported again or discarded."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.imports.conftest import csv_bytes, row
from tracker.documents.models import Document
from tracker.imports import locks
from tracker.imports.jobs import Job, reap_all
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


def _upload(client, data: bytes, name: str) -> str:
    response = client.post(
        "/imports/upload",
        data={"kind": "tasks", "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[1]


def _wait(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"no {what} within {timeout}s")


def test_an_import_killed_mid_way_is_seen_as_failed_once_its_lease_ran_out_and_can_be_retried(
    app, client, auth, db, make, province, tmp_path
):
    app.config["IMPORT_LEASE_SECONDS"] = 1.5
    monitor = make.monitor()
    auth.login(monitor)
    rows = [row(code=f"2.{i}", title=f"Việc số {i}") for i in range(1, 41)]
    token = _upload(client, csv_bytes(rows), "bon-muoi.csv")
    assert "Nhập 40 nhiệm vụ" in client.get(f"/imports/{token}").get_data(as_text=True)
    job = Job.find(token)

    # Another process confirms it and writes 10 rows at a time, slowly; killed once it has written some.
    worker = _start(
        _settings(app, tmp_path, "slow", mode="confirm", token=token, user_id=monitor.id, batch=10, pause=2)
    )
    try:
        _wait(lambda: job.meta["stage"] == "writing" and job.meta["done"] > 0, 120, "progress")
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.communicate(timeout=30)
    assert job.meta["stage"] == "writing" and 0 < job.meta["done"] < 40

    # The page polling it sees it die once the lease has run out (no process renews it any more).
    status = _wait(
        lambda: (s := client.get(f"/imports/{token}/status").get_json())["finished"] and s, 30, "failure"
    )
    assert status["stage"] == "failed"
    page = client.get(f"/imports/{token}").get_data(as_text=True)
    assert "Tiến trình nhập bị dừng giữa chừng" in page and "không có dữ liệu nào được ghi" in page
    assert "Nhập lại tệp này" in page and "Hủy lần nhập" in page
    assert _tasks(db) == (0, 0)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0

    # Confirmed again, it is written whole (the dead process's claim on the file is taken over).
    client.post(f"/imports/{token}/confirm")
    assert "Đã nhập xong" in client.get(f"/imports/{token}").get_data(as_text=True)
    assert _tasks(db) == (40, 40)
    assert db.session.scalar(select(func.count()).select_from(ImportLock)) == 0


def test_a_dead_import_can_be_discarded_and_the_scheduler_sweep_finds_it(app, client, auth, make, province):
    app.config["IMPORT_LEASE_SECONDS"] = 0.5
    auth.login(make.monitor())
    token = _upload(client, csv_bytes([row(code="1")]), "mot.csv")
    job = Job.find(token)
    job.update(stage="writing", done=0, total=1)
    job.renew(0.5)  # then its process died: nothing renews the lease
    assert reap_all() == 0  # still leased
    time.sleep(0.6)
    assert reap_all() == 1 and job.meta["stage"] == "failed" and job.meta["retry"]
    response = client.post(f"/imports/{token}/discard")
    assert response.status_code == 302 and Job.find(token) is None


def test_a_claim_is_kept_alive_while_its_import_runs_and_taken_over_once_its_process_died(app, db):
    app.config["IMPORT_LEASE_SECONDS"] = 0.6
    first = locks.keys(b"tep thu nhat", ["12/KH-UBND"])
    second = locks.keys(b"tep thu hai", ["12/KH-UBND"])  # another file with rows of the same document
    with locks.holding(first, token="a" * 24, actor=None, filename="mot.csv"):
        time.sleep(1.5)  # longer than the lease: renewed while the import runs
        with pytest.raises(locks.ImportBusy) as refused:
            locks.claim(db.engine, second, "b" * 24, "Trần Thị Hai", None, "hai.csv", 0.6)
        assert refused.value.message.startswith(
            "Một văn bản trong tệp này đang được nhập từ tệp «mot.csv» bởi Dòng lệnh"
        )
    db.session.commit()  # the import's rows and the release of its claim, together
    assert db.session.scalar(select(func.count()).select_from(ImportLock)) == 0

    # A process that claimed the file and died renews nothing: refused until its lease ran out.
    locks.claim(db.engine, first, "c" * 24, "Nguyễn Văn Ba", None, "mot.csv", 0.3)
    with pytest.raises(locks.ImportBusy, match="Tệp này đang được nhập bởi Nguyễn Văn Ba"):
        locks.claim(db.engine, first, "d" * 24, "Trần Thị Hai", None, "mot.csv", 0.3)
    time.sleep(0.4)
    locks.claim(db.engine, first, "d" * 24, "Trần Thị Hai", None, "mot.csv", 0.3)
    db.session.expire_all()
    assert set(db.session.scalars(select(ImportLock.token))) == {"d" * 24}
