"""Concurrency on PostgreSQL: many focal points posting progress and monitors confirming at the
same moment, each in its own session and transaction (as separate requests or workers are).
Optimistic locking (Task.version) lets one writer win per version; the others get a clear
StaleObject and write nothing: no lost update, no duplicate event, counts consistent."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from tests.conftest import IS_PG
from tracker.audit.models import AuditEntry
from tracker.core.boundary import STALE_MESSAGE, unit_of_work
from tracker.core.errors import DomainError, StaleObject
from tracker.tasks import operations
from tracker.tasks.models import Task, TaskEvent, TaskState
from tracker.users.models import User

pytestmark = [pytest.mark.postgres_only, pytest.mark.skipif(not IS_PG, reason="needs PostgreSQL")]

ROUNDS = 3


def _race(app, db, task_id: int, actions: list) -> list[str]:
    """Run every action(user, task) in its own thread, app context and database session, all
    released at once after loading the task; returns each one's outcome."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = [""] * len(actions)

    def run(i, user_id, action):
        with app.app_context():
            try:
                user = db.session.get(User, user_id)
                task = db.session.get(Task, task_id)
                barrier.wait(timeout=30)
                with unit_of_work():
                    action(user, task)
                outcomes[i] = "ok"
            except StaleObject as e:
                assert e.message == STALE_MESSAGE
                outcomes[i] = "stale"
            except DomainError as e:
                outcomes[i] = f"refused: {e.message}"
            finally:
                db.session.rollback()
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, uid, action)) for i, (uid, action) in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    return outcomes


def test_focal_points_posting_progress_at_once_lose_no_update(app, make, db, capsys):
    lead = make.agency(code="STC", name="Sở Tài chính")
    task = make.task(lead=lead)
    focal_ids = [make.user("focal", agency=lead).id for _ in range(8)]
    db.session.commit()
    task_id, start_version = task.id, task.version
    wins = 0
    for round_ in range(ROUNDS):
        actions = [
            (
                uid,
                lambda user, t, n=n, r=round_: operations.post_progress(
                    user, t, text=f"Vòng {r}, đầu mối {n}", percent=10 * r + n + 1
                ),
            )
            for n, uid in enumerate(focal_ids)
        ]
        outcomes = _race(app, db, task_id, actions)
        assert set(outcomes) <= {"ok", "stale"}, outcomes
        assert outcomes.count("ok") >= 1
        wins += outcomes.count("ok")
    db.session.expire_all()
    task = db.session.get(Task, task_id)
    events = db.session.scalars(
        select(TaskEvent)
        .where(TaskEvent.task_id == task_id, TaskEvent.kind == "progress")
        .order_by(TaskEvent.id)
    ).all()
    assert len(events) == wins  # every success left exactly one event, no loser left any
    assert len({e.comment for e in events}) == wins
    # No lost update: each change starts from the value the previous one left.
    previous = 0
    for event in events:
        old, new = event.changes["progress"]
        assert old == previous
        previous = new
    assert task.progress == previous
    assert task.version == start_version + wins
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(TaskState)
            .where(TaskState.task_id == task_id, TaskState.valid_to.is_(None))
        )
        == 1
    )
    with capsys.disabled():
        print(
            f"\nprogress race: {ROUNDS} rounds × {len(focal_ids)} threads, {wins} saved, "
            f"{ROUNDS * len(focal_ids) - wins} refused as stale"
        )


def test_monitors_confirming_while_the_agency_recalls_leave_exactly_one_decision(app, make, db, freeze):
    import datetime as dt

    freeze(dt.date(2024, 5, 20))
    lead = make.agency(code="SNV", name="Sở Nội vụ")
    focal = make.user("focal", agency=lead)
    monitors = [make.user("monitor", agency=None, email=f"td{n}@test.vn") for n in range(4)]
    tasks = []
    for _ in range(ROUNDS):
        task = make.task(lead=lead, deadline=dt.date(2024, 6, 30))
        operations.report_completion(focal, task, completed_on=dt.date(2024, 5, 15), result_ref="12/BC-SNV")
        tasks.append(task)
    db.session.commit()
    for task in tasks:
        actions = [
            (m.id, lambda user, t: operations.confirm_completion(user, t, comment="Đồng ý")) for m in monitors
        ]
        actions.append((focal.id, lambda user, t: operations.recall_report(user, t, reason="Bổ sung hồ sơ")))
        outcomes = _race(app, db, task.id, actions)
        assert outcomes.count("ok") == 1, outcomes
        assert set(outcomes) <= {"ok", "stale"}, outcomes
        db.session.expire_all()
        decided = db.session.scalars(
            select(TaskEvent.kind).where(
                TaskEvent.task_id == task.id, TaskEvent.kind.in_(("confirmed", "recalled"))
            )
        ).all()
        assert len(decided) == 1
        current = db.session.get(Task, task.id)
        assert current.status == {"confirmed": "done", "recalled": "in_progress"}[decided[0]]
        audits = db.session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.object_id == str(task.id), AuditEntry.action.in_(("task.confirm", "task.recalled"))
            )
        )
        assert audits == 1
        states = db.session.scalars(
            select(TaskState.status)
            .where(TaskState.task_id == task.id)
            .order_by(TaskState.valid_from, TaskState.id)
        ).all()
        assert states[-1] == current.status
