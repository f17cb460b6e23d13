"""The scheduler's job of the notifications: each night, forget those older than 90 days."""

from __future__ import annotations

import logging

from tracker.core.boundary import run_job
from tracker.notifications import operations

log = logging.getLogger("tracker.notifications")

PURGE_JOB_ID = "notifications_purge"


def purge_job(app) -> int:
    deleted = run_job(app, operations.purge)
    if deleted:
        log.info("Deleted %s notifications older than %s days", deleted, operations.KEEP_DAYS)
    return deleted


def register_jobs(scheduler, app) -> None:
    """Add the purge (see tracker.plugins.scheduler_jobs): daily at 02:40."""
    scheduler.add_job(
        purge_job,
        "cron",
        hour=2,
        minute=40,
        timezone=app.config["TIMEZONE"],
        args=[app],
        id=PURGE_JOB_ID,
        coalesce=True,
        misfire_grace_time=6 * 3600,
        max_instances=1,
        replace_existing=True,
    )
