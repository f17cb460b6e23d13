"""The classification for reports: the category of every countable task as of the end of a day D.

The rules are those of `tracker.tasks.classification` (the one table of them); this module applies
them to the state each task had at the end of day D. It reads
the state each task had at the end of day D from the state history (`TaskState`, written by the
workflow operations with the business dates of their events), so a report as of D gives the same
figures whenever it is run: events dated after D do not change it. Everything is computed in the
database — one aggregate query with a CASE over the as-of state join — and used by the report
pages, the exports, the CLI, the dashboard and the task list's as-of mode.

Each counted task (`classification.counted`) is in one of the five categories, which add up to the
total. Also counted: `due_soon` (new or in progress, deadline within the next DUE_SOON_DAYS days
from D) and `extended` (an extension approved on or before D).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import and_, case, func, literal_column, or_, select
from sqlalchemy.orm import aliased

from tracker.agencies.models import Agency
from tracker.db import db
from tracker.documents.models import Document
from tracker.tasks.classification import category_case, countable_clause, counted, due_soon_condition
from tracker.tasks.models import CATEGORIES, Task, TaskEvent, TaskState

# ---------------------------------------------------------------- the as-of state


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


def extended_by(on: dt.date):
    """SQL condition on Task: an extension of its deadline was approved on or before `on`."""
    # IN over the (kind, on_date) index rather than a correlated EXISTS evaluated once per task: at a
    # million tasks the EXISTS form made the summary ten times slower on PostgreSQL.
    return Task.id.in_(
        select(TaskEvent.task_id).where(TaskEvent.kind == "extension_approved", TaskEvent.on_date <= on)
    )


# ---------------------------------------------------------------- scope helpers


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


# ---------------------------------------------------------------- the tally


@dataclass
class Counts:
    """The figures of one block or one row of a report."""

    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    awaiting_confirmation: int = 0
    overdue: int = 0
    in_progress_on_time: int = 0
    due_soon: int = 0
    extended: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def completion_rate(self) -> float:
        """Done ÷ total (a fraction; 0 when there is no task)."""
        return self.done / self.total if self.total else 0.0

    @property
    def on_time_rate(self) -> float:
        """Done on time ÷ total: the ranking criterion of agencies."""
        return self.done_on_time / self.total if self.total else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def as_dict(self) -> dict:
        """The figures under the keys of the CLI and the API."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["completion_rate"] = round(self.completion_rate, 4)
        return out

    def by_category(self) -> dict[str, int]:
        return {c: getattr(self, c) for c in CATEGORIES}


GROUPS = {
    "lead": lambda state: state.lead_agency_id,  # the lead agency as of the date (historic)
    "document": lambda state: Task.document_id,
    "area": lambda state: Task.area,
    "status": lambda state: state.status,  # the status as of the date (the home page's rows)
}


def tally(on: dt.date, where=(), group_by: str | None = None):
    """THE classification: count the tasks matching `where` by category as of the end of day `on`,
    in one aggregate query. `where` may refer to the as-of state through a callable taking it.
    Returns Counts, or {group key: Counts} when `group_by` is 'lead', 'document', 'area' or 'status'."""
    state = state_alias()
    key = GROUPS[group_by](state) if group_by else literal_column("0")
    inner = select(
        key.label("key"),
        category_case(state, on).label("category"),
        case((due_soon_condition(state, on), 1), else_=0).label("due_soon"),
        case((extended_by(on), 1), else_=0).label("extended"),
    ).select_from(Task)
    inner, state = join_state_as_of(inner, on, state)
    inner = inner.where(*[w(state) if callable(w) else w for w in where]).subquery()
    if not group_by:
        # One row: no GROUP BY on a constant (SQLite would sort every row to group them).
        columns = [func.count().label("total")]
        columns += [func.sum(case((inner.c.category == c, 1), else_=0)).label(c) for c in CATEGORIES]
        columns += [
            func.sum(inner.c.due_soon).label("due_soon"),
            func.sum(inner.c.extended).label("extended"),
        ]
        row = db.session.execute(select(*columns)).one()
        return Counts(**{f.name: int(getattr(row, f.name) or 0) for f in fields(Counts)})
    # Grouped: one row per (key, category), added up here. The CASE is computed once per task; with
    # a sum per category SQLite evaluated it again for each (a fifth more time by agency at 1M).
    figures: dict = {}
    for key, category, total, due_soon, extended in db.session.execute(
        select(
            inner.c.key,
            inner.c.category,
            func.count(),
            func.sum(inner.c.due_soon),
            func.sum(inner.c.extended),
        ).group_by(inner.c.key, inner.c.category)
    ):
        counts = figures.setdefault(key, dict.fromkeys((f.name for f in fields(Counts)), 0))
        counts["total"] += total
        if category is not None:
            counts[category] += total
        counts["due_soon"] += int(due_soon or 0)
        counts["extended"] += int(extended or 0)
    return {key: Counts(**counts) for key, counts in figures.items()}


def task_categories(on: dt.date, where=()) -> dict[int, str]:
    """task id -> category as of `on`, for the tasks matching `where` (the same CASE as `tally`)."""
    state = state_alias()
    stmt = select(Task.id, category_case(state, on)).select_from(Task)
    stmt, state = join_state_as_of(stmt, on, state)
    stmt = stmt.where(*[w(state) if callable(w) else w for w in where])
    return dict(db.session.execute(stmt).all())


def not_counted(on: dt.date, where=()) -> dict[str, int]:
    """The countable tasks matching `where` that the classification as of `on` leaves out, by reason:
    'not_started' (assigned after `on`: occurrences of periods to come) and 'cancelled' (cancelled
    by `on`). With `tally(on, where).total` they add up to every countable task matching `where`."""
    state = state_alias()
    row = db.session.execute(
        select(
            func.sum(case((Task.assigned_on > on, 1), else_=0)),
            func.sum(case((and_(Task.assigned_on <= on, state.status == "cancelled"), 1), else_=0)),
        )
        .select_from(Task)
        .outerjoin(state, as_of_condition(state, on))
        .where(countable_clause(), *where)
    ).one()
    return {"not_started": int(row[0] or 0), "cancelled": int(row[1] or 0)}
