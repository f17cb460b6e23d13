"""In Chromium, the whole year of a monitor in one walk (issue 9): an admin creates an agency and its
focal point; the monitor reads a programme naming it and an existing department, and creates the
document with its tasks; both focal points post progress and report completion; the monitor confirms
both, opens the quarterly report and downloads it as Excel."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tracker.tasks.models import Task

pytestmark = pytest.mark.browser

PROGRAMME = """\
ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA

Số: 12/KH-UBND

Khánh Hòa, ngày 10 tháng 1 năm 2024

KẾ HOẠCH
Phát triển du lịch năm 2024

I. NHIỆM VỤ
1. Sở Du lịch chủ trì xây dựng chương trình quảng bá du lịch biển đảo; hoàn thành trước ngày 31/3/2024.
2. Sở Tài chính bố trí kinh phí quảng bá du lịch; hoàn thành trước ngày 31/3/2024.
"""


@pytest.fixture
def province(make, db, freeze):
    freeze(dt.date(2024, 3, 12))  # inside the reporting period of Q1 (15/12 → 14/03)
    root = make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    finance = make.agency("STC", "Sở Tài chính", parent=root)
    make.agency("STP", "Sở Tư pháp", parent=root)
    users = {
        "admin": make.user("admin", agency=None, email="quantri@test.vn", name="Trần Quản Trị"),
        "monitor": make.user("monitor", agency=None, email="theodoi@test.vn", name="Nguyễn Thị Theo Dõi"),
        "finance": make.user("focal", agency=finance, email="daumoi@stc.test.vn", name="Phạm Thị Tài Chính"),
    }
    db.session.commit()
    return users


def flash(page):
    return page.locator(".alert").first


def panel(page, name):
    details = page.locator(f"#act-{name}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def sign_in(page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/login" not in url)


def report_completion(page, url: str, shot, name: str, percent: str, result_ref: str) -> None:
    page.goto(url)
    p = panel(page, "progress")
    p.get_by_label("Nội dung tiến độ").fill("Đã họp triển khai, đang hoàn thiện hồ sơ.")
    p.get_by_label("Tỷ lệ hoàn thành (%)").fill(percent)
    p.get_by_role("button", name="Lưu tiến độ").click()
    expect(flash(page)).to_contain_text("Đã cập nhật tiến độ")
    shot(page, f"walkthrough-{name}-progress")
    p = panel(page, "report")
    p.get_by_label("Ngày hoàn thành").fill("2024-03-11")
    p.get_by_label("Số, ký hiệu văn bản kết quả").fill(result_ref)
    p.get_by_role("button", name="Gửi báo cáo hoàn thành").click()
    expect(flash(page)).to_contain_text("Đã gửi báo cáo hoàn thành")
    shot(page, f"walkthrough-{name}-reported")


def test_from_a_new_agency_to_the_quarterly_report_in_excel(province, new_page, db, shot):
    users = province

    # The admin creates the agency (under the province) and its focal point.
    admin = new_page(users["admin"])
    admin.goto("/admin/agencies/new")
    admin.get_by_label("Mã").fill("SDL")
    admin.get_by_label("Tên cơ quan").fill("Sở Du lịch")
    admin.get_by_label("Cơ quan cấp trên").select_option(label="Tỉnh Khánh Hòa (KH)")
    shot(admin, "walkthrough-01-new-agency")
    admin.get_by_role("button", name="Lưu").click()
    admin.wait_for_url(re.compile(r"/admin/agencies/"))
    expect(admin.get_by_text("Sở Du lịch").first).to_be_visible()
    admin.goto("/admin/users/new")
    admin.get_by_label("Thư điện tử").fill("daumoi@sdl.test.vn")
    admin.get_by_label("Họ và tên").fill("Lê Văn Du Lịch")
    admin.get_by_label("Vai trò").select_option(label="Đầu mối")
    admin.get_by_label("Cơ quan", exact=True).select_option(label="Sở Du lịch (SDL)")
    shot(admin, "walkthrough-02-new-focal-point")
    admin.get_by_role("button", name="Lưu").click()
    admin.wait_for_url(re.compile(r"/admin/users/$"))
    notice = flash(admin).inner_text()
    password = re.search(r"Mật khẩu ban đầu \(chỉ hiện một lần\): (\S+)", notice).group(1)
    shot(admin, "walkthrough-03-focal-point-created")

    # The monitor reads the programme: one item for the new agency, one for an existing department.
    monitor = new_page(users["monitor"], width=1400)
    monitor.goto("/imports/programme")
    monitor.fill("#text", PROGRAMME)
    monitor.get_by_role("button", name="Đọc văn bản").click()
    monitor.get_by_role("heading", name="Rà soát cây nhiệm vụ").wait_for()
    monitor.get_by_label("Trích yếu").fill("Kế hoạch phát triển du lịch năm 2024")
    shot(monitor, "walkthrough-04-programme-review")
    monitor.locator("#create-programme").click()
    monitor.wait_for_url(re.compile(r"/documents/\d+"))
    expect(monitor.get_by_text("xây dựng chương trình quảng bá du lịch biển đảo").first).to_be_visible()
    shot(monitor, "walkthrough-05-document-created")

    db.session.expire_all()
    tasks = {
        t.lead_agency.code: t for t in db.session.scalars(select(Task).where(Task.is_section.is_(False)))
    }
    assert sorted(tasks) == ["SDL", "STC"]
    assert tasks["SDL"].deadline == dt.date(2024, 3, 31)

    # The new focal point signs in with the password the admin was shown; both agencies report.
    tourism = new_page()
    sign_in(tourism, "daumoi@sdl.test.vn", password)
    report_completion(tourism, f"/tasks/{tasks['SDL'].id}", shot, "06-tourism", "60", "15/BC-SDL")
    finance = new_page(users["finance"])
    report_completion(finance, f"/tasks/{tasks['STC'].id}", shot, "07-finance", "80", "22/BC-STC")

    # The monitor sees both reports waiting and confirms them.
    monitor.goto("/queue")
    expect(monitor.get_by_text("xây dựng chương trình quảng bá du lịch biển đảo").first).to_be_visible()
    shot(monitor, "walkthrough-08-queue")
    for code in ("SDL", "STC"):
        monitor.goto(f"/tasks/{tasks[code].id}")
        p = panel(monitor, "confirm")
        p.get_by_role("button", name="Xác nhận hoàn thành").click()
        expect(flash(monitor)).to_contain_text("Đã xác nhận hoàn thành nhiệm vụ.")
    shot(monitor, "walkthrough-09-confirmed")

    # The quarterly report, then its Excel file.
    monitor.goto("/reports/")
    monitor.get_by_label("Kỳ báo cáo").select_option(label="Quý I")
    monitor.get_by_label("Năm", exact=True).fill("2024")
    monitor.get_by_label("Phạm vi").select_option(label="Tất cả")  # the default is Biểu mẫu 01's
    monitor.get_by_role("button", name="Xem báo cáo").click()
    expect(monitor.get_by_text("Quý I/2024").first).to_be_visible()
    by_agency = monitor.locator(
        "table", has=monitor.get_by_role("columnheader", name=re.compile("Cơ quan chủ trì"))
    )
    expect(by_agency.get_by_role("row", name=re.compile(r"Sở Du lịch\s+1\s+1"))).to_be_visible()
    expect(by_agency.get_by_role("row", name=re.compile(r"Sở Tài chính\s+1\s+1"))).to_be_visible()
    shot(monitor, "walkthrough-10-report")
    with monitor.expect_download() as info:
        monitor.get_by_role("link", name="Tải Excel (.xlsx)").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)
    cells = {str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c}
    book.close()
    assert "Sở Du lịch" in cells and "Sở Tài chính" in cells

    db.session.expire_all()
    assert {t.status for t in db.session.scalars(select(Task).where(Task.is_section.is_(False)))} == {"done"}
