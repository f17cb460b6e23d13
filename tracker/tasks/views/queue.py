"""The monitor's work queue (/queue): reported completions to confirm, extension requests to decide,
overdue tasks to remind — each actionable from the row."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.core.access import roles_required
from tracker.core.dates import today
from tracker.db import db
from tracker.tasks.classification import countable_clause
from tracker.tasks.models import ExtensionRequest, Task, TaskEvent
from tracker.tasks.queries import TaskFilter, task_query, with_list_options
from tracker.tasks.views import bp

LIMIT = 100


def _seen_events(task_ids: list[int]) -> dict[int, int]:
    if not task_ids:
        return {}
    return dict(
        db.session.execute(
            select(TaskEvent.task_id, func.max(TaskEvent.id))
            .where(TaskEvent.task_id.in_(task_ids))
            .group_by(TaskEvent.task_id)
        ).all()
    )


@roles_required("monitor", "admin")
def queue():
    from flask_login import current_user

    on = today()
    reported_stmt = with_list_options(
        select(Task)
        .where(Task.status == "reported", countable_clause())
        .order_by(Task.reported_on.asc(), Task.id.asc())
    )
    reported_total = db.session.scalar(
        select(func.count()).select_from(Task).where(Task.status == "reported", countable_clause())
    )
    reported = db.session.scalars(reported_stmt.limit(LIMIT)).all()

    ext_base = select(ExtensionRequest).join(Task).where(ExtensionRequest.status == "pending")
    extension_total = db.session.scalar(select(func.count()).select_from(ext_base.subquery()))
    extensions = db.session.scalars(
        ext_base.options(
            selectinload(ExtensionRequest.task).selectinload(Task.lead_agency),
            selectinload(ExtensionRequest.requested_by),
        )
        .order_by(ExtensionRequest.requested_at.asc())
        .limit(LIMIT)
    ).all()

    overdue_filter = TaskFilter(overdue=True, sort="deadline")
    overdue_stmt = task_query(current_user, overdue_filter, on=on)
    overdue_total = db.session.scalar(
        select(func.count()).select_from(overdue_stmt.order_by(None).subquery())
    )
    overdue = db.session.scalars(with_list_options(overdue_stmt).limit(LIMIT)).all()

    ids = [t.id for t in reported] + [r.task_id for r in extensions]
    return render_template(
        "tasks/queue.html",
        on=on,
        reported=reported,
        reported_total=reported_total,
        extensions=extensions,
        extension_total=extension_total,
        overdue=overdue,
        overdue_total=overdue_total,
        seen=_seen_events(ids),
        limit=LIMIT,
    )


@bp.record_once
def _register_at_root(state):
    # The queue is a top-level page (/queue) that belongs to the tasks blueprint (endpoint tasks.queue).
    state.app.add_url_rule("/queue", endpoint="tasks.queue", view_func=queue)
