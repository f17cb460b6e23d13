"""A scheduler that was down at the hour sends that day's digests when it starts; a day long past is
not replayed. The daily job follows the hour set in the settings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.reminders.scenario import DAY, finance_agency
from tracker.core.dates import LOCAL_TZ
from tracker.reminders import jobs, operations, outbox
from tracker.reminders.models import OutboxMessage
from tracker.scheduler import build_scheduler


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LOCAL_TZ)


def test_a_scheduler_starting_after_the_hour_sends_the_days_digests_once(app, db, make, freeze, smtp):
    freeze(DAY)
    finance_agency(make, db)
    db.session.commit()

    result = jobs.catch_up(now=at(DAY, 9, 15))

    assert result is not None and len(result.claimed) == 1
    assert len(smtp.received) == 1
    # A restart later that day finds the day done.
    assert jobs.catch_up(now=at(DAY, 14, 0)) is None
    assert len(smtp.received) == 1


def test_a_scheduler_starting_before_the_hour_waits_for_it(app, db, make, freeze, smtp):
    freeze(DAY)
    finance_agency(make, db)
    db.session.commit()

    assert jobs.catch_up(now=at(DAY, 7, 29)) is None
    assert smtp.received == []
    assert jobs.catch_up(now=at(DAY, 7, 30)) is not None
    assert len(smtp.received) == 1


def test_a_day_missed_entirely_is_not_replayed_the_next_morning(app, db, make, freeze, smtp):
    next_day = DAY + dt.timedelta(days=1)
    freeze(next_day)
    finance_agency(make, db)
    db.session.commit()

    # Down all of DAY; back at 06:00 the next day: nothing for DAY, and not yet for the new day.
    assert jobs.catch_up(now=at(next_day, 6, 0)) is None
    # Past the hour: only the new day's digests.
    jobs.catch_up(now=at(next_day, 8, 0))

    days = db.session.scalars(select(OutboxMessage.day)).all()
    assert days == [next_day]
    assert len(smtp.received) == 1


def test_an_interrupted_run_is_completed_without_resending_what_went_out(app, db, make, freeze, smtp):
    freeze(DAY)
    finance_agency(make, db)
    other = make.agency(code="SXD", name="Sở Xây dựng", emails="sxd@khanhhoa.gov.vn")
    make.task(lead=other, deadline=DAY - dt.timedelta(days=1), assigned_on=DAY - dt.timedelta(days=5))
    db.session.commit()
    # A run that claimed one digest and died before finishing.
    first = jobs.build_day(DAY)[0]
    outbox.claim(first)
    outbox.deliver_pending()
    jobs._start_run(DAY)

    jobs.catch_up(now=at(DAY, 10, 0))

    subjects = sorted(m.subject for m in smtp.received)
    assert len(subjects) == 2 and subjects[0] != subjects[1]


def test_the_daily_job_is_scheduled_at_the_set_hour_with_misfire_grace_and_coalescing(app, db, make):
    monitor = make.monitor()
    operations.update_settings(monitor, {"send_at": "06:45"})
    db.session.commit()

    scheduler = build_scheduler(app)

    job = scheduler.get_job(jobs.DAILY_JOB_ID)
    fields = {f.name: str(f) for f in job.trigger.fields}
    assert (fields["hour"], fields["minute"]) == ("6", "45")
    assert str(job.trigger.timezone) == "Asia/Ho_Chi_Minh"
    assert job.coalesce is True and job.misfire_grace_time == jobs.MISFIRE_GRACE
    assert scheduler.get_job("reminders_catch_up") is not None
    assert scheduler.get_job("reminders_deliver") is not None
    assert scheduler.get_job("periodic_occurrences") is not None


def test_a_new_hour_set_in_the_settings_is_followed_by_the_running_scheduler(app, db, make):
    scheduler = build_scheduler(app)
    monitor = make.monitor()
    operations.update_settings(monitor, {"send_at": "23:59"})
    db.session.commit()

    jobs._watch_settings(app, scheduler)

    fields = {f.name: str(f) for f in scheduler.get_job(jobs.DAILY_JOB_ID).trigger.fields}
    assert (fields["hour"], fields["minute"]) == ("23", "59")
