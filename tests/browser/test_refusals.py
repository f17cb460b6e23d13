"""In Chromium: a refused save shows the operation's message next to the field, keeps what was typed,
and leaves nothing behind (the request's boundary rolled it back), on a wide screen and a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from tracker.agencies.models import Agency

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 390])
def test_an_agency_code_already_taken_is_refused_on_its_field_and_nothing_is_saved(
    make, db, new_page, shot, width
):
    make.agency("STC", "Sở Tài chính")
    admin = make.user("admin", agency=None, email="admin@test.vn", name="Quản trị")
    db.session.commit()
    page = new_page(admin, width=width)
    page.goto("/admin/agencies/new")
    page.get_by_label("Mã", exact=True).fill("stc")
    page.get_by_label("Tên cơ quan").fill("Sở Tài chính mới")
    page.get_by_role("button", name="Lưu").click()
    code = page.get_by_label("Mã", exact=True)
    expect(code).to_have_value("stc")
    expect(page.get_by_label("Tên cơ quan")).to_have_value("Sở Tài chính mới")
    expect(page.locator(".invalid-feedback, .text-danger").filter(has_text="STC")).to_be_visible()
    shot(page, f"refusal-agency-code-{width}")
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Agency)) == 1
