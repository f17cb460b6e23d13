"""In Chromium, without an account: /cong-khai/ lists the published plan, its page shows the task
tree with the lead agencies, deadlines and statuses; no cookie is set. Screenshots at 1366 and 390 px."""

import datetime as dt

import pytest

from tracker.documents.operations import set_published
from tracker.tasks.operations import confirm_completion, report_completion

pytestmark = pytest.mark.browser


def test_a_visitor_reads_the_published_plan_on_a_desktop_and_on_a_phone(new_page, make, db, freeze, shot):
    freeze(dt.date(2024, 9, 18))
    plan = make.document(symbol="110/KH-UBND", title="Kế hoạch cải cách hành chính năm 2024 của tỉnh")
    hidden = make.document(symbol="4340/UBND-KSTT", title="Về việc rà soát thủ tục")
    snv = make.agency(code="SNV", name="Sở Nội vụ", emails="snv@test.vn")
    stp = make.agency(code="STP", name="Sở Tư pháp")
    focal = make.user("focal", agency=snv, name="Nguyễn Văn Đầu Mối")
    done = make.task(
        lead=snv, document=plan, title="Ban hành Kế hoạch tuyên truyền CCHC", deadline=dt.date(2024, 3, 31)
    )
    make.task(
        lead=stp, document=plan, title="Rà soát, đánh giá thủ tục hành chính", deadline=dt.date(2024, 6, 30)
    )
    make.task(lead=stp, document=plan, title="Kiểm tra công tác CCHC", deadline=dt.date(2024, 12, 31))
    make.task(lead=snv, document=hidden, title="Nhiệm vụ chưa công khai")
    report_completion(focal, done, completed_on=dt.date(2024, 3, 20))
    confirm_completion(make.monitor(), done)
    set_published(make.monitor(), plan, True)
    db.session.commit()

    page = new_page(width=1366)
    page.goto("/cong-khai/")
    assert page.title().startswith("Các chương trình, kế hoạch được công khai")
    assert page.get_by_role("link", name="Kế hoạch số 110/KH-UBND").is_visible()
    assert page.get_by_text("4340/UBND-KSTT").count() == 0
    shot(page, "public-index-1366")
    page.get_by_role("link", name="Kế hoạch số 110/KH-UBND").click()
    page.wait_for_url("**/cong-khai/*")
    assert page.get_by_role("heading", name="Kế hoạch số 110/KH-UBND").is_visible()
    assert page.get_by_text("Ban hành Kế hoạch tuyên truyền CCHC").is_visible()
    assert page.get_by_text("Hoàn thành đúng hạn").first.is_visible()
    assert page.get_by_text("Quá hạn chưa hoàn thành").first.is_visible()  # 30/06/2024 < 18/09/2024
    assert "33,33\u00a0%" in page.inner_text("body")  # with a no-break space, as every percentage
    assert "Nguyễn Văn Đầu Mối" not in page.content() and "snv@test.vn" not in page.content()
    assert page.context.cookies() == []
    shot(page, "public-document-1366")

    phone = new_page(width=390, height=844)
    phone.goto("/cong-khai/")
    shot(phone, "public-index-390")
    phone.get_by_role("link", name="Kế hoạch số 110/KH-UBND").click()
    phone.wait_for_url("**/cong-khai/*")
    # Readable on a phone: nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "public-document-390")
    assert phone.context.cookies() == []
