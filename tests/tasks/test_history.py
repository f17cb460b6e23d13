"""Every change is an event, and the reportable state follows the business dates."""

import datetime as dt

from sqlalchemy import select

from tracker.tasks import operations
from tracker.tasks.models import Task, TaskEvent, TaskState


def _states(db, task):
    return db.session.scalars(
        select(TaskState).where(TaskState.task_id == task.id).order_by(TaskState.valid_from)
    ).all()


def test_assigning_a_task_records_who_and_the_initial_state(make, db):
    task = make.task(deadline=dt.date(2024, 3, 31))
    events = db.session.scalars(select(TaskEvent).where(TaskEvent.task_id == task.id)).all()
    assert [e.kind for e in events] == ["created"]
    assert events[0].actor_id == make.monitor().id
    states = _states(db, task)
    assert [(s.valid_from, s.valid_to, s.status, s.deadline) for s in states] == [
        (task.assigned_on, None, "new", dt.date(2024, 3, 31))
    ]


def test_state_spans_follow_the_workflow_dates(make, db):
    lead = make.agency()
    focal = make.user("focal", agency=lead)
    task = make.task(lead=lead, deadline=dt.date(2024, 9, 30), assigned_on=dt.date(2024, 7, 1))
    operations.post_progress(focal, task, text="Đang làm", percent=30, on=dt.date(2024, 7, 10))
    operations.report_completion(focal, task, completed_on=dt.date(2024, 9, 20), on=dt.date(2024, 9, 22))
    operations.confirm_completion(make.monitor(), task, on=dt.date(2024, 10, 5))
    spans = [(s.valid_from, s.valid_to, s.status) for s in _states(db, task)]
    assert spans == [
        (dt.date(2024, 7, 1), dt.date(2024, 7, 10), "new"),
        (dt.date(2024, 7, 10), dt.date(2024, 9, 22), "in_progress"),
        (dt.date(2024, 9, 22), dt.date(2024, 10, 5), "reported"),
        (dt.date(2024, 10, 5), None, "done"),
    ]
    assert task.completed_on == dt.date(2024, 9, 20)  # confirmation keeps the agency's date


def test_two_changes_on_one_day_leave_the_end_of_day_state(make, db):
    lead = make.agency()
    focal = make.user("focal", agency=lead)
    task = make.task(lead=lead, deadline=dt.date(2024, 9, 30), assigned_on=dt.date(2024, 7, 1))
    day = dt.date(2024, 8, 1)
    operations.report_completion(focal, task, completed_on=day, on=day)
    operations.return_report(make.monitor(), task, reason="Thiếu hồ sơ", on=day)
    spans = [(s.valid_from, s.valid_to, s.status) for s in _states(db, task)]
    assert spans[-1] == (day, None, "in_progress")


def test_a_periodic_task_gets_one_occurrence_per_period(make, db, freeze):
    freeze(dt.date(2024, 8, 15))
    task = make.task(
        deadline=None, deadline_kind="periodic", period="quarterly", assigned_on=dt.date(2024, 1, 10)
    )
    occurrences = db.session.scalars(
        select(Task).where(Task.series_id == task.id).order_by(Task.deadline)
    ).all()
    assert [o.period_label for o in occurrences] == [
        "Quý I/2024",
        "Quý II/2024",
        "Quý III/2024",
        "Quý IV/2024",
    ]
    assert [o.deadline for o in occurrences] == [
        dt.date(2024, 3, 31),
        dt.date(2024, 6, 30),
        dt.date(2024, 9, 30),
        dt.date(2024, 12, 31),
    ]
    assert all(o.status == "new" and o.lead_agency_id == task.lead_agency_id for o in occurrences)
    # Running the extension again creates nothing new.
    from tracker.tasks.periodic import extend_occurrences

    assert extend_occurrences(task, until=dt.date(2024, 11, 1)) == []


def test_a_stale_edit_is_refused_and_changes_nothing(make, db):
    import pytest

    from tracker.core.errors import StaleObject

    task = make.task(title="Tên ban đầu")
    version = task.version
    operations.update_task(make.monitor(), task, version, title="Sửa lần một")
    with pytest.raises(StaleObject):
        operations.update_task(make.monitor(), task, version, title="Sửa lần hai, từ biểu mẫu cũ")
    assert task.title == "Sửa lần một"
