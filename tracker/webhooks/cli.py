"""`flask --app tracker webhooks deliver`, and the scheduler's webhook jobs."""

from __future__ import annotations

import click

from tracker.core import boundary


@click.group("webhooks")
def webhooks_group():
    """Outgoing webhooks."""


@webhooks_group.command("deliver")
def deliver_command():
    """Send the webhook deliveries that are due now (the scheduler does this every minute)."""
    from tracker.webhooks.operations import deliver_due, queue_overdue

    queued = queue_overdue()
    sent = deliver_due()
    click.echo(f"Đã xếp hàng {queued} sự kiện quá hạn; đã gửi {sent} lần.")


def scheduler_jobs(scheduler, app) -> None:
    """Webhook deliveries every minute; overdue events daily at 07:05 (and caught up after a stop:
    they are deduplicated per task and deadline)."""
    scheduler.add_job(
        deliver_job,
        "interval",
        minutes=1,
        args=[app],
        id="webhooks_deliver",
        coalesce=True,
        max_instances=1,
        replace_existing=True,
    )
    scheduler.add_job(
        overdue_job,
        "cron",
        hour=7,
        minute=5,
        args=[app],
        id="webhooks_overdue",
        coalesce=True,
        misfire_grace_time=12 * 3600,
        replace_existing=True,
    )


def deliver_job(app) -> int:
    from tracker.webhooks.operations import deliver_due

    return boundary.run_job(app, deliver_due)


def overdue_job(app) -> int:
    from tracker.webhooks.operations import queue_overdue

    return boundary.run_job(app, queue_overdue)
