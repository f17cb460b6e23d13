"""Report endpoints: /reports/summary (Biểu mẫu 01, item 5) and /reports/by-agency.

TODO(reports): switch `figures()` to `tracker.reports.classify` once the reports module is merged
(it is written in parallel), so the API and the report screens share one implementation and one set
of parameters. Until then this adapter computes the same figures with one SQL over `task_states`
as of D (the query shape of tests/seed/test_demo.py), within what the user may see.
"""

from __future__ import annotations

import datetime as dt

from flask_login import current_user
from sqlalchemy import and_, case, exists, func, or_, select

from tracker.agencies.models import Agency
from tracker.api.core import endpoint
from tracker.api.schemas import ID, q
from tracker.api.serialize import agency_ref
from tracker.api.validation import invalid
from tracker.core.dates import today
from tracker.core.ui import DUE_SOON_DAYS
from tracker.db import db
from tracker.documents.models import ISSUER_LEVELS, Document
from tracker.tasks.models import AREAS, CATEGORIES, Task, TaskEvent, TaskState
from tracker.tasks.permissions import visible_tasks_clause
from tracker.tasks.queries import countable_clause, subtree_ids

KEYS = (*CATEGORIES, "due_soon", "extended")

REPORT_PARAMS = [
    q("to", {"type": "string", "format": "date"}, "Ngày chốt số liệu D (mặc định: hôm nay)."),
    q("from", {"type": "string", "format": "date"}, "Chỉ tính nhiệm vụ giao từ ngày này (mặc định: mọi nhiệm vụ)."),
    q("document", {"type": "array", "items": ID, "maxItems": 50}, "Chỉ các nhiệm vụ của các văn bản này (id)."),
    q("lead", ID, "Cơ quan chủ trì (id, kể cả cấp dưới) tại ngày D."),
    q("area", {"type": "string", "enum": list(AREAS)}, "Lĩnh vực."),
    q("issuer_level", {"type": "string", "enum": list(ISSUER_LEVELS)}, "Cấp ban hành văn bản."),
]


def _columns(d: dt.date):
    s = TaskState
    open_ = s.status.in_(("new", "in_progress"))

    def count(cond):
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    extended = exists().where(TaskEvent.task_id == Task.id, TaskEvent.kind == "extension_approved",
                              TaskEvent.on_date <= d)
    return [
        func.count().label("total"),
        count(and_(s.status == "done", or_(s.deadline.is_(None), s.completed_on <= s.deadline))).label("done_on_time"),
        count(and_(s.status == "done", s.deadline.isnot(None), s.completed_on > s.deadline)).label("done_late"),
        count(s.status == "reported").label("awaiting_confirmation"),
        count(and_(open_, s.deadline.isnot(None), s.deadline < d)).label("overdue"),
        count(and_(open_, or_(s.deadline.is_(None), s.deadline >= d))).label("in_progress_on_time"),
        count(and_(open_, s.deadline >= d, s.deadline <= d + dt.timedelta(days=DUE_SOON_DAYS))).label("due_soon"),
        count(extended).label("extended"),
    ]


def _scoped(stmt, user, d: dt.date, period_from: dt.date | None, args: dict):
    s = TaskState
    stmt = stmt.select_from(Task).join(
        s, and_(s.task_id == Task.id, s.valid_from <= d, or_(s.valid_to.is_(None), s.valid_to > d))
    ).where(countable_clause(), Task.assigned_on <= d, s.status != "cancelled", visible_tasks_clause(user))
    if period_from:
        stmt = stmt.where(Task.assigned_on >= period_from)
    if args.get("document"):
        stmt = stmt.where(Task.document_id.in_(args["document"]))
    if args.get("lead"):
        stmt = stmt.where(s.lead_agency_id.in_(subtree_ids(args["lead"])))
    if args.get("area"):
        stmt = stmt.where(Task.area == args["area"])
    if args.get("issuer_level"):
        stmt = stmt.where(Task.document_id.in_(select(Document.id).where(Document.issuer_level == args["issuer_level"])))
    return stmt


def _figures(row) -> dict:
    out = {k: int(getattr(row, k) or 0) for k in ("total", *KEYS)}
    done = out["done_on_time"] + out["done_late"]
    out["completion_rate"] = round(100.0 * done / out["total"], 2) if out["total"] else 0.0
    return out


def figures(user, *, to: dt.date, period_from: dt.date | None = None, **filters) -> dict:
    """The Biểu mẫu 01 figures as of `to`, over the tasks `user` may see."""
    row = db.session.execute(_scoped(select(*_columns(to)), user, to, period_from, filters)).one()
    return _figures(row)


def figures_by_agency(user, *, to: dt.date, period_from: dt.date | None = None, **filters) -> list[tuple]:
    """(lead agency as of `to`, figures) per agency, by agency code."""
    stmt = _scoped(select(TaskState.lead_agency_id, *_columns(to)), user, to, period_from, filters)
    rows = db.session.execute(stmt.group_by(TaskState.lead_agency_id)).all()
    agencies = {a.id: a for a in db.session.scalars(select(Agency).where(Agency.id.in_([r[0] for r in rows])))}
    out = [(agencies.get(r[0]), _figures(r)) for r in rows]
    return sorted(out, key=lambda pair: (pair[0].code if pair[0] else "", pair[0].id if pair[0] else 0))


def _period(args) -> tuple[dt.date, dt.date | None]:
    to = args.get("to") or today()
    period_from = args.get("from")
    if period_from and period_from > to:
        raise invalid("from", "ngày bắt đầu phải trước ngày chốt số liệu.", "must not be after `to`.")
    return to, period_from


def _filters(args) -> dict:
    return {k: args[k] for k in ("document", "lead", "area", "issuer_level") if k in args}


@endpoint("/reports/summary", summary="Tổng hợp theo Biểu mẫu 01 (mục 5) tại ngày D", tag="reports",
          description="Trạng thái của từng nhiệm vụ vào cuối ngày D (theo lịch sử), không phải hôm nay.",
          query=REPORT_PARAMS, success=(200, "ReportSummary"))
def summary(args, body):
    to, period_from = _period(args)
    user = current_user._get_current_object()
    return {"as_of": to.isoformat(), "from": period_from.isoformat() if period_from else None, "to": to.isoformat(),
            "figures": figures(user, to=to, period_from=period_from, **_filters(args))}


@endpoint("/reports/by-agency", summary="Số liệu theo cơ quan chủ trì tại ngày D", tag="reports",
          query=REPORT_PARAMS, success=(200, "ReportByAgency"))
def by_agency(args, body):
    to, period_from = _period(args)
    user = current_user._get_current_object()
    rows = figures_by_agency(user, to=to, period_from=period_from, **_filters(args))
    return {
        "as_of": to.isoformat(), "from": period_from.isoformat() if period_from else None, "to": to.isoformat(),
        "rows": [{"agency": agency_ref(a) or {"id": 0, "code": "", "name": ""}, "figures": f} for a, f in rows],
        "total": figures(user, to=to, period_from=period_from, **_filters(args)),
    }
