"""One classification: the category of a task as DOMAIN.md states it, and every form of the rule —
the SQL CASE of the reports, the SQL conditions of the task-list filters and the reminders, the Python
form of the list colours and badges, and the benchmark floor's hand-written SQL — agreeing on every
combination of status and dates."""

from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from tracker.bench import floor
from tracker.reports import classify
from tracker.tasks import classification
from tracker.tasks.models import CATEGORIES, STATUSES, Task, TaskState
from tracker.tasks.ui import deadline_state, list_colour

D = dt.date(2024, 9, 14)
DAY = dt.timedelta(days=1)

# (status, deadline, completed_on) -> category as of D, written from DOMAIN.md's table by hand.
SPEC = [
    ("done", D, D, "done_on_time"),  # completed on its deadline day: on time
    ("done", D, D + DAY, "done_late"),
    ("done", D - DAY, D - 5 * DAY, "done_on_time"),
    ("done", None, D - DAY, "done_on_time"),  # ongoing: on time when done
    ("done", D - DAY, None, "done_on_time"),  # done without a completion date: not late
    ("done", None, None, "done_on_time"),
    ("reported", D - 30 * DAY, D - 31 * DAY, "awaiting_confirmation"),
    ("reported", None, D, "awaiting_confirmation"),
    ("new", D, None, "in_progress_on_time"),  # a deadline equal to D is within it
    ("new", D - DAY, None, "overdue"),
    ("in_progress", D + 30 * DAY, None, "in_progress_on_time"),
    ("in_progress", D - DAY, None, "overdue"),
    ("in_progress", None, None, "in_progress_on_time"),  # ongoing: never overdue
    ("cancelled", D - DAY, None, None),
    ("cancelled", None, None, None),
]


@pytest.mark.parametrize(("status", "deadline", "completed_on", "expected"), SPEC)
def test_the_category_is_the_one_domain_md_gives(status, deadline, completed_on, expected):
    state = SimpleNamespace(status=status, deadline=deadline, completed_on=completed_on)
    assert classification.category_of(state, D) == expected


def test_a_task_assigned_after_d_has_no_category_yet():
    task = SimpleNamespace(status="new", deadline=D + 9 * DAY, completed_on=None, assigned_on=D + DAY)
    assert classification.category_of(task, D) is None
    assert classification.category_of(task, D + DAY) == "in_progress_on_time"


# Every combination of status and dates around D.
DEADLINES = [None, D - 10 * DAY, D - DAY, D, D + DAY, D + 7 * DAY, D + 8 * DAY]
COMPLETIONS = [None, D - 20 * DAY, D - DAY, D, D + DAY]
COMBINATIONS = list(itertools.product(STATUSES, DEADLINES, COMPLETIONS))


@pytest.fixture
def every_combination(make, db):
    """One task per combination of status, deadline and completion date (set straight in its row and
    its one state span: the combinations include some the workflow would not reach), plus a task
    assigned after D."""
    document = make.document(issued_on=D - 60 * DAY)
    lead = make.agency()
    tasks = []
    for status, deadline, completed_on in COMBINATIONS:
        task = make.task(lead=lead, document=document, deadline=D + 30 * DAY, assigned_on=D - 60 * DAY)
        tasks.append((task.id, status, deadline, completed_on))
    later = make.task(lead=lead, document=document, deadline=D + 30 * DAY, assigned_on=D + DAY)
    db.session.flush()
    for task_id, status, deadline, completed_on in tasks:
        values = dict(status=status, deadline=deadline, completed_on=completed_on)
        db.session.execute(update(Task).where(Task.id == task_id).values(**values))
        db.session.execute(update(TaskState).where(TaskState.task_id == task_id).values(**values))
    db.session.commit()
    return {
        task_id: (status, deadline, completed_on) for task_id, status, deadline, completed_on in tasks
    }, later


def test_sql_and_python_forms_of_the_rules_agree_on_every_combination(every_combination, db):
    combos, later = every_combination
    expected = {
        task_id: classification.category_of(SimpleNamespace(status=s, deadline=d, completed_on=c), D)
        for task_id, (s, d, c) in combos.items()
    }
    # The reports' CASE over the as-of state (cancelled tasks are out of the population).
    assert classify.task_categories(D) == {i: c for i, c in expected.items() if c is not None}
    # The CASE over the task's own columns, and each category's filter condition.
    by_case = dict(db.session.execute(select(Task.id, classification.category_case(Task, D))).all())
    for category in CATEGORIES:
        found = set(
            db.session.scalars(select(Task.id).where(classification.category_condition(Task, category, D)))
        )
        assert found == {i for i, c in expected.items() if c == category}, category
        assert {i for i, c in by_case.items() if c == category and i != later.id} == found
    assert later.id not in {
        i
        for c in CATEGORIES
        for i in db.session.scalars(select(Task.id).where(classification.category_condition(Task, c, D)))
    }
    # Due soon: the SQL condition and its Python twin.
    soon = set(db.session.scalars(select(Task.id).where(classification.due_soon_condition(Task, D))))
    assert soon == {
        i
        for i, (s, d, c) in combos.items()
        if classification.is_due_soon(SimpleNamespace(status=s, deadline=d, completed_on=c), D)
    } | ({later.id} if classification.is_due_soon(later, D) else set())


def test_the_benchmark_floor_counts_as_the_reports_do(every_combination, db):
    figures = classify.tally(D).as_dict()
    figures.pop("completion_rate")
    with db.engine.connect() as connection:
        assert floor.summary(connection, D) == figures
    assert figures["total"] == sum(1 for s, _d, _c in every_combination[0].values() if s != "cancelled")


def test_list_colours_and_deadline_badges_follow_the_rules(freeze):
    freeze(D)
    for status, deadline, completed_on in COMBINATIONS:
        task = SimpleNamespace(
            status=status, deadline=deadline, completed_on=completed_on, assigned_on=D - 60 * DAY
        )
        category = classification.category_of(task, D)
        colour = list_colour(task)
        if category in ("done_on_time", "done_late"):
            assert colour == category
        elif category == "overdue":
            assert colour == deadline_state(task) == "overdue"
        elif classification.is_due_soon(task, D):
            assert colour == deadline_state(task) == "due_soon"
        else:
            assert colour == status
