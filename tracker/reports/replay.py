"""A plain-Python replay of a task's events up to a date D, and its category then.

The event history (`TaskEvent`: kind, business date, {field: [old, new]}) is the record of truth;
the reports read the state history the operations derive from it (`tracker.reports.classify`).
This replay is the independent second opinion the tests compare the database computation with: it
walks the events one by one, in the order they happened, with nothing but Python, and classifies the
state it reaches with the Python form of the rules (the database uses their SQL form).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from tracker.db import db
from tracker.tasks import classification
from tracker.tasks.models import Task, TaskEvent

# Kinds whose `changes` describe a request, not a change of the task itself.
_NOT_APPLIED = {"extension_requested"}


@dataclass
class ReplayedState:
    status: str | None
    deadline: dt.date | None
    completed_on: dt.date | None
    lead: str | None  # the lead agency's code, as the events record it
    extended: bool


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _ordered(events: Iterable) -> list:
    return sorted(events, key=lambda e: (e.on_date, e.id or 0))


def replay(
    events: Iterable, on: dt.date, *, current_deadline: dt.date | None = None, current_lead: str | None = None
) -> ReplayedState:
    """The state at the end of day `on` from the events dated on or before it.

    The creation event does not carry the first deadline, so it is taken from the first event
    that changed the deadline (its old value) or, if none ever did, `current_deadline`; likewise
    the first lead for occurrences of periodic tasks (`current_lead`)."""
    events = _ordered(events)
    first_deadline = next(
        (e.changes["deadline"][0] for e in events if "deadline" in e.changes and e.kind not in _NOT_APPLIED),
        current_deadline,
    )
    first_lead = next(
        (
            e.changes["lead_agency"][0]
            for e in events
            if "lead_agency" in e.changes and e.changes["lead_agency"][0] is not None
        ),
        current_lead,
    )
    state = ReplayedState(
        status=None, deadline=_date(first_deadline), completed_on=None, lead=first_lead, extended=False
    )
    for event in events:
        if event.on_date > on:
            break
        if event.kind in _NOT_APPLIED:
            continue
        changes = event.changes or {}
        if "status" in changes:
            state.status = changes["status"][1]
        if "deadline" in changes:
            state.deadline = _date(changes["deadline"][1])
        if "completed_on" in changes:
            state.completed_on = _date(changes["completed_on"][1])
        if "lead_agency" in changes and changes["lead_agency"][1] is not None:
            state.lead = changes["lead_agency"][1]
        if event.kind == "extension_approved":
            state.extended = True
    return state


def classify(state: ReplayedState, on: dt.date) -> str | None:
    """The report category of a replayed state as of `on` (the rules of `tracker.tasks.classification`,
    applied in Python); None when not counted (cancelled)."""
    return classification.category_of(state, on)


def is_due_soon(state: ReplayedState, on: dt.date, days: int) -> bool:
    return classification.is_due_soon(state, on, days)


def replay_task(task: Task, on: dt.date) -> tuple[str | None, ReplayedState | None]:
    """(category, state) of a task as of `on` from its events; (None, None) when it does not count
    then: a section, a periodic series, or assigned after `on`."""
    if not task.is_countable or task.assigned_on > on:
        return None, None
    events = db.session.scalars(select(TaskEvent).where(TaskEvent.task_id == task.id)).all()
    state = replay(
        events,
        on,
        current_deadline=task.deadline,
        current_lead=task.lead_agency.code if task.lead_agency else None,
    )
    return classify(state, on), state
