"""Admins merge an agency into a successor or rename it: open tasks move, closed ones keep their
historic lead, accounts move or are locked out, and everything is in the timeline and the audit log."""

import datetime as dt

from sqlalchemy import select

from tracker.audit.models import AuditEntry
from tracker.tasks import operations
from tracker.tasks.models import TaskEvent, TaskState
from tracker.users.models import User

MERGE_DAY = dt.date(2025, 3, 1)


def _world(make, db, freeze):
    freeze(dt.date(2025, 1, 15))
    kh = make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    old = make.agency("SKHDT", "Sở Kế hoạch và Đầu tư", parent=kh)
    successor = make.agency("STC", "Sở Tài chính", parent=kh)
    justice = make.agency("STP", "Sở Tư pháp", parent=kh)
    unit = make.agency("TTXT", "Trung tâm Xúc tiến đầu tư", kind="public_unit", parent=old)
    focal = make.user("focal", agency=old, email="daumoi1@skhdt.vn")
    focal2 = make.user("focal", agency=old, email="daumoi2@skhdt.vn")
    admin = make.user("admin", agency=None, email="admin@test.vn")
    doc = make.document("91-KL/TU", issued_on=dt.date(2024, 1, 10))
    monitor = make.monitor()
    tasks = {
        name: make.task(lead=old, document=doc, title=f"Nhiệm vụ {name}", deadline=dt.date(2025, 12, 31))
        for name in ("new", "progress", "reported", "done", "cancelled")
    }
    tasks["with_successor"] = make.task(
        lead=old,
        document=doc,
        title="SKHĐT chủ trì, STC phối hợp",
        coordinating=[successor, justice],
        deadline=dt.date(2025, 12, 31),
    )
    tasks["coordinated"] = make.task(
        lead=justice,
        document=doc,
        title="STP chủ trì, SKHĐT phối hợp",
        coordinating=[old],
        deadline=dt.date(2025, 12, 31),
    )
    tasks["coordinated_done"] = make.task(
        lead=justice,
        document=doc,
        title="Đã xong, SKHĐT phối hợp",
        coordinating=[old],
        deadline=dt.date(2025, 12, 31),
    )
    on = dt.date(2024, 6, 1)
    operations.post_progress(focal, tasks["progress"], text="Đang làm", percent=40, on=on)
    operations.report_completion(focal, tasks["reported"], completed_on=on, on=on)
    operations.report_completion(focal, tasks["done"], completed_on=on, on=on)
    operations.confirm_completion(monitor, tasks["done"], on=on)
    operations.cancel_task(monitor, tasks["cancelled"], reason="Không còn phù hợp", on=on)
    justice_focal = make.user("focal", agency=justice)
    operations.report_completion(justice_focal, tasks["coordinated_done"], completed_on=on, on=on)
    operations.confirm_completion(monitor, tasks["coordinated_done"], on=on)
    db.session.commit()
    freeze(dt.date(2025, 3, 10))
    return dict(
        old=old,
        successor=successor,
        justice=justice,
        unit=unit,
        focal=focal,
        focal2=focal2,
        admin=admin,
        monitor=monitor,
        tasks=tasks,
    )


def _merge(client, w, **data):
    form = {"successor_id": w["successor"].id, "on": "01/03/2025", "users": "move"}
    form.update(data)
    return client.post(f"/admin/agencies/{w['old'].id}/merge", data=form)


def test_the_merge_page_shows_beforehand_what_will_move(client, auth, make, db, freeze):
    w = _world(make, db, freeze)
    auth.login(w["admin"])
    page = client.get(f"/admin/agencies/{w['old'].id}/merge").get_data(as_text=True)
    assert "<strong>4</strong> nhiệm vụ chưa hoàn thành" in page  # new, progress, reported, with_successor
    assert "<strong>1</strong> nhiệm vụ chưa hoàn thành có Sở Kế hoạch và Đầu tư phối hợp" in page
    assert "<strong>2</strong> nhiệm vụ đã hoàn thành hoặc đã dừng giữ nguyên" in page
    assert "<strong>2</strong> tài khoản đang hoạt động: daumoi1@skhdt.vn, daumoi2@skhdt.vn" in page
    assert "Trung tâm Xúc tiến đầu tư" in page  # its sub-agency moves too
    # The old agency and what is below it cannot be chosen as successor.
    select_html = page[
        page.index('id="successor_id"') : page.index("</select>", page.index('id="successor_id"'))
    ]
    assert "Sở Tài chính" in select_html and "Trung tâm Xúc tiến" not in select_html
    assert f'value="{w["old"].id}"' not in select_html


def test_a_merge_moves_open_tasks_and_keeps_the_historic_lead_of_closed_ones(
    client, auth, make, db, freeze, app
):
    w = _world(make, db, freeze)
    old, successor, tasks = w["old"], w["successor"], w["tasks"]
    focal_client = app.test_client()
    focal_client.post("/login", data={"email": "daumoi1@skhdt.vn", "password": "mat-khau-thu-nghiem"})
    assert focal_client.get("/tasks/").status_code == 200
    auth.login(w["admin"])
    response = _merge(client, w)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()

    for name in ("new", "progress", "reported", "with_successor"):
        task = tasks[name]
        assert task.lead_agency_id == successor.id, name
        event = db.session.scalar(
            select(TaskEvent).where(TaskEvent.task_id == task.id, TaskEvent.kind == "lead_moved")
        )
        assert event.changes["lead_agency"] == ["SKHDT", "STC"] and event.on_date == MERGE_DAY
        assert event.actor_id == w["admin"].id and "sáp nhập vào Sở Tài chính" in event.comment
        # Reports as of a day before the merge still see the old lead.
        states = db.session.scalars(
            select(TaskState).where(TaskState.task_id == task.id).order_by(TaskState.valid_from)
        ).all()
        assert states[0].lead_agency_id == old.id and states[-1].lead_agency_id == successor.id
        assert states[-1].valid_from == MERGE_DAY
    assert tasks["reported"].status == "reported"  # the report waits for confirmation as before
    for name in ("done", "cancelled"):
        assert tasks[name].lead_agency_id == old.id, name
    # The successor no longer coordinates the task it now leads; Sở Tư pháp still does.
    assert [a.code for a in tasks["with_successor"].coordinating_agencies] == ["STP"]
    # Open coordination passes to the successor (with an event); closed coordination stays.
    assert [a.code for a in tasks["coordinated"].coordinating_agencies] == ["STC"]
    edited = db.session.scalar(
        select(TaskEvent).where(TaskEvent.task_id == tasks["coordinated"].id, TaskEvent.kind == "edited")
    )
    assert edited.changes["coordinating"] == ["SKHDT", "STC"]
    assert [a.code for a in tasks["coordinated_done"].coordinating_agencies] == ["SKHDT"]

    assert not old.is_active and old.successor_id == successor.id and old.inactive_since == MERGE_DAY
    assert w["unit"].parent_id == successor.id and w["unit"].path.startswith(successor.path)
    for user in (w["focal"], w["focal2"]):
        assert user.agency_id == successor.id and user.active
    # The focal point's session ended: it must log in again, and then sees the successor's tasks.
    assert focal_client.get("/tasks/").status_code == 302
    focal_client.post("/login", data={"email": "daumoi1@skhdt.vn", "password": "mat-khau-thu-nghiem"})
    assert focal_client.get(f"/tasks/{tasks['progress'].id}").status_code == 200

    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "agency.merge"))
    assert entry.actor_id == w["admin"].id and entry.object_id == str(old.id)
    assert entry.details["successor"] == "STC" and entry.details["tasks_moved"] == 4
    assert entry.details["users_moved"] == ["daumoi1@skhdt.vn", "daumoi2@skhdt.vn"]
    assert entry.details["children"] == ["TTXT"]


def test_a_merge_can_lock_the_old_agencys_accounts_instead(client, auth, make, db, freeze, app):
    w = _world(make, db, freeze)
    auth.login(w["admin"])
    assert _merge(client, w, users="deactivate").status_code == 302
    db.session.expire_all()
    for user in (w["focal"], w["focal2"]):
        assert not user.active and user.agency_id == w["old"].id
    other = app.test_client()
    response = other.post("/login", data={"email": "daumoi1@skhdt.vn", "password": "mat-khau-thu-nghiem"})
    assert response.status_code != 302
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "agency.merge"))
    assert entry.details["users_deactivated"] == ["daumoi1@skhdt.vn", "daumoi2@skhdt.vn"]


def test_a_merge_is_refused_with_a_reason_and_changes_nothing(client, auth, make, db, freeze):
    w = _world(make, db, freeze)
    auth.login(w["admin"])
    cases = [
        (dict(on="11/03/2025"), "Ngày sáp nhập không thể ở tương lai."),
        (dict(on="31/05/2024"), "Ngày sáp nhập phải từ 01/06/2024 trở đi"),
        (dict(on="30/02/2025"), "Không hiểu ngày «30/02/2025»"),
        (dict(successor_id=w["unit"].id), "Hãy chọn cơ quan tiếp nhận trong danh sách."),
        (dict(successor_id=0), "Hãy chọn cơ quan tiếp nhận."),
    ]
    for data, message in cases:
        response = _merge(client, w, **data)
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True), data
    db.session.expire_all()
    assert w["old"].is_active and w["tasks"]["new"].lead_agency_id == w["old"].id
    assert w["focal"].agency_id == w["old"].id
    assert db.session.scalar(select(TaskEvent).where(TaskEvent.kind == "lead_moved")) is None
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "agency.merge")) is None


def test_the_merge_operation_refuses_a_successor_below_the_old_agency_or_inactive(make, db, freeze):
    import pytest

    from tracker.core.errors import DomainError, PermissionDenied
    from tracker.reorganisation.operations import merge_agency

    w = _world(make, db, freeze)
    with pytest.raises(DomainError, match="cấp dưới"):
        merge_agency(w["admin"], w["old"], w["unit"])
    with pytest.raises(PermissionDenied):
        merge_agency(w["monitor"], w["old"], w["successor"])
    merge_agency(w["admin"], w["old"], w["successor"], on=MERGE_DAY)
    with pytest.raises(DomainError, match="đã ngừng hoạt động"):
        merge_agency(w["admin"], w["justice"], w["old"])


def test_a_rename_keeps_the_old_name_as_an_alias(client, auth, make, db, freeze):
    w = _world(make, db, freeze)
    auth.login(w["admin"])
    response = client.post(
        f"/admin/agencies/{w['justice'].id}/rename",
        data={"name": "Sở Tư pháp tỉnh Khánh Hòa", "code": "stp-kh"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    justice = w["justice"]
    assert justice.name == "Sở Tư pháp tỉnh Khánh Hòa" and justice.code == "STP-KH"
    assert "Sở Tư pháp" in justice.alias_list
    assert w["tasks"]["coordinated"].lead_agency_id == justice.id  # its tasks follow
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "agency.rename"))
    assert entry.details["changes"]["name"] == ["Sở Tư pháp", "Sở Tư pháp tỉnh Khánh Hòa"]
    # A code already used is refused, nothing changes.
    response = client.post(
        f"/admin/agencies/{justice.id}/rename", data={"name": "Sở Tư pháp mới", "code": "STC"}
    )
    assert response.status_code == 422
    assert "Mã «STC» đã được dùng cho Sở Tài chính." in response.get_data(as_text=True)
    db.session.expire_all()
    assert justice.name == "Sở Tư pháp tỉnh Khánh Hòa"


def test_only_admins_reorganise_agencies(client, auth, make, db, freeze):
    w = _world(make, db, freeze)
    leader = make.user("leader", agency=None, email="lanhdao@test.vn")
    db.session.commit()
    for user in (w["focal"], leader, w["monitor"]):
        auth.login(user)
        for url in (f"/admin/agencies/{w['old'].id}/merge", f"/admin/agencies/{w['old'].id}/rename"):
            assert client.get(url).status_code == 403, (user.role, url)
        assert _merge(client, w).status_code == 403
        assert (
            client.post(f"/admin/agencies/{w['old'].id}/rename", data={"name": "Tên khác"}).status_code == 403
        )
        auth.logout()
    db.session.expire_all()
    assert w["old"].is_active and w["old"].name == "Sở Kế hoạch và Đầu tư"
    assert db.session.scalar(select(User).where(User.agency_id == w["successor"].id)) is None


def test_the_agency_list_offers_merge_and_rename_to_admins_only(client, auth, make, db, freeze):
    w = _world(make, db, freeze)
    auth.login(w["admin"])
    page = client.get("/admin/agencies/").get_data(as_text=True)
    assert f"/admin/agencies/{w['old'].id}/merge" in page and f"/admin/agencies/{w['old'].id}/rename" in page
    auth.logout()
    auth.login(w["monitor"])
    page = client.get("/admin/agencies/").get_data(as_text=True)
    assert "/merge" not in page and "Sở Kế hoạch và Đầu tư" in page
