"""Refusing a request (logged once) and the role check of a view. The loaders that check an object's
permission live with the object's rules: `tasks.permissions.get_task_or_404`, `get_document_or_404`."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required


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
