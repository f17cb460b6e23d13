"""The task pages, on one blueprint: the list (listing), a task's page and its actions (task), the
monitor's edit form (edit), bulk actions on a selection (bulk) and the work queue (queue)."""

from flask import Blueprint

bp = Blueprint("tasks", __name__, url_prefix="/tasks")

from tracker.tasks.views import bulk, edit, listing, queue, task  # noqa: E402,F401  (their routes are on bp)
