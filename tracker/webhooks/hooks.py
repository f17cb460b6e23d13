"""Where the task workflow tells the API package that something happened (one call per operation:
create_task, report_completion, confirm_completion, return_report), so webhooks are queued in the
same transaction as the change, and sent right after the response of the request that made it."""

from __future__ import annotations

from flask import current_app, g, has_request_context

EVENTS = {
    "assigned": "task.assigned",
    "reported": "task.reported",
    "confirmed": "task.confirmed",
    "returned": "task.returned",
}


def task_event(task, kind: str) -> None:
    """Queue the webhook deliveries of `kind` (assigned, reported, confirmed, returned) about `task`."""
    from tracker.webhooks import operations as webhooks

    sent_after_response(webhooks.queue(EVENTS[kind], task))


def sent_after_response(deliveries) -> None:
    """Queued deliveries (flushed: they have ids) go out right after the response of this request."""
    if deliveries and has_request_context():
        g.setdefault("webhook_delivery_ids", []).extend(d.id for d in deliveries)


def _deliver_after_response(app, ids: list[int]) -> None:
    from tracker.db import db
    from tracker.webhooks.operations import deliver_due

    with app.app_context():
        try:
            deliver_due(ids=ids)
        finally:
            db.session.remove()


def send_queued_after_response(response):
    """after_app_request: deliveries queued by this request (and committed by it: a rolled back
    request left no rows) are sent once the response has gone out; the scheduler retries failures."""
    ids = g.pop("webhook_delivery_ids", None)
    if ids:
        app = current_app._get_current_object()
        response.call_on_close(lambda: _deliver_after_response(app, ids))
    return response
