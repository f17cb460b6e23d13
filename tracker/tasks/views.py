"""Task list, task page, and the workflow actions posted from the task page."""

from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from tracker.agencies.models import Agency
from tracker.attachments.models import Attachment
from tracker.core.access import get_task_or_404, refuse
from tracker.core.dates import today
from tracker.core.errors import DomainError, PermissionDenied, StaleObject
from tracker.core.memo import fragment
from tracker.core.ui import LIST_COLOURS, list_colour
from tracker.db import db
from tracker.documents.models import Document
from tracker.tasks import actions, permissions
from tracker.tasks.models import AREAS, CATEGORIES, STATUSES, Task, TaskEvent
from tracker.tasks.queries import SORTS, TaskFilter, paginate_tasks, task_query, with_list_options

bp = Blueprint("tasks", __name__, url_prefix="/tasks")

STALE_MESSAGE = (
    "Nhiệm vụ vừa được người khác cập nhật sau khi bạn mở trang. Thao tác của bạn chưa được ghi nhận; "
    "hãy xem các thay đổi bên dưới rồi thực hiện lại nếu vẫn cần."
)


@bp.app_template_global("task_colour")
def _task_colour(task) -> str:
    return list_colour(task)


@bp.app_context_processor
def _list_colours():
    return {"LIST_COLOURS": LIST_COLOURS}


# At most this many agencies and documents in each filter list: a national instance has tens of
# thousands of both, which would make every list page megabytes long. The selected one is always
# offered; documents beyond the newest are filtered from their own page ("Xem dạng danh sách").
FILTER_CHOICES_MAX = 300


def filter_choices(flt: TaskFilter | None = None):
    """Documents and agencies offered in the filter form (only what the user may see): the agencies
    highest in the tree first, the newest documents first, at most FILTER_CHOICES_MAX of each."""
    # Rows of (id, name) and (id, symbol), not ORM objects: a list is all the form needs.
    agency_scope = select(Agency.id, Agency.name)
    document_scope = select(Document.id, Document.symbol)
    if current_user.sees_everything:
        agency_scope = agency_scope.where(Agency.kind != "external")
    else:
        agency_scope = agency_scope.where(Agency.id.in_(permissions.scope_agency_ids(current_user)))
        visible_docs = select(Task.document_id).where(permissions.visible_tasks_clause(current_user))
        document_scope = document_scope.where(Document.id.in_(visible_docs))
    agencies = db.session.execute(
        agency_scope.order_by(func.length(Agency.path), Agency.name, Agency.id).limit(FILTER_CHOICES_MAX)
    ).all()
    documents = db.session.execute(
        document_scope.order_by(Document.issued_on.desc(), Document.id.desc()).limit(FILTER_CHOICES_MAX)
    ).all()
    if flt is not None:
        agencies = _with_selected(agencies, agency_scope, Agency, {flt.lead, flt.coord} - {None})
        documents = _with_selected(documents, document_scope, Document, {flt.document} - {None})
    return agencies, documents


def _with_selected(items: list, scope, model, wanted: set[int]) -> list:
    missing = wanted - {item.id for item in items}
    if missing:
        items = list(items) + list(db.session.execute(scope.where(model.id.in_(missing))))
    return items


@bp.route("/")
@login_required
def index():
    flt = TaskFilter.from_args(request.args)
    can_bulk = permissions.can_manage(current_user)
    # The body is the same for every user who sees the same tasks (a department's focal points, all
    # monitors): rendered once and reused while nothing changes (tracker.core.memo.fragment).
    key = (
        "tasks.index",
        permissions.scope_key(current_user),
        can_bulk,
        str(get_locale()),
        today(),
        request.query_string,
    )

    def render_body() -> str:
        per_page = current_app.config["TRACKER_PAGE_SIZE"]
        pagination = paginate_tasks(
            with_list_options(task_query(current_user, flt)), page=flt.page, per_page=per_page
        )
        agencies, documents = filter_choices(flt)
        return render_template(
            "tasks/_index_body.html",
            pagination=pagination,
            tasks=pagination.items,
            flt=flt,
            agencies=agencies,
            documents=documents,
            statuses=STATUSES,
            categories=CATEGORIES,
            areas=AREAS,
            sorts=SORTS,
            can_bulk=can_bulk,
        )

    return render_template("tasks/index.html", body=fragment(key, render_body))


def task_events(task: Task, after: int | None = None) -> list[TaskEvent]:
    stmt = (
        select(TaskEvent)
        .where(TaskEvent.task_id == task.id)
        .options(selectinload(TaskEvent.actor), selectinload(TaskEvent.agency))
        .order_by(TaskEvent.at.desc(), TaskEvent.id.desc())
    )
    if after is not None:
        stmt = stmt.where(TaskEvent.id > after)
    return db.session.scalars(stmt).all()


def render_task(
    task: Task,
    *,
    submitted=None,
    open_action: str | None = None,
    error: str | None = None,
    stale_events=None,
    status: int = 200,
):
    """The task page; `submitted` maps an action to the form the user sent (kept as typed)."""
    events = task_events(task)
    children = db.session.scalars(
        select(Task)
        .where(Task.parent_id == task.id, permissions.visible_tasks_clause(current_user) | Task.is_section)
        .options(selectinload(Task.lead_agency))
        .order_by(Task.position, Task.code, Task.id)
    ).all()
    pending = actions.pending_extension(task)
    seen = max((e.id for e in events), default=0)
    names = actions.available(current_user, task, pending)
    forms = {n: actions.blank_form(n, task, pending, seen) for n in names}
    for name, form in (submitted or {}).items():
        if name in forms:
            forms[name] = form
    attachments = db.session.scalars(
        select(Attachment).where(Attachment.task_id == task.id).order_by(Attachment.id)
    ).all()
    by_event = defaultdict(list)
    for a in attachments:
        if a.event_id is not None:
            by_event[a.event_id].append(a)
    return render_template(
        "tasks/show.html",
        task=task,
        events=events,
        children=children,
        pending_extension=pending,
        is_lead=permissions.is_lead_focal(current_user, task),
        is_coordinating=permissions.is_coordinating_focal(current_user, task),
        can_manage=permissions.can_manage(current_user),
        can_edit=actions.can_edit(current_user, task),
        action_names=names,
        actions=actions.ACTIONS,
        forms=forms,
        open_action=open_action,
        error=error,
        stale_events=stale_events,
        attachments=attachments,
        attachments_by_event=by_event,
    ), status


@bp.route("/<int:task_id>")
@login_required
def show(task_id: int):
    return render_task(get_task_or_404(task_id))


def _after_action_url(task: Task) -> str:
    # Only named places, never a URL taken from the request.
    if request.form.get("next") == "queue" and permissions.can_manage(current_user):
        return url_for("tasks.queue")
    return url_for("tasks.show", task_id=task.id, _anchor="main")


def _form_error(form) -> str:
    if "csrf_token" in form.errors:
        return "Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang rồi thử lại."
    return "Chưa gửi được: hãy kiểm tra lại các ô được đánh dấu bên dưới."


def _with_files_note(form, message: str) -> str:
    files = getattr(form, "files", None)
    if files is not None and any(getattr(f, "filename", "") for f in (files.data or [])):
        message += " Trình duyệt không giữ tệp đã chọn: hãy chọn lại tệp đính kèm trước khi gửi."
    return message


@bp.route("/<int:task_id>/<action>", methods=["POST"])
@login_required
def act(task_id: int, action: str):
    """Run one workflow action; on refusal, show the page again with the message and the input kept."""
    if action not in actions.ACTIONS:
        abort(404)
    task = get_task_or_404(task_id)
    spec = actions.ACTIONS[action]
    if not spec.may(current_user, task):
        refuse(403, workflow_action=action, task=task.id)
    form = actions.submitted_form(action)
    if not form.validate():
        return render_task(
            task,
            submitted={action: form},
            open_action=action,
            error=_with_files_note(form, _form_error(form)),
            status=422,
        )
    try:
        message = actions.perform(action, form, current_user, task)
        db.session.commit()
    except PermissionDenied:
        db.session.rollback()
        refuse(403, workflow_action=action, task=task.id)
    except (StaleObject, StaleDataError):
        db.session.rollback()
        seen = getattr(form, "seen_event", None)
        since = None
        if seen is not None:
            since = task_events(task, after=actions.int_or_none(seen.data) or 0)
            form.version.data = task.version
            form.seen_event.data = actions.last_event_id(task)
        return render_task(
            task,
            submitted={action: form},
            open_action=action,
            error=_with_files_note(form, STALE_MESSAGE),
            stale_events=since,
            status=409,
        )
    except DomainError as e:
        db.session.rollback()
        field = getattr(form, e.field, None) if e.field else None
        if field is not None:
            field.errors = list(field.errors) + [e.message]
        return render_task(
            task,
            submitted={action: form},
            open_action=action,
            error=_with_files_note(form, e.message),
            status=e.http_status,
        )
    flash(message, "success")
    return redirect(_after_action_url(task))


# The edit form, the work queue and the bulk actions add their routes to this blueprint.
from tracker.tasks import bulk, edit, queue  # noqa: E402,F401
