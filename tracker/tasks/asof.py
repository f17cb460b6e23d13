"""The population of a report as of a day D, in SQL over Task: the state each task had at the end of
D (`join_state_as_of`), the reporting period, the issuer, extensions approved by D, an agency with
those below it or merged into it. Shared by the report's classification (tracker.reports.classify)
and the task list's filters (tracker.tasks.queries), which show the tasks behind a report's number.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, literal_column, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import coercions, roles
from sqlalchemy.sql.visitors import traverse

from tracker.agencies.models import Agency
from tracker.db import db
from tracker.documents.models import Document
from tracker.tasks.classification import counted
from tracker.tasks.models import OPEN_END_DAY, Task, TaskEvent, TaskState


def state_alias():
    """A fresh alias of the state history, for one as-of join."""
    return aliased(TaskState, name="state_as_of")


def as_of_condition(state, on: dt.date):
    """Join condition: the state row holding at the end of day `on` ([valid_from, valid_to))."""
    return and_(
        state.task_id == Task.id,
        state.valid_from <= on,
        or_(state.valid_to.is_(None), state.valid_to > on),
    )


def join_state_as_of(stmt, on: dt.date, state=None):
    """Restrict a SELECT over Task to the report population as of `on` (assigned by then, not
    cancelled then) and join the state it had at the end of that day. Returns (stmt, state)."""
    state = state if state is not None else state_alias()
    stmt = stmt.join(state, as_of_condition(state, on)).where(counted(state, on))
    return stmt, state


def spans_as_of(stmt, on: dt.date, state):
    """Restrict a SELECT over the state spans alone (`state`, no Task in its FROM) to the report
    population as of `on`: the same rows as `join_state_as_of`, read from ix_task_states_asof. A span
    carries its task's assignment date, and only countable tasks have spans (TaskState)."""
    return stmt.where(
        func.coalesce(state.valid_to, literal_column(OPEN_END_DAY)) > on,
        state.valid_from <= on,
        state.assigned_on <= on,
        state.status != "cancelled",
    )


def reads_tasks(*clauses) -> bool:
    """True when one of the SQL expressions refers to the tasks table (then the spans alone do not
    answer, `join_state_as_of` does)."""
    # A column of the tasks table itself, at any depth (a subquery over an alias of tasks, as the
    # focal point's visible tasks are, does not need the join).
    found = []

    def column(col):
        if col.table is Task.__table__:
            found.append(col)

    for clause in clauses:
        traverse(coercions.expect(roles.ExpressionElementRole, clause), {}, {"column": column})
    return bool(found)


def extended_by(on: dt.date, task_id=None):
    """SQL condition on Task (or on the column `task_id`, e.g. a span's): an extension of its deadline
    was approved on or before `on`."""
    # IN over the (kind, on_date) index rather than a correlated EXISTS evaluated once per task: at a
    # million tasks the EXISTS form made the summary ten times slower on PostgreSQL.
    return (Task.id if task_id is None else task_id).in_(
        select(TaskEvent.task_id).where(TaskEvent.kind == "extension_approved", TaskEvent.on_date <= on)
    )


def first_extension(until: dt.date):
    """Subquery (task_id, first_on): each task's first extension approved on or before `until`.
    For any D ≤ `until`, `extended_by(D)` holds exactly when first_on ≤ D — the form for several
    dates at once (one aggregate, joined; not one IN list per date)."""
    return (
        select(TaskEvent.task_id.label("task_id"), func.min(TaskEvent.on_date).label("first_on"))
        .where(TaskEvent.kind == "extension_approved", TaskEvent.on_date <= until)
        .group_by(TaskEvent.task_id)
        .subquery("first_extension")
    )


# ---------------------------------------------------------------- scope


def period_clause(state, start: dt.date | None, end: dt.date | None):
    """Tasks of a reporting period: assigned in [start, end]; a periodic occurrence instead when
    its deadline (as of the report's date) falls in the range."""

    def between(col):
        conds = []
        if start:
            conds.append(col >= start)
        if end:
            conds.append(col <= end)
        return and_(*conds)

    deadline = state.deadline if state is not None else Task.deadline
    return or_(
        and_(Task.series_id.is_(None), between(Task.assigned_on)),
        and_(Task.series_id.isnot(None), between(deadline)),
    )


def issuer_clause(level: str):
    return Task.document_id.in_(select(Document.id).where(Document.issuer_level == level))


def agency_ids(agency_id: int, *, subtree: bool = True, merged: bool = False):
    """SELECT of agency ids: the agency (and those below it when `subtree`), plus, when `merged`,
    every agency merged into one of them (following successor chains back)."""
    if subtree:
        own = select(Agency.path).where(Agency.id == agency_id).scalar_subquery()
        seed = select(Agency.id.label("id")).where(Agency.path.like(own + "%"))
    else:
        seed = select(Agency.id.label("id")).where(Agency.id == agency_id)
    if not merged:
        return seed
    ids = seed.cte("merged_agencies", recursive=True)
    ids = ids.union(select(Agency.id).join(ids, Agency.successor_id == ids.c.id))
    return select(ids.c.id)


def final_successors() -> dict[int, int]:
    """agency id -> the active agency it was (eventually) merged into, for merged agencies only."""
    pairs = dict(
        db.session.execute(
            select(Agency.id, Agency.successor_id).where(Agency.successor_id.isnot(None))
        ).all()
    )
    out = {}
    for start in pairs:
        seen, current = {start}, pairs[start]
        while current in pairs and current not in seen:
            seen.add(current)
            current = pairs[current]
        out[start] = current
    return out
