"""Where the workflow hands messages to the reminders' outbox: a receiver of `signals.tasks_reminded`."""

from __future__ import annotations

import datetime as dt

from tracker.core import signals
from tracker.core.dates import today
from tracker.reminders.outbox import queue_manual_reminder


@signals.tasks_reminded.connect
def manual_reminder_queued(actor, *, tasks, message: str, on: dt.date | None = None) -> None:
    """Queue the e-mail of a manual reminder (đôn đốc) for each lead agency (see reminders.outbox).
    A reminder recorded for a past day (history import, demo seed) stays on the timeline only: it is
    not e-mailed days later."""
    if on is not None and on < today():
        return
    queue_manual_reminder(actor, tasks, message)
