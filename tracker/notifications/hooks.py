"""Notifications created from the task workflow: a receiver of `signals.task_recorded` (sent by the
write path, tracker/tasks/recording.py), in the same transaction as the change. Who is told: the
focal points of the agency the event concerns (the lead agency; for a new task also the
coordinating agencies); not the person who did it. An event recorded for a business day more than
RECENT_DAYS ago is history brought in later (the demo's, a backfill), not news: nobody is told."""

from __future__ import annotations

import datetime as dt

from tracker.core import signals
from tracker.core.dates import fmt_date, today
from tracker.notifications import operations, words

RECENT_DAYS = 30


def _title(task) -> str:
    return task.title if len(task.title) <= 120 else task.title[:119] + "…"


@signals.task_recorded.connect
def task_recorded(task, *, kind: str, actor, changes: dict, comment: str, on: dt.date) -> None:
    if on is not None and on < today() - dt.timedelta(days=RECENT_DAYS):
        return
    lead = [task.lead_agency_id]
    if kind == "created":
        operations.notify(
            operations.focal_points(lead),
            kind="assigned",
            task=task,
            text=words.say(words.ASSIGNED_LEAD, title=_title(task)),
            skip=actor,
        )
        coordinating = [a.id for a in task.coordinating_agencies if a.id != task.lead_agency_id]
        operations.notify(
            operations.focal_points(coordinating),
            kind="assigned",
            task=task,
            text=words.say(words.ASSIGNED_COORDINATING, title=_title(task)),
            skip=actor,
        )
    elif kind in ("edited", "lead_moved") and "lead_agency" in changes:
        operations.notify(
            operations.focal_points(lead),
            kind="assigned",
            task=task,
            text=words.say(words.LEAD_MOVED, title=_title(task)),
            skip=actor,
        )
    elif kind == "returned":
        text = words.say(words.RETURNED, comment, title=_title(task))
        operations.notify(operations.focal_points(lead), kind="returned", task=task, text=text, skip=actor)
    elif kind == "confirmed":
        text = words.say(words.CONFIRMED, title=_title(task))
        operations.notify(operations.focal_points(lead), kind="confirmed", task=task, text=text, skip=actor)
    elif kind == "reminder":
        if on is not None and on < today():  # a past day's reminder (history, seed) is not news
            return
        text = words.say(words.REMINDED, comment, title=_title(task))
        operations.notify(operations.focal_points(lead), kind="reminder", task=task, text=text, skip=actor)
    elif kind == "extension_approved":
        new = (changes.get("deadline") or (None, task.deadline))[1]
        text = words.say(words.EXTENDED, comment, title=_title(task), day=fmt_date(new))
        operations.notify(
            operations.focal_points(lead), kind="extension_approved", task=task, text=text, skip=actor
        )
    elif kind == "extension_rejected":
        text = words.say(words.NOT_EXTENDED, comment, title=_title(task))
        operations.notify(
            operations.focal_points(lead), kind="extension_rejected", task=task, text=text, skip=actor
        )
