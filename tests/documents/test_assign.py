"""Monitors add a document's tasks: one by one, sections to build the tree, and one directive fanned
out to many lead agencies — exactly the agencies left ticked get a task each."""

import datetime as dt

from sqlalchemy import func, select

from tracker.tasks.models import Task, TaskEvent


def _province(make, db):
    kh = make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    agencies = {
        "STP": make.agency("STP", "Sở Tư pháp", parent=kh),
        "STC": make.agency("STC", "Sở Tài chính", parent=kh),
        "SNV": make.agency("SNV", "Sở Nội vụ", parent=kh),
        "NT": make.agency("NT", "UBND thành phố Nha Trang", kind="district", parent=kh),
        "CR": make.agency("CR", "UBND thành phố Cam Ranh", kind="district", parent=kh),
        "CAT": make.agency("CAT", "Công an tỉnh", kind="central", parent=kh),
    }
    gone = make.agency("SKHDT", "Sở Kế hoạch và Đầu tư", parent=kh)
    gone.is_active = False
    bd = make.agency("BD", "Tỉnh Bình Định", kind="external")
    make.agency("BD-STP", "Sở Tư pháp Bình Định", parent=bd)
    document = make.document("1889/UBND-KSTT", issued_on=dt.date(2021, 8, 16), province=kh)
    monitor = make.monitor()
    db.session.commit()
    return document, agencies, monitor


def _task_form(**overrides):
    data = {
        "title": "Rà soát thủ tục hành chính",
        "code": "2",
        "parent_id": "0",
        "content": "Rà soát, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý.",
        "area": "tthc",
        "assigned_on": "16/08/2021",
        "deadline_kind": "date",
        "deadline": "30/09/2021",
        "period": "",
        "expected_output": "Báo cáo UBND tỉnh",
        "priority": "normal",
    }
    data.update(overrides)
    return data


def _count(db, *where):
    return db.session.scalar(select(func.count()).select_from(Task).where(*where))


def test_a_monitor_adds_a_task_with_its_lead_and_coordinating_agencies(client, auth, make, db):
    document, agencies, monitor = _province(make, db)
    auth.login(monitor)
    response = client.post(
        f"/documents/{document.id}/tasks/new",
        data=_task_form(
            lead_agency_id=agencies["STP"].id, coordinating=[agencies["STC"].id, agencies["SNV"].id]
        ),
    )
    assert response.status_code == 302
    task = db.session.scalar(select(Task).where(Task.document_id == document.id))
    assert task.title == "Rà soát thủ tục hành chính" and task.code == "2"
    assert task.lead_agency_id == agencies["STP"].id
    assert sorted(a.code for a in task.coordinating_agencies) == ["SNV", "STC"]
    assert task.deadline == dt.date(2021, 9, 30) and task.original_deadline == dt.date(2021, 9, 30)
    assert task.assigned_on == dt.date(2021, 8, 16) and task.area == "tthc" and task.status == "new"
    assert task.expected_output == "Báo cáo UBND tỉnh"
    created = db.session.scalar(select(TaskEvent).where(TaskEvent.task_id == task.id))
    assert created.kind == "created" and created.actor_id == monitor.id


def test_a_task_without_a_deadline_date_or_lead_is_refused_and_nothing_is_written(client, auth, make, db):
    document, agencies, monitor = _province(make, db)
    auth.login(monitor)
    response = client.post(
        f"/documents/{document.id}/tasks/new", data=_task_form(lead_agency_id=agencies["STP"].id, deadline="")
    )
    assert response.status_code == 422
    assert "Nhiệm vụ có thời hạn cần một ngày hết hạn." in response.get_data(as_text=True)
    response = client.post(f"/documents/{document.id}/tasks/new", data=_task_form(lead_agency_id="0"))
    assert "Hãy chọn cơ quan chủ trì." in response.get_data(as_text=True)
    response = client.post(
        f"/documents/{document.id}/tasks/new",
        data=_task_form(lead_agency_id=agencies["STP"].id, deadline="15/08/2021"),
    )
    assert "Thời hạn không thể trước ngày giao nhiệm vụ." in response.get_data(as_text=True)
    assert _count(db) == 0


def test_an_inactive_or_other_province_agency_cannot_be_chosen_as_lead(client, auth, make, db):
    document, agencies, monitor = _province(make, db)
    auth.login(monitor)
    page = client.get(f"/documents/{document.id}/tasks/new").get_data(as_text=True)
    assert "Sở Tư pháp" in page and "Sở Kế hoạch và Đầu tư" not in page and "Bình Định" not in page
    from tracker.agencies.models import Agency

    gone = db.session.scalar(select(Agency).where(Agency.code == "SKHDT"))
    response = client.post(f"/documents/{document.id}/tasks/new", data=_task_form(lead_agency_id=gone.id))
    assert response.status_code == 422
    assert _count(db) == 0


def test_sections_build_the_tree_and_tasks_go_under_them(client, auth, make, db):
    document, agencies, monitor = _province(make, db)
    auth.login(monitor)
    assert (
        client.post(
            f"/documents/{document.id}/sections/new",
            data={"code": "III", "title": "Nhiệm vụ, giải pháp", "parent_id": "0"},
        ).status_code
        == 302
    )
    top = db.session.scalar(select(Task).where(Task.code == "III"))
    assert top.is_section and top.parent_id is None and top.lead_agency_id is None
    assert (
        client.post(
            f"/documents/{document.id}/sections/new",
            data={"code": "III.2", "title": "Cải cách thể chế", "parent_id": top.id},
        ).status_code
        == 302
    )
    sub = db.session.scalar(select(Task).where(Task.code == "III.2"))
    assert sub.parent_id == top.id
    # The add-task form offers the sections, indented in tree order, and takes the new task under one.
    page = client.get(f"/documents/{document.id}/tasks/new?parent={sub.id}").get_data(as_text=True)
    assert f'<option selected value="{sub.id}">' in page or f'value="{sub.id}" selected' in page
    for code in ("III.2.1", "III.2.2"):
        assert (
            client.post(
                f"/documents/{document.id}/tasks/new",
                data=_task_form(
                    code=code, title=f"Nhiệm vụ {code}", parent_id=sub.id, lead_agency_id=agencies["STP"].id
                ),
            ).status_code
            == 302
        )
    tasks = db.session.scalars(select(Task).where(Task.parent_id == sub.id).order_by(Task.position)).all()
    assert [t.code for t in tasks] == ["III.2.1", "III.2.2"]
    assert [t.position for t in tasks] == [1, 2]
    page = client.get(f"/documents/{document.id}").get_data(as_text=True)
    tree = page[page.index("tree-root") :]
    assert (
        tree.index("Nhiệm vụ, giải pháp")
        < tree.index("Cải cách thể chế")
        < tree.index("Nhiệm vụ III.2.1")
        < tree.index("Nhiệm vụ III.2.2")
    )
    # A section of another document cannot be used as parent.
    other = make.document("2/KH-UBND")
    db.session.commit()
    response = client.post(
        f"/documents/{other.id}/sections/new", data={"code": "X", "title": "Mục lạc", "parent_id": top.id}
    )
    assert response.status_code == 422
    assert _count(db, Task.document_id == other.id) == 0


def _fan_out_form(**overrides):
    data = _task_form(title="Báo cáo kết quả khắc phục tồn tại, hạn chế", code="2")
    data.pop("content")
    data.update(overrides)
    return data


def test_a_directive_fans_out_to_exactly_the_ticked_agencies(client, auth, make, db):
    document, agencies, monitor = _province(make, db)
    auth.login(monitor)
    # Step 1: the groups expand to every active agency of those kinds in the document's province, ticked.
    response = client.post(
        f"/documents/{document.id}/fan-out",
        data=_fan_out_form(
            groups=["department", "district"], extra_leads=[agencies["CAT"].id], action="expand"
        ),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for code in ("STP", "STC", "SNV", "NT", "CR", "CAT"):
        assert f'name="leads" value="{agencies[code].id}" id="lead-{agencies[code].id}" checked' in page, code
    assert "Sở Kế hoạch và Đầu tư" not in page  # inactive
    assert "Sở Tư pháp Bình Định" not in page  # another province
    assert "Giao nhiệm vụ cho <span data-ticked-count>6</span> cơ quan" in page
    assert _count(db) == 0  # listing writes nothing
    # Step 2: the monitor unticks Sở Nội vụ and Cam Ranh, and saves.
    ticked = [agencies[c].id for c in ("STP", "STC", "NT", "CAT")]
    response = client.post(
        f"/documents/{document.id}/fan-out",
        data=_fan_out_form(
            groups=["department", "district"],
            extra_leads=[agencies["CAT"].id],
            leads=ticked,
            listed=f"department,district|{agencies['CAT'].id}",
            action="save",
            coordinating=[agencies["SNV"].id],
        ),
    )
    assert response.status_code == 302
    tasks = db.session.scalars(select(Task).where(Task.document_id == document.id)).all()
    assert sorted(t.lead_agency_id for t in tasks) == sorted(ticked)
    for task in tasks:
        assert task.title == "Báo cáo kết quả khắc phục tồn tại, hạn chế" and task.code == "2"
        assert task.deadline == dt.date(2021, 9, 30)
        assert [a.code for a in task.coordinating_agencies] == ["SNV"]
    assert len({t.id for t in tasks}) == 4  # each agency its own task


def test_a_fan_out_with_every_agency_unticked_or_changed_groups_writes_nothing(client, auth, make, db):
    document, agencies, monitor = _province(make, db)
    auth.login(monitor)
    response = client.post(
        f"/documents/{document.id}/fan-out",
        data=_fan_out_form(groups=["department"], listed="department|", action="save"),
    )
    assert response.status_code == 422
    assert "Chọn ít nhất một cơ quan chủ trì." in response.get_data(as_text=True)
    # The groups were changed after the list was made: the list is made again, nothing saved.
    response = client.post(
        f"/documents/{document.id}/fan-out",
        data=_fan_out_form(
            groups=["department", "district"], listed="department|", leads=[agencies["STP"].id], action="save"
        ),
    )
    page = response.get_data(as_text=True)
    assert "danh sách đã được lập lại" in page
    assert f'value="{agencies["NT"].id}" id="lead-{agencies["NT"].id}" checked' in page
    # No group at all.
    response = client.post(f"/documents/{document.id}/fan-out", data=_fan_out_form(action="expand"))
    assert "Chọn ít nhất một nhóm cơ quan hoặc một cơ quan." in response.get_data(as_text=True)
    assert _count(db) == 0


def test_an_agency_outside_the_list_cannot_be_slipped_into_a_fan_out(client, auth, make, db):
    document, agencies, monitor = _province(make, db)
    auth.login(monitor)
    from tracker.agencies.models import Agency

    other_province = db.session.scalar(select(Agency).where(Agency.code == "BD-STP"))
    response = client.post(
        f"/documents/{document.id}/fan-out",
        data=_fan_out_form(
            groups=["district"],
            listed="district|",
            leads=[agencies["NT"].id, other_province.id],
            action="save",
        ),
    )
    assert response.status_code == 302
    assert [t.lead_agency_id for t in db.session.scalars(select(Task))] == [agencies["NT"].id]
