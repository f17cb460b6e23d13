"""Editing a task: every change is an event (who, old → new); two people editing the same task never
overwrite each other silently — the second save is refused and shows what the first changed."""

from __future__ import annotations

import datetime as dt
import html
import re

from sqlalchemy import select

from tests.tasks.test_actions import field_value, plain, text_of
from tests.tasks.workflow_http import edit_data
from tracker.tasks.models import Task, TaskEvent


def open_form(client, task) -> dict:
    """What the browser would send back from the edit page unchanged (hidden fields included)."""
    return open_form_from(client.get(f"/tasks/{task.id}/edit").get_data(as_text=True), task)


def test_an_edit_is_an_event_with_who_and_old_to_new(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.monitor)
    data = open_form(client, task) | {
        "deadline": "2024-10-31",
        "priority": "urgent",
        "comment": "Theo chỉ đạo",
    }
    response = client.post(f"/tasks/{task.id}/edit", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    assert task.deadline == dt.date(2024, 10, 31) and task.priority == "urgent"
    event = db.session.scalars(
        select(TaskEvent).where(TaskEvent.task_id == task.id, TaskEvent.kind == "edited")
    ).one()
    assert event.actor_id == world.monitor.id
    assert event.changes["deadline"] == ["2024-09-30", "2024-10-31"]
    assert event.changes["priority"] == ["normal", "urgent"]
    assert event.comment == "Theo chỉ đạo"
    page = plain(client.get(f"/tasks/{task.id}"))
    assert "Thời hạn: 30/09/2024 → 31/10/2024" in page


def test_a_stale_save_is_refused_shows_the_other_change_and_keeps_the_users_input(
    world, client, sign_in, db, make
):
    task = world.task("in_progress")
    db.session.commit()
    second = make.user("monitor", agency=None, email="vpubnd@test.vn", name="Trần Văn Tổng Hợp")
    db.session.commit()
    sign_in(world.monitor)
    mine = open_form(client, task)  # the first monitor opens the form …
    sign_in(second)
    theirs = open_form(client, task)  # … so does the second, who saves first
    assert client.post(f"/tasks/{task.id}/edit", data=theirs | {"deadline": "2024-10-31"}).status_code == 302

    sign_in(world.monitor)
    response = client.post(f"/tasks/{task.id}/edit", data=mine | {"title": "Tên mới do tôi sửa"})
    assert response.status_code == 409
    page = plain(response)
    assert "vừa được người khác cập nhật sau khi bạn mở biểu mẫu" in page
    assert "Thời hạn 30/09/2024 31/10/2024" in page  # the table: when you opened → now
    assert "Trần Văn Tổng Hợp" in page and "Thời hạn: 30/09/2024 → 31/10/2024" in page  # who changed it
    raw = response.get_data(as_text=True)
    assert "Tên mới do tôi sửa" in raw  # the user's edit is kept …
    assert (
        field_value(raw, "deadline") == "31/10/2024"
    )  # … and the field they did not touch takes the new value
    db.session.expire_all()
    assert task.title != "Tên mới do tôi sửa" and task.deadline == dt.date(2024, 10, 31)

    # Saving the form as shown again applies the user's edit on top of the other's.
    again = open_form_from(raw, task)
    assert client.post(f"/tasks/{task.id}/edit", data=again).status_code == 302
    db.session.expire_all()
    assert task.title == "Tên mới do tôi sửa" and task.deadline == dt.date(2024, 10, 31)


def open_form_from(raw: str, task) -> dict:
    """The fields of an edit page as its form would post them (raw HTML in)."""
    data = edit_data(task)
    for name in ("version", "seen_event", "original", "deadline", "code", "expected_output"):
        value = field_value(raw, name)
        if value is not None:
            data[name] = value
    title = re.search(r'<textarea[^>]*name="title"[^>]*>\s*([^<]*)</textarea>', raw).group(1)
    data["title"] = html.unescape(title).strip()
    return data


def test_when_both_changed_the_same_field_the_users_input_is_kept_and_flagged(
    world, client, sign_in, db, make
):
    task = world.task("in_progress")
    second = make.user("monitor", agency=None, email="vpubnd@test.vn")
    db.session.commit()
    sign_in(world.monitor)
    mine = open_form(client, task)
    sign_in(second)
    assert (
        client.post(
            f"/tasks/{task.id}/edit", data=open_form(client, task) | {"deadline": "2024-10-31"}
        ).status_code
        == 302
    )
    sign_in(world.monitor)
    response = client.post(f"/tasks/{task.id}/edit", data=mine | {"deadline": "2024-11-15"})
    assert response.status_code == 409
    raw = response.get_data(as_text=True)
    assert field_value(raw, "deadline") == "15/11/2024"
    assert "Người khác cũng vừa sửa ô này thành: 31/10/2024" in text_of(response) and "cả hai cùng sửa" in raw
    db.session.expire_all()
    assert db.session.get(Task, task.id).deadline == dt.date(2024, 10, 31)


def test_a_dated_task_needs_its_deadline(world, client, sign_in, db):
    task = world.task("new")
    db.session.commit()
    sign_in(world.monitor)
    response = client.post(
        f"/tasks/{task.id}/edit", data=open_form(client, task) | {"deadline": "", "title": "Tên đã sửa"}
    )
    assert response.status_code == 422
    raw = text_of(response)
    assert "Nhiệm vụ có thời hạn cần một ngày hết hạn." in raw and "Tên đã sửa" in raw
    db.session.expire_all()
    assert task.deadline == dt.date(2024, 9, 30) and task.title != "Tên đã sửa"


def test_an_ongoing_task_has_no_deadline_and_a_task_cannot_become_periodic(world, client, sign_in, db):
    task = world.task("new")
    db.session.commit()
    sign_in(world.monitor)
    response = client.post(
        f"/tasks/{task.id}/edit", data=open_form(client, task) | {"deadline_kind": "periodic"}
    )
    assert response.status_code == 422
    response = client.post(
        f"/tasks/{task.id}/edit", data=open_form(client, task) | {"deadline_kind": "ongoing"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert task.deadline_kind == "ongoing" and task.deadline is None


def test_changing_the_lead_agency_hands_the_task_over(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.monitor)
    data = open_form(client, task) | {"lead_agency": str(world.agencies["other"].id)}
    assert client.post(f"/tasks/{task.id}/edit", data=data).status_code == 302
    sign_in(world.users["other"])
    assert client.get(f"/tasks/{task.id}").status_code == 200
    sign_in(world.lead)
    assert client.get(f"/tasks/{task.id}").status_code == 404


def test_a_periodic_series_is_worked_on_per_occurrence_and_keeps_its_period(world, client, sign_in, db):
    from tracker.tasks.models import Task as T

    series = world.make.task(
        lead=world.agencies["lead"],
        document=world.document,
        deadline=None,
        deadline_kind="periodic",
        period="quarterly",
        title="Báo cáo CCHC hằng quý",
    )
    db.session.commit()
    occurrence = db.session.scalars(select(T).where(T.series_id == series.id).order_by(T.deadline)).first()
    sign_in(world.lead)
    assert "Các thao tác được thực hiện trên từng kỳ" in plain(client.get(f"/tasks/{series.id}"))
    assert f'action="/tasks/{occurrence.id}/progress#actions"' in client.get(
        f"/tasks/{occurrence.id}"
    ).get_data(as_text=True)
    sign_in(world.monitor)
    data = open_form(client, series) | {
        "deadline_kind": "periodic",
        "period": "quarterly",
        "expected_output": "Báo cáo quý",
    }
    assert client.post(f"/tasks/{series.id}/edit", data=data).status_code == 302
    assert (
        client.post(
            f"/tasks/{series.id}/edit", data=open_form(client, series) | {"period": "monthly"}
        ).status_code
        == 422
    )
    db.session.expire_all()
    series = db.session.get(T, series.id)
    assert (series.deadline_kind, series.period, series.expected_output) == (
        "periodic",
        "quarterly",
        "Báo cáo quý",
    )


def test_a_task_cannot_be_turned_into_a_periodic_series_or_back(world, db):
    """A periodic task is a series (not counted) whose occurrences are counted: switching the kind
    would make a task vanish from the reports, or appear in them, without a history. The edit page
    does not offer it; the operation (which the API calls too) refuses it."""
    import pytest

    from tracker.core.errors import DomainError
    from tracker.tasks import operations

    task = world.task("in_progress")
    db.session.commit()
    version = task.version
    with pytest.raises(DomainError, match="Không đổi được nhiệm vụ thường thành nhiệm vụ định kỳ"):
        operations.update_task(
            world.monitor, task, version, deadline_kind="periodic", period="quarterly", deadline=None
        )
    db.session.rollback()
    db.session.expire_all()
    assert task.deadline_kind == "date" and task.version == version
    assert (
        db.session.scalars(
            select(TaskEvent).where(TaskEvent.task_id == task.id, TaskEvent.kind == "edited")
        ).first()
        is None
    )
