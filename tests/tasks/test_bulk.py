"""Bulk actions on a selection of the task list: a confirmation page lists the tasks the action applies
to and those skipped (with the reason); applying changes the former together and leaves the latter."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.tasks.test_actions import plain
from tracker.tasks.models import Task, TaskEvent


def start(client, action, tasks=(), **extra):
    data = {
        "action": action,
        "scope": "selected",
        "task_ids": [str(t.id) for t in tasks],
        "filter": "",
    } | extra
    return client.post("/tasks/bulk", data=data)


def apply(client, action, tasks, **extra):
    data = {
        "action": action,
        "task_ids": ",".join(str(t.id) for t in tasks),
        "step": "apply",
        "filter": "",
    } | extra
    return client.post("/tasks/bulk/apply", data=data)


def test_confirming_a_selection_lists_what_will_be_confirmed_and_what_is_skipped(world, client, sign_in, db):
    a, b = world.task("reported", title="Báo cáo A"), world.task("reported", title="Báo cáo B")
    c = world.task("in_progress", title="Đang làm C")
    db.session.commit()
    sign_in(world.monitor)
    page = plain(start(client, "confirm", [a, b, c]))
    assert "Thao tác sẽ áp dụng cho 2 nhiệm vụ; 1 nhiệm vụ sẽ được bỏ qua" in page
    assert "Sẽ thực hiện (2)" in page and "Bỏ qua (1)" in page
    assert (
        "Đang làm C Đang thực hiện Không thể thực hiện thao tác này khi nhiệm vụ đang ở trạng thái «Đang thực hiện»."
        in page
    )
    db.session.expire_all()
    assert {t.status for t in (a, b)} == {"reported"}  # the confirmation page writes nothing

    response = apply(client, "confirm", [a, b, c])
    assert response.status_code == 302
    flashed = plain(client.get(response.headers["Location"]))
    assert "Đã xác nhận hoàn thành 2 nhiệm vụ." in flashed and "Bỏ qua 1 nhiệm vụ" in flashed
    db.session.expire_all()
    assert (a.status, b.status, c.status) == ("done", "done", "in_progress")


def test_reminding_every_task_of_a_filter(world, client, sign_in, db, freeze):
    overdue = [
        world.task("in_progress", deadline=dt.date(2024, 7, 1)),
        world.task("new", deadline=dt.date(2024, 7, 15)),
    ]
    world.task("in_progress", deadline=dt.date(2024, 12, 31))  # not overdue: not in the filter
    db.session.commit()
    sign_in(world.monitor)
    page = plain(start(client, "remind", scope="filter", filter="overdue=1"))
    assert "Sẽ thực hiện (2)" in page
    response = apply(client, "remind", overdue, message="Đề nghị báo cáo trước ngày 10/8", filter="overdue=1")
    assert response.status_code == 302 and response.headers["Location"].endswith("/tasks/?overdue=1")
    events = db.session.scalars(select(TaskEvent).where(TaskEvent.kind == "reminder")).all()
    assert sorted(e.task_id for e in events) == sorted(t.id for t in overdue)
    assert {e.comment for e in events} == {"Đề nghị báo cáo trước ngày 10/8"}


def test_a_reminder_needs_a_message(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.monitor)
    response = apply(client, "remind", [task], message="")
    assert response.status_code == 422
    assert "Hãy ghi nội dung đôn đốc." in plain(response)
    assert db.session.scalars(select(TaskEvent).where(TaskEvent.kind == "reminder")).all() == []


def test_changing_the_deadline_of_a_selection(world, client, sign_in, db):
    open_ = world.task("in_progress")
    done = world.task("done")
    ongoing = world.task("new", deadline=None)
    db.session.commit()
    sign_in(world.monitor)
    response = apply(client, "deadline", [open_, done, ongoing], step="preview", new_deadline="2024-12-15")
    page = plain(response)
    assert "Sẽ thực hiện (1)" in page and "Bỏ qua (2)" in page
    assert "Nhiệm vụ ở trạng thái «Đã hoàn thành», không đổi thời hạn." in page
    assert "Nhiệm vụ thường xuyên hoặc định kỳ, không có thời hạn cụ thể để đổi." in page
    response = apply(
        client,
        "deadline",
        [open_, done, ongoing],
        new_deadline="2024-12-15",
        comment="Theo Thông báo 92/TB-UBND",
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert open_.deadline == dt.date(2024, 12, 15) and open_.original_deadline == dt.date(2024, 9, 30)
    assert done.deadline == dt.date(2024, 9, 30) and ongoing.deadline is None
    event = db.session.scalars(
        select(TaskEvent).where(TaskEvent.task_id == open_.id, TaskEvent.kind == "edited")
    ).one()
    assert event.comment == "Theo Thông báo 92/TB-UBND" and event.changes["deadline"] == [
        "2024-09-30",
        "2024-12-15",
    ]


def test_a_new_deadline_is_required_and_checked_per_task(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.monitor)
    assert apply(client, "deadline", [task]).status_code == 422
    response = apply(client, "deadline", [task], new_deadline="2023-12-31")
    assert response.status_code == 302
    flashed = plain(client.get(response.headers["Location"]))
    assert "Thời hạn không thể trước ngày giao nhiệm vụ." in flashed
    db.session.expire_all()
    assert db.session.get(Task, task.id).deadline == dt.date(2024, 9, 30)


def test_only_monitors_use_bulk_actions(world, client, sign_in, db):
    task = world.task("reported")
    db.session.commit()
    for role in ("leader", "lead", "other"):
        sign_in(world.users[role])
        assert start(client, "confirm", [task]).status_code == 403
        assert apply(client, "confirm", [task]).status_code == 403
    db.session.expire_all()
    assert task.status == "reported"


def test_the_list_offers_bulk_selection_to_monitors_only(world, client, sign_in, db):
    world.task("reported")
    db.session.commit()
    sign_in(world.monitor)
    assert 'id="bulk-form"' in client.get("/tasks/").get_data(as_text=True)
    sign_in(world.lead)
    assert 'id="bulk-form"' not in client.get("/tasks/").get_data(as_text=True)


def test_no_selection_sends_the_user_back_with_a_hint(world, client, sign_in, db):
    sign_in(world.monitor)
    response = start(client, "confirm", [])
    assert response.status_code == 302
    assert "Chưa chọn nhiệm vụ nào" in plain(client.get(response.headers["Location"]))
