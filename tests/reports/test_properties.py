"""Properties of the classification over random task histories played through the real operations:
the five categories add up to the total, a report as of D is unchanged by events after D, and the
database computation agrees with a plain-Python replay of each task's events up to D."""

import datetime as dt
from collections import Counter

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tracker.reports import classify, replay
from tracker.tasks import operations
from tracker.tasks.classification import DUE_SOON_DAYS
from tracker.tasks.models import CATEGORIES, ExtensionRequest, Task

BASE = dt.date(2024, 1, 1)
# Reporting and confirming weigh more, so that many histories get as far as "done".
ACTIONS = [
    "progress",
    "report",
    "report",
    "report",
    "confirm",
    "confirm",
    "confirm",
    "return",
    "recall",
    "redo",
    "extend",
    "reject",
    "cancel",
    "edit_deadline",
    "move",
]

step = st.tuples(st.integers(0, 25), st.sampled_from(ACTIONS), st.integers(0, 40))
task_spec = st.fixed_dictionaries(
    {
        "assigned": st.integers(0, 60),
        "deadline": st.one_of(st.none(), st.integers(0, 60)),  # days after assignment; None: ongoing
        "steps": st.lists(step, max_size=10),
    }
)


@pytest.fixture
def world(make, db):
    """Two agencies with a focal point each, a monitor and a document — committed, so each example
    can roll back its own tasks."""
    a, b = make.agency("SA", "Sở A"), make.agency("SB", "Sở B")
    world = {
        "agencies": [a, b],
        "focal": {a.id: make.user("focal", agency=a), b.id: make.user("focal", agency=b)},
        "monitor": make.monitor(),
        "document": make.document("9/KH-UBND", issued_on=BASE),
    }
    db.session.commit()
    return world


def _act(world, task: Task, action: str, day: dt.date, param: int, db) -> None:
    """Play one action if the task's state allows it (a random history only takes legal steps)."""
    monitor, focal = world["monitor"], world["focal"][task.lead_agency_id]
    status = task.status
    open_ = status in ("new", "in_progress")
    if action == "progress" and open_:
        operations.post_progress(focal, task, text="Đang thực hiện", percent=min(90, param * 2), on=day)
    elif action == "report" and open_:
        # Often exactly on the deadline or the day after: the boundary between on time and late.
        if task.deadline and param % 3 == 0:
            completed = task.deadline + dt.timedelta(days=param % 2)
        else:
            completed = day - dt.timedelta(days=param)
        completed = min(max(task.assigned_on, completed), day)
        operations.report_completion(focal, task, completed_on=completed, on=day)
    elif action == "confirm" and status == "reported":
        operations.confirm_completion(monitor, task, on=day)
    elif action == "return" and status == "reported":
        operations.return_report(monitor, task, reason="Chưa đạt", on=day)
    elif action == "recall" and status == "reported":
        operations.recall_report(monitor, task, reason="Báo cáo nhầm", on=day)
    elif action == "redo" and status == "done":
        operations.request_redo(monitor, task, reason="Làm lại", on=day)
    elif action in ("extend", "reject") and open_ and task.deadline_kind == "date":
        req = operations.request_extension(
            focal,
            task,
            new_deadline=task.deadline + dt.timedelta(days=param + 1),
            reason="Cần thêm thời gian",
            on=day,
        )
        db.session.flush()
        if action == "extend":
            operations.approve_extension(monitor, req, on=day)
        else:
            operations.reject_extension(monitor, req, comment="Không đủ lý do", on=day)
    elif action == "cancel" and status in ("new", "in_progress", "reported"):
        operations.cancel_task(monitor, task, reason="Không còn phù hợp", on=day)
    elif action == "edit_deadline" and task.deadline_kind == "date" and status != "cancelled":
        operations.update_task(
            monitor, task, None, deadline=task.assigned_on + dt.timedelta(days=param * 3), on=day
        )
    elif action == "move" and status != "cancelled":
        other = next(a for a in world["agencies"] if a.id != task.lead_agency_id)
        operations.update_task(monitor, task, None, lead_agency=other, on=day)


def _replayed(tasks, on):
    out = {}
    for task in tasks:
        cat, state = replay.replay_task(task, on)
        out[task.id] = (cat, state)
    return out


def _check_agreement(tasks, on, where):
    """The database and the replay agree task by task and in total; the five add up."""
    in_db = classify.task_categories(on, where)
    replayed = _replayed(tasks, on)
    assert {tid: cat for tid, (cat, _s) in replayed.items() if cat is not None} == in_db
    counts = classify.tally(on, where)
    expected = Counter(cat for cat, _s in replayed.values() if cat is not None)
    assert counts.by_category() == {c: expected.get(c, 0) for c in CATEGORIES}
    assert sum(counts.by_category().values()) == counts.total == sum(expected.values())
    assert counts.due_soon == sum(
        1 for cat, s in replayed.values() if cat is not None and replay.is_due_soon(s, on, DUE_SOON_DAYS)
    )
    assert counts.extended == sum(1 for cat, s in replayed.values() if cat is not None and s.extended)
    # The tracker holds only these tasks: the whole tracker's tally and the one by lead agency, read
    # from the state spans alone (no join to tasks), give the same figures.
    assert classify.tally(on) == counts
    assert sum(classify.tally(on, group_by="lead").values(), classify.Counts()) == counts
    # The report screen's one pass (summary, by agency with the overdue ages, by document, by area)
    # gives what the separate tallies give.
    total, grouped, ages = classify.tally_sets(on, where, ("lead", "document", "area"), ages=True)
    assert total == counts
    for name in ("lead", "document", "area"):
        assert grouped[name] == classify.tally(on, where, group_by=name), name
    assert ages == classify.overdue_ages(on, where)
    # The trend's one statement over several dates gives each date's own tally.
    earlier = on - dt.timedelta(days=45)
    assert classify.tally_on_dates([(earlier, []), (on, [])], where) == [
        classify.tally(earlier, where),
        counts,
    ]
    return counts


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(task_spec, min_size=1, max_size=4), cut=st.integers(0, 260), later=st.integers(0, 300))
def test_reports_agree_with_the_replay_and_ignore_what_happens_after_the_date(world, db, specs, cut, later):
    d = BASE + dt.timedelta(days=cut)
    document = world["document"]
    where = [Task.document_id == document.id]
    try:
        plans = []
        for i, spec in enumerate(specs):
            assigned = BASE + dt.timedelta(days=spec["assigned"])
            deadline = None if spec["deadline"] is None else assigned + dt.timedelta(days=spec["deadline"])
            task = operations.create_task(
                world["monitor"],
                document,
                title=f"Nhiệm vụ {i}",
                lead_agency=world["agencies"][i % 2],
                assigned_on=assigned,
                deadline_kind="date" if deadline else "ongoing",
                deadline=deadline,
            )
            day, steps = assigned, []
            for gap, action, param in spec["steps"]:
                day = day + dt.timedelta(days=gap)
                steps.append((day, action, param))
            plans.append((task, steps))
        # Everything up to D first, then the report as of D …
        for task, steps in plans:
            for day, action, param in steps:
                if day <= d:
                    _act(world, task, action, day, param, db)
        db.session.flush()
        before = (classify.tally(d, where), classify.task_categories(d, where))
        # … then what happens after D: the report as of D must not move.
        for task, steps in plans:
            for day, action, param in steps:
                if day > d:
                    _act(world, task, action, day, param, db)
        db.session.flush()
        assert (classify.tally(d, where), classify.task_categories(d, where)) == before
        event(
            "done on the deadline day"
            if any(t.status == "done" and t.completed_on == t.deadline for t, _s in plans)
            else "no task done on its deadline"
        )
        tasks = [t for t, _s in plans]
        _check_agreement(tasks, d, where)
        _check_agreement(tasks, BASE + dt.timedelta(days=later), where)
    finally:
        db.session.rollback()
        assert db.session.scalar(select(ExtensionRequest.id).limit(1)) is None
