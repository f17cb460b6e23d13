"""Who may see and do what on a task. Checked on the server for every object, in every entry point."""

from __future__ import annotations

from sqlalchemy import exists, or_, select

from tracker.agencies.models import Agency
from tracker.db import db
from tracker.tasks.models import Task, task_coordinators


def scope_agency_ids(user):
    """A subquery of the ids of the user's agency and every agency below it in the tree."""
    own = select(Agency.path).where(Agency.id == user.agency_id).scalar_subquery()
    return select(Agency.id).where(Agency.path.like(own + "%"))


def visible_tasks_clause(user):
    """SQL condition on Task: the tasks this user may see."""
    if user.sees_everything:
        return Task.id.isnot(None)
    if not user.is_focal or user.agency_id is None:
        return Task.id.is_(None)
    ids = scope_agency_ids(user)
    coordinated = exists().where(
        task_coordinators.c.task_id == Task.id, task_coordinators.c.agency_id.in_(ids)
    )
    return or_(Task.lead_agency_id.in_(ids), coordinated)


def can_view_task(user, task: Task) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.sees_everything:
        return True
    if not user.is_focal or user.agency_id is None:
        return False
    if task.is_section:
        # A section is visible when one of the tasks under it is.
        return (
            db.session.scalar(
                select(Task.id).where(Task.parent_id == task.id, visible_tasks_clause(user)).limit(1)
            )
            is not None
        )
    return db.session.scalar(select(Task.id).where(Task.id == task.id, visible_tasks_clause(user))) is not None


def is_lead_focal(user, task: Task) -> bool:
    """A focal point of the task's lead agency (may post progress, report completion, ask extension)."""
    return bool(user.is_focal and user.agency_id and task.lead_agency_id == user.agency_id)


def is_coordinating_focal(user, task: Task) -> bool:
    return bool(
        user.is_focal and user.agency_id and any(a.id == user.agency_id for a in task.coordinating_agencies)
    )


def can_manage(user) -> bool:
    """Monitors (and admins) register documents, assign and edit tasks, confirm, return, extend, cancel."""
    return bool(user.is_authenticated and user.is_monitor)


def can_view_document(user, document) -> bool:
    if user.sees_everything:
        return True
    return (
        db.session.scalar(
            select(Task.id).where(Task.document_id == document.id, visible_tasks_clause(user)).limit(1)
        )
        is not None
    )
