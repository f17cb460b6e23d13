"""In Chromium: the file field speaks Vietnamese (no "Choose Files / No file chosen") and lists the
files chosen; the task's timeline tells the time of each event (Asia/Ho_Chi_Minh)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tracker.core.dates import LOCAL_TZ

pytestmark = pytest.mark.browser


@pytest.fixture
def task(make, db):
    finance = make.agency("STC", "Sở Tài chính")
    focal = make.user("focal", agency=finance, email="daumoi@stc.test.vn", name="Phạm Thị Tài Chính")
    made = make.task(lead=finance, title="Xây dựng Đề án", deadline=None)
    db.session.commit()
    return focal, made


def test_the_file_field_is_in_vietnamese_and_lists_the_files_chosen(task, new_page, shot, tmp_path):
    focal, made = task
    files = []
    for name in ("Kế hoạch triển khai.pdf", "Dự thảo Quyết định.docx"):
        path = tmp_path / name
        path.write_bytes(b"%PDF-1.4\n%%EOF\n" * 100)
        files.append(str(path))
    page = new_page(focal)
    page.goto(f"/tasks/{made.id}")
    panel = page.locator("#act-progress")
    panel.locator("summary").click()
    field = panel.locator("[data-file-field]")
    expect(field).to_contain_text("Chọn nhiều tệp…")
    expect(field).to_contain_text("Chưa chọn tệp nào")
    panel.get_by_label("Tệp đính kèm").set_input_files(files)
    expect(field).to_contain_text("Đã chọn 2 tệp:")
    expect(field.locator("li")).to_have_text(
        [re.compile(r"Kế hoạch triển khai\.pdf \(1 KB\)"), re.compile(r"Dự thảo Quyết định\.docx")]
    )
    shot(panel, "file-field-chosen")
    panel.get_by_label("Tệp đính kèm").set_input_files([])
    expect(field).to_contain_text("Chưa chọn tệp nào")
    panel.get_by_label("Nội dung tiến độ").fill("Đã họp triển khai.")
    panel.get_by_role("button", name="Lưu tiến độ").click()
    expect(page.locator(".alert-success")).to_be_visible()
    # The event just recorded shows its day and time, in the province's time zone.
    now = dt.datetime.now(LOCAL_TZ)
    stamp = page.locator(".timeline-item").first.locator("time")
    expect(stamp).to_have_text(re.compile(rf"^{now:%d/%m/%Y} \d\d:\d\d$"))
    shown = dt.datetime.strptime(stamp.inner_text(), "%d/%m/%Y %H:%M").replace(tzinfo=LOCAL_TZ)
    assert abs((now - shown).total_seconds()) < 180
    html = page.content()
    assert "Choose File" not in html and "No file chosen" not in html
