"""Who may see and do what on a task. Checked on the server for every object, in every entry point."""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import event, false, select, union
from sqlalchemy.orm import Session

from tracker.agencies.models import Agency
from tracker.core.access import refuse
from tracker.db import db
from tracker.documents.models import Document
from tracker.tasks.models import Task, task_coordinators


def scope_agency_ids(user):
    """A subquery of the ids of the user's agency and every agency below it in the tree."""
    own = select(Agency.path).where(Agency.id == user.agency_id).scalar_subquery()
    return select(Agency.id).where(Agency.path.like(own + "%"))


# The tasks table under the names the visibility subqueries give it (apart from the outer query's
# tasks): made once, as an alias proxies each of the table's columns when it is made.
_LED = Task.__table__.alias("visible_led")
_COORDINATED = Task.__table__.alias("visible_coordinated")


def visible_task_ids(user):
    """A subquery of the ids of the tasks a focal point sees: led or coordinated by its agency or
    one below it. One UNION of two index range scans (tasks by lead, coordinators by agency), so the
    database starts from the few tasks of the agency instead of testing every task (an OR with an
    EXISTS cannot use an index and scans the whole table)."""
    # The scope is resolved first (a few ids): the planner then knows how few tasks to expect.
    ids = _scope_ids(user)
    led_by = _LED
    led = select(led_by.c.id).where(led_by.c.lead_agency_id.in_(ids))
    coordinated = select(task_coordinators.c.task_id).where(task_coordinators.c.agency_id.in_(ids))
    return union(led, coordinated)


def visible_document_ids(user):
    """A subquery of the ids of the documents of the tasks a focal point sees (`visible_task_ids`),
    read from the agency's tasks (by lead, by coordinator) rather than by testing every task; none
    for a user who is not a focal point of an agency."""
    if not user.is_focal or user.agency_id is None:
        return select(Task.document_id).where(false())
    ids = _scope_ids(user)
    led_by = _LED
    led = select(led_by.c.document_id).where(led_by.c.lead_agency_id.in_(ids))
    coordinated_by = _COORDINATED
    coordinated = (
        select(coordinated_by.c.document_id)
        .join(task_coordinators, task_coordinators.c.task_id == coordinated_by.c.id)
        .where(task_coordinators.c.agency_id.in_(ids))
    )
    return union(led, coordinated)


def visible_tasks_clause(user, task_id=None):
    """SQL condition on Task (or on the column `task_id`, e.g. a state span's): the tasks this user
    may see."""
    column = Task.id if task_id is None else task_id
    if user.sees_everything:
        return column.isnot(None)
    if not user.is_focal or user.agency_id is None:
        return column.is_(None)
    return column.in_(visible_task_ids(user))


def _scope_ids(user) -> list[int]:
    """The ids of the user's agency and those below it."""
    return subtree_id_list(user.agency_id) or [-1]


def subtree_id_list(agency_id: int) -> list[int]:
    """The ids of the agency and the agencies below it, read once per transaction (a home page asks
    for them for each of its lists and counts)."""
    memo = db.session.info.setdefault(_SCOPE_MEMO, {})
    if agency_id not in memo:
        own = select(Agency.path).where(Agency.id == agency_id).scalar_subquery()
        memo[agency_id] = list(db.session.scalars(select(Agency.id).where(Agency.path.like(own + "%"))))
    return memo[agency_id]


_SCOPE_MEMO = "tracker.scope_ids"


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_scopes(session) -> None:
    session.info.pop(_SCOPE_MEMO, None)


def scope_key(user) -> tuple:
    """What `visible_tasks_clause` depends on: users with the same key see the same tasks."""
    if user.sees_everything:
        return ("all",)
    if not user.is_focal or user.agency_id is None:
        return ("none",)
    return ("agency", user.agency_id)


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
    return (
        db.session.scalar(select(Task.id).where(Task.id == task.id, visible_tasks_clause(user))) is not None
    )


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


def get_task_or_404(task_id: int) -> Task:
    """The task for a view, or 404 (logged) when it does not exist or the user may not see it."""
    task = db.session.get(Task, task_id)
    if task is None or not can_view_task(current_user, task):
        refuse(404, object="task", id=task_id)
    return task


def get_document_or_404(document_id: int):
    """The document for a view, or 404 (logged) when it does not exist or the user may not see it."""
    document = db.session.get(Document, document_id)
    if document is None or not can_view_document(current_user, document):
        refuse(404, object="document", id=document_id)
    return document
