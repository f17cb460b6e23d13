"""A digest is sent exactly once per agency and day: run twice, run by two processes at once, or by a
second scheduler that takes over when the first one dies."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import IS_PG
from tests.reminders.scenario import DAY, finance_agency
from tracker.core.dates import LOCAL_TZ
from tracker.reminders import jobs, operations
from tracker.reminders.models import OutboxMessage, ReminderRun
from tracker.tasks import operations as task_ops

ROOT = Path(__file__).resolve().parents[2]


def _agencies_with_overdue_tasks(make, day: dt.date, count: int):
    doc = make.document(issued_on=day - dt.timedelta(days=60))
    agencies = []
    for i in range(count):
        agency = make.agency(
            code=f"CQ{i:02d}", name=f"Cơ quan số {i:02d}", emails=f"cq{i:02d}@khanhhoa.gov.vn"
        )
        make.task(
            lead=agency,
            document=doc,
            deadline=day - dt.timedelta(days=i + 1),
            assigned_on=day - dt.timedelta(days=40),
            title=f"Nhiệm vụ của cơ quan số {i:02d}",
        )
        agencies.append(agency)
    return agencies


def test_running_the_day_twice_sends_each_digest_once(app, db, make, freeze, smtp):
    freeze(DAY)
    finance_agency(make, db)
    _agencies_with_overdue_tasks(make, DAY, 3)
    db.session.commit()

    first = jobs.daily_job(DAY)
    second = jobs.daily_job(DAY)

    assert len(first.claimed) == 4 and first.already == []
    assert second.claimed == [] and len(second.already) == 4
    assert len(smtp.received) == 4
    assert Counter(tuple(m.rcpt_tos) for m in smtp.received).most_common(1)[0][1] == 1


def test_the_cli_runs_a_day_and_a_second_run_sends_nothing_more(app, db, make, runner, smtp):
    finance_agency(make, db)
    db.session.commit()

    first = runner.invoke(args=["reminders", "run", "--date", DAY.isoformat()])
    second = runner.invoke(args=["reminders", "run", "--date", DAY.isoformat()])

    assert first.exit_code == 0, first.output
    assert "[mới] [Theo dõi nhiệm vụ] Sở Tài chính: 3 nhiệm vụ quá hạn" in first.output
    assert "Ngày 20/06/2024: 1 thư mới, 0 thư đã có từ trước." in first.output
    assert "Gửi thư: 1 đã gửi, 0 lỗi" in first.output
    assert "[bỏ qua (đã có)] [Theo dõi nhiệm vụ] Sở Tài chính" in second.output
    assert "Ngày 20/06/2024: 0 thư mới, 1 thư đã có từ trước." in second.output
    assert len(smtp.received) == 1


def test_the_cli_dry_run_prints_the_digests_and_writes_nothing(app, db, make, runner, smtp):
    finance_agency(make, db)
    db.session.commit()

    result = runner.invoke(args=["reminders", "run", "--date", DAY.isoformat(), "--dry-run"])

    assert result.exit_code == 0, result.output
    assert "Tiêu đề: [Theo dõi nhiệm vụ] Sở Tài chính: 3 nhiệm vụ quá hạn, 3 sắp đến hạn" in result.output
    assert "Tới: stc@khanhhoa.gov.vn, vanthu.stc@khanhhoa.gov.vn, daumoi.stc@khanhhoa.gov.vn" in result.output
    assert "Kính gửi Sở Tài chính," in result.output
    assert "Chạy thử ngày 20/06/2024: 1 thư (không ghi, không gửi)." in result.output
    db.session.expire_all()
    assert db.session.scalar(select(OutboxMessage)) is None and smtp.received == []


def test_the_cli_refuses_a_malformed_date(app, runner):
    result = runner.invoke(args=["reminders", "run", "--date", "20/06/2024"])
    assert result.exit_code != 0
    assert "không phải ngày dạng YYYY-MM-DD" in result.output


# ---------------------------------------------------------------- several OS processes


def _app_arg(database_url: str, instance: Path, smtp_port: int, **extra) -> str:
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": "test",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": smtp_port,
        "BASE_URL": "https://theodoi.example.vn",
        "MAIL_FROM": "Theo dõi nhiệm vụ <no-reply@tracker.example.vn>",
        **extra,
    }
    return f"tracker:create_app({config!r})"


class Process:
    """A `flask` subprocess whose log lines are collected as they come."""

    def __init__(self, app_arg: str, *args: str):
        env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", app_arg, *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output:
                return
            if self.proc.poll() is not None:
                self._reader.join(5)
                if text in self.output:
                    return
                raise AssertionError(f"process ended before «{text}»:\n{self.output}")
            time.sleep(0.1)
        raise AssertionError(f"no «{text}» within {timeout}s:\n{self.output}")

    def finish(self, timeout: float = 120) -> str:
        self.proc.wait(timeout)
        self._reader.join(5)
        self.proc.stdout.close()
        return self.output

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.finish()


@pytest.mark.postgres_only
@pytest.mark.skipif(
    not IS_PG,
    reason="needs PostgreSQL: two processes claiming in one SQLite file are "
    "serialised by its single writer lock, so they would prove nothing",
)
def test_two_processes_running_the_same_day_at_once_send_each_digest_once(
    app, db, make, smtp, database_url, tmp_path
):
    agencies = _agencies_with_overdue_tasks(make, DAY, 25)
    db.session.commit()
    app_arg = _app_arg(database_url, tmp_path / "instance", smtp.port)

    procs = [Process(app_arg, "reminders", "run", "--date", DAY.isoformat()) for _ in range(2)]
    outputs = [p.finish() for p in procs]

    assert all(p.proc.returncode == 0 for p in procs), outputs
    new = [int(o.split("Ngày 20/06/2024: ")[1].split(" thư mới")[0]) for o in outputs]
    print(
        f"two processes claimed {new[0]} + {new[1]} of {len(agencies)} digests; "
        f"{len(smtp.received)} messages received"
    )
    assert sum(new) == len(agencies)
    received = Counter(m.rcpt_tos[0] for m in smtp.received)
    assert received == Counter({a.email_list[0]: 1 for a in agencies})
    db.session.expire_all()
    rows = db.session.scalars(select(OutboxMessage)).all()
    assert (
        len(rows) == len(agencies)
        and {r.status for r in rows} == {"sent"}
        and {r.attempts for r in rows} == {1}
    )


@pytest.mark.slow
def test_a_second_scheduler_takes_over_when_the_leader_dies_and_nothing_is_sent_twice(
    app, db, make, smtp, database_url, tmp_path
):
    """PostgreSQL: an advisory lock on the leader's connection; SQLite: a file lock in the instance folder."""
    today = dt.datetime.now(LOCAL_TZ).date()
    agencies = _agencies_with_overdue_tasks(make, today, 3)
    monitor = make.monitor()
    # The hour has passed (so the scheduler catches the day up at start); no weekly overview today.
    operations.update_settings(monitor, {"send_at": "00:00", "weekly_day": (today.weekday() + 1) % 7})
    db.session.commit()
    app_arg = _app_arg(
        database_url,
        tmp_path / "instance",
        smtp.port,
        SCHEDULER_LEADER_POLL_SECONDS=0.5,
        REMINDERS_DELIVER_SECONDS=1,
    )

    first = Process(app_arg, "scheduler")
    second = None
    try:
        first.wait_for("is the leader")
        smtp.wait_for(3)
        second = Process(app_arg, "scheduler")
        second.wait_for("Another scheduler is the leader")

        first.proc.send_signal(signal.SIGKILL)  # dies without cleaning up: the lock goes with it
        first.finish()
        second.wait_for("is the leader")
        # Work that appears after the takeover is done by the new leader.
        remind_task = make.task(lead=agencies[0], deadline=today + dt.timedelta(days=20), assigned_on=today)
        task_ops.remind(monitor, [remind_task], message="Đề nghị báo cáo tiến độ.")
        db.session.commit()
        smtp.wait_for(4)
        time.sleep(3)  # a few more delivery rounds of the new leader
    finally:
        first.stop()
        if second is not None:
            second.proc.send_signal(signal.SIGTERM)
            second.finish(30)

    subjects = Counter(m.subject for m in smtp.received)
    print("leader:", *[line for line in first.lines if "tracker." in line], sep="\n  ")
    print("follower:", *[line for line in second.lines if "tracker." in line], sep="\n  ")
    assert len(smtp.received) == 4 and set(subjects.values()) == {1}
    assert sum(1 for s in subjects if "đôn đốc" in s) == 1
    assert second.proc.returncode == 0, second.output
    db.session.expire_all()
    rows = db.session.scalars(select(OutboxMessage)).all()
    assert sorted(r.kind for r in rows) == ["daily", "daily", "daily", "manual"]
    assert {r.status for r in rows} == {"sent"} and {r.attempts for r in rows} == {1}
    [run] = db.session.scalars(select(ReminderRun)).all()
    assert run.day == today and run.finished_at is not None and run.messages == 3
