"""In Chromium: a monitor uploads a programme as PDF, checks each item against the document's own
words beside it, maps a lead the tracker does not know in one click; a scan shows its progress."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.imports.conftest import province  # noqa: F401  (a fixture)
from tests.reader.files import needs_libreoffice, needs_poppler, needs_tesseract, to_pdf, to_png
from tests.reader.test_unknown_lead import TEXT
from tracker.agencies.models import Agency

pytestmark = pytest.mark.browser


@pytest.fixture
def app_config(app_config):
    # The file is read in a background thread, as in production (a scan's page polls its progress).
    return app_config | {"IMPORT_INLINE": False}


def _item(page, code: str):
    return page.locator("[role=listitem]").filter(
        has=page.locator(".ri-code", has_text=re.compile(f"^{code}$"))
    )


@needs_libreoffice
def test_the_review_shows_each_passage_and_maps_an_unknown_lead_in_one_click(
    new_page,
    province,  # noqa: F811  (the fixture imported above)
    make,
    db,
    tmp_path,
    shot,
):
    make.agency("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", parent=province["root"])
    monitor = make.monitor()
    db.session.commit()
    source = tmp_path / "ke-hoach-du-lich.txt"
    source.write_text(TEXT, encoding="utf-8")
    to_pdf(source, tmp_path)
    page = new_page(monitor, width=1366)
    page.goto("/imports/programme")
    page.set_input_files("#file", str(source.with_suffix(".pdf")))
    page.get_by_role("button", name="Đọc văn bản").click()
    page.get_by_role("heading", name="Rà soát cây nhiệm vụ").wait_for(timeout=60_000)
    first = _item(page, "I.1")
    # The document's words beside the item, and the lead as it is written there.
    expect(first.locator(".ri-passage")).to_contain_text(
        "tổ chức tuần lễ văn hóa biển; hoàn thành trong Quý III"
    )
    expect(first.locator(".ri-unknown")).to_contain_text("Sở Văn hoá và Thể thao — chưa có trong danh mục.")
    button = first.get_by_role("button", name=re.compile(r"Sở Văn hóa, Thể thao và Du lịch giống \d+ %"))
    expect(button).to_be_visible()
    first.scroll_into_view_if_needed()
    shot(page, "reader-review-1366", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})  # on a phone: the same, one column
    first.locator(".ri-unknown").scroll_into_view_if_needed()
    shot(page, "reader-review-390-unknown", full_page=False)
    button.click()
    page.get_by_text(
        "Đã ghi nhớ «Sở Văn hoá và Thể thao» là Sở Văn hóa, Thể thao và Du lịch: 2 mục"
    ).wait_for()
    for code in ("I.1", "I.2"):
        item = _item(page, code)
        expect(item.get_by_label("Sở Văn hóa, Thể thao và Du lịch")).to_be_checked()
        expect(item.locator(".ri-unknown")).to_have_count(0)
    db.session.expire_all()
    culture = db.session.scalar(select(Agency).where(Agency.code == "SVHTTDL"))
    assert culture.alias_list == ["Sở Văn hoá và Thể thao"]
    _item(page, "I.1").scroll_into_view_if_needed()
    shot(page, "reader-review-390", full_page=False)


@needs_libreoffice
@needs_poppler
@needs_tesseract
@pytest.mark.usefixtures("province")
def test_a_scan_is_read_with_a_progress_bar_then_reviewed(new_page, make, db, tmp_path, shot, monkeypatch):
    from tracker.reader import views

    monkeypatch.setattr(views, "WAIT_SECONDS", 0)  # show the progress page however quick the OCR is
    monitor = make.monitor()
    db.session.commit()
    source = tmp_path / "ke-hoach.txt"
    source.write_text(TEXT, encoding="utf-8")
    (png,) = to_png(to_pdf(source, tmp_path), tmp_path, 1, 1)
    scan = tmp_path / "ban-quet.png"
    scan.write_bytes(png)
    page = new_page(monitor, width=1366)
    page.goto("/imports/programme")
    page.set_input_files("#file", str(scan))
    page.get_by_role("button", name="Đọc văn bản").click()
    page.get_by_text("Đang xử lý tệp «ban-quet.png»").wait_for()
    shot(page, "reader-scan-progress", full_page=False)
    page.get_by_role("heading", name="Rà soát cây nhiệm vụ").wait_for(timeout=120_000)
    # OCR's words (it may misread a letter: "Luật", "tịch") beside the item, its lead read.
    expect(_item(page, "I.3").locator(".ri-passage")).to_contain_text("Sở Tư pháp rà soát văn bản quy phạm")
    expect(_item(page, "I.3").get_by_label("Sở Tư pháp")).to_be_checked()


@pytest.mark.usefixtures("province")
def test_an_admin_creates_the_unknown_agency_in_one_click(new_page, make, db, shot):
    admin = make.user("admin", agency=None)
    db.session.commit()
    page = new_page(admin, width=1366)
    page.goto("/imports/programme")
    page.fill("#text", TEXT)
    page.get_by_role("button", name="Đọc văn bản").click()
    page.get_by_role("heading", name="Rà soát cây nhiệm vụ").wait_for(timeout=60_000)
    first = _item(page, "I.1")
    first.get_by_text("Sửa tên, mã, loại trước khi tạo").click()
    expect(first.get_by_label("Tên cơ quan")).to_have_value("Sở Văn hoá và Thể thao")
    expect(first.get_by_label("Mã")).to_have_value("SVHTT")
    first.locator(".ri-unknown").scroll_into_view_if_needed()
    shot(page, "reader-review-admin-create", full_page=False)
    first.get_by_role("button", name="+ Tạo cơ quan «Sở Văn hoá và Thể thao»").click()
    page.get_by_text("Đã ghi nhớ «Sở Văn hoá và Thể thao» là Sở Văn hoá và Thể thao: 2 mục").wait_for()
    expect(_item(page, "I.2").get_by_label("Sở Văn hoá và Thể thao")).to_be_checked()
    db.session.expire_all()
    created = db.session.scalar(select(Agency).where(Agency.code == "SVHTT"))
    assert created is not None and created.kind == "department" and created.parent.code == "KH"
