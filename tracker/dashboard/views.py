"""The home page: the user's tasks by status and category, what is due soon and overdue."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from tracker.core.dates import today
from tracker.core.memo import fragment, memoized, page
from tracker.db import db
from tracker.notifications import operations as notification_operations
from tracker.reminders import escalation
from tracker.reminders import settings as reminder_settings
from tracker.reports import charts, classify
from tracker.tasks.classification import DUE_SOON_DAYS
from tracker.tasks.models import STATUSES, ExtensionRequest
from tracker.tasks.permissions import scope_key, visible_tasks_clause
from tracker.tasks.queries import TaskFilter, task_query, with_list_options

bp = Blueprint("dashboard", __name__)
# The statuses a task counted in the reports may have (a cancelled one is not counted).
COUNTED_STATUSES = [s for s in STATUSES if s != "cancelled"]


def scope_counts(user, on: dt.date) -> dict:
    """The tasks this user sees, as the reports count them as of `on`: by status and by category
    (one query: the same tasks, so the status rows add up to the total), and those left out of the
    total, by reason (periods not started yet, cancelled)."""
    visible = [visible_tasks_clause(user)]
    # Over the state spans' task ids: the spans alone answer (classify.tally, no join to tasks).
    by_status = classify.tally(
        on, [lambda state: visible_tasks_clause(user, state.task_id)], group_by="status"
    )
    counts = sum(by_status.values(), classify.Counts())
    return {
        "status": {s: by_status[s].total if s in by_status else 0 for s in COUNTED_STATUSES},
        "category": counts.by_category(),
        "counts": counts,
        "not_counted": classify.not_counted(on, visible),
    }


@bp.route("/")
@login_required
def home():
    on = today()
    # The same page for every user of one role who sees the same tasks (all monitors; the focal
    # points of one agency): rendered once and reused while nothing changes.
    key = ("dashboard.home", scope_key(current_user), current_user.role, str(get_locale()), on)
    # The tasks escalated to the leaders (tracker.reminders.escalation), outside the reused body: an
    # escalation is not a change of the watched tables.
    escalated = escalation.in_force(on, 2) if current_user.sees_everything else []
    # The focal point's latest notifications: this user's own, outside the reused body.
    notifications = notification_operations.latest(current_user) if current_user.is_focal else None
    body = fragment(key, lambda: _body(on))

    def render(body):
        return render_template(
            "dashboard/home.html",
            body=body,
            escalated=escalated,
            ladder=reminder_settings.load() if escalated else None,
            notifications=notifications,
        )

    if escalated:
        return render(body)
    # The page around the body is kept per user (memo.page), with the notifications it lists.
    shown = None if notifications is None else tuple((n.id, n.read_at, n.text) for n in notifications)
    return page(("dashboard.home", shown), body, render)


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
            counts["counts"], label=_("Cơ cấu nhiệm vụ theo phân loại, đến hôm nay"), compact=True
        ),
    )
