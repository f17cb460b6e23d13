"""Task list and task page."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.agencies.models import Agency
from tracker.core.access import get_task_or_404
from tracker.db import db
from tracker.documents.models import Document
from tracker.tasks import permissions
from tracker.tasks.models import AREAS, CATEGORIES, STATUSES, ExtensionRequest, Task, TaskEvent
from tracker.tasks.queries import SORTS, TaskFilter, task_query, with_list_options

bp = Blueprint("tasks", __name__, url_prefix="/tasks")


def filter_choices():
    """Documents and agencies offered in the filter form (only what the user may see)."""
    if current_user.sees_everything:
        agencies = db.session.scalars(
            select(Agency).where(Agency.kind != "external").order_by(Agency.kind, Agency.name)
        ).all()
        documents = db.session.scalars(select(Document).order_by(Document.issued_on.desc())).all()
    else:
        scope = permissions.scope_agency_ids(current_user)
        agencies = db.session.scalars(select(Agency).where(Agency.id.in_(scope)).order_by(Agency.name)).all()
        visible_docs = select(Task.document_id).where(permissions.visible_tasks_clause(current_user))
        documents = db.session.scalars(
            select(Document).where(Document.id.in_(visible_docs)).order_by(Document.issued_on.desc())
        ).all()
    return agencies, documents


@bp.route("/")
@login_required
def index():
    flt = TaskFilter.from_args(request.args)
    per_page = current_app.config["TRACKER_PAGE_SIZE"]
    pagination = db.paginate(
        with_list_options(task_query(current_user, flt)), page=flt.page, per_page=per_page,
        error_out=False, count=True,
    )
    agencies, documents = filter_choices()
    return render_template(
        "tasks/index.html", pagination=pagination, tasks=pagination.items, flt=flt, agencies=agencies,
        documents=documents, statuses=STATUSES, categories=CATEGORIES, areas=AREAS, sorts=SORTS,
    )


@bp.route("/<int:task_id>")
@login_required
def show(task_id: int):
    task = get_task_or_404(task_id)
    events = db.session.scalars(
        select(TaskEvent)
        .where(TaskEvent.task_id == task.id)
        .options(selectinload(TaskEvent.actor), selectinload(TaskEvent.agency))
        .order_by(TaskEvent.at.desc(), TaskEvent.id.desc())
    ).all()
    children = db.session.scalars(
        select(Task)
        .where(Task.parent_id == task.id, permissions.visible_tasks_clause(current_user) | Task.is_section)
        .options(selectinload(Task.lead_agency))
        .order_by(Task.position, Task.code, Task.id)
    ).all()
    pending_extension = db.session.scalar(
        select(ExtensionRequest).where(ExtensionRequest.task_id == task.id, ExtensionRequest.status == "pending")
    )
    return render_template(
        "tasks/show.html", task=task, events=events, children=children, pending_extension=pending_extension,
        is_lead=permissions.is_lead_focal(current_user, task),
        is_coordinating=permissions.is_coordinating_focal(current_user, task),
        can_manage=permissions.can_manage(current_user),
    )
