"""The report screen shows the long groupings a page at a time, so that a national data set's
screen stays small: every row is still reachable (page by page, and all of them in the Excel
file), the totals are the whole report's, and every figure still opens its tasks."""

import io
import re

import openpyxl

from tracker.reports import views

MONITOR = "theodoi@snv.demo.tracker.vn"
ALL_OF_2024 = "period=custom&from=01/01/2020&to=31/12/2024&as_of=31/12/2024"


def _document_rows(html: str) -> list[str]:
    table = html.split('id="by-document"', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<span class="fw-semibold">([^<]+)</span>', table)


def test_the_documents_grouping_is_paged_and_the_excel_file_holds_every_row(demo_app, login, monkeypatch):
    client = login(MONITOR)
    whole = _document_rows(client.get(f"/reports/?{ALL_OF_2024}").get_data(as_text=True))
    assert len(whole) > 6  # the demo's documents of 2020–2024, all on one page at the normal size

    monkeypatch.setitem(views.ROWS_PER_PAGE, "document", 3)
    first = client.get(f"/reports/?{ALL_OF_2024}").get_data(as_text=True)
    assert _document_rows(first) == whole[:3]
    assert f"Văn bản 1–3 trong {len(whole)}" in first
    assert "document_page=2" in first and "Tệp Excel có đủ mọi dòng." in first
    second = client.get(f"/reports/?{ALL_OF_2024}&document_page=2").get_data(as_text=True)
    assert _document_rows(second) == whole[3:6]
    # The totals row is the whole report's on every page.
    foot = lambda html: html.split('id="by-document"', 1)[1].split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]  # noqa: E731
    assert foot(first) == foot(second)
    # A page beyond the last shows the last one; nonsense shows the first.
    last = (len(whole) + 2) // 3
    assert (
        _document_rows(client.get(f"/reports/?{ALL_OF_2024}&document_page=999").get_data(as_text=True))
        == whole[(last - 1) * 3 :]
    )
    assert (
        _document_rows(client.get(f"/reports/?{ALL_OF_2024}&document_page=x").get_data(as_text=True))
        == whole[:3]
    )

    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/reports/export.xlsx?{ALL_OF_2024}").data))
    symbols = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert set(whole) <= symbols


def test_a_figure_in_a_paged_grouping_opens_the_tasks_it_counts(demo_app, login, monkeypatch):
    monkeypatch.setitem(views.ROWS_PER_PAGE, "document", 2)
    client = login(MONITOR)
    html = client.get(f"/reports/?{ALL_OF_2024}&document_page=2").get_data(as_text=True)
    table = html.split('id="by-document"', 1)[1].split("</tbody>", 1)[0]
    shown, href = re.search(r'<a class="report-num[^"]*" href="([^"]+)"[^>]*>([\d.]+)</a>', table).group(2, 1)
    listing = client.get(href.replace("&amp;", "&")).get_data(as_text=True)
    assert re.search(rf"\b{re.escape(shown)}\b nhiệm vụ", listing), (shown, href)


def test_the_form_offers_the_newest_documents_and_the_chosen_ones(demo_app, login, monkeypatch):
    monkeypatch.setattr(views, "DOCUMENT_CHOICES_MAX", 2)
    client = login(MONITOR)
    options = lambda html: re.findall(  # noqa: E731
        r'<option value="(\d+)"', html.split('name="document"', 1)[1].split("</select>", 1)[0]
    )
    offered = options(client.get("/reports/").get_data(as_text=True))
    assert len(offered) == 2
    # An older document chosen in the address is offered too, selected.
    from sqlalchemy import select

    from tracker.db import db
    from tracker.documents.models import Document

    with demo_app.app_context():
        oldest = db.session.scalar(select(Document.id).order_by(Document.issued_on).limit(1))
    html = client.get(f"/reports/?scope=documents&document={oldest}").get_data(as_text=True)
    assert str(oldest) in options(html) and len(options(html)) == 3
