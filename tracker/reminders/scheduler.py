"""The scheduler process: one per deployment, never inside a web worker.

`flask --app tracker scheduler` (and `make run`) start it. Jobs run inside an application context
and call the same operations as the pages and the CLI.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import current_app

log = logging.getLogger("tracker.scheduler")


def extend_periodic_occurrences(app) -> int:
    """Create the coming occurrences of every periodic series (idempotent)."""
    from sqlalchemy import select

    from tracker.db import db
    from tracker.tasks.models import Task
    from tracker.tasks.periodic import extend_occurrences

    with app.app_context():
        created = 0
        series = db.session.scalars(
            select(Task).where(Task.deadline_kind == "periodic", Task.series_id.is_(None),
                               Task.status.in_(("new", "in_progress")))
        ).all()
        for s in series:
            created += len(extend_occurrences(s))
        db.session.commit()
        return created


def build_scheduler(app) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone=app.config["TIMEZONE"])
    scheduler.add_job(extend_periodic_occurrences, "cron", hour=0, minute=30, args=[app],
                      id="periodic_occurrences", coalesce=True, misfire_grace_time=6 * 3600, replace_existing=True)
    from tracker import plugins

    for register_jobs in plugins.scheduler_jobs():
        register_jobs(scheduler, app)
    return scheduler


def run_scheduler() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = current_app._get_current_object()
    scheduler = build_scheduler(app)
    log.info("Scheduler started with jobs: %s", ", ".join(j.id for j in scheduler.get_jobs()))
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        log.info("Scheduler stopped.")
