"""The category of a task as of a date D, from its history: the hand-made edge cases of DOMAIN.md.

Each case checks the database computation (tracker.reports.classify) and the plain-Python replay
of the events (tracker.reports.replay) — they must agree."""

import datetime as dt

import pytest
from sqlalchemy import select

from tracker.reports import classify, periods, replay
from tracker.reports.queries import ReportFilter, build_report
from tracker.tasks import operations
from tracker.tasks.models import Task

D = dt.date


def category(task, on):
    """The category as of `on` — from the database, checked against the replay."""
    in_db = classify.task_categories(on, [Task.id == task.id]).get(task.id)
    replayed, _state = replay.replay_task(task, on)
    assert in_db == replayed, f"database says {in_db}, replay says {replayed} as of {on}"
    return in_db


@pytest.fixture
def setup(make, db):
    lead = make.agency("STP", "Sở Tư pháp")
    focal = make.user("focal", agency=lead)
    monitor = make.monitor()

    def task(deadline=D(2024, 9, 30), assigned_on=D(2024, 7, 1), **kw):
        return make.task(lead=lead, deadline=deadline, assigned_on=assigned_on, **kw)

    return lead, focal, monitor, task


def test_completed_on_the_deadline_day_is_on_time_one_day_after_is_late(setup):
    _lead, focal, monitor, task = setup
    on_day, late = task(), task()
    operations.report_completion(focal, on_day, completed_on=D(2024, 9, 30), on=D(2024, 9, 30))
    operations.confirm_completion(monitor, on_day, on=D(2024, 10, 1))
    operations.report_completion(focal, late, completed_on=D(2024, 10, 1), on=D(2024, 10, 1))
    operations.confirm_completion(monitor, late, on=D(2024, 10, 2))
    assert category(on_day, D(2024, 10, 5)) == "done_on_time"
    assert category(late, D(2024, 10, 5)) == "done_late"


def test_reported_before_d_and_confirmed_after_is_awaiting_confirmation_as_of_d(setup):
    _lead, focal, monitor, task = setup
    t = task()
    operations.report_completion(focal, t, completed_on=D(2024, 9, 20), on=D(2024, 9, 22))
    operations.confirm_completion(monitor, t, on=D(2024, 10, 5))
    assert category(t, D(2024, 9, 21)) == "in_progress_on_time"
    assert category(t, D(2024, 9, 30)) == "awaiting_confirmation"
    assert category(t, D(2024, 10, 4)) == "awaiting_confirmation"
    assert category(t, D(2024, 10, 5)) == "done_on_time"


def test_completed_before_d_but_reported_after_is_not_completed_as_of_d(setup):
    _lead, focal, monitor, task = setup
    t = task()
    operations.report_completion(focal, t, completed_on=D(2024, 9, 24), on=D(2024, 10, 2))
    operations.confirm_completion(monitor, t, on=D(2024, 10, 3))
    assert category(t, D(2024, 9, 30)) == "in_progress_on_time"  # the deadline is D itself
    assert category(t, D(2024, 10, 1)) == "overdue"
    assert category(t, D(2024, 10, 2)) == "awaiting_confirmation"
    assert category(t, D(2024, 10, 3)) == "done_on_time"  # completed 24/9, before the deadline


def test_a_deadline_equal_to_d_is_within_the_deadline_and_the_day_after_overdue(setup):
    *_, task = setup
    t = task(deadline=D(2024, 8, 15))
    assert category(t, D(2024, 8, 15)) == "in_progress_on_time"
    assert category(t, D(2024, 8, 16)) == "overdue"


def test_ongoing_tasks_are_never_overdue_and_count_on_time_when_done(setup):
    _lead, focal, monitor, task = setup
    open_, done = task(deadline=None), task(deadline=None)
    operations.report_completion(focal, done, completed_on=D(2025, 3, 1), on=D(2025, 3, 2))
    operations.confirm_completion(monitor, done, on=D(2025, 3, 3))
    assert category(open_, D(2030, 1, 1)) == "in_progress_on_time"
    assert category(done, D(2025, 3, 3)) == "done_on_time"


def test_a_cancelled_task_counts_until_the_day_it_was_cancelled(setup):
    _lead, _focal, monitor, task = setup
    t = task()
    operations.cancel_task(monitor, t, reason="Không còn phù hợp", on=D(2024, 8, 10))
    assert category(t, D(2024, 8, 9)) == "in_progress_on_time"
    assert category(t, D(2024, 8, 10)) is None
    assert classify.tally(D(2024, 8, 10), [Task.id == t.id]).total == 0


def test_an_extension_counts_from_the_day_it_was_approved(setup, db):
    _lead, focal, monitor, task = setup
    t = task(deadline=D(2024, 6, 30), assigned_on=D(2024, 5, 1))
    req = operations.request_extension(
        focal, t, new_deadline=D(2024, 7, 31), reason="Chờ số liệu", on=D(2024, 6, 25)
    )
    db.session.flush()  # the request's status gets its default on insert
    operations.approve_extension(monitor, req, on=D(2024, 7, 10))
    assert category(t, D(2024, 7, 5)) == "overdue"  # not yet extended on 5/7
    assert classify.tally(D(2024, 7, 5), [Task.id == t.id]).extended == 0
    assert category(t, D(2024, 7, 10)) == "in_progress_on_time"
    assert classify.tally(D(2024, 7, 10), [Task.id == t.id]).extended == 1
    operations.report_completion(focal, t, completed_on=D(2024, 7, 20), on=D(2024, 7, 20))
    operations.confirm_completion(monitor, t, on=D(2024, 7, 22))
    assert category(t, D(2024, 8, 1)) == "done_on_time"  # on time against the deadline in force


def test_returned_then_reported_again(setup):
    _lead, focal, monitor, task = setup
    t = task()
    operations.report_completion(focal, t, completed_on=D(2024, 8, 1), on=D(2024, 8, 1))
    operations.return_report(monitor, t, reason="Thiếu hồ sơ", on=D(2024, 8, 5))
    operations.report_completion(focal, t, completed_on=D(2024, 8, 9), on=D(2024, 8, 10))
    assert category(t, D(2024, 8, 3)) == "awaiting_confirmation"
    assert category(t, D(2024, 8, 7)) == "in_progress_on_time"
    assert category(t, D(2024, 8, 12)) == "awaiting_confirmation"


def test_a_task_assigned_after_d_is_not_in_the_report(setup):
    *_, task = setup
    t = task(assigned_on=D(2024, 9, 1))
    assert category(t, D(2024, 8, 31)) is None
    assert category(t, D(2024, 9, 1)) == "in_progress_on_time"


def test_a_periodic_task_counts_once_per_occurrence_due_in_the_range(make, db, freeze):
    freeze(D(2024, 12, 31))
    doc = make.document("5/KH-UBND", issued_on=D(2024, 1, 5))
    make.task(
        document=doc, deadline=None, deadline_kind="periodic", period="quarterly", assigned_on=D(2024, 1, 5)
    )
    occurrences = db.session.scalars(select(Task).where(Task.series_id.isnot(None))).all()
    assert len(occurrences) >= 4
    q3 = ReportFilter(as_of=D(2024, 9, 14), period=periods.official("q3", 2024), documents=[doc.id])
    assert build_report(None, q3, with_trend=False).summary.total == 1  # Quý II's, due 30/6
    year = ReportFilter(
        as_of=D(2024, 12, 31), period=periods.custom(D(2024, 1, 1), D(2024, 12, 31)), documents=[doc.id]
    )
    assert build_report(None, year, with_trend=False).summary.total == 4  # the series itself never counts


def test_a_merged_agencys_tasks_stay_with_it_in_the_historic_grouping_and_go_to_its_successor_in_the_current(
    make, db
):
    from tracker.reorganisation.operations import merge_agency

    old = make.agency("SKHDT", "Sở Kế hoạch và Đầu tư")
    new = make.agency("STC", "Sở Tài chính")
    doc = make.document("6/KH-UBND", issued_on=D(2024, 7, 1))
    make.task(lead=old, document=doc, deadline=D(2024, 9, 30))
    make.task(lead=new, document=doc, deadline=D(2024, 9, 30))
    merge_agency(None, old, new, on=D(2025, 3, 1))
    rf = ReportFilter(as_of=D(2024, 9, 14), period=periods.official("q3", 2024))
    historic = build_report(None, rf, with_trend=False)
    assert {(r.code, r.counts.total) for r in historic.agencies} == {("SKHDT", 1), ("STC", 1)}
    current = build_report(None, ReportFilter(**{**rf.__dict__, "grouping": "current"}), with_trend=False)
    assert {(r.code, r.counts.total) for r in current.agencies} == {("STC", 2)}
