"""In Chromium: a monitor imports a spreadsheet (upload → preview → confirm → progress → done), and
reviews the 91-KL/TU programme read from its text, then creates it in one step."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import func, select

from tests.imports.conftest import province, row, xlsx_bytes  # noqa: F401  (a fixture)
from tracker.documents.models import Document
from tracker.reader import seedcheck
from tracker.tasks.models import Task

pytestmark = pytest.mark.browser


@pytest.fixture
def app_config(app_config):
    # The import's work runs in a background thread, as in production (the page polls its progress).
    return app_config | {"IMPORT_INLINE": False}


@pytest.mark.usefixtures("province")
def test_a_monitor_uploads_a_spreadsheet_sees_the_preview_and_confirms(new_page, make, db, tmp_path, shot):
    monitor = make.monitor()
    db.session.commit()
    rows = [row(code="I", title="Cải cách thủ tục hành chính", lead="")]
    rows += [
        row(
            code=f"I.{i}",
            title=f"Rà soát thủ tục số {i}",
            lead=["STC", "Sở Nội vụ", "STP"][i % 3],
            deadline="Quý III năm 2024",
            status="Đã hoàn thành" if i % 4 == 0 else "Đang thực hiện",
            completed="01/08/2024" if i % 4 == 0 else "",
        )
        for i in range(1, 301)
    ]
    path = tmp_path / "ke-hoach-2024.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    page = new_page(monitor)
    page.goto("/")
    page.get_by_role("link", name="Nhập dữ liệu").click()
    page.set_input_files("#tasks-file", str(path))
    page.locator("#tasks").get_by_role("button", name="Tải lên và kiểm tra").click()
    page.get_by_text("Tệp hợp lệ — sẵn sàng nhập").wait_for()
    shot(page, "import-preview")
    assert page.get_by_role("button", name="Nhập 301 nhiệm vụ").is_visible()
    assert page.get_by_role("cell", name="Rà soát thủ tục số 7", exact=True).is_visible()
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Task)) == 0  # the preview wrote nothing
    page.get_by_role("button", name="Nhập 301 nhiệm vụ").click()
    page.get_by_text("Đã nhập xong").wait_for(timeout=120_000)
    shot(page, "import-done")
    assert page.get_by_text("Đã tạo 300 nhiệm vụ và 1 tiêu đề mục, 1 văn bản mới.").is_visible()
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).where(Task.status == "done")) == 75


@pytest.mark.skipif(
    seedcheck.source_text("001") is None, reason="the seed texts are not beside the repository"
)
def test_a_monitor_imports_the_91_kl_tu_programme_from_its_text(new_page, db, shot, freeze):
    from tests.conftest import Factory
    from tracker.seed.loader import load_agencies

    freeze(dt.date(2022, 12, 1))
    load_agencies()
    monitor = Factory(db).monitor()
    db.session.commit()
    page = new_page(monitor, width=1400)
    page.goto("/imports/programme")
    page.fill("#text", seedcheck.source_text("001"))
    page.get_by_role("button", name="Đọc văn bản").click()
    page.get_by_role("heading", name="Rà soát cây nhiệm vụ").wait_for()
    shot(page, "programme-review", full_page=False)
    started, actions = time.perf_counter(), 0

    def item(code: str):
        return page.locator(f".review-item:has(.ri-code:text-is('{code}'))")

    # What the reviewer fixes (seed/corrections/001_91-KL-TU.yaml lists the same): the duties of
    # section V that restate the programme, the paragraph of III.6.a that is its first bullet, the
    # addressees of III.1.a–d.
    for code in ("V.1.a", "V.1.c", "V.2", "V.3", "V.4", "V.5"):
        item(code).locator("input[name$='-include']").uncheck()
        actions += 1
    with page.expect_navigation():
        item("III.6.a").get_by_role("button", name="Tách").click()
    actions += 1
    page.locator("#assign-to").select_option("@department,@district")
    with page.expect_navigation():
        page.get_by_role("button", name="Áp dụng").click()
    actions += 2
    for code in ("III.1.c", "III.1.d"):
        for box in item(code).locator("input[name$='-lead']").all():
            box.uncheck()
            actions += 1
        item(code).locator("select[name$='-lead-add']").select_option("SNV")
        actions += 1
    page.fill("#doc-symbol", "91-KL/TU")
    page.fill("#doc-issued_on", "30/11/2022")
    actions += 2
    shot(page, "programme-review-fixed", full_page=False)
    page.locator("#create-programme").click()
    actions += 1
    page.get_by_role("heading", name="Chương trình hành động số 91-KL/TU").wait_for()
    print(f"\n91-KL/TU reviewed with {actions} actions in {time.perf_counter() - started:.1f} s (scripted)")
    shot(page, "programme-created", full_page=False)
    db.session.expire_all()
    document = db.session.scalar(select(Document).where(Document.symbol == "91-KL/TU"))
    items = db.session.scalars(
        select(Task.code)
        .where(Task.document_id == document.id, Task.is_section.is_(False), Task.series_id.is_(None))
        .distinct()
    ).all()
    seed = {
        n["code"]
        for n in seedcheck._seed_walk(
            seedcheck.load(seedcheck.SEED_DIR / "documents" / "001_91-KL-TU.yaml")["tasks"]
        )
        if not n.get("section")
    }
    assert set(items) == seed
    assert "III.6.a.2" in items
    leads = db.session.scalars(
        select(Task).where(Task.document_id == document.id, Task.code == "III.1.c")
    ).all()
    assert [t.lead_agency.code for t in leads] == ["SNV"]
