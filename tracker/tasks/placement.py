"""Where a new item of a document goes: under which of its sections, at which position."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.core.errors import DomainError
from tracker.db import db
from tracker.documents.models import Document
from tracker.tasks.models import Task


def next_position(document: Document, parent: Task | None) -> int:
    """The position after the last child of `parent` (or the last top-level item)."""
    stmt = select(func.max(Task.position)).where(Task.document_id == document.id)
    stmt = (
        stmt.where(Task.parent_id == parent.id)
        if parent is not None
        else stmt.where(Task.parent_id.is_(None))
    )
    return (db.session.scalar(stmt) or 0) + 1


def parent_for(document: Document, parent_id: int | None) -> Task | None:
    """The section (or task) of this document a new item goes under; DomainError if it is not one."""
    if not parent_id:
        return None
    parent = db.session.get(Task, parent_id)
    if parent is None or parent.document_id != document.id or parent.series_id is not None:
        raise DomainError(_("Mục đã chọn không thuộc văn bản này."), field="parent_id")
    return parent
