"""The workflow through the API: the same operations as the pages, with JSON errors and versions."""

import datetime as dt

from sqlalchemy import select

from tracker.audit.models import AuditEntry
from tracker.tasks.models import Task


def test_a_task_goes_from_assignment_to_confirmation_through_the_api(api, world, db):
    focal, monitor = api.token(world.stc_focal), api.token(world.monitor)
    tid = world.stc_task.id
    r = api.post(f"/tasks/{tid}/progress", focal, json={"text": "Đã rà soát 12 thủ tục", "percent": 40})
    assert r.status_code == 201 and r.json["kind"] == "progress"
    r = api.post(
        f"/tasks/{tid}/report-completion",
        focal,
        json={"completed_on": "2024-06-28", "result_ref": "Báo cáo 45/BC-STC", "note": "Đã xong"},
    )
    assert r.status_code == 200, r.json
    assert r.json["status"] == "reported" and r.json["completed_on"] == "2024-06-28"
    r = api.post(f"/tasks/{tid}/return", monitor, json={"reason": "Thiếu phụ lục số liệu"})
    assert r.json["status"] == "in_progress" and r.json["returned_reason"] == "Thiếu phụ lục số liệu"
    api.post(f"/tasks/{tid}/report-completion", focal, json={"completed_on": "2024-06-30"})
    r = api.post(f"/tasks/{tid}/confirm", monitor, json={"comment": "Đạt yêu cầu"})
    assert r.status_code == 200
    assert r.json["status"] == "done" and r.json["completed_on"] == "2024-06-30" and r.json["progress"] == 100
    kinds = [e["kind"] for e in api.get(f"/tasks/{tid}/events", focal).json["items"]]
    assert kinds == ["created", "progress", "reported", "returned", "reported", "confirmed"]
    assert [e["comment"] for e in api.get(f"/tasks/{tid}/progress", focal).json["items"]] == [
        "Đã rà soát 12 thủ tục"
    ]
    # Who did it is on the record, as for the pages.
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_id == str(tid))).all()
    assert "task.confirm" in actions and "task.report" in actions


def test_validation_errors_name_the_field_and_change_nothing(api, world, db):
    focal = api.token(world.stc_focal)
    tid = world.stc_task.id
    r = api.post(f"/tasks/{tid}/report-completion", focal, json={"completed_on": "2024-07-15"})
    assert r.status_code == 422
    err = r.json["error"]
    assert err["field"] == "completed_on" and err["message"] == "Ngày hoàn thành không thể ở tương lai."
    assert err["message_en"] == "The completion date cannot be in the future."
    r = api.post(f"/tasks/{tid}/report-completion", focal, json={"completed_on": "30/06/2024"})
    assert r.status_code == 422 and r.json["error"]["field"] == "completed_on"
    r = api.post(f"/tasks/{tid}/report-completion", focal, json={})
    assert r.status_code == 422 and r.json["error"]["field"] == "completed_on"
    r = api.post(f"/tasks/{tid}/progress", focal, json={"text": "x", "percent": 140})
    assert r.status_code == 422 and r.json["error"]["field"] == "percent"
    r = api.post(f"/tasks/{tid}/progress", focal, json={"text": "x", "colour": "red"})
    assert r.status_code == 422 and r.json["error"]["field"] == "colour"
    r = api.get("/tasks?status=finished", focal)
    assert r.status_code == 422 and r.json["error"]["field"] == "status"
    r = api.post(f"/tasks/{tid}/progress", focal, data="{not json", content_type="application/json")
    assert r.status_code == 400 and r.json["error"]["code"] == "bad_request"
    db.session.expire_all()
    assert db.session.get(Task, tid).status == "new"


def test_a_stale_update_gets_409_with_the_current_state(api, world, db):
    monitor = api.token(world.monitor)
    tid = world.stc_task.id
    first = api.get(f"/tasks/{tid}", monitor)
    assert first.headers["ETag"] == f'"{first.json["version"]}"'
    read_version = first.json["version"]
    r = api.patch(
        f"/tasks/{tid}",
        monitor,
        json={"version": read_version, "deadline": "2024-10-15", "comment": "Điều chỉnh theo Kết luận mới"},
    )
    assert r.status_code == 200 and r.json["deadline"] == "2024-10-15"
    assert r.json["version"] > read_version
    # A second client still holding the old version is refused, and told what the task is now.
    r = api.patch(f"/tasks/{tid}", monitor, json={"version": read_version, "title": "Tên khác"})
    assert r.status_code == 409
    assert r.json["error"]["code"] == "conflict"
    assert (
        r.json["current"]["deadline"] == "2024-10-15" and r.json["current"]["title"] == "Rà soát thủ tục thuế"
    )
    # If-Match carries the version as well; without any version the update is refused.
    current = r.json["current"]["version"]
    r = api.patch(
        f"/tasks/{tid}",
        monitor,
        json={"title": "Rà soát thủ tục thuế, phí"},
        headers={"If-Match": f'"{current}"'},
    )
    assert r.status_code == 200 and r.json["title"] == "Rà soát thủ tục thuế, phí"
    r = api.patch(f"/tasks/{tid}", monitor, json={"title": "Không phiên bản"})
    assert r.status_code == 428
    db.session.expire_all()
    assert db.session.get(Task, tid).title == "Rà soát thủ tục thuế, phí"


def test_an_action_on_a_stale_version_or_in_the_wrong_status_is_a_conflict(api, world):
    focal, monitor = api.token(world.stc_focal), api.token(world.monitor)
    tid = world.stc_task.id
    r = api.post(f"/tasks/{tid}/confirm", monitor, json={})
    assert r.status_code == 409 and r.json["error"]["code"] == "invalid_transition"
    assert r.json["current"]["status"] == "new"
    r = api.post(f"/tasks/{tid}/report-completion", focal, json={"completed_on": "2024-06-30", "version": 99})
    assert r.status_code == 409 and r.json["current"]["version"] == 1


def test_monitors_assign_and_edit_tasks_focal_points_cannot(api, world, db):
    monitor, focal = api.token(world.monitor), api.token(world.stc_focal)
    body = {
        "document_id": world.doc.id,
        "title": "Số hóa hồ sơ",
        "lead_agency_id": world.stc.id,
        "coordinating_agency_ids": [world.stp.id],
        "deadline": "2024-12-31",
        "area": "chinh_quyen_so",
        "priority": "urgent",
    }
    assert api.post("/tasks", focal, json=body).status_code == 403
    r = api.post("/tasks", monitor, json=body)
    assert r.status_code == 201, r.json
    assert r.json["lead_agency"]["code"] == "STC" and [
        a["code"] for a in r.json["coordinating_agencies"]
    ] == ["STP"]
    assert r.json["assigned_on"] == "2024-03-01" and r.json["status"] == "new"
    r = api.post("/tasks", monitor, json={**body, "lead_agency_id": 999999})
    assert r.status_code == 422 and r.json["error"]["field"] == "lead_agency_id"
    r = api.post("/tasks", monitor, json={**body, "deadline": "2020-01-01"})
    assert r.status_code == 422 and r.json["error"]["field"] == "deadline"


def test_extension_requests_are_asked_and_decided_through_the_api(api, world):
    focal, monitor = api.token(world.stc_focal), api.token(world.monitor)
    tid = world.stc_task.id
    r = api.post(
        f"/tasks/{tid}/extension-requests",
        focal,
        json={"new_deadline": "2024-11-29", "reason": "Chờ hướng dẫn của Bộ Tài chính"},
    )
    assert r.status_code == 201 and r.json["status"] == "pending"
    rid = r.json["id"]
    assert api.post(f"/tasks/{tid}/extension-requests/{rid}/approve", focal, json={}).status_code == 403
    r = api.post(f"/tasks/{tid}/extension-requests/{rid}/approve", monitor, json={"comment": "Đồng ý"})
    assert r.status_code == 200
    assert r.json["deadline"] == "2024-11-29" and r.json["original_deadline"] == "2024-09-30"
    assert api.get(f"/tasks/{tid}/extension-requests", focal).json["items"][0]["status"] == "approved"
    # Another agency's request cannot be reached through this task.
    assert (
        api.post(
            f"/tasks/{world.stp_task.id}/extension-requests/{rid}/reject", monitor, json={"comment": "Không"}
        ).status_code
        == 404
    )


def test_monitors_cancel_recall_redo_and_remind(api, world):
    focal, monitor = api.token(world.stc_focal), api.token(world.monitor)
    tid = world.stc_task.id
    r = api.post(f"/tasks/{tid}/remind", monitor, json={"message": "Đề nghị khẩn trương hoàn thành"})
    assert r.status_code == 200
    r = api.post(
        "/tasks/remind", monitor, json={"task_ids": [tid, world.stp_task.id], "message": "Đôn đốc chung"}
    )
    assert r.json == {"reminded": [tid, world.stp_task.id]}
    api.post(f"/tasks/{tid}/report-completion", focal, json={"completed_on": "2024-06-30"})
    assert (
        api.post(f"/tasks/{tid}/recall", focal, json={"reason": "Gửi nhầm"}).json["status"] == "in_progress"
    )
    api.post(f"/tasks/{tid}/report-completion", focal, json={"completed_on": "2024-06-30"})
    api.post(f"/tasks/{tid}/confirm", monitor)
    assert (
        api.post(f"/tasks/{tid}/redo", monitor, json={"reason": "Số liệu sai"}).json["status"]
        == "in_progress"
    )
    r = api.post(f"/tasks/{world.stp_task.id}/cancel", monitor, json={"reason": "Không còn phù hợp"})
    assert r.json["status"] == "cancelled" and r.json["cancel_reason"] == "Không còn phù hợp"


def test_pages_are_stable_and_cover_every_task_once(api, world, make, db):
    for i in range(7):
        make.task(lead=world.stc, document=world.doc, title=f"Nhiệm vụ {i}", deadline=dt.date(2024, 9, 30))
    db.session.commit()
    token = api.token(world.stc_focal)
    seen = []
    first = api.get("/tasks?per_page=3&sort=deadline", token).json
    assert first["total"] == 9 and first["pages"] == 3
    for page in range(1, 4):
        seen += [
            t["id"] for t in api.get(f"/tasks?per_page=3&page={page}&sort=deadline", token).json["items"]
        ]
    assert len(seen) == len(set(seen)) == 9
    # Equal deadlines are ordered by id, so the same request gives the same page every time.
    assert seen == [t["id"] for t in api.get("/tasks?per_page=9", token).json["items"]]
