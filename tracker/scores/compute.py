"""The score board: one row per scored agency, as of a day D, from the one classification.

The tasks scored: assigned in the year's period (`ScoreSettings.window`), of documents of the chosen
issuer levels (and areas, if any), counted by `tracker.reports.classify.tally` over the state each
task had at the end of D (`tracker.tasks.asof`), by the agency that led it then. So a score as of a
past day comes out the same whenever it is computed.

For each agency:

    tasks        = the tasks due by D: all scored tasks but those still in progress within their
                   deadline ("đang thực hiện trong hạn": not yet judged)
    on_time      = "hoàn thành đúng hạn" (done, completed on or before the deadline in force)
    on_time_rate = on_time ÷ tasks (none due: full points)
    overdue      = "quá hạn chưa hoàn thành" at D
    points       = the band of the rate − overdue_deduction × overdue, not below 0

The tasks that cost an agency points are its scored tasks due by D that are not on time (done late,
awaiting confirmation, overdue). `what_if` recomputes an agency's row as if some of them had been
done on time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlalchemy import select

from tracker.agencies.models import Agency
from tracker.core.dates import today
from tracker.db import db
from tracker.documents.models import Document
from tracker.reports import classify
from tracker.reports.classify import Counts
from tracker.scores.settings import ScoreSettings, load
from tracker.tasks import asof
from tracker.tasks.models import CATEGORIES, Task

COSTLY = ("done_late", "awaiting_confirmation", "overdue")


@dataclass
class ScoreRow:
    agency_id: int
    code: str
    name: str
    counts: Counts
    settings: ScoreSettings
    rank: int = 0
    active: bool = True

    @property
    def tasks(self) -> int:
        return self.counts.total - self.counts.in_progress_on_time

    @property
    def on_time(self) -> int:
        return self.counts.done_on_time

    @property
    def overdue(self) -> int:
        return self.counts.overdue

    @property
    def costly(self) -> int:
        return self.tasks - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.tasks if self.tasks else None

    @property
    def band_points(self) -> float:
        return self.settings.band_points(self.on_time_rate)

    @property
    def deduction(self) -> float:
        return round(self.settings.overdue_deduction * self.overdue, 2)

    @property
    def points(self) -> float:
        return round(max(0.0, self.band_points - self.deduction), 2)

    @property
    def max_points(self) -> float:
        return self.settings.max_points

    def as_dict(self) -> dict:
        """The keys of `flask report score --format json` and of the API."""
        rate = self.on_time_rate
        return {
            "rank": self.rank,
            "agency": self.code,
            "name": self.name,
            "tasks": self.tasks,
            "on_time": self.on_time,
            "on_time_rate": round(rate, 4) if rate is not None else None,
            "overdue": self.overdue,
            "points": self.points,
            "max_points": self.max_points,
        }


@dataclass
class ScoreBoard:
    year: int
    start: dt.date
    end: dt.date
    as_of: dt.date
    settings: ScoreSettings
    rows: list[ScoreRow] = field(default_factory=list)

    def head(self) -> dict:
        return {
            "year": self.year,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "as_of": self.as_of.isoformat(),
        }


def default_as_of(year: int, settings: ScoreSettings | None = None) -> dt.date:
    """The year's cut-off, or today while the year is not over."""
    _start, end = (settings or load()).window(year)
    return min(end, today())


def scope_clauses(settings: ScoreSettings, start: dt.date, end: dt.date) -> list:
    """The WHERE clauses (some over the as-of state) of the scored tasks."""
    out: list = [
        lambda state: asof.period_clause(state, start, end),
        Task.document_id.in_(select(Document.id).where(Document.issuer_level.in_(settings.issuer_levels))),
    ]
    if settings.areas:
        out.append(Task.area.in_(settings.areas))
    return out


def _scored_agencies(settings: ScoreSettings, with_tasks: set[int]) -> list[Agency]:
    """Active agencies of the scored kinds, and any agency of those kinds that led a scored task."""
    stmt = select(Agency).where(
        Agency.kind.in_(settings.agency_kinds),
        Agency.is_active.is_(True) | Agency.id.in_(with_tasks or {0}),
    )
    if settings.province:
        root = select(Agency.path).where(Agency.code == settings.province).scalar_subquery()
        stmt = stmt.where(Agency.path.like(root + "%"))
    return list(db.session.scalars(stmt))


def _rank(rows: list[ScoreRow]) -> list[ScoreRow]:
    rows.sort(
        key=lambda r: (-r.points, -(r.on_time_rate if r.on_time_rate is not None else 1.0), -r.tasks, r.name)
    )
    previous, rank = None, 0
    for i, row in enumerate(rows, start=1):
        key = (row.points, row.on_time_rate)
        if key != previous:
            rank, previous = i, key
        row.rank = rank
    return rows


def score_board(
    year: int,
    as_of: dt.date | None = None,
    agency_ids: set[int] | None = None,
    settings: ScoreSettings | None = None,
) -> ScoreBoard:
    """The board of `year` as of `as_of` (default: the cut-off, or today before it). `agency_ids`
    limits the rows (a focal point's own agency and those below it)."""
    settings = settings or load()
    start, end = settings.window(year)
    on = as_of or default_as_of(year, settings)
    grouped = classify.tally(on, scope_clauses(settings, start, end), group_by="lead")
    rows = []
    for agency in _scored_agencies(settings, {k for k in grouped if k is not None}):
        if agency_ids is not None and agency.id not in agency_ids:
            continue
        counts = grouped.get(agency.id, Counts())
        if not agency.is_active and not counts.total:
            continue
        rows.append(ScoreRow(agency.id, agency.code, agency.name, counts, settings, active=agency.is_active))
    return ScoreBoard(year, start, end, on, settings, _rank(rows))


@dataclass
class CostlyTask:
    id: int
    code: str
    title: str
    document: str
    deadline: dt.date | None
    completed_on: dt.date | None
    category: str

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]


def costly_tasks(board: ScoreBoard, agency_id: int) -> list[CostlyTask]:
    """The agency's scored tasks that cost it points as of the board's day, deadline first."""
    start, end = board.start, board.end
    where = scope_clauses(board.settings, start, end)
    where.append(lambda state: state.lead_agency_id == agency_id)
    categories = {tid: c for tid, c in classify.task_categories(board.as_of, where).items() if c in COSTLY}
    if not categories:
        return []
    state = asof.state_alias()
    stmt = (
        select(Task.id, Task.code, Task.title, Document.symbol, state.deadline, state.completed_on)
        .join(Document, Document.id == Task.document_id)
        .join(state, asof.as_of_condition(state, board.as_of))
        .where(Task.id.in_(list(categories)))
    )
    out = [
        CostlyTask(tid, code or "", title, symbol, deadline, completed, categories[tid])
        for tid, code, title, symbol, deadline, completed in db.session.execute(stmt)
    ]
    out.sort(key=lambda t: (t.deadline or dt.date.max, t.id))
    return out


def what_if(row: ScoreRow, costly: list[CostlyTask], chosen: set[int]) -> ScoreRow:
    """The row as if the chosen tasks (among `costly`) had been done on time."""
    counts = replace(row.counts)
    for task in costly:
        if task.id in chosen:
            setattr(counts, task.category, getattr(counts, task.category) - 1)
            counts.done_on_time += 1
    return replace(row, counts=counts)
