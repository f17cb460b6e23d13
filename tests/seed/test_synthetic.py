"""The synthetic data set: its state history is what the workflow would have written, and the same
seed gives the same data."""

import datetime as dt
import random

import pytest
from sqlalchemy import func, select

from tracker.agencies.models import Agency
from tracker.core.bulk import BulkWriter
from tracker.seed.synthetic import SyntheticData
from tracker.seed.synthetic_agencies import split_province
from tracker.seed.synthetic_history import TaskLife, simulate
from tracker.tasks import operations
from tracker.tasks.classification import countable_clause
from tracker.tasks.models import ExtensionRequest, Task, TaskEvent, TaskState
from tracker.users.models import User

UNTIL = dt.date(2026, 11, 15)


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def replay(task, events, on):
    """The state at the end of day `on`, from the events alone: (status, deadline, completed_on)."""
    status, deadline, completed = None, task.original_deadline, None
    for event in sorted(events, key=lambda e: (e.on_date, e.id)):
        if event.on_date > on:
            break
        if event.kind == "extension_requested":  # a request changes nothing yet
            continue
        changes = event.changes
        if "status" in changes:
            status = changes["status"][1]
        if "deadline" in changes:
            deadline = _date(changes["deadline"][1])
        if "completed_on" in changes:
            completed = _date(changes["completed_on"][1])
    return status, deadline, completed


def test_synthetic_states_agree_with_a_replay_of_the_events(runner, db):
    result = runner.invoke(args=["seed", "synthetic", "--tasks", "600", "--agencies", "200", "--seed", "7"])
    assert result.exit_code == 0, result.output
    tasks = db.session.scalars(select(Task).where(countable_clause())).all()
    assert len(tasks) == 600
    events, states = {}, {}
    for e in db.session.scalars(select(TaskEvent)):
        events.setdefault(e.task_id, []).append(e)
    for s in db.session.scalars(select(TaskState).order_by(TaskState.task_id, TaskState.valid_from)):
        states.setdefault(s.task_id, []).append(s)
    rng = random.Random(3)
    checked = 0
    for task in tasks:
        spans = states[task.id]
        # Spans follow each other without gap from the assignment; the last is open and equals the task.
        assert spans[0].valid_from == task.assigned_on
        assert all(a.valid_to == b.valid_from for a, b in zip(spans, spans[1:], strict=False))
        assert spans[-1].valid_to is None
        assert (spans[-1].status, spans[-1].deadline, spans[-1].completed_on) == (
            task.status,
            task.deadline,
            task.completed_on,
        )
        days = {s.valid_from for s in spans} | {s.valid_from - dt.timedelta(days=1) for s in spans}
        days |= {task.assigned_on + dt.timedelta(days=rng.randint(0, 4000)) for _ in range(5)}
        for day in days:
            held = [s for s in spans if s.valid_from <= day and (s.valid_to is None or s.valid_to > day)]
            replayed = replay(task, events[task.id], day)
            if day < task.assigned_on:
                assert held == [] and replayed[0] is None
                continue
            assert len(held) == 1
            assert (held[0].status, held[0].deadline, held[0].completed_on) == replayed, (task.id, day)
            checked += 1
    assert checked > 3000
    # Every kind of history is there, and every kind of deadline.
    kinds = set(db.session.scalars(select(TaskEvent.kind).distinct()))
    assert {
        "created",
        "progress",
        "reported",
        "confirmed",
        "returned",
        "extension_requested",
        "extension_approved",
        "cancelled",
    } <= kinds
    assert {"date", "ongoing", "periodic"} <= set(db.session.scalars(select(Task.deadline_kind).distinct()))
    assert db.session.scalar(select(func.count()).select_from(ExtensionRequest)) > 0
    # 63 provinces, each a tree whose paths follow the parents.
    roots = db.session.scalars(select(Agency).where(Agency.kind == "external", Agency.code.like("T__"))).all()
    assert len(roots) == 63
    commune = db.session.scalar(select(Agency).where(Agency.kind == "commune").limit(1))
    assert commune.path == f"{commune.parent.path}{commune.id}/"
    # Every agency that leads tasks has a focal point who can log in with the published password.
    leads = set(db.session.scalars(select(Task.lead_agency_id).where(countable_clause()).distinct()))
    focal = set(db.session.scalars(select(User.agency_id).where(User.role == "focal")))
    assert leads <= focal


class MemoryWriter(BulkWriter):
    """Keeps the rows instead of writing them: the generator's output, compared between two runs."""

    def __init__(self, connection):
        super().__init__(connection)
        self.tables = {}

    def write(self, table, columns, rows):
        self.tables.setdefault(table, []).extend(rows)

    def commit(self):
        pass


def _generate(db, seed):
    with db.engine.connect() as conn:
        writer = MemoryWriter(conn)
        SyntheticData(writer, tasks=300, agencies=100, seed=seed, password_hash="x").run()
    # Session tokens are random on purpose (they are part of the login cookie).
    writer.tables["users"] = [row[:7] + row[8:] for row in writer.tables["users"]]
    return writer.tables


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(app, db):
    first, again, other = _generate(db, 5), _generate(db, 5), _generate(db, 6)
    assert first == again
    assert first["tasks"] != other["tasks"]


@pytest.mark.parametrize("m", [63, 100, 158, 1000])
def test_a_province_is_split_into_kinds_that_add_up(m):
    split = split_province(m)
    assert sum(split.values()) == m
    assert split["department"] >= 1


def _play(life, task, actors):
    """Apply a synthetic life's events through the real operations."""
    focal, monitor, coordinator = actors
    for on, kind, changes, comment, _actor in life.events[1:]:
        if kind == "progress":
            operations.post_progress(
                focal, task, text=comment, percent=changes.get("progress", [0, task.progress])[1], on=on
            )
        elif kind == "reported":
            operations.report_completion(
                focal,
                task,
                completed_on=_date(changes["completed_on"][1]),
                result_ref=changes.get("result_ref", [None, task.result_ref])[1],
                note=comment,
                on=on,
            )
        elif kind == "confirmed":
            operations.confirm_completion(monitor, task, on=on)
        elif kind == "returned":
            operations.return_report(monitor, task, reason=comment, on=on)
        elif kind == "redo_requested":
            operations.request_redo(monitor, task, reason=comment, on=on)
        elif kind == "extension_requested":
            operations.request_extension(
                focal, task, new_deadline=_date(changes["deadline"][1]), reason=comment, on=on
            )
        elif kind in ("extension_approved", "extension_rejected"):
            req = db_pending(task)
            if kind == "extension_approved":
                operations.approve_extension(monitor, req, comment=comment, on=on)
            else:
                operations.reject_extension(monitor, req, comment=comment, on=on)
        elif kind == "cancelled":
            operations.cancel_task(monitor, task, reason=comment, on=on)
        elif kind == "contribution":
            operations.post_contribution(coordinator, task, text=comment, on=on)
        elif kind == "reminder":
            operations.remind(monitor, [task], message=comment, on=on)
        else:
            raise AssertionError(kind)


def db_pending(task):
    from tracker.db import db

    return db.session.scalar(
        select(ExtensionRequest).where(
            ExtensionRequest.task_id == task.id, ExtensionRequest.status == "pending"
        )
    )


def test_synthetic_histories_are_what_the_real_operations_write(make, db):
    lead = make.agency(code="LEAD")
    other = make.agency(code="COORD")
    actors = (make.user("focal", agency=lead), make.monitor(), make.user("focal", agency=other))
    document = make.document(issued_on=dt.date(2020, 1, 6))
    rng = random.Random(11)
    kinds_seen = set()
    for n in range(80):
        assigned = dt.date(2020, 1, 6) + dt.timedelta(days=rng.randint(0, 2000))
        deadline = None if n % 7 == 0 else assigned + dt.timedelta(days=rng.choice((20, 45, 90, 200)))
        life = simulate(
            rng, TaskLife(assigned, deadline, "LEAD"), cap=UNTIL, has_coordinators=True, result_prefix="LEAD"
        )
        task = make.task(
            lead=lead, document=document, assigned_on=assigned, deadline=deadline, coordinating=[other]
        )
        _play(life, task, actors)
        db.session.flush()
        events = db.session.scalars(
            select(TaskEvent).where(TaskEvent.task_id == task.id).order_by(TaskEvent.id)
        ).all()
        assert [(e.on_date, e.kind, e.changes, e.comment) for e in events] == [
            (on, kind, changes, comment) for on, kind, changes, comment, _a in life.events
        ]
        states = db.session.scalars(
            select(TaskState).where(TaskState.task_id == task.id).order_by(TaskState.valid_from)
        ).all()
        assert [
            [s.valid_from, s.valid_to, s.status, s.deadline, s.completed_on] for s in states
        ] == life.states
        assert (
            task.status,
            task.progress,
            task.deadline,
            task.completed_on,
            task.reported_on,
            task.confirmed_on,
            task.extension_count,
            task.last_update_on,
            task.returned_reason,
            task.cancel_reason,
        ) == (
            life.status,
            life.progress,
            life.deadline,
            life.completed_on,
            life.reported_on,
            life.confirmed_on,
            life.extension_count,
            life.last_update_on,
            life.returned_reason,
            life.cancel_reason,
        )
        kinds_seen |= {e.kind for e in events}
    assert {"progress", "reported", "confirmed", "returned", "extension_approved", "cancelled"} <= kinds_seen
