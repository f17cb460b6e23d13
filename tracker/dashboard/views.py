"""The home page: the user's tasks by status and category, what is due soon and overdue."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy import case, func, select

from tracker.core.dates import today
from tracker.core.memo import memoized
from tracker.core.ui import DUE_SOON_DAYS
from tracker.db import db
from tracker.tasks.models import CATEGORIES, STATUSES, ExtensionRequest, Task
from tracker.tasks.permissions import visible_tasks_clause
from tracker.tasks.queries import TaskFilter, category_clause, countable_clause, task_query, with_list_options

bp = Blueprint("dashboard", __name__)


def scope_counts(user, on: dt.date) -> dict:
    """Counts by status and by report category for the tasks this user sees, in two queries."""
    base = select(Task.status, func.count()).where(visible_tasks_clause(user), countable_clause())
    by_status = dict(db.session.execute(base.group_by(Task.status)).all())
    cols = [func.sum(case((category_clause(c, on), 1), else_=0)).label(c) for c in CATEGORIES]
    row = db.session.execute(
        select(*cols).where(visible_tasks_clause(user), countable_clause(), Task.status != "cancelled")
    ).one()
    by_category = {c: int(getattr(row, c) or 0) for c in CATEGORIES}
    return {"status": {s: by_status.get(s, 0) for s in STATUSES}, "category": by_category}


@bp.route("/")
@login_required
def home():
    on = today()
    if current_user.sees_everything:
        # The same figures for every monitor and leader: computed once per change of the history.
        counts = memoized(("dashboard.scope_counts", on), lambda: scope_counts(current_user, on))
    else:
        counts = scope_counts(current_user, on)
    overdue = db.session.scalars(
        with_list_options(task_query(current_user, TaskFilter(overdue=True, sort="deadline")).limit(10))
    ).all()
    due_soon = db.session.scalars(
        with_list_options(task_query(current_user, TaskFilter(due_soon=True, sort="deadline")).limit(10))
    ).all()
    returned = []
    if current_user.is_focal:
        returned = db.session.scalars(
            with_list_options(task_query(current_user, TaskFilter(returned=True)).limit(10))
        ).all()
    pending_ext = 0
    if current_user.is_monitor:
        pending_ext = db.session.scalar(
            select(func.count()).select_from(ExtensionRequest).where(ExtensionRequest.status == "pending")
        )
    total = sum(counts["category"].values())
    return render_template(
        "dashboard/home.html", counts=counts, total=total, overdue=overdue, due_soon=due_soon,
        returned=returned, pending_ext=pending_ext, due_soon_days=DUE_SOON_DAYS, on=on,
    )
