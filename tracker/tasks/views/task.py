"""A task's page and the workflow actions posted from it."""

from __future__ import annotations

from collections import defaultdict

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.attachments.models import Attachment
from tracker.core import boundary, once
from tracker.core.access import refuse
from tracker.core.errors import PermissionDenied, StaleObject
from tracker.core.text import N_
from tracker.db import db
from tracker.tasks import actions, permissions
from tracker.tasks.models import Task, TaskEvent
from tracker.tasks.permissions import get_task_or_404
from tracker.tasks.views import bp

# The task page keeps what the user typed and shows what changed (a more precise message than
# core.boundary.STALE_MESSAGE, which is for pages that cannot show it).
STALE_MESSAGE = N_(
    "Nhiệm vụ vừa được người khác cập nhật sau khi bạn mở trang. Thao tác của bạn chưa được ghi nhận; "
    "hãy xem các thay đổi bên dưới rồi thực hiện lại nếu vẫn cần."
)


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
        return _("Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang rồi thử lại.")
    return _("Chưa gửi được: hãy kiểm tra lại các ô được đánh dấu bên dưới.")


def _with_files_note(form, message: str) -> str:
    files = getattr(form, "files", None)
    if files is not None and any(getattr(f, "filename", "") for f in (files.data or [])):
        message += " " + _("Trình duyệt không giữ tệp đã chọn: hãy chọn lại tệp đính kèm trước khi gửi.")
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
    outcome = boundary.attempt(lambda: actions.perform(action, form, current_user, task))
    error = outcome.error
    if isinstance(error, once.AlreadyDone):
        # The same submission (or the same reminder) was handled by a request running alongside:
        # its result is what the user sees.
        flash(_(error.message), "success")
        return redirect(_after_action_url(task))
    if isinstance(error, PermissionDenied):
        refuse(403, workflow_action=action, task=task.id)
    if isinstance(error, StaleObject):
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
            error=_with_files_note(form, _(STALE_MESSAGE)),
            stale_events=since,
            status=409,
        )
    if error is not None:
        field = getattr(form, error.field, None) if error.field else None
        if field is not None:
            field.errors = list(field.errors) + [_(error.message)]
        return render_task(
            task,
            submitted={action: form},
            open_action=action,
            error=_with_files_note(form, _(error.message)),
            status=error.http_status,
        )
    message = outcome.value
    flash(message, "success")
    return redirect(_after_action_url(task))


# The edit form, the work queue and the bulk actions add their routes to this blueprint.
