"""A deadline on a day off is flagged when a task is assigned, edited, or its extension asked for or
approved, on the pages: nothing is saved until the person ticks «Vẫn giữ thời hạn này» (or picks
another date). And the task form computes «hạn: N ngày làm việc từ ngày giao» before saving."""

import datetime as dt

from sqlalchemy import func, select

from tracker.tasks.models import ExtensionRequest, Task

D = dt.date


def _world(make, db, freeze):
    freeze(D(2025, 1, 20))
    kh = make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    stc = make.agency("STC", "Sở Tài chính", parent=kh)
    document = make.document("12/KH-UBND", issued_on=D(2025, 1, 24), province=kh)
    monitor = make.monitor()
    focal = make.user("focal", agency=stc, email="daumoi@stc.vn")
    db.session.commit()
    return document, stc, monitor, focal


def _form(lead, **overrides):
    data = {
        "title": "Báo cáo kết quả rà soát thủ tục",
        "code": "1",
        "parent_id": "0",
        "content": "",
        "area": "tthc",
        "assigned_on": "24/01/2025",
        "deadline_kind": "date",
        "deadline": "30/04/2025",
        "period": "",
        "expected_output": "Báo cáo",
        "priority": "normal",
        "lead_agency_id": lead.id,
    }
    data.update(overrides)
    return data


def _tasks(db):
    return db.session.scalar(select(func.count()).select_from(Task).where(Task.is_section.is_(False)))


def test_assigning_a_task_due_on_a_holiday_asks_to_confirm_the_date(client, auth, make, db, freeze, official):
    document, stc, monitor, _ = _world(make, db, freeze)
    auth.login(monitor)
    url = f"/documents/{document.id}/tasks/new"
    response = client.post(url, data=_form(stc))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Thời hạn thứ Tư 30/04/2025 rơi vào ngày nghỉ (Ngày Chiến thắng)" in html
    assert "Ngày làm việc tiếp theo là thứ Hai 05/05/2025" in html
    assert "Vẫn giữ thời hạn này" in html
    assert _tasks(db) == 0
    # Confirmed: the task keeps the deadline the document gives.
    response = client.post(url, data=_form(stc, accept_day_off="y"))
    assert response.status_code == 302
    task = db.session.scalar(select(Task).where(Task.is_section.is_(False)))
    assert task.deadline == D(2025, 4, 30)
    # The task page flags it and counts the working days left.
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Ngày nghỉ: Ngày Chiến thắng" in page
    # After Monday 20/01/2025 up to 30/04: 72 weekdays less Tết (5), Giỗ Tổ and 30/04, plus Saturday 26/04.
    assert "còn 66 ngày làm việc" in page


def test_the_form_computes_ten_working_days_from_the_assignment_date_before_saving(
    client, auth, make, db, freeze, official
):
    document, stc, monitor, _ = _world(make, db, freeze)
    auth.login(monitor)
    url = f"/documents/{document.id}/tasks/new"
    response = client.post(url, data=_form(stc, deadline="", deadline_working_days="10"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="14/02/2025"' in html  # the deadline field, filled in
    assert "10 ngày làm việc từ ngày giao 24/01/2025: thứ Sáu 14/02/2025" in html
    assert _tasks(db) == 0
    response = client.post(url, data=_form(stc, deadline="14/02/2025", deadline_working_days="10"))
    assert response.status_code == 302
    assert db.session.scalar(select(Task.deadline).where(Task.is_section.is_(False))) == D(2025, 2, 14)
    bad = client.post(url, data=_form(stc, deadline="", deadline_working_days="mười"))
    assert bad.status_code == 422 and "từ 1 đến 1000" in bad.get_data(as_text=True)
    assert _tasks(db) == 1


def test_editing_the_deadline_to_a_sunday_asks_to_confirm(client, auth, make, db, freeze, official):
    document, stc, monitor, _ = _world(make, db, freeze)
    task = make.task(lead=stc, document=document, deadline=D(2025, 3, 14), title="Kế hoạch kiểm tra")
    db.session.commit()
    auth.login(monitor)
    form = client.get(f"/tasks/{task.id}/edit").get_data(as_text=True)
    assert "Vẫn giữ thời hạn này" not in form
    data = {
        "version": task.version,
        "seen_event": "0",
        "original": "",
        "title": task.title,
        "code": "",
        "content": "",
        "lead_agency": stc.id,
        "area": "other",
        "deadline_kind": "date",
        "deadline": "16/03/2025",
        "period": "",
        "expected_output": "",
        "priority": "normal",
        "comment": "",
    }
    response = client.post(f"/tasks/{task.id}/edit", data=data)
    assert response.status_code == 422
    assert "rơi vào ngày nghỉ (Chủ nhật)" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Task, task.id).deadline == D(2025, 3, 14)
    assert client.post(f"/tasks/{task.id}/edit", data=data | {"accept_day_off": "y"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Task, task.id).deadline == D(2025, 3, 16)


def test_an_extension_to_a_holiday_is_confirmed_by_the_focal_point_and_again_by_the_monitor(
    client, auth, make, db, freeze, official
):
    document, stc, monitor, focal = _world(make, db, freeze)
    task = make.task(lead=stc, document=document, deadline=D(2025, 3, 31), title="Báo cáo quý I")
    db.session.commit()
    auth.login(focal)
    ask = {"extension-new_deadline": "07/04/2025", "extension-reason": "Chờ số liệu của Bộ"}
    response = client.post(f"/tasks/{task.id}/extension", data=ask)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "rơi vào ngày nghỉ (Giỗ Tổ Hùng Vương)" in html and "Vẫn giữ thời hạn này" in html
    assert db.session.scalar(select(func.count()).select_from(ExtensionRequest)) == 0
    response = client.post(f"/tasks/{task.id}/extension", data=ask | {"extension-accept_day_off": "y"})
    assert response.status_code == 302
    req = db.session.scalar(select(ExtensionRequest))
    auth.logout()
    auth.login(monitor)
    approve = {"approve-request_id": req.id, "approve-new_deadline": "", "approve-comment": ""}
    response = client.post(f"/tasks/{task.id}/approve", data=approve)
    assert response.status_code == 422 and "Giỗ Tổ Hùng Vương" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Task, task.id).deadline == D(2025, 3, 31)
    # The monitor picks the next working day instead: no question asked.
    response = client.post(f"/tasks/{task.id}/approve", data=approve | {"approve-new_deadline": "08/04/2025"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Task, task.id).deadline == D(2025, 4, 8)
