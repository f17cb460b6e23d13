"""In Chromium: a monitor and two focal points carry a task from assignment to confirmed completion,
through a return and an extension; and the refusals a focal point of another agency meets."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def province(make, db, freeze):
    freeze(dt.date(2024, 8, 1))
    top = make.agency("TINH", "UBND tỉnh Khánh Hòa", kind="external")
    finance = make.agency("STC", "Sở Tài chính", parent=top)
    justice = make.agency("STP", "Sở Tư pháp", parent=top)
    health = make.agency("SYT", "Sở Y tế", parent=top)
    users = {
        "monitor": make.user("monitor", agency=None, email="theodoi@snv.test.vn", name="Nguyễn Thị Theo Dõi"),
        "lead": make.user("focal", agency=finance, email="daumoi@stc.test.vn", name="Phạm Thị Tài Chính"),
        "coordinating": make.user("focal", agency=justice, email="daumoi@stp.test.vn", name="Võ Thị Tư Pháp"),
        "other": make.user("focal", agency=health, email="daumoi@syt.test.vn", name="Lê Văn Y Tế"),
        "leader": make.user("leader", agency=None, email="lanhdao@test.vn", name="Lê Văn Lãnh Đạo"),
    }
    document = make.document(
        "91-KL/TU",
        issued_on=dt.date(2024, 1, 10),
        kind="conclusion",
        title="Kết luận của Ban Thường vụ Tỉnh ủy về cải cách hành chính",
    )
    task = make.task(
        lead=finance,
        document=document,
        coordinating=[justice],
        code="III.2.b",
        title="Xây dựng Đề án tự chủ tài chính của đơn vị sự nghiệp công lập",
        content="Chủ trì, phối hợp Sở Tư pháp xây dựng Đề án, trình UBND tỉnh.",
        area="tai_chinh_cong",
        deadline=dt.date(2024, 8, 5),
        expected_output="Đề án trình UBND tỉnh",
    )
    db.session.commit()
    return users, task


def panel(page, name):
    """Open the action panel of the task page and return it."""
    details = page.locator(f"#act-{name}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def flash(page):
    return page.locator(".alert-success")


def test_a_task_goes_from_assignment_to_confirmed_completion_through_a_return_and_an_extension(
    province, new_page, shot, tmp_path, live_server
):
    users, task = province
    url = f"/tasks/{task.id}"
    plan = tmp_path / "Kế hoạch triển khai.pdf"
    plan.write_bytes(PDF)

    # The lead agency's focal point finds the task first on its home page, due soon.
    lead = new_page(users["lead"])
    expect(lead.get_by_role("heading", name="Nhiệm vụ của Sở Tài chính")).to_be_visible()
    due_soon = lead.locator("section", has=lead.get_by_role("heading", name=re.compile("Sắp đến hạn")))
    expect(due_soon.get_by_role("link", name=task.title)).to_be_visible()
    shot(lead, "workflow-01-focal-home")
    due_soon.get_by_role("link", name=task.title).click()

    # … posts progress with a file …
    p = panel(lead, "progress")
    p.get_by_label("Nội dung tiến độ").fill("Đã họp triển khai, đang lấy ý kiến các đơn vị.")
    p.get_by_label("Tỷ lệ hoàn thành (%)").fill("30")
    p.get_by_label("Tệp đính kèm").set_input_files(str(plan))
    shot(lead, "workflow-02-progress-form")
    p.get_by_role("button", name="Lưu tiến độ").click()
    expect(flash(lead)).to_contain_text("Đã cập nhật tiến độ. Đã đính kèm 1 tệp.")
    expect(lead.locator(".timeline")).to_contain_text("Tiến độ: 0 % → 30 %")

    # … and asks for more time.
    p = panel(lead, "extension")
    p.get_by_label("Thời hạn đề nghị").fill("2024-09-30")
    p.get_by_label("Lý do").fill("Chờ ý kiến thẩm định của Sở Tư pháp.")
    p.get_by_role("button", name="Gửi đề nghị gia hạn").click()
    expect(flash(lead)).to_contain_text("Đã gửi đề nghị gia hạn")
    expect(lead.locator(".alert-info")).to_contain_text("Đề nghị gia hạn đến 30/09/2024 đang chờ xử lý")

    # The coordinating agency posts its contribution, with the keyboard only.
    coord = new_page(users["coordinating"])
    coord.goto(url)
    expect(coord.locator("#act-report")).to_have_count(0)  # not its task to report
    coord.locator("#act-contribution > summary").focus()
    coord.keyboard.press("Enter")
    coord.keyboard.press("Tab")
    coord.keyboard.type("Sở Tư pháp đã thẩm định dự thảo, đề nghị bổ sung căn cứ pháp lý.")
    coord.get_by_role("button", name="Gửi ý kiến phối hợp").focus()
    coord.keyboard.press("Enter")
    expect(flash(coord)).to_contain_text("Đã gửi ý kiến phối hợp")

    # The monitor approves the extension from the work queue.
    monitor = new_page(users["monitor"])
    monitor.get_by_role("link", name="Việc cần xử lý").first.click()
    row = monitor.locator("#q-extensions tr", has_text=task.title)
    expect(row).to_contain_text("05/08/2024 → 30/09/2024")
    shot(monitor, "workflow-03-queue-extension")
    row.get_by_role("button", name="Đồng ý gia hạn").click()
    expect(flash(monitor)).to_contain_text("Đã đồng ý gia hạn")

    # The lead agency sees the contribution and the new deadline, and reports completion.
    lead.goto(url)
    expect(lead.locator(".timeline")).to_contain_text("Sở Tư pháp đã thẩm định dự thảo")
    expect(lead.locator(".task-fields")).to_contain_text("30/09/2024")
    expect(lead.locator(".task-fields")).to_contain_text("05/08/2024 (đã gia hạn 1 lần)")
    p = panel(lead, "report")
    p.get_by_label("Ngày hoàn thành").fill("2024-08-02")  # tomorrow: refused, input kept
    p.get_by_label("Số, ký hiệu văn bản kết quả").fill("125/TTr-STC")
    p.get_by_role("button", name="Gửi báo cáo hoàn thành").click()
    expect(lead.locator("#actions .alert-danger")).to_contain_text("Ngày hoàn thành không thể ở tương lai.")
    expect(lead.locator("#act-report").get_by_label("Số, ký hiệu văn bản kết quả")).to_have_value(
        "125/TTr-STC"
    )
    shot(lead, "workflow-04-report-refused")
    p = panel(lead, "report")
    p.get_by_label("Ngày hoàn thành").fill("2024-07-30")
    p.get_by_role("button", name="Gửi báo cáo hoàn thành").click()
    expect(flash(lead)).to_contain_text("Đã gửi báo cáo hoàn thành")
    expect(lead.locator("h1 + div")).to_contain_text("Chờ xác nhận")

    # The monitor returns it from the queue, with a reason.
    monitor.goto("/queue")
    row = monitor.locator("#q-reported tr", has_text=task.title)
    row.get_by_text("Trả lại…").click()
    row.get_by_label("Lý do trả lại").fill("Chưa kèm dự thảo Quyết định phê duyệt Đề án.")
    row.get_by_role("button", name="Trả lại báo cáo").click()
    expect(flash(monitor)).to_contain_text("Đã trả lại báo cáo")

    # The lead agency sees why on its home page, fixes it and reports again.
    lead.goto("/")
    returned = lead.locator("section", has=lead.get_by_role("heading", name="Bị trả lại, cần xử lý"))
    expect(returned).to_contain_text("Chưa kèm dự thảo Quyết định phê duyệt Đề án.")
    shot(lead, "workflow-05-focal-home-returned")
    returned.get_by_role("link", name=task.title).click()
    p = panel(lead, "report")
    p.get_by_label("Ngày hoàn thành").fill("2024-08-01")
    p.get_by_label("Số, ký hiệu văn bản kết quả").fill("131/TTr-STC")
    p.get_by_label("Tệp đính kèm").set_input_files(str(plan))
    p.get_by_role("button", name="Gửi báo cáo hoàn thành").click()
    expect(flash(lead)).to_contain_text("Đã gửi báo cáo hoàn thành")

    # The monitor confirms on the task page; the agency's completion date is kept.
    monitor.goto(url)
    p = panel(monitor, "confirm")
    expect(p).to_contain_text("Ngày hoàn thành: 01/08/2024")
    p.get_by_role("button", name="Xác nhận hoàn thành").click()
    expect(flash(monitor)).to_contain_text("Đã xác nhận hoàn thành nhiệm vụ.")
    expect(monitor.locator("h1 + div")).to_contain_text("Đã hoàn thành")
    timeline = monitor.locator(".timeline")
    for step in (
        "Giao nhiệm vụ",
        "Cập nhật tiến độ",
        "Đề nghị gia hạn",
        "Ý kiến phối hợp",
        "Đồng ý gia hạn",
        "Báo cáo hoàn thành",
        "Trả lại",
        "Xác nhận hoàn thành",
    ):
        expect(timeline).to_contain_text(step)
    shot(monitor, "workflow-06-confirmed")

    # The lead agency downloads the file it attached.
    lead.goto(url)
    with lead.expect_download() as download:
        lead.locator(".timeline").get_by_role(
            "link", name=re.compile("Kế hoạch triển khai.pdf")
        ).first.click()
    assert download.value.suggested_filename == "Kế hoạch triển khai.pdf"


def test_another_agencys_focal_point_is_refused_everywhere(province, new_page, shot, live_server):
    users, task = province
    other = new_page(users["other"])
    response = other.goto(f"/tasks/{task.id}")
    assert response.status == 404
    expect(other.get_by_role("heading", name="Không tìm thấy")).to_be_visible()
    shot(other, "workflow-07-other-agency-404")
    assert other.request.post(f"/tasks/{task.id}/progress", form={"progress-text": "x"}).status in (400, 404)
    assert other.goto(f"/tasks/{task.id}/edit").status == 404
    assert other.goto("/queue").status == 403
    other.goto("/tasks/")
    expect(other.get_by_text(task.title)).to_have_count(0)

    # The coordinating agency sees the task but none of the lead agency's or the monitor's actions.
    coord = new_page(users["coordinating"])
    coord.goto(f"/tasks/{task.id}")
    for name in ("progress", "report", "extension", "confirm", "cancel"):
        expect(coord.locator(f"#act-{name}")).to_have_count(0)
    # A leader reads, and is offered nothing.
    leader = new_page(users["leader"])
    leader.goto(f"/tasks/{task.id}")
    expect(leader.locator("#actions")).to_contain_text("Lãnh đạo theo dõi nhiệm vụ, không thực hiện thao tác")
    expect(leader.locator("details.action-panel")).to_have_count(0)


def test_the_task_page_and_its_forms_work_on_a_phone(province, new_page, shot, live_server):
    users, task = province
    phone = new_page(users["lead"], width=390, height=844)
    phone.goto(f"/tasks/{task.id}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the screen
    phone.get_by_role("link", name="Cập nhật tiến độ").click()  # the quick link opens the panel
    p = phone.locator("#act-progress")
    expect(p.get_by_label("Nội dung tiến độ")).to_be_focused()
    p.get_by_label("Nội dung tiến độ").fill("Cập nhật từ hiện trường")
    p.get_by_label("Tỷ lệ hoàn thành (%)").fill("45")
    shot(p, "workflow-08-phone-progress")
    box = p.get_by_role("button", name="Lưu tiến độ").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    p.get_by_role("button", name="Lưu tiến độ").click()
    expect(flash(phone)).to_contain_text("Đã cập nhật tiến độ.")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "workflow-09-phone-task")
    phone.goto("/tasks/")  # the list reads as one card per task
    expect(phone.get_by_role("link", name=task.title)).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "workflow-10-phone-list")
