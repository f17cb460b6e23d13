"""Shared presentation helpers: the status and category colours users know."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from tracker.core.dates import today
from tracker.tasks.models import CATEGORIES, STATUSES

# red overdue, orange due soon, green done, blue in progress, grey not started
STATUS_COLOURS = {
    "new": "secondary",
    "in_progress": "primary",
    "reported": "info",
    "done": "success",
    "cancelled": "dark",
}
CATEGORY_COLOURS = {
    "done_on_time": "success",
    "done_late": "teal",
    "awaiting_confirmation": "info",
    "overdue": "danger",
    "in_progress_on_time": "primary",
}
DUE_SOON_DAYS = 7


def status_badge(task) -> Markup:
    label = STATUSES.get(task.status, task.status)
    colour = STATUS_COLOURS.get(task.status, "secondary")
    html = Markup('<span class="badge text-bg-{}">{}</span>').format(colour, label)
    if task.status in ("new", "in_progress") and task.deadline:
        days = (task.deadline - today()).days
        if days < 0:
            html += Markup(' <span class="badge text-bg-danger">Quá hạn {} ngày</span>').format(-days)
        elif days <= DUE_SOON_DAYS:
            when = "hôm nay" if days == 0 else f"{days} ngày"
            html += Markup(' <span class="badge badge-due-soon">Sắp đến hạn ({})</span>').format(when)
    return html


def category_badge(category: str) -> Markup:
    colour = CATEGORY_COLOURS.get(category, "secondary")
    return Markup('<span class="badge cat-{}">{}</span>').format(colour, CATEGORIES.get(category, category))


def deadline_state(task, on: dt.date | None = None) -> str:
    """'overdue', 'due_soon', 'ok' or '' for a task's deadline today."""
    on = on or today()
    if task.status not in ("new", "in_progress") or not task.deadline:
        return ""
    days = (task.deadline - on).days
    if days < 0:
        return "overdue"
    if days <= DUE_SOON_DAYS:
        return "due_soon"
    return "ok"
