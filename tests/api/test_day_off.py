"""The API asks the same as the pages: a deadline on a day off is refused with 422
`deadline_on_day_off` (which day, the next working day) until the caller sends `accept_day_off: true`."""

import datetime as dt

from sqlalchemy import func, select

from tracker.tasks.models import ExtensionRequest, Task
from tracker.workdays.operations import load_official


def test_assigning_editing_and_extending_to_a_day_off_needs_accept_day_off(api, world, db):
    load_official(None, [2024])
    db.session.commit()
    monitor, focal = api.token(world.monitor), api.token(world.stc_focal)
    before = db.session.scalar(select(func.count()).select_from(Task))
    body = {
        "document_id": world.doc.id,
        "title": "Tổng kết công tác năm",
        "lead_agency_id": world.stc.id,
        "deadline": "2024-09-02",  # Quốc khánh
    }
    r = api.post("/tasks", monitor, json=body)
    assert r.status_code == 422
    error = r.json["error"]
    assert error["code"] == "deadline_on_day_off" and error["field"] == "deadline"
    assert "rơi vào ngày nghỉ (Quốc khánh)" in error["message"] and "accept_day_off" in error["message_en"]
    assert r.json["day_off"] == {"date": "2024-09-02", "name": "Quốc khánh", "next_working_day": "2024-09-04"}
    assert db.session.scalar(select(func.count()).select_from(Task)) == before
    r = api.post("/tasks", monitor, json=body | {"accept_day_off": True})
    assert r.status_code == 201 and r.json["deadline"] == "2024-09-02"

    task = world.stc_task  # due Monday 30/09/2024
    r = api.patch(f"/tasks/{task.id}", monitor, json={"version": task.version, "deadline": "2024-09-29"})
    assert r.status_code == 422 and r.json["day_off"]["name"] == "Chủ nhật"
    r = api.patch(
        f"/tasks/{task.id}", monitor, json={"version": task.version, "title": "Rà soát thủ tục thuế (sửa)"}
    )
    assert r.status_code == 200  # the deadline did not move: nothing to confirm

    ask = {"new_deadline": "2024-12-29", "reason": "Chờ hướng dẫn của Bộ Tài chính"}
    r = api.post(f"/tasks/{task.id}/extension-requests", focal, json=ask)
    assert r.status_code == 422 and r.json["error"]["field"] == "new_deadline"
    assert db.session.scalar(select(func.count()).select_from(ExtensionRequest)) == 0
    r = api.post(f"/tasks/{task.id}/extension-requests", focal, json=ask | {"accept_day_off": True})
    assert r.status_code == 201
    rid = r.json["id"]
    r = api.post(f"/tasks/{task.id}/extension-requests/{rid}/approve", monitor, json={})
    assert r.status_code == 422 and r.json["error"]["code"] == "deadline_on_day_off"
    r = api.post(f"/tasks/{task.id}/extension-requests/{rid}/approve", monitor, json={"accept_day_off": True})
    assert r.status_code == 200
    db.session.expire_all()
    assert db.session.get(Task, task.id).deadline == dt.date(2024, 12, 29)
