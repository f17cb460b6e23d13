"""Where the workflow hands messages to the reminders' outbox."""

from __future__ import annotations

from tracker.reminders.outbox import queue_manual_reminder


def manual_reminder_queued(actor, tasks, message: str) -> None:
    """Queue the e-mail of a manual reminder (đôn đốc) for each lead agency (see reminders.outbox)."""
    queue_manual_reminder(actor, tasks, message)
