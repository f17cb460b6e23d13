"""Task list queries: the filters that combine, shared by the pages, exports and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from flask import current_app
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import selectinload

from tracker.agencies.models import Agency
from tracker.core.dates import parse_user_date, today
from tracker.core.params import bounded_int, page_number
from tracker.db import db
from tracker.documents.models import ISSUER_LEVELS
from tracker.tasks import search
from tracker.tasks.classification import (
    category_condition,
    countable_clause,
    due_soon_condition,
)
from tracker.tasks.models import AREAS, CATEGORIES, STATUSES, Task, task_coordinators
from tracker.tasks.permissions import subtree_id_list, visible_tasks_clause

COUNT_CAP = 10_000

# What the task list shows when no status is chosen: the tasks someone still has to act on (the lead
# agency, or the monitor who confirms a report), not those completed years ago. `show=all` for all.
LIST_OPEN = ("new", "in_progress", "reported")
SHOWS = ("open", "all")


SUBTREE_LIST_MAX = 1000


def subtree_ids(agency_id: int):
    """The ids of the agency and the agencies below it, read first as a list (once per transaction):
    the planner then knows how few there are and starts from their tasks. A subquery when there are
    very many (a whole province of a large instance)."""
    ids = subtree_id_list(agency_id)
    if len(ids) <= SUBTREE_LIST_MAX:
        return ids
    own = select(Agency.path).where(Agency.id == agency_id).scalar_subquery()
    return select(Agency.id).where(Agency.path.like(own + "%"))


def _lead_name():
    return select(Agency.name).where(Agency.id == Task.lead_agency_id).scalar_subquery()


_STATUS_ORDER = case({s: i for i, s in enumerate(STATUSES)}, value=Task.status)

SORTS = {
    # NULLS LAST rather than "deadline IS NULL" first: the same order, read straight from the
    # (deadline, id) index on both databases instead of sorting every task.
    "deadline": (Task.deadline.asc().nulls_last(), Task.id.asc()),
    "-deadline": (Task.deadline.is_(None), Task.deadline.desc(), Task.id.desc()),
    "assigned": (Task.assigned_on.desc(), Task.id.desc()),
    "updated": (Task.updated_at.desc(), Task.id.desc()),
    "code": (Task.document_id.asc(), Task.code.asc(), Task.id.asc()),
    "title": (Task.title.asc(), Task.id.asc()),
    "-title": (Task.title.desc(), Task.id.desc()),
    "status": (_STATUS_ORDER.asc(), Task.deadline.asc(), Task.id.asc()),
    "-status": (_STATUS_ORDER.desc(), Task.deadline.asc(), Task.id.asc()),
    "lead": (_lead_name().asc(), Task.deadline.asc(), Task.id.asc()),
    "-lead": (_lead_name().desc(), Task.deadline.asc(), Task.id.asc()),
    "progress": (Task.progress.asc(), Task.deadline.asc(), Task.id.asc()),
    "-progress": (Task.progress.desc(), Task.deadline.asc(), Task.id.asc()),
    # With a search: the best matches first (tracker.tasks.search), then by deadline.
    "relevance": (Task.deadline.asc().nulls_last(), Task.id.asc()),
}


def default_sort(q: str) -> str:
    """A search lists the best matches first; a list without one, the nearest deadline first."""
    return "relevance" if q else "deadline"


def _date(value) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_user_date(value)
    except ValueError:
        return None


@dataclass
class TaskFilter:
    """The filters of the task list; round-trips through the URL so a filter can be shared."""

    q: str = ""
    document: int | None = None
    lead: int | None = None
    coord: int | None = None
    status: list[str] = field(default_factory=list)
    category: str = ""
    area: str = ""
    deadline_from: dt.date | None = None
    deadline_to: dt.date | None = None
    due_soon: bool = False
    overdue: bool = False
    urgent: bool = False
    returned: bool = False
    ext_pending: bool = False
    # The as-of mode (the report's links): the state at the end of `as_of`, the report's population
    # (assigned by then, not cancelled then) and period [assigned_from, assigned_to] (a periodic
    # occurrence by its deadline). `lead_only`: not the agencies below the lead; `merged`: also the
    # agencies merged into it. See tracker.tasks.asof.
    as_of: dt.date | None = None
    assigned_from: dt.date | None = None
    assigned_to: dt.date | None = None
    issuer_level: str = ""
    documents: list[int] = field(default_factory=list)
    lead_only: bool = False
    merged: bool = False
    extended: bool = False
    # "open": only LIST_OPEN when no status, category or as-of date is chosen (the page's default,
    # set by from_args); "all": every status. Filters built in code (the API, the home page) see all.
    show: str = "all"
    sort: str = "deadline"
    page: int = 1

    @classmethod
    def from_args(cls, args) -> TaskFilter:
        statuses = [s for s in args.getlist("status") if s in STATUSES]
        q = (args.get("q") or "").strip()[:200]
        return cls(
            q=q,
            document=bounded_int(args.get("document")),
            lead=bounded_int(args.get("lead")),
            coord=bounded_int(args.get("coord")),
            status=statuses,
            category=args.get("category") if args.get("category") in CATEGORIES else "",
            area=args.get("area") if args.get("area") in AREAS else "",
            deadline_from=_date(args.get("deadline_from")),
            deadline_to=_date(args.get("deadline_to")),
            due_soon=args.get("due_soon") == "1",
            overdue=args.get("overdue") == "1",
            urgent=args.get("urgent") == "1",
            returned=args.get("returned") == "1",
            ext_pending=args.get("ext_pending") == "1",
            as_of=_date(args.get("as_of")),
            assigned_from=_date(args.get("assigned_from")),
            assigned_to=_date(args.get("assigned_to")),
            issuer_level=args.get("issuer_level") if args.get("issuer_level") in ISSUER_LEVELS else "",
            documents=[d for d in (bounded_int(v) for v in args.getlist("documents")) if d is not None][:100],
            lead_only=args.get("lead_only") == "1",
            merged=args.get("merged") == "1",
            extended=args.get("extended") == "1",
            show="all" if args.get("show") == "all" else "open",
            sort=args.get("sort") if args.get("sort") in SORTS else default_sort(q),
            page=page_number(args.get("page")),
        )

    def to_args(self, **override) -> dict:
        """Query-string arguments of this filter (empty values left out), with overrides."""
        return self.merge_args(
            {}, {f.name: override.get(f.name, getattr(self, f.name)) for f in fields(self)}
        )

    @classmethod
    def merge_args(cls, base: dict, override: dict) -> dict:
        """`base` (arguments of `to_args`) with `override`'s filter values applied the same way:
        what a report's thousands of figure links cost one dict copy each, not a whole filter."""
        out = dict(base)
        for name, value in override.items():
            if name not in _FIELD_NAMES:
                continue
            if value in (None, "", False, []) or (name == "page" and value == 1):
                out.pop(name, None)
            elif name == "show" and value == "open":  # the page's default: a URL without it
                out.pop(name, None)
            elif isinstance(value, bool):
                out[name] = "1"
            elif isinstance(value, dt.date):
                out[name] = value.isoformat()
            else:
                out[name] = value
        if out.get("sort") == default_sort(out.get("q", "")):
            del out["sort"]  # the list's default order for this search (relevance, or deadline)
        return {name: out[name] for name in _FIELD_ORDER if name in out}  # the list's own order

    @property
    def open_only(self) -> bool:
        """Only the open tasks: the default, when no status, category or as-of date says otherwise."""
        return self.show == "open" and not (self.status or self.category or self.as_of)

    @property
    def active(self) -> bool:
        return bool(self.to_args(page=1, sort=default_sort(self.q)))


_FIELD_ORDER = tuple(f.name for f in fields(TaskFilter))
_FIELD_NAMES = frozenset(_FIELD_ORDER)


def task_query(user, flt: TaskFilter, *, on: dt.date | None = None):
    """SELECT of the tasks this user may see that match the filter, sorted."""
    from tracker.tasks import asof
    from tracker.tasks.models import ExtensionRequest

    on = on or today()
    stmt = select(Task).where(visible_tasks_clause(user), countable_clause())
    state = None  # the as-of state, in the as-of mode
    if flt.as_of:
        on = flt.as_of
        stmt, state = asof.join_state_as_of(stmt, on)
    if flt.assigned_from or flt.assigned_to:
        stmt = stmt.where(asof.period_clause(state, flt.assigned_from, flt.assigned_to))
    if flt.issuer_level:
        stmt = stmt.where(asof.issuer_clause(flt.issuer_level))
    if flt.documents:
        stmt = stmt.where(Task.document_id.in_(flt.documents))
    if flt.extended:
        stmt = stmt.where(asof.extended_by(on))
    relevance = None
    if flt.q:
        stmt, relevance = search.apply(
            stmt, flt.q, dialect=db.session.get_bind().dialect.name, by_relevance=flt.sort == "relevance"
        )
    if flt.document:
        stmt = stmt.where(Task.document_id == flt.document)
    if flt.lead and (state is not None or flt.lead_only or flt.merged):
        lead_col = state.lead_agency_id if state is not None else Task.lead_agency_id
        stmt = stmt.where(
            lead_col.in_(asof.agency_ids(flt.lead, subtree=not flt.lead_only, merged=flt.merged))
        )
    elif flt.lead:
        stmt = stmt.where(Task.lead_agency_id.in_(subtree_ids(flt.lead)))
    if flt.coord:
        # IN over the coordinators' (agency, task) index rather than an EXISTS per task.
        stmt = stmt.where(
            Task.id.in_(
                select(task_coordinators.c.task_id).where(
                    task_coordinators.c.agency_id.in_(subtree_ids(flt.coord))
                )
            )
        )
    if flt.status:
        stmt = stmt.where((state.status if state is not None else Task.status).in_(flt.status))
    elif flt.open_only:
        stmt = stmt.where(Task.status.in_(LIST_OPEN))
    # The report's categories (tracker.tasks.classification), over the as-of state or the task's own.
    cols = state if state is not None else Task
    if flt.category:
        stmt = stmt.where(category_condition(cols, flt.category, on))
    if flt.area:
        stmt = stmt.where(Task.area == flt.area)
    if flt.deadline_from:
        stmt = stmt.where(Task.deadline >= flt.deadline_from)
    if flt.deadline_to:
        stmt = stmt.where(Task.deadline <= flt.deadline_to)
    if flt.due_soon:
        stmt = stmt.where(due_soon_condition(cols, on))
    if flt.overdue:
        stmt = stmt.where(category_condition(cols, "overdue", on))
    if flt.urgent:
        stmt = stmt.where(Task.priority == "urgent")
    if flt.returned:
        stmt = stmt.where(Task.status == "in_progress", Task.returned_reason.isnot(None))
    if flt.ext_pending:
        stmt = stmt.where(
            exists().where(ExtensionRequest.task_id == Task.id, ExtensionRequest.status == "pending")
        )
    order = SORTS.get(flt.sort, SORTS["deadline"])
    return stmt.order_by(relevance, *order) if relevance is not None else stmt.order_by(*order)


def with_list_options(stmt):
    """Eager-load what a task row shows, so a page's statement count does not grow with its rows."""
    return stmt.options(
        selectinload(Task.lead_agency), selectinload(Task.document), selectinload(Task.coordinating_agencies)
    )


class TaskPagination(SelectPagination):
    """db.paginate's pagination with a capped count: counting stops after TRACKER_COUNT_CAP tasks
    (default 10.000), so a list over a million tasks costs what its page costs; `capped` tells the
    page to say "hơn 10.000"."""

    capped = False

    def _query_count(self) -> int:
        cap = current_app.config.get("TRACKER_COUNT_CAP", COUNT_CAP)
        stmt = self._query_args["select"].with_only_columns(Task.id).order_by(None).limit(cap + 1).subquery()
        total = self._query_args["session"].execute(select(func.count()).select_from(stmt)).scalar()
        self.capped = total > cap
        return min(total, cap)


def paginate_tasks(stmt, *, page: int, per_page: int) -> TaskPagination:
    """One page of a task list (stmt from `task_query`, with its list options) and the capped total."""
    return TaskPagination(
        select=stmt, session=db.session(), page=page, per_page=per_page, error_out=False, count=True
    )
