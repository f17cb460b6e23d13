"""Shared presentation helpers: the status and category colours users know."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from tracker.core.dates import today
from tracker.core.i18n import gettext as _
from tracker.core.text import N_
from tracker.tasks.classification import category_of, is_due_soon
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


def status_badge(task) -> Markup:
    label = _(STATUSES[task.status]) if task.status in STATUSES else task.status
    colour = STATUS_COLOURS.get(task.status, "secondary")
    html = Markup('<span class="badge text-bg-{}">{}</span>').format(colour, label)
    state = deadline_state(task)
    if state == "overdue":
        days = (today() - task.deadline).days
        html += Markup(' <span class="badge text-bg-danger">{}</span>').format(
            _("Quá hạn %(n)s ngày", n=days)
        )
    elif state == "due_soon":
        days = (task.deadline - today()).days
        when = _("hôm nay") if days == 0 else _("%(n)s ngày", n=days)
        html += Markup(' <span class="badge badge-due-soon">{}</span>').format(
            _("Sắp đến hạn (%(when)s)", when=when)
        )
    return html


def category_badge(category: str) -> Markup:
    colour = CATEGORY_COLOURS.get(category, "secondary")
    return Markup('<span class="badge cat-{}">{}</span>').format(
        colour, _(CATEGORIES[category]) if category in CATEGORIES else category
    )


def deadline_state(task, on: dt.date | None = None) -> str:
    """'overdue', 'due_soon', 'ok' or '' for an open task's deadline today (the report's rules:
    `tracker.tasks.classification`); '' for a task without a deadline or not open."""
    on = on or today()
    if task.status not in ("new", "in_progress") or not task.deadline:
        return ""
    if category_of(task, on) == "overdue":
        return "overdue"
    if is_due_soon(task, on):
        return "due_soon"
    return "ok"


# The colour of a task in lists (workflow): red overdue, orange due soon, green done on time,
# blue in progress, grey not started — the convention users know.
LIST_COLOURS = {
    "overdue": N_("Quá hạn"),
    "due_soon": N_("Sắp đến hạn"),
    "done_on_time": N_("Hoàn thành đúng hạn"),
    "done_late": N_("Hoàn thành quá hạn"),
    "reported": N_("Chờ xác nhận"),
    "in_progress": N_("Đang thực hiện"),
    "new": N_("Chưa thực hiện"),
    "cancelled": N_("Đã dừng"),
}


def list_colour(task, on: dt.date | None = None) -> str:
    """The key of LIST_COLOURS for a task today (used as a CSS class `tc-<key>` on its row)."""
    state = deadline_state(task, on)
    if state in ("overdue", "due_soon"):
        return state
    if task.status == "done":
        return category_of(task, on or today()) or "done_on_time"
    return task.status if task.status in LIST_COLOURS else "new"
