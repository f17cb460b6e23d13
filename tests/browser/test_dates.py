"""In Chromium: a focal point types the completion date the way people do (05/12/2026, 5122026), or
picks it on the Vietnamese calendar, and the task says 05/12/2026 — the fifth of December, never
the twelfth of May."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def tasks(make, db, freeze):
    freeze(dt.date(2026, 12, 6))
    finance = make.agency("STC", "Sở Tài chính")
    focal = make.user("focal", agency=finance, email="daumoi@stc.test.vn", name="Phạm Thị Tài Chính")
    document = make.document("15/KH-UBND", issued_on=dt.date(2026, 11, 2))
    made = [
        make.task(
            lead=finance,
            document=document,
            title=f"Nhiệm vụ {n}",
            assigned_on=dt.date(2026, 11, 2),
            deadline=dt.date(2026, 12, 31),
        )
        for n in range(3)
    ]
    db.session.commit()
    return focal, made


def _report_completion(page, task, typed=None, pick_day=None):
    page.goto(f"/tasks/{task.id}")
    panel = page.locator("#act-report")
    panel.locator("summary").click()
    field = panel.get_by_label("Ngày hoàn thành")
    if typed is not None:
        field.fill(typed)
    else:
        panel.get_by_role("button", name="Chọn ngày trên lịch").click()
        calendar = page.locator(".flatpickr-calendar.open")
        expect(calendar).to_be_visible()
        expect(calendar.locator(".flatpickr-weekday").first).to_have_text("T2")
        calendar.locator(
            ".flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)", has_text=str(pick_day)
        ).first.click()
        expect(field).to_have_value(f"{pick_day:02d}/12/2026")
    panel.get_by_label("Số, ký hiệu văn bản kết quả").fill("125/BC-STC")
    panel.get_by_role("button", name="Báo cáo hoàn thành").click()
    expect(page.locator(".alert-success")).to_be_visible()


def test_a_completion_date_typed_day_first_is_the_fifth_of_december(tasks, new_page, shot):
    focal, (typed_with_slashes, typed_as_digits, picked) = tasks
    page = new_page(focal)
    for task, typed in ((typed_with_slashes, "05/12/2026"), (typed_as_digits, "5122026")):
        _report_completion(page, task, typed=typed)
        expect(page.locator("dd", has_text="05/12/2026").first).to_be_visible()
    shot(page, "dates-completion-typed")
    _report_completion(page, picked, pick_day=5)
    expect(page.locator("dd", has_text="05/12/2026").first).to_be_visible()
    shot(page, "dates-completion-picked")


def test_a_date_that_cannot_be_read_is_refused_quoting_it_and_kept(tasks, new_page, shot):
    focal, (task, *_rest) = tasks
    page = new_page(focal)
    page.goto(f"/tasks/{task.id}")
    panel = page.locator("#act-report")
    panel.locator("summary").click()
    panel.get_by_label("Ngày hoàn thành").fill("31/02/2026")
    panel.get_by_label("Số, ký hiệu văn bản kết quả").fill("125/BC-STC")
    panel.get_by_role("button", name="Báo cáo hoàn thành").click()
    panel = page.locator("#act-report")
    expect(panel).to_contain_text("Không hiểu ngày «31/02/2026»")
    expect(panel.get_by_label("Ngày hoàn thành")).to_have_value("31/02/2026")
    shot(page, "dates-completion-refused")
