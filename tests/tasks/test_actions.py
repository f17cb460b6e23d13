"""The workflow forms of the task page: refusals show their message, keep what the user typed and
write nothing; what one agency posts, the other sees."""

from __future__ import annotations

import html
import re

from tests.tasks.workflow_http import post
from tracker.tasks.models import Task


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def plain(response) -> str:
    """The page's text as a reader sees it (tags removed, spaces collapsed)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def field_value(page: str, name: str) -> str | None:
    m = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*value="([^"]*)"', page) or re.search(
        rf'<input[^>]*value="([^"]*)"[^>]*name="{re.escape(name)}"', page
    )
    return html.unescape(m.group(1)) if m else None


def test_a_completion_date_in_the_future_is_refused_and_the_input_kept(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    before = world.event_count(task)
    sign_in(world.lead)
    response = post(
        client,
        db,
        "report",
        task,
        **{
            "report-completed_on": "2024-08-02",
            "report-result_ref": "99/BC-STC",
            "report-note": "Đã ban hành",
        },
    )
    assert response.status_code == 422
    page = text_of(response)
    assert "Ngày hoàn thành không thể ở tương lai." in page
    assert 'value="99/BC-STC"' in page and "Đã ban hành" in page  # what the user typed is still there
    assert '<details class="action-panel" id="act-report" open' in page
    db.session.expire_all()
    assert (task.status, task.completed_on, world.event_count(task)) == ("in_progress", None, before)


def test_a_completion_date_before_the_assignment_is_refused(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.lead)
    response = post(client, db, "report", task, **{"report-completed_on": "09/01/2024"})
    assert response.status_code == 422
    assert "Ngày hoàn thành không thể trước ngày giao nhiệm vụ (10/01/2024)." in text_of(response)
    db.session.expire_all()
    assert task.status == "in_progress"


def test_a_completion_report_is_recorded_with_its_date_and_result(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.lead)
    response = post(client, db, "report", task, **{"report-completed_on": "30/07/2024"})
    assert response.status_code == 302
    page = text_of(client.get(response.headers["Location"]))
    assert "Đã gửi báo cáo hoàn thành" in page
    db.session.expire_all()
    assert task.status == "reported" and task.completed_on.isoformat() == "2024-07-30"
    assert task.result_ref == "20/BC-STC"


def test_a_return_needs_a_reason_and_nothing_is_written_without_one(world, client, sign_in, db):
    task = world.task("reported")
    db.session.commit()
    sign_in(world.monitor)
    response = post(client, db, "return", task, **{"return-reason": "  "})
    assert response.status_code == 422
    assert "Hãy nêu lý do." in text_of(response) or "Hãy nhập lý do." in text_of(response)
    db.session.expire_all()
    assert task.status == "reported"


def test_a_progress_percentage_outside_0_100_is_refused(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.lead)
    response = post(
        client, db, "progress", task, **{"progress-percent": "120", "progress-text": "Đã xong phần lớn"}
    )
    assert response.status_code == 422
    page = text_of(response)
    assert "Tỷ lệ tiến độ phải từ 0 đến 100 %." in page and "Đã xong phần lớn" in page
    db.session.expire_all()
    assert task.progress == 40


def test_the_returned_reason_is_in_view_of_the_lead_agency(world, client, sign_in, db):
    task = world.task("reported")
    db.session.commit()
    sign_in(world.monitor)
    assert (
        post(
            client, db, "return", task, **{"return-reason": "Thiếu Quyết định ban hành kèm theo"}
        ).status_code
        == 302
    )
    sign_in(world.lead)
    page = text_of(client.get(f"/tasks/{task.id}"))
    assert "Lý do trả lại / yêu cầu:" in page and "Thiếu Quyết định ban hành kèm theo" in page
    home = text_of(client.get("/"))
    assert "Bị trả lại, cần xử lý" in home and "Thiếu Quyết định ban hành kèm theo" in home


def test_the_lead_agency_sees_the_coordinating_agencys_contribution(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.users["coordinating"])
    assert (
        post(
            client, db, "contribution", task, **{"contribution-text": "Đề nghị bổ sung căn cứ pháp lý"}
        ).status_code
        == 302
    )
    sign_in(world.lead)
    page = text_of(client.get(f"/tasks/{task.id}"))
    assert (
        "Ý kiến phối hợp" in page and "Đề nghị bổ sung căn cứ pháp lý" in page and "Đầu mối Tư pháp" in page
    )


def test_a_decision_on_a_report_that_changed_meanwhile_is_refused_and_the_change_shown(
    world, client, sign_in, db
):
    from tracker.tasks import operations

    task = world.task("reported")
    db.session.commit()
    seen_version = task.version
    # While the monitor reads the report, the agency recalls it and reports again with another result.
    operations.recall_report(world.lead, task, reason="Gửi nhầm số văn bản")
    operations.report_completion(
        world.lead, task, completed_on=task.assigned_on.replace(month=7, day=20), result_ref="16/BC-STC"
    )
    db.session.commit()
    before = world.event_count(task)
    sign_in(world.monitor)
    response = post(
        client, db, "confirm", task, **{"confirm-version": str(seen_version), "confirm-seen_event": "4"}
    )
    assert response.status_code == 409
    page = text_of(response)
    assert "vừa được người khác cập nhật" in page
    assert "Những thay đổi từ khi bạn mở trang" in page
    assert "Thu hồi báo cáo" in page and "Gửi nhầm số văn bản" in page and "16/BC-STC" in page
    db.session.expire_all()
    assert task.status == "reported" and world.event_count(task) == before


def test_leaders_are_offered_no_action(world, client, sign_in, db):
    task = world.task("reported")
    db.session.commit()
    sign_in(world.users["leader"])
    page = text_of(client.get(f"/tasks/{task.id}"))
    assert "Lãnh đạo theo dõi nhiệm vụ, không thực hiện thao tác" in page
    assert '<form method="post" action="/tasks/' not in page


def test_an_action_from_the_queue_returns_to_the_queue_and_never_elsewhere(world, client, sign_in, db):
    task = world.task("reported")
    other = world.task("in_progress")
    db.session.commit()
    sign_in(world.monitor)
    response = post(client, db, "confirm", task, next="queue")
    assert response.status_code == 302 and response.headers["Location"].endswith("/queue")
    response = post(client, db, "remind", other, next="https://example.com/")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/tasks/{other.id}#main")


def test_an_unknown_action_is_not_found(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.monitor)
    assert client.post(f"/tasks/{task.id}/delete").status_code == 404
    assert client.post("/tasks/999999/confirm").status_code == 404


def test_an_extension_request_is_shown_and_decided_from_the_task_page(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.lead)
    assert post(client, db, "extension", task, **{"extension-new_deadline": "31/12/2024"}).status_code == 302
    sign_in(world.monitor)
    page = plain(client.get(f"/tasks/{task.id}"))
    assert "Đề nghị gia hạn đến 31/12/2024 đang chờ xử lý" in page and "Đồng ý gia hạn" in page
    response = post(client, db, "approve", task, **{"approve-new_deadline": "29/11/2024"})
    assert response.status_code == 302
    db.session.expire_all()
    task = db.session.get(Task, task.id)
    assert task.deadline.isoformat() == "2024-11-29" and task.original_deadline.isoformat() == "2024-09-30"
