"""Writing the audit log. Entries are only ever inserted; a database trigger refuses UPDATE and DELETE."""

from __future__ import annotations

from flask import has_request_context, request
from flask_login import current_user

from tracker.audit.models import AuditEntry
from tracker.core import signals
from tracker.db import db


def client_ip() -> str | None:
    if not has_request_context():
        return None
    return request.remote_addr


def record(action: str, obj=None, actor=None, **details) -> AuditEntry:
    """Add an audit entry to the session (committed with the change it describes)."""
    object_type = type(obj).__name__ if obj is not None else None
    object_id = str(getattr(obj, "id", "")) if obj is not None else None
    entry = AuditEntry(**values(action, object_type, object_id, actor, details))
    db.session.add(entry)
    return entry


def values(
    action: str, object_type: str | None, object_id: str | None, actor=None, details: dict | None = None
) -> dict:
    """The columns of an audit entry (but `at`), for `record` and for writers of many rows at once."""
    if actor is None and has_request_context() and current_user and current_user.is_authenticated:
        actor = current_user
    return {
        "action": action,
        "actor_id": getattr(actor, "id", None),
        "ip": client_ip(),
        "object_type": object_type,
        "object_id": object_id,
        "details": {k: _jsonable(v) for k, v in (details or {}).items()},
    }


def _jsonable(value):
    # Tuples of types, not `str | int`: a union is built anew at each call, and an import calls this
    # a hundred thousand times.
    if isinstance(value, (str, int, float, bool)) or value is None:  # noqa: UP038
        return value
    if isinstance(value, (list, tuple)):  # noqa: UP038
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


@signals.noted.connect
def _noted(action: str, *, actor=None, **details) -> None:
    """An entry for what a lower layer reports (a refusal, a CSRF failure, an unsent e-mail)."""
    record(action, actor=actor, **details)
