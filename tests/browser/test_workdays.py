"""In Chromium: the admin adds next year's Tết break on Quản trị → Ngày nghỉ lễ; the monitor's task
form computes «10 ngày làm việc từ ngày giao» as it is typed and asks to confirm a deadline on a
holiday; the task page says «còn N ngày làm việc». Screenshots at 1366 and 390 px."""

import datetime as dt

import pytest
from sqlalchemy import select

from tracker.tasks.models import Task
from tracker.workdays.models import CalendarDay
from tracker.workdays.operations import load_official

pytestmark = pytest.mark.browser


def test_an_admin_adds_the_tet_break_of_2028_on_the_calendar_page(new_page, make, db, shot):
    load_official(None)
    admin = make.user("admin", agency=None, email="admin@test.vn")
    db.session.commit()
    page = new_page(admin, width=1366)
    page.goto("/admin/holidays/?year=2025")
    assert page.get_by_role("cell", name="25/01/2025 – 02/02/2025 (9 ngày) Tết Nguyên đán").is_visible()
    shot(page, "workdays-admin-2025-1366")
    page.goto("/admin/holidays/?year=2028")
    page.get_by_label("Từ ngày").fill("22/01/2028")
    page.get_by_label("Đến ngày").fill("30/01/2028")
    page.get_by_label("Tên").fill("Tết Nguyên đán")
    page.get_by_role("button", name="Thêm vào lịch").click()
    page.wait_for_url("**/admin/holidays/?year=2028")
    assert page.get_by_text("Đã thêm 9 ngày «Tết Nguyên đán»: 22/01/2028 – 30/01/2028.").is_visible()
    # The month grid marks them.
    january = page.locator("table.calendar-month").first
    assert january.locator("td.cal-holiday").count() == 9
    shot(page, "workdays-admin-2028-1366")
    assert len(db.session.scalars(select(CalendarDay).where(CalendarDay.year == 2028)).all()) == 9
    narrow = new_page(admin, width=390, height=844)
    narrow.goto("/admin/holidays/?year=2025")
    shot(narrow, "workdays-admin-2025-390")


def test_the_task_form_computes_the_deadline_and_the_task_page_counts_working_days(
    new_page, make, db, freeze, shot
):
    load_official(None)
    freeze(dt.date(2025, 1, 20))
    kh = make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    stc = make.agency("STC", "Sở Tài chính", parent=kh)
    document = make.document("12/TB-UBND", issued_on=dt.date(2025, 1, 24), province=kh)
    monitor = make.monitor()
    db.session.commit()
    page = new_page(monitor, width=1366)
    page.goto(f"/documents/{document.id}/tasks/new")
    page.get_by_label("Tên nhiệm vụ").fill("Báo cáo kết quả rà soát thủ tục hành chính")
    page.locator("#lead_agency_id").select_option(str(stc.id))
    page.get_by_label("Hoặc: hạn sau số ngày làm việc từ ngày giao").fill("10")
    result = page.locator("[data-workdays-result]")
    result.get_by_text("thứ Sáu 14/02/2025").wait_for()
    assert page.locator("#deadline").input_value() == "14/02/2025"
    shot(page, "workdays-task-form-1366")
    # A date on a holiday instead: the form asks to confirm it.
    page.get_by_label("Hoặc: hạn sau số ngày làm việc từ ngày giao").fill("")
    page.locator("#deadline").fill("30/04/2025")
    page.get_by_role("button", name="Giao nhiệm vụ", exact=True).click()
    assert page.get_by_text("rơi vào ngày nghỉ (Ngày Chiến thắng)").first.is_visible()
    shot(page, "workdays-task-form-warning-1366")
    page.get_by_label("Vẫn giữ thời hạn này (rơi vào ngày nghỉ)").check()
    page.get_by_role("button", name="Giao nhiệm vụ", exact=True).click()
    page.wait_for_url(f"**/documents/{document.id}")
    task = db.session.scalar(select(Task).where(Task.document_id == document.id))
    page.goto(f"/tasks/{task.id}")
    assert page.get_by_text("còn 66 ngày làm việc").is_visible()
    assert page.get_by_text("Ngày nghỉ: Ngày Chiến thắng").is_visible()
    shot(page, "workdays-task-page-1366")
    narrow = new_page(monitor, width=390, height=844)
    narrow.goto(f"/tasks/{task.id}")
    shot(narrow, "workdays-task-page-390")
    narrow.goto("/tasks/")
    shot(narrow, "workdays-task-list-390")
