"""In Chromium: the report screen's long grouping shows its first rows; «Xem thêm» adds the next ones
in place (no new page), and the search shows only the matching rows, with the status line saying so;
the chart of the last quarters is fetched after the page and shown in its place."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tracker.reports import views

pytestmark = pytest.mark.browser

YEAR_2024 = "period=custom&from=01/01/2024&to=31/12/2024&as_of=31/12/2024&scope=all"


def test_show_more_adds_the_next_documents_and_the_search_finds_one(make, db, new_page, shot):
    lead = make.agency(name="Sở Nội vụ")
    for i in range(45):
        doc = make.document(
            symbol=f"{i + 1:03d}/QĐ-UBND",
            issued_on=dt.date(2024, 1, 1) + dt.timedelta(days=i),
            kind="decision",
        )
        make.task(lead=lead, document=doc, deadline=dt.date(2024, 11, 30))
    monitor = make.monitor()
    db.session.commit()
    size = views.ROWS_PER_PAGE["document"]

    page = new_page(monitor)
    page.goto(f"/reports/?{YEAR_2024}")
    rows = page.locator("#by-document tbody tr")
    expect(rows).to_have_count(size)
    section = page.locator("section[aria-labelledby=h-documents]")
    expect(section.locator("[data-rows-status]")).to_have_text(f"Văn bản 1–{size} trong 45")
    url = page.url
    # The last quarters' chart arrives after the page (reports.trend_chart), in its place.
    trend = page.locator("figure[data-trend] svg.chart-trend")
    expect(trend).to_be_visible()
    expect(trend).to_contain_text("Quý IV/2024")
    expect(page.locator("[data-trend-wait]")).to_have_count(0)

    section.get_by_role("link", name="Xem thêm").click()
    expect(rows).to_have_count(2 * size)
    expect(rows.nth(size)).to_contain_text(f"{size + 1:03d}/QĐ-UBND")
    expect(section.locator("[data-rows-status]")).to_have_text(f"Văn bản 1–{2 * size} trong 45")
    assert page.url == url  # added in place
    section.get_by_role("link", name="Xem thêm").click()
    expect(rows).to_have_count(45)
    expect(section.get_by_role("link", name="Xem thêm")).to_be_hidden()
    # The total row still counts every document.
    expect(page.locator("#by-document tfoot tr").first).to_contain_text("45")

    section.get_by_role("searchbox").fill("033/qđ")
    section.get_by_role("button", name="Tìm").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("033/QĐ-UBND")
    expect(section.locator("[data-rows-status]")).to_have_text("Văn bản 1–1 trong 1")
    shot(page, "report-rows-search")
