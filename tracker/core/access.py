"""Loading objects for a view with the permission check in one place."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from tracker.db import db


def refuse(status: int = 404, **details):
    """Log the refusal and stop with 403/404 (404 when even the object's existence is private).

    Whatever the request changed before is rolled back, not committed with the audit entry.
    Any other 403 (an `abort(403)` anywhere) is logged by the 403 error handler the same way."""
    from tracker.core.security import audit_refusal

    audit_refusal(status, **details)
    abort(status)


def roles_required(*roles: str):
    """Only users with one of these roles; others get 403 (and the refusal is logged)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                refuse(403, view=view.__name__)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def get_task_or_404(task_id: int):
    from tracker.tasks.models import Task
    from tracker.tasks.permissions import can_view_task

    task = db.session.get(Task, task_id)
    if task is None or not can_view_task(current_user, task):
        refuse(404, object="task", id=task_id)
    return task


def get_document_or_404(document_id: int):
    from tracker.documents.models import Document
    from tracker.tasks.permissions import can_view_document

    document = db.session.get(Document, document_id)
    if document is None or not can_view_document(current_user, document):
        refuse(404, object="document", id=document_id)
    return document
