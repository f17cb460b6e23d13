"""Task list queries: the filters that combine, shared by the pages, exports and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from flask import current_app
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import and_, bindparam, case, exists, false, func, or_, select
from sqlalchemy.orm import selectinload

from tracker.agencies.models import Agency
from tracker.core.dates import today
from tracker.core.text import fold
from tracker.core.ui import DUE_SOON_DAYS
from tracker.tasks.models import AREAS, CATEGORIES, OPEN_STATUSES, STATUSES, Task, task_coordinators
from tracker.tasks.permissions import visible_tasks_clause

COUNT_CAP = 10_000


def countable_clause():
    """Tasks counted in lists and reports: not document sections, not periodic series (their
    occurrences count instead)."""
    return and_(Task.is_section.is_(False), or_(Task.deadline_kind != "periodic", Task.series_id.isnot(None)))


def open_clause():
    """Task is new or in progress. The two values are written into the SQL, not bound, so the
    partial index of open tasks (ix_tasks_open_deadline) matches on SQLite as on PostgreSQL."""
    return Task.status.in_(
        bindparam("open_statuses", list(OPEN_STATUSES), expanding=True, literal_execute=True, unique=True)
    )


def category_clause(category: str, on: dt.date):
    """The report category of a task from its current fields (equal to the as-of-today category)."""
    open_ = open_clause()
    if category == "done_on_time":
        return and_(Task.status == "done", or_(Task.deadline.is_(None), Task.completed_on <= Task.deadline))
    if category == "done_late":
        return and_(Task.status == "done", Task.deadline.isnot(None), Task.completed_on > Task.deadline)
    if category == "awaiting_confirmation":
        return Task.status == "reported"
    if category == "overdue":
        return and_(open_, Task.deadline.isnot(None), Task.deadline < on)
    if category == "in_progress_on_time":
        return and_(open_, or_(Task.deadline.is_(None), Task.deadline >= on))
    return false()


def subtree_ids(agency_id: int):
    own = select(Agency.path).where(Agency.id == agency_id).scalar_subquery()
    return select(Agency.id).where(Agency.path.like(own + "%"))


SORTS = {
    # NULLS LAST rather than "deadline IS NULL" first: the same order, read straight from the
    # (deadline, id) index on both databases instead of sorting every task.
    "deadline": (Task.deadline.asc().nulls_last(), Task.id.asc()),
    "-deadline": (Task.deadline.is_(None), Task.deadline.desc(), Task.id.desc()),
    "assigned": (Task.assigned_on.desc(), Task.id.desc()),
    "updated": (Task.updated_at.desc(), Task.id.desc()),
    "code": (Task.document_id.asc(), Task.code.asc(), Task.id.asc()),
    "title": (Task.title.asc(), Task.id.asc()),
    "status": (
        case({s: i for i, s in enumerate(STATUSES)}, value=Task.status),
        Task.deadline.asc(),
        Task.id.asc(),
    ),
}


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _date(value) -> dt.date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
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
    sort: str = "deadline"
    page: int = 1

    @classmethod
    def from_args(cls, args) -> TaskFilter:
        statuses = [s for s in args.getlist("status") if s in STATUSES]
        return cls(
            q=(args.get("q") or "").strip()[:200],
            document=_int(args.get("document")),
            lead=_int(args.get("lead")),
            coord=_int(args.get("coord")),
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
            sort=args.get("sort") if args.get("sort") in SORTS else "deadline",
            page=max(1, _int(args.get("page")) or 1),
        )

    def to_args(self, **override) -> dict:
        """Query-string arguments of this filter (empty values left out), with overrides."""
        out = {}
        for f in fields(self):
            value = override.get(f.name, getattr(self, f.name))
            if value in (None, "", False, []) or (f.name == "page" and value == 1):
                continue
            if f.name == "sort" and value == "deadline":
                continue
            if isinstance(value, bool):
                value = "1"
            elif isinstance(value, dt.date):
                value = value.isoformat()
            out[f.name] = value
        return out

    @property
    def active(self) -> bool:
        return bool(self.to_args(page=1, sort="deadline"))


def task_query(user, flt: TaskFilter, *, on: dt.date | None = None):
    """SELECT of the tasks this user may see that match the filter, sorted."""
    from tracker.tasks.models import ExtensionRequest

    on = on or today()
    stmt = select(Task).where(visible_tasks_clause(user), countable_clause())
    if flt.q:
        for word in fold(flt.q).split():
            stmt = stmt.where(Task.search_text.contains(word, autoescape=True))
    if flt.document:
        stmt = stmt.where(Task.document_id == flt.document)
    if flt.lead:
        stmt = stmt.where(Task.lead_agency_id.in_(subtree_ids(flt.lead)))
    if flt.coord:
        stmt = stmt.where(
            exists().where(
                task_coordinators.c.task_id == Task.id, task_coordinators.c.agency_id.in_(subtree_ids(flt.coord))
            )
        )
    if flt.status:
        stmt = stmt.where(Task.status.in_(flt.status))
    if flt.category:
        stmt = stmt.where(category_clause(flt.category, on))
    if flt.area:
        stmt = stmt.where(Task.area == flt.area)
    if flt.deadline_from:
        stmt = stmt.where(Task.deadline >= flt.deadline_from)
    if flt.deadline_to:
        stmt = stmt.where(Task.deadline <= flt.deadline_to)
    if flt.due_soon:
        stmt = stmt.where(
            open_clause(),
            Task.deadline >= on,
            Task.deadline <= on + dt.timedelta(days=DUE_SOON_DAYS),
        )
    if flt.overdue:
        stmt = stmt.where(category_clause("overdue", on))
    if flt.urgent:
        stmt = stmt.where(Task.priority == "urgent")
    if flt.returned:
        stmt = stmt.where(Task.status == "in_progress", Task.returned_reason.isnot(None))
    if flt.ext_pending:
        stmt = stmt.where(
            exists().where(ExtensionRequest.task_id == Task.id, ExtensionRequest.status == "pending")
        )
    return stmt.order_by(*SORTS[flt.sort])


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
    from tracker.db import db

    return TaskPagination(select=stmt, session=db.session(), page=page, per_page=per_page, error_out=False,
                          count=True)
