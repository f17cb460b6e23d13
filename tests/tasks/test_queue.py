"""The monitor's work queue: reports to confirm, extension requests to decide, overdue tasks to remind."""

from __future__ import annotations

import datetime as dt

from tests.tasks.test_actions import plain


def test_the_queue_lists_each_kind_of_work_with_its_actions(world, client, sign_in, db):
    reported = world.task("reported", title="Báo cáo chờ xác nhận")
    asking = world.task("in_progress", extension=True, title="Xin gia hạn")
    late = world.task("in_progress", deadline=dt.date(2024, 7, 1), title="Đã quá hạn")
    world.task("done", title="Đã xong")
    db.session.commit()
    sign_in(world.monitor)
    response = client.get("/queue")
    assert response.status_code == 200
    page = plain(response)
    assert "Báo cáo hoàn thành chờ xác nhận (1)" in page and "Báo cáo chờ xác nhận" in page
    assert (
        "Đề nghị gia hạn chờ xử lý (1)" in page
        and "Xin gia hạn" in page
        and "30/09/2024 → 31/12/2024" in page
    )
    assert "Nhiệm vụ quá hạn (1)" in page and "Đã quá hạn" in page and "Quá hạn 31 ngày" in page
    assert "Đã xong" not in page
    raw = response.get_data(as_text=True)
    assert f'action="/tasks/{reported.id}/confirm"' in raw and f'action="/tasks/{reported.id}/return"' in raw
    assert f'action="/tasks/{asking.id}/approve"' in raw and f'action="/tasks/{asking.id}/reject"' in raw
    assert f'action="/tasks/{late.id}/remind"' in raw


def test_an_extension_is_approved_from_the_queue(world, client, sign_in, db):
    task = world.task("in_progress", extension=True)
    db.session.commit()
    sign_in(world.monitor)
    req = world.pending(task)
    response = client.post(
        f"/tasks/{task.id}/approve", data={"approve-request_id": str(req.id), "next": "queue"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/queue")
    page = plain(client.get("/queue"))
    assert "Đã đồng ý gia hạn" in page and "Không có đề nghị gia hạn nào đang chờ xử lý." in page
    db.session.expire_all()
    assert task.deadline == dt.date(2024, 12, 31)


def test_rejecting_without_a_reason_from_the_queue_explains_on_the_task_page(world, client, sign_in, db):
    task = world.task("in_progress", extension=True)
    db.session.commit()
    sign_in(world.monitor)
    req = world.pending(task)
    response = client.post(
        f"/tasks/{task.id}/reject",
        data={"reject-request_id": str(req.id), "reject-comment": "", "next": "queue"},
    )
    assert response.status_code == 422
    assert "Hãy nhập lý do không đồng ý." in plain(response)
    db.session.expire_all()
    assert world.pending(task) is not None


def test_the_queue_is_for_monitors(world, client, sign_in, db):
    for role in ("leader", "lead", "coordinating"):
        sign_in(world.users[role])
        assert client.get("/queue").status_code == 403
    sign_in(world.users["admin"])
    assert client.get("/queue").status_code == 200


def test_monitors_find_the_queue_in_the_menu(world, client, sign_in, db):
    sign_in(world.monitor)
    assert 'href="/queue"' in client.get("/").get_data(as_text=True)
    sign_in(world.lead)
    assert 'href="/queue"' not in client.get("/").get_data(as_text=True)
