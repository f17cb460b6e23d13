"""The bell of the top bar (a context helper), the user's notifications page, one notification."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tracker.core.errors import NotFound
from tracker.core.params import page_number
from tracker.db import db
from tracker.notifications import operations, words

bp = Blueprint("notifications", __name__, url_prefix="/thong-bao")


@bp.app_template_global("notification_text")
def notification_text(text: str) -> str:
    """A notification's stored text in the language of the page (tracker.notifications.words)."""
    return words.shown(text)


@bp.app_context_processor
def bell():
    """`unread_notifications()` for the top bar: counted when the bar is drawn, for the user of this
    request (the bar is outside the page bodies that are reused across users)."""

    def unread_notifications() -> int:
        if not current_user.is_authenticated:
            return 0
        return operations.unread_count(current_user)

    return {"unread_notifications": unread_notifications}


@bp.route("/")
@login_required
def index():
    """The user's notifications, newest first; those shown are marked read (the new ones keep their
    mark on this page)."""
    pagination = db.paginate(
        operations.listing(current_user),
        page=page_number(request.args.get("page")),
        per_page=current_app.config["TRACKER_PAGE_SIZE"],
        error_out=False,
    )
    rows = pagination.items
    new_ids = {n.id for n in rows if n.read_at is None}
    operations.mark_read(current_user, new_ids)
    return render_template("notifications/index.html", pagination=pagination, rows=rows, new_ids=new_ids)


@bp.route("/<int:notification_id>")
@login_required
def open(notification_id: int):
    """One notification opened: marked read, then its task (only the user's own: else 404)."""
    try:
        row = operations.get_own(current_user, notification_id)
    except NotFound:
        abort(404)
    operations.mark_read(current_user, [row.id])
    if row.task_id is None:
        return redirect(url_for("notifications.index"))
    return redirect(url_for("tasks.show", task_id=row.task_id))
