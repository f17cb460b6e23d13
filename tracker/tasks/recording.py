"""Storing a verb's effects through the ORM: the timeline event, the reportable state span, the audit
entry, the webhook delivery and the notifications (`store`, through signals), inside the caller's transaction (flushed, never committed).

The effects themselves are defined once in `tracker.tasks.effects`; the import's batch writer and the
synthetic history store the same effects their own way.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from tracker.audit import log as audit
from tracker.core import signals
from tracker.db import db
from tracker.tasks import effects
from tracker.tasks.models import Task, TaskEvent, TaskState


def store(actor, task: Task, done: effects.Effects) -> TaskEvent | None:
    """Write the rows of `done` (a verb's effects on `task`, already applied to its fields) in their
    order: the event, the state from `done.on`, the audit entry, the webhook. Returns the event."""
    event_row = None
    if done.kind is not None:
        event_row = add_event(task, actor, done.kind, done.changes, done.comment, on=done.on)
    if done.state:
        record_state(task, done.on)
    if done.audit is not None:
        audit.record(done.audit, task, actor=actor, **done.details)
    if done.hook is not None:
        signals.task_changed.send(task, kind=done.hook)  # webhooks (and others) react
    if event_row is not None:  # the in-app notifications react
        signals.task_recorded.send(
            task, kind=done.kind, actor=actor, changes=done.changes, comment=done.comment, on=done.on
        )
    return event_row


def add_event(
    task: Task,
    actor,
    kind: str,
    changes: dict | None = None,
    comment: str = "",
    on: dt.date | None = None,
    at: dt.datetime | None = None,
) -> TaskEvent:
    """Append a timeline event; `changes` maps field -> (old, new)."""
    row = TaskEvent(**effects.event_values(task.id, actor, kind, changes, comment, on))
    if at is not None:
        row.at = at
    db.session.add(row)
    return row


# In bulk (an import of thousands of rows, see `recording_in_bulk`), the open TaskState of each task
# this transaction has read or written is kept, so recording a history of many steps does not flush
# and query before every step. Cleared at every commit and rollback: never trusted across transactions.
_STATE_CACHE = "tracker.open_task_states"
_BULK = "tracker.recording_in_bulk"


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget_states(session, *args) -> None:
    session.info.pop(_STATE_CACHE, None)


@contextmanager
def recording_in_bulk():
    """Within it, the operations do not flush before recording each state: the versions of the
    changed tasks are bumped at the next flush instead of at each step, so only a caller that
    checks no version (an import) may use it."""
    db.session.info[_BULK] = True
    try:
        yield
    finally:
        db.session.info.pop(_BULK, None)


def forget_recorded_states() -> None:
    """Drop the kept states (a bulk caller that has flushed and expunged its batch: they are stale)."""
    db.session.info.pop(_STATE_CACHE, None)


def new_task_has_no_state(task: Task) -> None:
    """A task just inserted has no state yet (spares the query `record_state` would make)."""
    db.session.info.setdefault(_STATE_CACHE, {})[task.id] = None


def _open_state(task: Task) -> TaskState | None:
    cache = db.session.info.setdefault(_STATE_CACHE, {})
    if db.session.info.get(_BULK) and task.id in cache:
        state = cache[task.id]
        if state is None or (state in db.session and state.task_id == task.id and state.valid_to is None):
            return state
    db.session.flush()
    state = db.session.scalar(
        select(TaskState).where(TaskState.task_id == task.id, TaskState.valid_to.is_(None))
    )
    cache[task.id] = state
    return state


def record_state(task: Task, on: dt.date) -> None:
    """Make the task's reportable state from day `on` equal its current fields (see TaskState)."""
    if task.is_section or task.is_series:
        return
    current = _open_state(task)
    values = effects.state_values(task)
    start = effects.next_span(current, values, on, task.assigned_on)
    if start is None:
        return
    state = TaskState(task_id=task.id, valid_from=start, assigned_on=task.assigned_on, **values)
    db.session.add(state)
    db.session.info.setdefault(_STATE_CACHE, {})[task.id] = state
