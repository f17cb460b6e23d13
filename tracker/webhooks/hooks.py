"""Webhooks queued when the task workflow says that something happened (`signals.task_changed`, sent
by create_task, report_completion, confirm_completion, return_report), in the same transaction as
the change, and sent right after the response of the request that made it (once it committed)."""

from __future__ import annotations

from flask import current_app, g, has_request_context

from tracker.core import signals

EVENTS = {
    "assigned": "task.assigned",
    "reported": "task.reported",
    "confirmed": "task.confirmed",
    "returned": "task.returned",
}


@signals.task_changed.connect
def task_event(task, *, kind: str) -> None:
    """Queue the webhook deliveries of `kind` (assigned, reported, confirmed, returned) about `task`."""
    from tracker.webhooks import operations as webhooks

    sent_after_response(webhooks.queue(EVENTS[kind], task))


def sent_after_response(deliveries) -> None:
    """Queued deliveries (flushed: they have ids) go out right after the response of this request."""
    if deliveries and has_request_context():
        g.setdefault("webhook_delivery_ids", []).extend(d.id for d in deliveries)


def _deliver_after_response(app, ids: list[int]) -> None:
    from tracker.core.boundary import run_job
    from tracker.webhooks.operations import deliver_due

    run_job(app, lambda: deliver_due(ids=ids))


def send_queued_after_response(response):
    """after_app_request: deliveries queued by this request (and committed by it: a rolled back
    request left no rows) are sent once the response has gone out; the scheduler retries failures."""
    ids = g.pop("webhook_delivery_ids", None)
    if ids:
        app = current_app._get_current_object()
        response.call_on_close(lambda: _deliver_after_response(app, ids))
    return response
