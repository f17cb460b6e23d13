"""The report category of a task as of a day D: the one table of rules, and what is built from it.

DOMAIN.md, "Classification for reports". Which tasks are counted as of D (`counted`): real tasks and
periodic occurrences (not document sections, not periodic series), assigned on or before D, not
cancelled as of D. Each counted task is in exactly one category, the first rule of RULES that holds:

    done_on_time           done, completed on ≤ deadline in force (or no deadline, or no date)
    done_late              done (otherwise)
    awaiting_confirmation  reported, not yet confirmed
    overdue                new or in progress, deadline < D
    in_progress_on_time    new or in progress (otherwise: deadline ≥ D, or ongoing)

Everything else is built from RULES, over the columns of a Task (its current state: a category as
of today) or of a TaskState alias (the state held at the end of D, `tracker.reports.classify`):

- `category_case(cols, D)`: one SQL CASE giving the category key (NULL: not counted) — the reports'
  aggregates and the dashboard;
- `category_condition(cols, key, D)`: the SQL condition "in this category", written so that an index
  on (status, deadline) can serve it — the task-list filters and the reminders;
- `category_counts` / `categories_from`: the fewest conditions whose counts give every category —
  the report's one-row tally;
- `category_of(obj, D)`: the same rules in Python for one object (a Task, a TaskState, a replayed
  state) — the list colours, the status badges, the document tree, the API's deadline state;
- `due_soon_condition` / `is_due_soon`: open and due within the next DUE_SOON_DAYS days.

`tracker.bench.floor` keeps a hand-written SQL of the same rules for timing comparison; a test checks
it against this module on every combination of status and dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, case, literal_column, not_, or_

from tracker.tasks.models import CATEGORIES, OPEN_STATUSES, Task

# The "sắp đến hạn" window of the lists, the home page and the reports, in days (today included).
DUE_SOON_DAYS = 7
DONE = ("done",)
REPORTED = ("reported",)


# ---------------------------------------------------------------- the date tests, SQL and Python


def _completed_by_deadline_sql(cols, on):
    return or_(cols.deadline.is_(None), cols.completed_on.is_(None), cols.completed_on <= cols.deadline)


def _completed_by_deadline(obj, on) -> bool:
    return obj.deadline is None or obj.completed_on is None or obj.completed_on <= obj.deadline


def _deadline_passed_sql(cols, on):
    return and_(cols.deadline.isnot(None), cols.deadline < on)


def _deadline_passed(obj, on) -> bool:
    return obj.deadline is not None and obj.deadline < on


# name -> (SQL condition over columns, Python test over one object); both (cols|obj, on).
TESTS = {
    "completed_by_deadline": (_completed_by_deadline_sql, _completed_by_deadline),
    "deadline_passed": (_deadline_passed_sql, _deadline_passed),
}


@dataclass(frozen=True)
class Rule:
    category: str
    statuses: tuple[str, ...]
    test: str | None = None  # a key of TESTS, or None: every task of these statuses left


# The table: the first rule that holds gives the category.
RULES = (
    Rule("done_on_time", DONE, "completed_by_deadline"),
    Rule("done_late", DONE),
    Rule("awaiting_confirmation", REPORTED),
    Rule("overdue", OPEN_STATUSES, "deadline_passed"),
    Rule("in_progress_on_time", OPEN_STATUSES),
)
if tuple(r.category for r in RULES) != tuple(CATEGORIES):  # one rule per category, in the form's order
    raise RuntimeError("RULES must list the categories of CATEGORIES, in order")


def _statuses(cols, statuses: tuple[str, ...]):
    """status IN (…), the values written into the SQL (not bound), so that the partial index of open
    tasks (ix_tasks_open_deadline) matches on SQLite as on PostgreSQL."""
    if len(statuses) == 1:
        return cols.status == literal_column(f"'{statuses[0]}'")
    return cols.status.in_(
        bindparam("statuses", list(statuses), expanding=True, literal_execute=True, unique=True)
    )


def _const(key: str):
    # A SQL string constant (not a bind parameter, whose type PostgreSQL could not infer in a CASE).
    if key not in CATEGORIES:
        raise ValueError(key)
    return literal_column(f"'{key}'")


# ---------------------------------------------------------------- which tasks are counted


def countable_clause():
    """Tasks counted in lists and reports: not document sections, not periodic series (their
    occurrences count instead). Python: `Task.is_countable`."""
    return and_(Task.is_section.is_(False), or_(Task.deadline_kind != "periodic", Task.series_id.isnot(None)))


def open_clause(cols=Task):
    """New or in progress (see `_statuses` for why the values are literals)."""
    return _statuses(cols, OPEN_STATUSES)


def counted(cols, on: dt.date):
    """SQL: the task is in the classification as of `on` — countable, assigned by then, not cancelled
    (its status in `cols`: the Task's current one, or a TaskState's as of `on`)."""
    return and_(countable_clause(), Task.assigned_on <= on, cols.status != "cancelled")


def not_counted_reason(task, on: dt.date) -> str | None:
    """Why a countable task is out of the classification as of `on` (its current status):
    'not_started' (assigned after `on`: an occurrence of a period to come) or 'cancelled'; None if in."""
    if task.assigned_on > on:
        return "not_started"
    if task.status == "cancelled":
        return "cancelled"
    return None


# ---------------------------------------------------------------- SQL


def category_case(cols, on: dt.date):
    """SQL CASE: the category key of the task whose status and dates are `cols` (Task, or a TaskState
    alias already restricted to the counted tasks); NULL for a status no rule takes (cancelled)."""
    whens = []
    for rule in RULES:
        condition = _statuses(cols, rule.statuses)
        if rule.test:
            condition = and_(condition, TESTS[rule.test][0](cols, on))
        whens.append((condition, _const(rule.category)))
    return case(*whens, else_=None)


def category_condition(cols, category: str, on: dt.date):
    """SQL condition: in `category` as of `on` — its rule holds and no earlier rule of the same
    statuses does. Over Task columns it includes the population (assigned by `on`)."""
    index = next(i for i, rule in enumerate(RULES) if rule.category == category)
    rule = RULES[index]
    parts = [_statuses(cols, rule.statuses)]
    if rule.test:
        parts.append(TESTS[rule.test][0](cols, on))
    for earlier in RULES[:index]:
        if earlier.statuses == rule.statuses and earlier.test:
            parts.append(not_(TESTS[earlier.test][0](cols, on)))
    if cols is Task:
        parts.append(Task.assigned_on <= on)
    return and_(*parts)


def category_counts(cols, on: dt.date) -> dict:
    """The conditions whose counts give every category, for an aggregate that counts each with
    `count(*) FILTER (WHERE …)` (`categories_from` turns the counts into categories): one per group of
    statuses, and one per rule with a date test. The last rule of a group needs no condition of its
    own — it takes the rest of its group — so each row is tested a few times, not once per category
    (at a million tasks the aggregate's expressions cost more than reading the rows)."""
    out = {}
    for rule in RULES:
        group = "statuses_" + "_".join(rule.statuses)
        if group not in out:
            out[group] = _statuses(cols, rule.statuses)
        if rule.test:
            out[rule.category] = category_condition(cols, rule.category, on)
    return out


def categories_from(counts) -> dict[str, int]:
    """category -> count, from the counts of `category_counts`' conditions (a mapping by their keys)."""
    out, taken = {}, {}
    for rule in RULES:
        group = "statuses_" + "_".join(rule.statuses)
        if rule.test:
            out[rule.category] = int(counts[rule.category] or 0)
        else:
            out[rule.category] = int(counts[group] or 0) - taken.get(group, 0)
        taken[group] = taken.get(group, 0) + out[rule.category]
    return out


def due_soon_condition(cols, on: dt.date, days: int = DUE_SOON_DAYS):
    """SQL: open as of `on`, deadline within [on, on + days]."""
    return and_(open_clause(cols), cols.deadline >= on, cols.deadline <= on + dt.timedelta(days=days))


# ---------------------------------------------------------------- Python, for one object


def category_of(obj, on: dt.date) -> str | None:
    """The category of one object with `status`, `deadline`, `completed_on` (and `assigned_on`, if it
    has one: assigned after `on` is not counted) as of `on`; None when not counted."""
    assigned_on = getattr(obj, "assigned_on", None)
    if assigned_on is not None and assigned_on > on:
        return None
    for rule in RULES:
        if obj.status in rule.statuses and (rule.test is None or TESTS[rule.test][1](obj, on)):
            return rule.category
    return None


def is_due_soon(obj, on: dt.date, days: int = DUE_SOON_DAYS) -> bool:
    """Python twin of `due_soon_condition`."""
    return (
        obj.status in OPEN_STATUSES
        and obj.deadline is not None
        and on <= obj.deadline <= on + dt.timedelta(days=days)
    )
