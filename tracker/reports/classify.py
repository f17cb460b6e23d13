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

from sqlalchemy import and_, case, cast, func, literal_column, null, or_, select, union_all

from tracker.core.text import N_
from tracker.db import db
from tracker.tasks import asof
from tracker.tasks.asof import (
    as_of_condition,
    extended_by,
    join_state_as_of,
    reads_tasks,
    spans_as_of,
    state_alias,
)
from tracker.tasks.classification import (
    categories_from,
    category_case,
    category_condition,
    category_counts,
    countable_clause,
    due_soon_condition,
)
from tracker.tasks.models import CATEGORIES, OPEN_END_DAY, Task

# ---------------------------------------------------------------- scope helpers


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
    key = GROUPS[group_by](state) if group_by else None
    conditions = [w(state) if callable(w) else w for w in where]
    if reads_tasks(*([key] if group_by else []), *conditions):
        population, _state = join_state_as_of(select(Task.id).select_from(Task), on, state)
        extended_condition = extended_by(on)
    else:
        # The whole tracker, an agency, by lead agency: the spans alone answer (no join to tasks).
        population = spans_as_of(select(state.task_id).select_from(state), on, state)
        extended_condition = extended_by(on, state.task_id)
    population = population.where(*conditions)
    if not group_by:
        # One row of counts with FILTER: a count per group of statuses and per rule with a date test,
        # the categories derived from them (`categories_from`). No GROUP BY on a constant (SQLite
        # would sort every row), no CASE per category (SQLite evaluated the whole CASE again for
        # each): at a million tasks the expressions per row cost more than reading the rows.
        counts = category_counts(state, on)
        columns = [func.count().label("total")]
        columns += [func.count().filter(c).label(name) for name, c in counts.items()]
        columns.append(func.count().filter(due_soon_condition(state, on)).label("due_soon"))
        # The extended tasks of the whole tracker: on SQLite a second statement, driven by the task
        # ids with an approved extension (70 ms at 1M, where testing the IN list on every row of the
        # aggregate costs 220 ms). Not for a part (an agency: every extended task of the tracker
        # probed for its few rows, 20 → 85 ms), nor on PostgreSQL, which tests a hashed list in the
        # aggregate (its plan of the separate statement scans every span).
        apart = not conditions and db.session.get_bind().dialect.name == "sqlite"
        if not apart:
            columns.append(func.count().filter(extended_condition).label("extended"))
        row = db.session.execute(population.with_only_columns(*columns)).one()._mapping
        if apart:
            extended = db.session.scalar(population.where(extended_condition).with_only_columns(func.count()))
        else:
            extended = row["extended"]
        return Counts(
            total=int(row["total"] or 0),
            **categories_from(row),
            due_soon=int(row["due_soon"] or 0),
            extended=int(extended or 0),
        )
    inner = population.with_only_columns(
        key.label("key"),
        category_case(state, on).label("category"),
        case((due_soon_condition(state, on), 1), else_=0).label("due_soon"),
        case((extended_condition, 1), else_=0).label("extended"),
    ).subquery()
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


def _age_band(state, on: dt.date):
    """SQL CASE: the age band (AGE_BANDS) of an overdue task as of `on`, from its deadline then."""
    return case(
        (state.deadline >= on - dt.timedelta(days=30), literal_column("'1_30'")),
        (state.deadline >= on - dt.timedelta(days=90), literal_column("'31_90'")),
        else_=literal_column("'over_90'"),
    )


def tally_sets(on: dt.date, where=(), groups=("lead", "document", "area"), *, ages: bool = False):
    """What `tally` gives for the whole population and for each grouping of `groups`, and (with
    `ages`) what `overdue_ages` gives by lead agency, in ONE pass over the population: the report
    screen's blocks. Returns (Counts, {group: {key: Counts}}, {lead key: {band: count}}).

    The population (the as-of join, its CASE per task) is computed once and grouped several ways: a
    CTE read once per grouping (materialized by both databases, being read more than once) — at a
    million tasks each separate tally paid the join again (0,2–0,35 s each on PostgreSQL)."""
    state = state_alias()
    keys = {name: GROUPS[name](state) for name in groups}
    conditions = [w(state) if callable(w) else w for w in where]
    if reads_tasks(*keys.values(), *conditions):
        population, _state = join_state_as_of(select(Task.id).select_from(Task), on, state)
        extended = case((extended_by(on), 1), else_=0)
    else:
        population = spans_as_of(select(state.task_id).select_from(state), on, state)
        extended = case((extended_by(on, state.task_id), 1), else_=0)
    category = category_case(state, on)
    columns = [key.label(f"k_{name}") for name, key in keys.items()]
    columns += [
        category.label("category"),
        case((due_soon_condition(state, on), 1), else_=0).label("due_soon"),
        extended.label("extended"),
    ]
    if ages:
        columns.append(
            case((category_condition(state, "overdue", on), _age_band(state, on)), else_=None).label("band")
        )
    population = population.where(*conditions).with_only_columns(*columns)
    # (GROUPING SETS on PostgreSQL was slower at a million tasks: 1,4 s against 0,8 s.)
    stmt = _union_of_groupings(population.cte("report_population"), keys, groups, ages)
    figures: dict = {name: {} for name in groups}
    age_figures: dict = {}
    names = [f.name for f in fields(Counts)]
    total = dict.fromkeys(names, 0)
    for row in db.session.execute(stmt):
        grouping, cat, n, due_soon, extended_n = row.grouping, row.category, row.n, row.due_soon, row.extended
        key = getattr(row, f"k_{'lead' if grouping == 'ages' else grouping}")
        if grouping == "ages":
            age_figures.setdefault(key, dict.fromkeys(AGE_BANDS, 0))[cat] += n
            continue
        targets = [figures[grouping].setdefault(key, dict.fromkeys(names, 0))]
        if grouping == groups[0]:
            targets.append(total)  # every task is in one row of each grouping: the first one's sum
        for counts in targets:
            counts["total"] += n
            if cat is not None:
                counts[cat] += n
            counts["due_soon"] += int(due_soon or 0)
            counts["extended"] += int(extended_n or 0)
    out = {name: {key: Counts(**c) for key, c in by_key.items()} for name, by_key in figures.items()}
    return (Counts(**total) if groups else tally(on, where)), out, age_figures


def _union_of_groupings(pop, keys: dict, groups, ages: bool):
    """The population as a CTE (materialized by both databases, being read more than once), grouped
    once per grouping, the groupings' rows one after the other (UNION ALL)."""

    def keyed(grouping: str, own: str | None):
        # Each grouping's key in its own column (their types differ), NULL in the others'.
        return [literal_column(f"'{grouping}'").label("grouping")] + [
            (pop.c[f"k_{name}"] if name == own else cast(null(), keys[name].type)).label(f"k_{name}")
            for name in groups
        ]

    parts = []
    for name in groups:
        key = pop.c[f"k_{name}"]
        parts.append(
            select(
                *keyed(name, name),
                pop.c.category.label("category"),
                func.count().label("n"),
                func.sum(pop.c.due_soon).label("due_soon"),
                func.sum(pop.c.extended).label("extended"),
            ).group_by(key, pop.c.category)
        )
    if ages:
        lead = pop.c.k_lead
        parts.append(
            select(
                *keyed("ages", "lead"),
                pop.c.band.label("category"),
                func.count().label("n"),
                literal_column("0").label("due_soon"),
                literal_column("0").label("extended"),
            )
            .where(pop.c.band.isnot(None))
            .group_by(lead, pop.c.band)
        )
    stmt = parts[0] if len(parts) == 1 else union_all(*parts)
    return stmt


def tally_on_dates(points, where=()) -> list[Counts]:
    """`tally(on, where + conditions)` for each (on, conditions) of `points`, in ONE statement: each
    date's figures summed from the spans holding at that date (the report's trend, four quarters each
    as of its end). The tasks `where` selects are read once, with the spans overlapping the dates,
    instead of once per date (each paid the join: 0,2–0,25 s at a million tasks on PostgreSQL)."""
    if not points:
        return []
    state = state_alias()
    lo, hi = min(on for on, _c in points), max(on for on, _c in points)
    stmt = (
        select(Task.id)
        .select_from(Task)
        .join(
            state,
            and_(
                state.task_id == Task.id,
                state.valid_from <= hi,
                func.coalesce(state.valid_to, literal_column(OPEN_END_DAY)) > lo,
            ),
        )
        .where(countable_clause(), Task.assigned_on <= hi, state.status != "cancelled")
        .where(*[w(state) if callable(w) else w for w in where])
    )
    # The first extension approved by the last date, once per task: "extended as of D" is that
    # date ≤ D (asof.first_extension), rather than an IN list of the extended tasks built per date.
    first = asof.first_extension(hi)
    stmt = stmt.outerjoin(first, first.c.task_id == Task.id)
    # Per task and date: in that date's population (t), its category then (c), due soon (s) and
    # extended (e) — each CASE once per row (SQLite evaluated a sum's CASE again for each category).
    owns, columns = [], []
    for i, (on, conditions) in enumerate(points):
        own = and_(
            state.valid_from <= on,
            func.coalesce(state.valid_to, literal_column(OPEN_END_DAY)) > on,
            Task.assigned_on <= on,
            *[c(state) if callable(c) else c for c in conditions],
        )
        owns.append(own)
        columns += [
            case((own, 1), else_=0).label(f"t{i}"),
            case((own, category_case(state, on)), else_=None).label(f"c{i}"),
            case((and_(own, due_soon_condition(state, on)), 1), else_=0).label(f"s{i}"),
            case((and_(own, first.c.first_on <= on), 1), else_=0).label(f"e{i}"),
        ]
    rows = (
        stmt.where(or_(*owns)).with_only_columns(*columns).cte("trend_population").prefix_with("MATERIALIZED")
    )
    sums = []
    for i in range(len(points)):
        sums.append(func.sum(rows.c[f"t{i}"]).label(f"d{i}_total"))
        sums += [func.sum(case((rows.c[f"c{i}"] == c, 1), else_=0)).label(f"d{i}_{c}") for c in CATEGORIES]
        sums.append(func.sum(rows.c[f"s{i}"]).label(f"d{i}_due_soon"))
        sums.append(func.sum(rows.c[f"e{i}"]).label(f"d{i}_extended"))
    row = db.session.execute(select(*sums)).one()
    return [
        Counts(**{f.name: int(getattr(row, f"d{i}_{f.name}") or 0) for f in fields(Counts)})
        for i in range(len(points))
    ]


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


# How long the tasks overdue as of D have been overdue (D − the deadline in force), in bands.
AGE_BANDS = {"1_30": N_("1–30 ngày"), "31_90": N_("31–90 ngày"), "over_90": N_("Trên 90 ngày")}


def overdue_ages(on: dt.date, where=(), group_by: str = "lead") -> dict:
    """{group key: {band: count}} of the tasks in the "quá hạn chưa hoàn thành" category as of `on`,
    by how many days they were overdue then (the same population and state as `tally`)."""
    state = state_alias()
    inner = select(GROUPS[group_by](state).label("key"), _age_band(state, on).label("band")).select_from(Task)
    inner, state = join_state_as_of(inner, on, state)
    inner = inner.where(
        category_condition(state, "overdue", on), *[w(state) if callable(w) else w for w in where]
    ).subquery()
    out: dict = {}
    for key, name, count in db.session.execute(
        select(inner.c.key, inner.c.band, func.count()).group_by(inner.c.key, inner.c.band)
    ):
        out.setdefault(key, dict.fromkeys(AGE_BANDS, 0))[name] += count
    return out
