"""Read endpoints (agencies, users, documents, tasks and their timelines) and task create/update.

Every object goes through the same checks as the pages: `visible_tasks_clause`, `get_task_or_404`,
`get_document_or_404`, and the operations' own permission checks for changes.
"""

from __future__ import annotations

import re

from flask import current_app, g
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from tracker.agencies.models import AGENCY_KINDS, Agency
from tracker.api.core import endpoint
from tracker.api.errors import ApiError
from tracker.api.schemas import PAGING, TASK_CREATE, TASK_FILTERS, TASK_UPDATE, q, text
from tracker.api.serialize import (
    agency_json,
    document_json,
    event_json,
    extension_json,
    page_json,
    task_json,
    user_json,
)
from tracker.api.validation import invalid
from tracker.core.access import refuse
from tracker.core.text import N_
from tracker.db import db
from tracker.documents.models import Document
from tracker.tasks import operations, permissions
from tracker.tasks.classification import countable_clause
from tracker.tasks.models import ExtensionRequest, Task, TaskEvent
from tracker.tasks.permissions import get_document_or_404, get_task_or_404
from tracker.tasks.queries import TaskFilter, default_sort, task_query, with_list_options
from tracker.users.models import ROLES, User


def paginate(stmt, args, serialize):
    page = args.get("page", 1)
    per_page = args.get("per_page") or min(current_app.config.get("TRACKER_PAGE_SIZE", 50), 200)
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    items = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    return page_json([serialize(i) for i in items], page, per_page, total or 0)


def user():
    return current_user._get_current_object()


def load_task(task_id: int) -> Task:
    """The task if this user may see it; 404 otherwise (whether it exists or not)."""
    task = get_task_or_404(task_id)
    g.api_task = task
    return task


def task_response(task: Task, status: int = 200):
    # What the operation changed is flushed, then read back as stored (its new version for the ETag);
    # the request commits it after this returns.
    db.session.flush()
    db.session.refresh(task)
    return task_json(task), status, {"ETag": f'"{task.version}"'}


# ---------------------------------------------------------------- who am I, agencies, users


@endpoint("/me", summary=N_("Tài khoản của khóa truy cập đang dùng"), tag="users", success=(200, "User"))
def me(args, body):
    return user_json(user())


@endpoint(
    "/agencies",
    summary=N_("Danh sách cơ quan, đơn vị (trong phạm vi được xem)"),
    tag="agencies",
    query=[
        q("q", text(200), N_("Tìm theo mã hoặc tên.")),
        q("kind", {"type": "string", "enum": list(AGENCY_KINDS)}),
        q("active", {"type": "boolean"}),
        *PAGING,
    ],
    success=(200, "AgencyPage"),
)
def agencies(args, body):
    stmt = select(Agency).order_by(Agency.path, Agency.id)
    if not user().sees_everything:
        stmt = stmt.where(Agency.id.in_(permissions.scope_agency_ids(user())))
    if args.get("q"):
        like = f"%{args['q']}%"
        stmt = stmt.where(or_(Agency.code.ilike(like), Agency.name.ilike(like)))
    if args.get("kind"):
        stmt = stmt.where(Agency.kind == args["kind"])
    if "active" in args:
        stmt = stmt.where(Agency.is_active.is_(args["active"]))
    return paginate(stmt, args, agency_json)


@endpoint(
    "/agencies/<int:agency_id>", summary=N_("Một cơ quan, đơn vị"), tag="agencies", success=(200, "Agency")
)
def agency(agency_id: int, args, body):
    found = db.session.get(Agency, agency_id)
    if found is None or not (
        user().sees_everything
        or db.session.scalar(
            select(Agency.id).where(
                Agency.id == agency_id, Agency.id.in_(permissions.scope_agency_ids(user()))
            )
        )
    ):
        refuse(404, object="agency", id=agency_id)
    return agency_json(found)


def _require_admin():
    if not user().is_admin:
        refuse(403, view="api.users")


@endpoint(
    "/users",
    summary=N_("Danh sách tài khoản (quản trị)"),
    tag="users",
    query=[
        q("q", text(200), N_("Tìm theo thư điện tử hoặc họ tên.")),
        q("role", {"type": "string", "enum": list(ROLES)}),
        q("agency", {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}),
        q("active", {"type": "boolean"}),
        *PAGING,
    ],
    success=(200, "UserPage"),
)
def users(args, body):
    _require_admin()
    stmt = select(User).options(selectinload(User.agency)).order_by(User.email, User.id)
    if args.get("q"):
        like = f"%{args['q']}%"
        stmt = stmt.where(or_(User.email.ilike(like), User.full_name.ilike(like)))
    if args.get("role"):
        stmt = stmt.where(User.role == args["role"])
    if args.get("agency"):
        stmt = stmt.where(User.agency_id == args["agency"])
    if "active" in args:
        stmt = stmt.where(User.active.is_(args["active"]))
    return paginate(stmt, args, user_json)


@endpoint("/users/<int:user_id>", summary=N_("Một tài khoản (quản trị)"), tag="users", success=(200, "User"))
def user_detail(user_id: int, args, body):
    _require_admin()
    found = db.session.get(User, user_id)
    if found is None:
        refuse(404, object="user", id=user_id)
    return user_json(found)


# ---------------------------------------------------------------- documents


@endpoint(
    "/documents",
    summary=N_("Văn bản giao nhiệm vụ (có nhiệm vụ trong phạm vi được xem)"),
    tag="documents",
    query=[q("q", text(200), N_("Tìm theo số, ký hiệu hoặc trích yếu.")), *PAGING],
    success=(200, "DocumentPage"),
)
def documents(args, body):
    stmt = select(Document).order_by(Document.issued_on.desc(), Document.id.desc())
    if not user().sees_everything:
        visible = select(Task.document_id).where(permissions.visible_tasks_clause(user()), countable_clause())
        stmt = stmt.where(Document.id.in_(visible))
    if args.get("q"):
        like = f"%{args['q']}%"
        stmt = stmt.where(or_(Document.symbol.ilike(like), Document.title.ilike(like)))
    return paginate(stmt, args, document_json)


@endpoint(
    "/documents/<int:document_id>", summary=N_("Một văn bản"), tag="documents", success=(200, "Document")
)
def document(document_id: int, args, body):
    return document_json(get_document_or_404(document_id))


# ---------------------------------------------------------------- tasks


def task_filter(args) -> TaskFilter:
    flt = TaskFilter(
        q=args.get("q", "").strip(),
        document=args.get("document"),
        lead=args.get("lead"),
        coord=args.get("coord"),
        status=list(args.get("status", [])),
        category=args.get("category", ""),
        area=args.get("area", ""),
        deadline_from=args.get("deadline_from"),
        deadline_to=args.get("deadline_to"),
        due_soon=bool(args.get("due_soon")),
        overdue=bool(args.get("overdue")),
        urgent=bool(args.get("urgent")),
        returned=bool(args.get("returned")),
        ext_pending=bool(args.get("ext_pending")),
        sort=args.get("sort") or default_sort(args.get("q", "").strip()),
        page=args.get("page", 1),
    )
    return flt


@endpoint(
    "/tasks",
    summary=N_("Danh sách nhiệm vụ (lọc như trang Nhiệm vụ)"),
    tag="tasks",
    description=N_("Chỉ các nhiệm vụ người dùng được xem. Thứ tự luôn ổn định (kèm id)."),
    query=[*TASK_FILTERS, *PAGING],
    success=(200, "TaskPage"),
)
def tasks(args, body):
    stmt = with_list_options(task_query(user(), task_filter(args)))
    return paginate(stmt, args, task_json)


@endpoint(
    "/tasks/<int:task_id>", summary=N_("Một nhiệm vụ (ETag là phiên bản)"), tag="tasks", success=(200, "Task")
)
def task(task_id: int, args, body):
    return task_response(load_task(task_id))


def _agency(agency_id: int, field: str) -> Agency:
    found = db.session.get(Agency, agency_id)
    if found is None:
        raise invalid(field, "cơ quan không tồn tại.", "no such agency.")
    return found


def _agency_fields(body: dict) -> dict:
    out = {}
    if "lead_agency_id" in body:
        # Who may lead is the operation's rule (tasks.rules.check_lead).
        out["lead_agency"] = _agency(body.pop("lead_agency_id"), "lead_agency_id")
    if "coordinating_agency_ids" in body:
        ids = body.pop("coordinating_agency_ids")
        out["coordinating"] = [_agency(i, f"coordinating_agency_ids[{n}]") for n, i in enumerate(ids)]
    return out


@endpoint(
    "/tasks",
    "POST",
    summary=N_("Giao nhiệm vụ (cán bộ theo dõi)"),
    tag="tasks",
    body=TASK_CREATE,
    success=(201, "Task"),
)
def create_task(args, body):
    if not permissions.can_manage(user()):
        raise ApiError(
            403,
            "forbidden",
            "Chỉ cán bộ theo dõi mới được giao nhiệm vụ.",
            "Only a monitor may assign tasks.",
        )
    doc = db.session.get(Document, body.pop("document_id"))
    if doc is None:
        raise invalid("document_id", "văn bản không tồn tại.", "no such document.")
    parent = None
    if body.get("parent_id") is not None:
        parent = db.session.get(Task, body["parent_id"])
        if parent is None or parent.document_id != doc.id:
            raise invalid(
                "parent_id",
                "mục cha phải thuộc cùng văn bản.",
                "the parent must belong to the same document.",
            )
    body.pop("parent_id", None)
    assigned_on = body.pop("assigned_on", None) or doc.issued_on  # checked by the operation
    agencies_ = _agency_fields(body)
    body.setdefault("accept_day_off", False)  # a deadline on a day off must be confirmed
    created = operations.create_task(
        user(),
        doc,
        parent=parent,
        assigned_on=assigned_on,
        lead_agency=agencies_.get("lead_agency"),
        coordinating=agencies_.get("coordinating", ()),
        **body,
    )
    return task_response(created, 201)


_IF_MATCH = re.compile(r'^(W/)?"?([0-9]{1,10})"?$')
IF_MATCH_PARAM = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "pattern": _IF_MATCH.pattern},
    "description": N_("Phiên bản (ETag) đã đọc, thay cho trường `version`."),
}


def expected_version(body: dict | None, required: bool = False) -> int | None:
    """The version the caller read: the body's `version`, else the If-Match header."""
    from flask import request

    version = (body or {}).pop("version", None)
    header = request.headers.get("If-Match")
    if header is not None:
        m = _IF_MATCH.match(header.strip())
        if not m:
            raise invalid("If-Match", 'cần số phiên bản, ví dụ "3".', 'must be a version number, e.g. "3".')
        if version is None:
            version = int(m.group(2))
    if version is None and required:
        raise ApiError(428)
    return version


@endpoint(
    "/tasks/<int:task_id>",
    "PATCH",
    summary=N_("Sửa nhiệm vụ (cán bộ theo dõi; khóa lạc quan)"),
    tag="tasks",
    description=N_(
        "Cần `version` (hoặc If-Match) bằng phiên bản đã đọc; nếu nhiệm vụ đã đổi: 409 kèm `current`."
    ),
    query=[IF_MATCH_PARAM],
    body=TASK_UPDATE,
    success=(200, "Task"),
    statuses=("409", "428"),
)
def update_task(task_id: int, args, body):
    found = load_task(task_id)
    version = expected_version(body, required=True)
    if not permissions.can_manage(user()):
        raise ApiError(
            403, "forbidden", "Chỉ cán bộ theo dõi mới được sửa nhiệm vụ.", "Only a monitor may edit tasks."
        )
    comment = body.pop("comment", "")
    agencies_ = _agency_fields(body)
    body.setdefault("accept_day_off", False)  # a deadline moved to a day off must be confirmed
    operations.update_task(user(), found, version, comment=comment, **agencies_, **body)
    return task_response(found)


def _events(task_id: int, args, kinds: tuple[str, ...] | None):
    found = load_task(task_id)
    stmt = (
        select(TaskEvent)
        .where(TaskEvent.task_id == found.id)
        .options(selectinload(TaskEvent.actor), selectinload(TaskEvent.agency))
        .order_by(TaskEvent.at, TaskEvent.id)
    )
    if kinds:
        stmt = stmt.where(TaskEvent.kind.in_(kinds))
    return paginate(stmt, args, event_json)


@endpoint(
    "/tasks/<int:task_id>/events",
    summary=N_("Diễn biến của nhiệm vụ (theo thời gian)"),
    tag="tasks",
    query=PAGING,
    success=(200, "TaskEventPage"),
)
def task_events(task_id: int, args, body):
    return _events(task_id, args, None)


@endpoint(
    "/tasks/<int:task_id>/progress",
    summary=N_("Các lần cập nhật tiến độ"),
    tag="tasks",
    query=PAGING,
    success=(200, "TaskEventPage"),
)
def task_progress(task_id: int, args, body):
    return _events(task_id, args, ("progress",))


@endpoint(
    "/tasks/<int:task_id>/contributions",
    summary=N_("Ý kiến phối hợp"),
    tag="tasks",
    query=PAGING,
    success=(200, "TaskEventPage"),
)
def task_contributions(task_id: int, args, body):
    return _events(task_id, args, ("contribution",))


@endpoint(
    "/tasks/<int:task_id>/extension-requests",
    summary=N_("Các đề nghị gia hạn của nhiệm vụ"),
    tag="workflow",
    query=PAGING,
    success=(200, "ExtensionRequestPage"),
)
def extension_requests(task_id: int, args, body):
    found = load_task(task_id)
    stmt = (
        select(ExtensionRequest)
        .where(ExtensionRequest.task_id == found.id)
        .order_by(ExtensionRequest.requested_at, ExtensionRequest.id)
    )
    return paginate(stmt, args, extension_json)
