"""In Chromium: a monitor registers a document and fans a directive out to several agencies."""

import datetime as dt

import pytest
from sqlalchemy import select

from tracker.documents.models import Document
from tracker.tasks.models import Task

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


def test_a_monitor_registers_a_document_and_fans_a_directive_out(new_page, make, db):
    kh = make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    departments = [
        make.agency(code, name, parent=kh)
        for code, name in (("STP", "Sở Tư pháp"), ("STC", "Sở Tài chính"), ("SNV", "Sở Nội vụ"))
    ]
    districts = [
        make.agency(code, name, kind="district", parent=kh)
        for code, name in (("NT", "UBND thành phố Nha Trang"), ("CR", "UBND thành phố Cam Ranh"))
    ]
    make.agency("SKHDT", "Sở Kế hoạch và Đầu tư", parent=kh).is_active = False
    monitor = make.monitor()
    db.session.commit()

    page = new_page(monitor, width=1366)
    page.goto("/documents/")
    page.get_by_role("link", name="+ Đăng ký văn bản").click()
    page.get_by_label("Số, ký hiệu").fill("1889/UBND-KSTT")
    page.get_by_label("Loại văn bản").select_option(label="Công văn")
    page.get_by_label("Ngày ban hành").fill("16/08/2021")
    page.get_by_label("Trích yếu").fill("V/v khắc phục tồn tại, hạn chế, nâng cao Chỉ số CCHC tỉnh")
    page.get_by_label("Cơ quan ban hành").fill("UBND tỉnh Khánh Hòa")
    page.get_by_label("Văn bản KHẨN").check()
    page.get_by_label("Tệp văn bản (PDF hoặc Word)").set_input_files(
        {"name": "1889-UBND-KSTT.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Đăng ký văn bản").click()

    page.get_by_role("heading", name="Công văn số 1889/UBND-KSTT").wait_for()
    assert page.get_by_text("Đã đăng ký văn bản 1889/UBND-KSTT.").is_visible()
    assert page.get_by_role("link", name="Tải tệp văn bản (PDF").is_visible()

    page.get_by_role("link", name="Giao cho nhiều cơ quan").first.click()
    page.get_by_label("Tên nhiệm vụ").fill("Báo cáo kết quả khắc phục tồn tại, hạn chế")
    page.get_by_label("Số thứ tự").fill("2")
    page.get_by_label("Các sở, ban, ngành").check()
    page.get_by_label("UBND cấp huyện").check()
    page.get_by_role("button", name="Lập danh sách cơ quan").first.click()

    checklist = page.locator("[data-checklist]")
    checklist.wait_for()
    for agency in departments + districts:
        assert checklist.get_by_label(agency.name).is_checked()
    assert checklist.get_by_text("Sở Kế hoạch và Đầu tư").count() == 0  # inactive: not offered
    # The filter box narrows the list without changing what is ticked.
    checklist.get_by_placeholder("Lọc theo tên…").fill("cam ranh")
    assert checklist.get_by_label("UBND thành phố Cam Ranh").is_visible()
    assert not checklist.get_by_label("Sở Tư pháp").is_visible()
    checklist.get_by_placeholder("Lọc theo tên…").fill("")
    # The monitor unticks two agencies; the button counts the rest.
    checklist.get_by_label("Sở Nội vụ").uncheck()
    checklist.get_by_label("UBND thành phố Cam Ranh").uncheck()
    save = page.get_by_role("button", name="Giao nhiệm vụ cho 3 cơ quan")
    assert save.is_visible()
    page.get_by_label("Thời hạn", exact=True).fill("30/09/2021")
    page.get_by_label("Sản phẩm").fill("Báo cáo UBND tỉnh")
    save.click()

    page.get_by_text(
        "Đã giao nhiệm vụ «Báo cáo kết quả khắc phục tồn tại, hạn chế» cho 3 cơ quan chủ trì."
    ).wait_for()
    group = page.locator(".tree-group").filter(has_text="Báo cáo kết quả khắc phục tồn tại, hạn chế")
    assert "3 cơ quan" in group.inner_text()
    group.locator("summary").click()
    assert group.get_by_role("link", name="Sở Tư pháp").is_visible()

    db.session.expire_all()
    document = db.session.scalar(select(Document).where(Document.symbol == "1889/UBND-KSTT"))
    assert document.is_urgent and document.issued_on == dt.date(2021, 8, 16)
    tasks = db.session.scalars(select(Task).where(Task.document_id == document.id)).all()
    assert sorted(t.lead_agency.code for t in tasks) == ["NT", "STC", "STP"]
    assert {(t.deadline, t.expected_output, t.code) for t in tasks} == {
        (dt.date(2021, 9, 30), "Báo cáo UBND tỉnh", "2")
    }
