"""The day's reminder job, its catch-up when the scheduler starts late, and the scheduler's jobs.

`run_day(day)` builds the digests that day's job sends (the agencies' daily digests, plus the
monitors' overview on the weekly day) and claims each in the outbox; running it twice, or in two
processes at once, claims each digest once. `daily_job` wraps it with the run record and delivery.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tracker.core import boundary
from tracker.core.collector import collector_paused
from tracker.core.dates import LOCAL_TZ, today
from tracker.db import db, utcnow
from tracker.reminders import escalation, outbox, settings
from tracker.reminders.compose import Composed, compose_daily, compose_leaders, compose_weekly
from tracker.reminders.digests import daily_digests, weekly_overview
from tracker.reminders.models import ReminderRun
from tracker.users.models import mail_languages_read_once

log = logging.getLogger("tracker.reminders")

DAILY_JOB_ID = "reminders_daily"
# A run of the daily job that APScheduler could not start on time still runs within this delay.
MISFIRE_GRACE = 6 * 3600


@dataclass
class DayResult:
    day: dt.date
    composed: list[Composed] = field(default_factory=list)
    claimed: list[int] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    delivery: dict[str, int] = field(default_factory=dict)


def build_day(
    day: dt.date, cfg: settings.ReminderSettings | None = None, weekly: bool | None = None, agency_ids=None
) -> list[Composed]:
    """The messages of that day's job (nothing written)."""
    cfg = cfg or settings.load()
    # core.collector: at national scale the digests hold a line and a task for each of hundreds of
    # thousands of open tasks (no cycles), dropped once composed; the collector would walk them
    # again and again as they are built, and once more after.
    with collector_paused():
        digests = daily_digests(day, cfg, agency_ids)
        copy_heads(digests, escalation.heads_to_copy(day))
        with mail_languages_read_once():
            messages = [compose_daily(d, cfg) for d in digests]
        del digests  # freed here, while the collector waits: nothing of them left for it to walk
    if weekly is None:
        weekly = day.weekday() == cfg.weekly_day
    if weekly and agency_ids is None:
        view = weekly_overview(day, cfg)
        if not view.is_empty:
            messages.append(compose_weekly(view, cfg))
        leaders = escalation.leaders_overview(day)
        if not leaders.is_empty and leaders.recipients:
            messages.append(compose_leaders(leaders, cfg))
    return messages


def copy_heads(digests, escalated: dict[int, set[int]]) -> None:
    """The agencies whose tasks were escalated to their head today: the digest copies the head (Cc),
    and says so beside each of those tasks."""
    for digest in digests:
        task_ids = escalated.get(digest.agency.id)
        if not task_ids:
            continue
        for line in digest.lines:
            line.escalated = line.task.id in task_ids
        head = (digest.agency.head_email or "").strip()
        if head and head.lower() not in {a.lower() for a in digest.recipients}:
            digest.cc = [head]


def run_day(
    day: dt.date, cfg: settings.ReminderSettings | None = None, weekly: bool | None = None
) -> DayResult:
    """Fire the escalations due that day, then build and claim that day's digests (commits). Digests
    another run already claimed are skipped; so are escalations that already fired."""
    escalation.escalate(day, cfg)
    result = DayResult(day=day, composed=build_day(day, cfg, weekly))
    for composed in result.composed:
        row = outbox.claim(composed)
        if row is None:
            result.already.append(composed.digest_key)
        else:
            result.claimed.append(row.id)
    log.info("Reminders for %s: %s new, %s already claimed", day, len(result.claimed), len(result.already))
    return result


def _start_run(day: dt.date) -> ReminderRun:
    """The day's run record, created if needed (two processes starting together share one)."""
    boundary.commit_now("read the run record another scheduler may just have committed")
    query = select(ReminderRun).where(ReminderRun.kind == "daily", ReminderRun.day == day)
    run = db.session.scalar(query)
    if run is not None:
        return run
    run = ReminderRun(kind="daily", day=day, host=f"{socket.gethostname()}:{os.getpid()}"[:120])
    db.session.add(run)
    try:
        boundary.commit_now("the run record is claimed (unique per day) before the digests")
        return run
    except IntegrityError:
        db.session.rollback()
        return db.session.scalar(query)


def record_run(day: dt.date, claimed: int) -> ReminderRun:
    """Mark the day's job done (the catch-up then leaves that day alone)."""
    run = _start_run(day)
    run.finished_at = utcnow()
    run.messages = (run.messages or 0) + claimed
    boundary.commit_now("the day is recorded done before the outbox sends")
    return run


def daily_job(day: dt.date | None = None, deliver: bool = True) -> DayResult:
    """The scheduled job: record the run, claim the day's digests, send what is due."""
    day = day or today()
    _start_run(day)
    result = run_day(day)
    record_run(day, len(result.claimed))
    if deliver:
        result.delivery = outbox.deliver_pending()
    return result


def day_done(day: dt.date) -> bool:
    return (
        db.session.scalar(
            select(ReminderRun.id).where(
                ReminderRun.kind == "daily", ReminderRun.day == day, ReminderRun.finished_at.isnot(None)
            )
        )
        is not None
    )


def catch_up(now: dt.datetime | None = None) -> DayResult | None:
    """At scheduler start: if today's hour has passed and today's job has not completed, run it now.
    Only today: a day long past is not replayed (its digests would be stale news)."""
    now = (now or dt.datetime.now(LOCAL_TZ)).astimezone(LOCAL_TZ)
    cfg = settings.load()
    day = now.date()
    if now.time() < cfg.send_time:
        log.info("Reminders of %s are due at %s", day, cfg.send_at)
        return None
    if day_done(day):
        log.info("Reminders of %s already done", day)
        return None
    log.info("Catching up the reminders of %s (due at %s)", day, cfg.send_at)
    return daily_job(day)


# ---------------------------------------------------------------- the scheduler's jobs


def _in_app(app, fn, *args):
    return boundary.run_job(app, fn, *args)


def _daily(app):
    _in_app(app, daily_job)


def _catch_up(app):
    _in_app(app, catch_up)


def _deliver(app):
    _in_app(app, outbox.deliver_pending)


def _watch_settings(app, scheduler):
    """Follow a change of the hour made in the settings page while the scheduler runs."""
    from apscheduler.triggers.cron import CronTrigger

    cfg = _in_app(app, settings.load)
    job = scheduler.get_job(DAILY_JOB_ID)
    wanted = (str(cfg.hour), str(cfg.minute))
    fields = {f.name: str(f) for f in job.trigger.fields}
    if (fields["hour"], fields["minute"]) != wanted:
        log.info("Reminder hour changed to %s", cfg.send_at)
        scheduler.reschedule_job(
            DAILY_JOB_ID,
            trigger=CronTrigger(hour=cfg.hour, minute=cfg.minute, timezone=app.config["TIMEZONE"]),
        )
        # Moved to an hour already past today: today's digests go out now (once).
        _in_app(app, catch_up)


def _seconds(app, key: str, env: str, default: float) -> float:
    value = app.config.get(key) or os.environ.get(env)
    return float(value) if value else default


def register_jobs(scheduler, app) -> None:
    """Add the reminders' jobs (see tracker.plugins.scheduler_jobs)."""
    cfg = _in_app(app, settings.load)
    tz = app.config["TIMEZONE"]
    scheduler.add_job(
        _daily,
        "cron",
        hour=cfg.hour,
        minute=cfg.minute,
        timezone=tz,
        args=[app],
        id=DAILY_JOB_ID,
        coalesce=True,
        misfire_grace_time=MISFIRE_GRACE,
        max_instances=1,
        replace_existing=True,
    )
    # Runs once as soon as the scheduler starts (the explicit catch-up of a missed hour).
    scheduler.add_job(
        _catch_up, "date", args=[app], id="reminders_catch_up", replace_existing=True, misfire_grace_time=None
    )
    deliver_every = _seconds(app, "REMINDERS_DELIVER_SECONDS", "TRACKER_REMINDERS_DELIVER_SECONDS", 60)
    scheduler.add_job(
        _deliver,
        "interval",
        seconds=deliver_every,
        args=[app],
        id="reminders_deliver",
        coalesce=True,
        max_instances=1,
        replace_existing=True,
    )
    scheduler.add_job(
        _watch_settings,
        "interval",
        seconds=60,
        args=[app, scheduler],
        id="reminders_settings",
        coalesce=True,
        max_instances=1,
        replace_existing=True,
    )
