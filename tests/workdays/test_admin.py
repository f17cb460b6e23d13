"""Quản trị → Ngày nghỉ lễ: see a year, add next year's days in a minute, edit, delete — admins only,
every change in the audit log, and every working-day count follows at once."""

import datetime as dt

from sqlalchemy import select

from tracker.audit.models import AuditEntry
from tracker.workdays.models import CalendarDay
from tracker.workdays.store import current_calendar

D = dt.date


def _rows(db, year):
    return db.session.scalars(
        select(CalendarDay).where(CalendarDay.year == year).order_by(CalendarDay.day)
    ).all()


def test_a_monitor_sees_the_year_with_its_breaks_and_the_tet_of_2025(client, auth, make, db, official):
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    page = client.get("/admin/holidays/?year=2025")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "25/01/2025 – 02/02/2025" in html and "Tết Nguyên đán" in html
    assert "Làm bù cho thứ Sáu 02/05/2025" in html
    assert "Thông báo 6150/TB-BLĐTBXH" in html  # the source of the year
    assert "Thêm vào lịch" not in html  # a monitor reads only
    assert client.post("/admin/holidays/add", data={"first": "26/01/2028", "name": "Tết"}).status_code == 403


def test_an_admin_adds_next_years_tet_break_and_a_lam_bu_saturday_audited(client, auth, make, db):
    admin = make.user("admin", agency=None)
    db.session.commit()
    auth.login(admin)
    before = current_calendar().add_working_days(D(2028, 1, 21), 5)
    assert before == D(2028, 1, 28)
    response = client.post(
        "/admin/holidays/add?year=2028",
        data={"first": "22/01/2028", "last": "30/01/2028", "kind": "holiday", "name": "Tết  Nguyên đán"},
    )
    assert response.status_code == 302
    response = client.post(
        "/admin/holidays/add", data={"first": "05/02/2028", "kind": "working", "name": "Làm bù"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    rows = _rows(db, 2028)
    assert [r.day for r in rows][:9] == [D(2028, 1, 22) + dt.timedelta(days=i) for i in range(9)]
    assert {r.name for r in rows[:9]} == {"Tết Nguyên đán"}
    # Friday 21/01/2028 + 5 working days now skips the break and counts Saturday 05/02.
    cal = current_calendar()
    assert cal.add_working_days(D(2028, 1, 21), 5) == D(2028, 2, 4)
    assert cal.add_working_days(D(2028, 1, 21), 6) == D(2028, 2, 5)
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "calendar.add")).all()
    assert len(entries) == 2 and entries[0].actor_id == admin.id
    assert entries[0].details["days"][0] == ["2028-01-22", "holiday", "Tết Nguyên đán"]
    page = client.get("/admin/holidays/?year=2028").get_data(as_text=True)
    assert "22/01/2028 – 30/01/2028" in page


def test_bad_input_gets_a_vietnamese_message_and_changes_nothing(client, auth, make, db):
    admin = make.user("admin", agency=None)
    db.session.add(CalendarDay(day=D(2028, 4, 30), year=2028, kind="holiday", name="Ngày Chiến thắng"))
    db.session.commit()
    auth.login(admin)
    cases = [
        ({"first": "30/01/2028", "last": "22/01/2028", "kind": "holiday", "name": "Tết"}, "Ngày kết thúc"),
        ({"first": "31/01/2028", "kind": "working", "name": "Làm bù"}, "phải là thứ Bảy hoặc Chủ nhật"),
        (
            {"first": "29/04/2028", "last": "01/05/2028", "kind": "holiday", "name": "30/4"},
            "Đã có trong lịch",
        ),
        ({"first": "02/09/2028", "kind": "holiday", "name": " "}, "Hãy nhập tên"),
        ({"first": "31/02/2028", "kind": "holiday", "name": "Sai"}, "Không hiểu ngày «31/02/2028»"),
    ]
    for data, message in cases:
        response = client.post("/admin/holidays/add", data=data)
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True), data
    db.session.expire_all()
    assert [r.day for r in _rows(db, 2028)] == [D(2028, 4, 30)]
    assert not db.session.scalars(select(AuditEntry).where(AuditEntry.action.like("calendar.%"))).all()


def test_an_admin_edits_and_deletes_a_break_and_a_focal_point_is_refused(client, auth, make, db, official):
    admin = make.user("admin", agency=None)
    focal = make.user("focal")
    db.session.commit()
    tet = db.session.scalar(select(CalendarDay).where(CalendarDay.day == D(2027, 2, 6)))
    auth.login(focal)
    assert client.get("/admin/holidays/").status_code == 403
    assert client.post(f"/admin/holidays/{tet.id}/delete").status_code == 403
    auth.logout()
    auth.login(admin)
    # 2027 is not announced yet: the Government decides 03/02–11/02 instead of 04/02–10/02.
    edit = client.get(f"/admin/holidays/{tet.id}/edit")
    assert "04/02/2027" in edit.get_data(as_text=True)
    response = client.post(
        f"/admin/holidays/{tet.id}/edit",
        data={"first": "03/02/2027", "last": "11/02/2027", "kind": "holiday", "name": "Tết Nguyên đán"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    tet_days = [r.day for r in _rows(db, 2027) if r.name == "Tết Nguyên đán"]
    assert tet_days == [D(2027, 2, 3) + dt.timedelta(days=i) for i in range(9)]
    assert current_calendar().add_working_days(D(2027, 2, 2), 1) == D(2027, 2, 12)
    update = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "calendar.update"))
    assert update.details["before"][0][0] == "2027-02-04" and update.details["after"][0][0] == "2027-02-03"
    first = db.session.scalar(select(CalendarDay).where(CalendarDay.day == D(2027, 2, 3)))
    assert client.post(f"/admin/holidays/{first.id}/delete").status_code == 302
    db.session.expire_all()
    assert not [r for r in _rows(db, 2027) if r.name == "Tết Nguyên đán"]
    deleted = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "calendar.delete"))
    assert len(deleted.details["days"]) == 9 and deleted.actor_id == admin.id
    assert current_calendar().add_working_days(D(2027, 2, 2), 1) == D(2027, 2, 3)


def test_the_task_form_asks_the_deadline_of_n_working_days(client, auth, make, db, official):
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    data = client.get("/admin/holidays/working-days?start=24/01/2025&n=10").get_json()
    assert data["deadline"] == "2025-02-14" and data["deadline_text"] == "14/02/2025"
    assert {"date": "2025-01-29", "name": "Tết Nguyên đán"} in data["skipped"]
    bad = client.get("/admin/holidays/working-days?start=24/01/2025&n=mười")
    assert bad.status_code == 400 and "số nguyên" in bad.get_json()["error"]
