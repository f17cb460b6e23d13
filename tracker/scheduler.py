"""The scheduler process: one per deployment, never inside a web worker.

`flask --app tracker scheduler` (and `make run`) start it. Jobs run inside an application context
and call the same operations as the pages and the CLI. Several schedulers may be started (one per
host, for failover): only the leader runs the jobs, the others wait for it to stop (see
tracker.reminders.leader); whatever happens, the outbox's claims keep every digest to one e-mail.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import current_app

log = logging.getLogger("tracker.scheduler")


def extend_periodic_occurrences(app) -> int:
    """Create the coming occurrences of every periodic series (idempotent)."""
    from sqlalchemy import select

    from tracker.core.boundary import run_job
    from tracker.db import db
    from tracker.tasks.models import Task
    from tracker.tasks.periodic import extend_occurrences

    def extend() -> int:
        series = db.session.scalars(
            select(Task).where(
                Task.deadline_kind == "periodic",
                Task.series_id.is_(None),
                Task.status.in_(("new", "in_progress")),
            )
        ).all()
        return sum(len(extend_occurrences(s)) for s in series)

    return run_job(app, extend)


def prune_form_keys(app) -> int:
    """Forget the one-time form keys of long ago (tracker.core.once)."""
    from tracker.core import once
    from tracker.core.boundary import run_job

    return run_job(app, once.prune)


def build_scheduler(app) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone=app.config["TIMEZONE"])
    scheduler.add_job(
        extend_periodic_occurrences,
        "cron",
        hour=0,
        minute=30,
        args=[app],
        id="periodic_occurrences",
        coalesce=True,
        misfire_grace_time=6 * 3600,
        replace_existing=True,
    )
    scheduler.add_job(
        prune_form_keys,
        "cron",
        hour=0,
        minute=40,
        args=[app],
        id="prune_form_keys",
        coalesce=True,
        misfire_grace_time=6 * 3600,
        replace_existing=True,
    )
    from tracker import plugins

    for register_jobs in plugins.scheduler_jobs():
        register_jobs(scheduler, app)
    return scheduler


def _poll_seconds(app) -> float:
    value = app.config.get("SCHEDULER_LEADER_POLL_SECONDS") or os.environ.get(
        "TRACKER_SCHEDULER_LEADER_POLL_SECONDS"
    )
    return float(value) if value else 15.0


def _watch_leadership(lock, scheduler) -> None:
    if not lock.still_held():
        log.error("Leader lock lost (database connection gone); stopping the jobs until it is won again.")
        scheduler.shutdown(wait=False)


def run_scheduler() -> None:
    """Wait to be the leader (one scheduler per database runs the jobs), then run the jobs until stopped.
    When the leadership is lost the jobs stop and the process waits to win it again."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # APScheduler logs every run of the every-minute jobs at INFO; its warnings and errors are enough.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    app = current_app._get_current_object()
    from tracker.db import db
    from tracker.reminders.leader import leader_lock

    # `kill` (SIGTERM, as `make run` stops it) ends the process cleanly, releasing the lock.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    poll = _poll_seconds(app)
    lock = leader_lock(app, db.engine)
    try:
        while True:
            waiting = False
            while not lock.try_acquire():
                if not waiting:
                    log.info(
                        "Another scheduler is the leader (pid %s waits and takes over if it stops).",
                        os.getpid(),
                    )
                    waiting = True
                time.sleep(poll)
            scheduler = build_scheduler(app)
            scheduler.add_job(
                _watch_leadership,
                "interval",
                seconds=poll,
                args=[lock, scheduler],
                id="leader_watch",
                coalesce=True,
                max_instances=1,
            )
            log.info(
                "Scheduler (pid %s) is the leader; jobs: %s",
                os.getpid(),
                ", ".join(j.id for j in scheduler.get_jobs()),
            )
            try:
                scheduler.start()
            finally:
                if scheduler.running:
                    scheduler.shutdown(wait=False)
                lock.release()
    except (KeyboardInterrupt, SystemExit):
        log.info("Scheduler stopped.")
