"""Where the workflow hands messages to the reminders' outbox."""

from __future__ import annotations


def manual_reminder_queued(actor, tasks, message: str) -> None:
    """Queue the e-mail of a manual reminder (đôn đốc) for each lead agency (see reminders.outbox)."""
    try:
        from tracker.reminders.outbox import queue_manual_reminder
    except ImportError:  # the reminders package is installed in a later step of the build
        return
    queue_manual_reminder(actor, tasks, message)
