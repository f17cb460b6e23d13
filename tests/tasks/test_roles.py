"""The role × action matrix: who may take each workflow action, through the operations and through
the pages. A refused user gets PermissionDenied from the operation, 403 from the page — or 404 when
the task is another agency's, whose existence is not theirs to know — and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tasks.conftest import ROLES
from tests.tasks.workflow_http import HTTP_ACTION, post
from tracker.core.errors import PermissionDenied
from tracker.tasks import operations

MONITORS = {"admin", "monitor"}
# operation -> roles allowed to take it
MATRIX = {
    "post_progress": {"lead"},
    "report_completion": {"lead"},
    "request_extension": {"lead"},
    "post_contribution": {"coordinating"},
    "recall_report": MONITORS | {"lead"},
    "confirm_completion": MONITORS,
    "return_report": MONITORS,
    "request_redo": MONITORS,
    "approve_extension": MONITORS,
    "reject_extension": MONITORS,
    "cancel_task": MONITORS,
    "remind": MONITORS,
    "update_task": MONITORS,
}
# the status the task is in when the action is tried (one it is allowed from)
START = {
    "confirm_completion": "reported",
    "return_report": "reported",
    "recall_report": "reported",
    "request_redo": "done",
}
WITH_EXTENSION = ("approve_extension", "reject_extension")


def call(world, action: str, actor, task):
    if action == "post_progress":
        return operations.post_progress(actor, task, text="Tiến độ", percent=50)
    if action == "report_completion":
        return operations.report_completion(actor, task, completed_on=dt.date(2024, 7, 30))
    if action == "request_extension":
        return operations.request_extension(actor, task, new_deadline=dt.date(2024, 11, 30), reason="Lý do")
    if action == "post_contribution":
        return operations.post_contribution(actor, task, text="Góp ý")
    if action == "confirm_completion":
        return operations.confirm_completion(actor, task)
    if action == "return_report":
        return operations.return_report(actor, task, reason="Thiếu hồ sơ")
    if action == "recall_report":
        return operations.recall_report(actor, task, reason="Báo cáo nhầm")
    if action == "request_redo":
        return operations.request_redo(actor, task, reason="Chưa đạt")
    if action == "approve_extension":
        return operations.approve_extension(actor, world.pending(task))
    if action == "reject_extension":
        return operations.reject_extension(actor, world.pending(task), comment="Không đủ căn cứ")
    if action == "cancel_task":
        return operations.cancel_task(actor, task, reason="Không còn phù hợp")
    if action == "remind":
        return operations.remind(actor, [task], message="Đề nghị khẩn trương")
    if action == "update_task":
        return operations.update_task(actor, task, task.version, expected_output="Quyết định")
    raise AssertionError(action)


def test_the_matrix_covers_every_operation():
    assert set(MATRIX) == set(HTTP_ACTION)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_operation_permission(world, action, role):
    task = world.task(START.get(action, "in_progress"), extension=action in WITH_EXTENSION)
    before = (task.status, world.event_count(task))
    if role in MATRIX[action]:
        call(world, action, world.users[role], task)
        assert world.event_count(task) > before[1]
    else:
        with pytest.raises(PermissionDenied):
            call(world, action, world.users[role], task)
        assert (task.status, world.event_count(task)) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_page_permission(world, client, sign_in, db, action, role):
    task = world.task(START.get(action, "in_progress"), extension=action in WITH_EXTENSION)
    db.session.commit()
    before = (task.status, task.version, world.event_count(task))
    sign_in(world.users[role])
    response = post(client, db, HTTP_ACTION[action], task)
    db.session.expire_all()
    if role in MATRIX[action]:
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        assert world.event_count(task) > before[2]
        return
    assert response.status_code == (404 if role == "other" else 403)
    assert (task.status, task.version, world.event_count(task)) == before


@pytest.mark.parametrize("role", ROLES)
def test_the_task_page_offers_each_role_only_its_actions(world, client, sign_in, db, role):
    tasks = {
        "in_progress": world.task("in_progress"),
        "extension": world.task("in_progress", extension=True),
        "reported": world.task("reported"),
        "done": world.task("done"),
    }
    db.session.commit()
    sign_in(world.users[role])
    offered = set()
    for task in tasks.values():
        response = client.get(f"/tasks/{task.id}")
        if role == "other":
            assert response.status_code == 404
            continue
        page = response.get_data(as_text=True)
        offered |= {
            op
            for op, name in HTTP_ACTION.items()
            if f'action="/tasks/{task.id}/{name}#actions"' in page
            or (name == "edit" and f'href="/tasks/{task.id}/edit"' in page)
        }
    expected = {op for op, roles in MATRIX.items() if role in roles}
    assert offered == expected


def test_the_other_agencys_focal_point_cannot_even_open_the_edit_page(world, client, auth, db):
    task = world.task("in_progress")
    db.session.commit()
    auth.login(world.users["other"])
    assert client.get(f"/tasks/{task.id}/edit").status_code == 404
    auth.logout()
    auth.login(world.users["lead"])
    assert client.get(f"/tasks/{task.id}/edit").status_code == 403
    auth.logout()
    auth.login(world.users["leader"])
    assert client.get(f"/tasks/{task.id}/edit").status_code == 403


def test_a_focal_point_cannot_confirm_its_own_report(world, client, auth, db):
    task = world.task("reported")
    db.session.commit()
    with pytest.raises(PermissionDenied):
        operations.confirm_completion(world.lead, task)
    db.session.rollback()
    auth.login(world.lead)
    assert post(client, db, "confirm", task).status_code == 403
    db.session.expire_all()
    assert task.status == "reported"
