"""The report screen stays light whatever the number of documents and agencies: a long grouping
shows its first rows and the total row of the whole report; the next rows and a search come on
demand (reports.rows) with the page's own scope — a focal point never gets another agency's rows —
and the Excel file still holds every row."""

import datetime as dt
import io
import re

import openpyxl
import pytest

from tracker.reports import views

YEAR_2024 = "period=custom&from=01/01/2024&to=31/12/2024&as_of=31/12/2024&scope=all"


def _symbols(html: str, table_id: str | None = "by-document") -> list[str]:
    if table_id:
        html = html.split(f'id="{table_id}"', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<span class="fw-semibold">([^<]+)</span>', html)


def _documents(make, lead, n: int, start: int = 0) -> list[str]:
    """n documents of 2024 with one task each, in the screen's order (by date of issue)."""
    symbols = []
    for i in range(start, start + n):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=i)
        doc = make.document(symbol=f"{i + 1:03d}/KH-UBND", issued_on=day, kind="decision")
        make.task(lead=lead, document=doc, deadline=dt.date(2024, 11, 30))
        symbols.append(doc.symbol)
    return symbols


@pytest.fixture
def lead(make):
    return make.agency(name="Sở Nội vụ")


def test_many_documents_show_their_first_rows_and_the_total_of_all(client, auth, make, db, lead):
    symbols = _documents(make, lead, 45)
    db.session.commit()
    auth.login(make.monitor())
    html = client.get(f"/reports/?{YEAR_2024}").get_data(as_text=True)
    size = views.ROWS_PER_PAGE["document"]
    assert _symbols(html) == symbols[:size]
    body = html.split('class="report-body"', 1)[1]  # the report under the form (whose lists offer them)
    assert not any(s in body for s in symbols[size:])  # the rest are not on the page…
    assert f"Văn bản 1–{size} trong 45" in html and "Xem thêm" in html
    foot = html.split('id="by-document"', 1)[1].split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    assert re.search(r">45</a></td>", foot)  # …but the total row counts them all

    # Twice the documents: the same rows on the screen, the page hardly heavier (the form's lists
    # of documents and plans grow by an option each, the tables not at all).
    _documents(make, lead, 45, start=45)
    db.session.commit()
    bigger = client.get(f"/reports/?{YEAR_2024}").get_data(as_text=True)
    assert _symbols(bigger) == symbols[:size]
    assert f"Văn bản 1–{size} trong 90" in bigger
    assert len(bigger.encode()) - len(html.encode()) < 20_000

    # The Excel file holds every row.
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/reports/export.xlsx?{YEAR_2024}").data))
    cells = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert set(symbols) <= cells


def test_the_fragment_gives_the_next_rows_and_searches_them(client, auth, make, db, lead):
    symbols = _documents(make, lead, 45)
    db.session.commit()
    auth.login(make.monitor())
    size = views.ROWS_PER_PAGE["document"]
    second = client.get(f"/reports/rows?block=document&document_page=2&{YEAR_2024}")
    assert second.status_code == 200
    body = second.get_data(as_text=True)
    assert _symbols(body, None) == symbols[size : 2 * size]
    assert f'data-status="Văn bản 1–{2 * size} trong 45"' in body
    assert "document_page=3" in re.search(r'data-next="([^"]*)"', body).group(1)
    last = client.get(f"/reports/rows?block=document&document_page=3&{YEAR_2024}").get_data(as_text=True)
    assert _symbols(last, None) == symbols[2 * size :]
    assert 'data-next=""' in last

    # A search over every row, whatever the case: only the matching ones.
    found = client.get(f"/reports/rows?block=document&document_q=033/kh&{YEAR_2024}").get_data(as_text=True)
    assert _symbols(found, None) == ["033/KH-UBND"]
    assert 'data-status="Văn bản 1–1 trong 1"' in found
    # The page does the same without JavaScript.
    page = client.get(f"/reports/?{YEAR_2024}&document_q=033/kh").get_data(as_text=True)
    assert _symbols(page) == ["033/KH-UBND"]
    none = client.get(f"/reports/rows?block=document&document_q=zzz&{YEAR_2024}").get_data(as_text=True)
    assert _symbols(none, None) == [] and "Không có văn bản nào khớp «zzz»." in none

    # The agencies and the ages of the overdue tasks (every task of the year is overdue now).
    agencies = client.get(f"/reports/rows?block=agency&{YEAR_2024}").get_data(as_text=True)
    assert "Sở Nội vụ" in agencies and ">45</a>" in agencies
    ages = client.get(f"/reports/rows?block=ages&{YEAR_2024}").get_data(as_text=True)
    assert "Sở Nội vụ" in ages

    assert client.get(f"/reports/rows?block=nonsense&{YEAR_2024}").status_code == 404
    assert client.get("/reports/rows?block=document&period=custom&from=x").status_code == 422


def test_a_focal_point_gets_only_its_own_agencys_rows(client, auth, make, db, lead):
    other = make.agency(name="Sở Tài chính")
    mine = _documents(make, lead, 3)
    theirs = make.document(symbol="999/KH-UBND", issued_on=dt.date(2024, 2, 1))
    make.task(lead=other, document=theirs, deadline=dt.date(2024, 11, 30))
    focal = make.user("focal", agency=lead)
    db.session.commit()
    auth.login(focal)
    for block in ("agency", "ages", "document"):
        # Asking for the other agency, or for its document, changes nothing: the page's own scope.
        for extra in ("", f"&lead={other.id}", f"&document={theirs.id}&scope=plan"):
            body = client.get(f"/reports/rows?block={block}&{YEAR_2024}{extra}").get_data(as_text=True)
            assert "Sở Tài chính" not in body and "999/KH-UBND" not in body, (block, extra)
    docs = client.get(f"/reports/rows?block=document&{YEAR_2024}&lead={other.id}").get_data(as_text=True)
    assert _symbols(docs, None) == mine
    auth.logout()
    anonymous = client.get(f"/reports/rows?block=document&{YEAR_2024}")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
