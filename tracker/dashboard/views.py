"""The home page: the user's tasks by status and category, what is due soon and overdue."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template
from flask_babel import get_locale
from flask_login import current_user, login_required
from sqlalchemy import func, select

from tracker.core.dates import today
from tracker.core.memo import fragment, memoized
from tracker.db import db
from tracker.reports import charts, classify
from tracker.tasks.models import STATUSES, ExtensionRequest, Task
from tracker.tasks.permissions import scope_key, visible_tasks_clause
from tracker.tasks.queries import TaskFilter, countable_clause, task_query, with_list_options
from tracker.tasks.ui import DUE_SOON_DAYS

bp = Blueprint("dashboard", __name__)


def scope_counts(user, on: dt.date) -> dict:
    """Counts by status, and by report category as of `on` (the reports' classification, so the
    home page and the reports agree) for the tasks this user sees, in two queries."""
    base = select(Task.status, func.count()).where(visible_tasks_clause(user), countable_clause())
    by_status = dict(db.session.execute(base.group_by(Task.status)).all())
    counts = classify.tally(on, [visible_tasks_clause(user)])
    return {
        "status": {s: by_status.get(s, 0) for s in STATUSES},
        "category": counts.by_category(),
        "counts": counts,
    }


@bp.route("/")
@login_required
def home():
    on = today()
    # The same page for every user of one role who sees the same tasks (all monitors; the focal
    # points of one agency): rendered once and reused while nothing changes.
    key = ("dashboard.home", scope_key(current_user), current_user.role, str(get_locale()), on)
    return render_template("dashboard/home.html", body=fragment(key, lambda: _body(on)))


def _body(on: dt.date) -> str:
    if current_user.sees_everything:
        # The same figures for every monitor and leader: computed once per change of the history.
        counts = memoized(("dashboard.scope_counts", on), lambda: scope_counts(current_user, on))
    else:
        counts = scope_counts(current_user, on)
    # A focal point's lists are its own agency's work first (tasks it leads, or agencies below it lead);
    # tasks it only coordinates are listed apart.
    lead = current_user.agency_id if current_user.is_focal else None

    def first(**kw):
        return db.session.scalars(
            with_list_options(
                task_query(current_user, TaskFilter(lead=lead, sort="deadline", **kw)).limit(10)
            )
        ).all()

    overdue = first(overdue=True)
    due_soon = first(due_soon=True)
    returned = first(returned=True) if current_user.is_focal else []
    coordinated, mine = [], {}
    if current_user.is_focal:
        # The agency's own work at a glance, each number a link to the list it counts.
        for key, kw in (
            ("overdue", {"overdue": True}),
            ("due_soon", {"due_soon": True}),
            ("returned", {"returned": True}),
            ("reported", {"status": ["reported"]}),
        ):
            stmt = task_query(current_user, TaskFilter(lead=lead, **kw)).order_by(None)
            mine[key] = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
        coordinated = db.session.scalars(
            with_list_options(
                task_query(
                    current_user,
                    TaskFilter(
                        coord=current_user.agency_id,
                        status=["new", "in_progress", "reported"],
                        sort="deadline",
                    ),
                ).limit(10)
            )
        ).all()
    pending_ext = 0
    if current_user.is_monitor:
        pending_ext = db.session.scalar(
            select(func.count()).select_from(ExtensionRequest).where(ExtensionRequest.status == "pending")
        )
    total = counts["counts"].total
    return render_template(
        "dashboard/_home_body.html",
        counts=counts,
        total=total,
        overdue=overdue,
        due_soon=due_soon,
        returned=returned,
        coordinated=coordinated,
        mine=mine,
        pending_ext=pending_ext,
        due_soon_days=DUE_SOON_DAYS,
        on=on,
        donut=charts.donut(
            counts["counts"], label="Cơ cấu nhiệm vụ theo phân loại, đến hôm nay", compact=True
        ),
    )
