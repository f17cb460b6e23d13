"""Who sees which figures, and what the export files hold when task text tries to be a formula."""

import datetime as dt
import io
import re

import openpyxl
import pytest
from docx import Document as WordDocument

from tracker.reports.export_xlsx import safe
from tracker.tasks import operations

D = dt.date
ARGS = "period=custom&from=01/07/2024&to=30/09/2024&as_of=30/09/2024&scope=all"


@pytest.fixture
def province(make, db):
    root = make.agency("TINH", "Tỉnh", kind="external")
    finance = make.agency("STC", "Sở Tài chính", parent=root)
    justice = make.agency("STP", "Sở Tư pháp", parent=root)
    district = make.agency("NT", "UBND thành phố Nha Trang", kind="district", parent=root)
    commune = make.agency("NT-LT", "UBND phường Lộc Thọ", kind="commune", parent=district)
    doc = make.document("15/KH-UBND", issued_on=D(2024, 7, 1))
    for lead, n in ((finance, 2), (justice, 3), (district, 1), (commune, 4)):
        for _ in range(n):
            make.task(lead=lead, document=doc, deadline=D(2024, 9, 30), assigned_on=D(2024, 7, 1))
    # Sở Tư pháp coordinates one of Sở Tài chính's tasks: coordination is not leadership.
    make.task(
        lead=justice, document=doc, coordinating=[finance], deadline=D(2024, 9, 30), assigned_on=D(2024, 7, 1)
    )
    users = {
        "finance": make.user("focal", agency=finance),
        "justice": make.user("focal", agency=justice),
        "district": make.user("focal", agency=district),
        "leader": make.user("leader", agency=None),
        "monitor": make.monitor(),
    }
    db.session.commit()
    return {
        "finance": finance,
        "justice": justice,
        "district": district,
        "commune": commune,
        "doc": doc,
        "users": users,
    }


def _total(html: str) -> int:
    match = re.search(r'id="item-5-1"><a [^>]*>([\d.]+)</a>', html)
    assert match, html[:500]
    return int(match.group(1).replace(".", ""))


def test_leaders_and_monitors_see_every_agency(client, auth, province):
    for who in ("leader", "monitor"):
        auth.login(province["users"][who])
        assert _total(client.get(f"/reports/?{ARGS}").get_data(as_text=True)) == 11
        auth.logout()


def test_a_focal_point_cannot_get_another_agencys_figures_by_url(client, auth, province):
    auth.login(province["users"]["finance"])
    for extra in (
        "",
        f"&lead={province['justice'].id}",
        f"&lead={province['district'].id}",
        "&grouping=current&lead=",
        f"&document={province['doc'].id}",
    ):
        html = client.get(f"/reports/?{ARGS}{extra}").get_data(as_text=True)
        assert _total(html) == 2, extra
        assert "Sở Tư pháp" not in html.split('id="h-agencies"')[1]


def test_a_district_sees_its_communes_and_may_narrow_to_one(client, auth, province):
    auth.login(province["users"]["district"])
    assert _total(client.get(f"/reports/?{ARGS}").get_data(as_text=True)) == 5
    html = client.get(f"/reports/?{ARGS}&lead={province['commune'].id}").get_data(as_text=True)
    assert _total(html) == 4


def test_the_exports_and_print_view_obey_the_same_scope(client, auth, province):
    auth.login(province["users"]["finance"])
    other = f"&lead={province['justice'].id}"
    wb = openpyxl.load_workbook(io.BytesIO(client.get(f"/reports/export.xlsx?{ARGS}{other}").data))
    total = next(r for r in wb["Biểu mẫu 01"].iter_rows(values_only=True) if r[0] == "5.1.")[3]
    assert total == 2
    doc = WordDocument(io.BytesIO(client.get(f"/reports/export.docx?{ARGS}{other}").data))
    rows = [r for t in doc.tables for r in t.rows]  # Biểu mẫu 01 is in the appendix, after the letter
    assert next(r.cells[3].text for r in rows if r.cells[0].text == "5.1.") == "2"
    assert _total(client.get(f"/reports/print?{ARGS}{other}").get_data(as_text=True)) == 2


def test_the_task_list_behind_a_figure_shows_the_tasks_as_they_stood(client, auth, province, db):
    users, finance = province["users"], province["finance"]
    from sqlalchemy import select

    from tracker.tasks.models import Task

    task = db.session.scalar(select(Task).where(Task.lead_agency_id == finance.id).limit(1))
    operations.report_completion(users["finance"], task, completed_on=D(2024, 9, 25), on=D(2024, 9, 26))
    operations.confirm_completion(users["monitor"], task, on=D(2024, 10, 8))
    db.session.commit()
    auth.login(users["finance"])
    html = client.get(f"/reports/?{ARGS}").get_data(as_text=True)
    href = (
        re.search(r'href="(/tasks/\?[^"]*category=awaiting_confirmation[^"]*)"', html)
        .group(1)
        .replace("&amp;", "&")
    )
    assert f"lead={finance.id}" in href and "as_of=2024-09-30" in href
    listing = client.get(href).get_data(as_text=True)
    assert f"/tasks/{task.id}" in listing and "1 nhiệm vụ" in listing
    # As of today the same task is done, not awaiting confirmation.
    assert f"/tasks/{task.id}" not in client.get("/tasks/?category=awaiting_confirmation").get_data(
        as_text=True
    )


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"])
def test_text_that_looks_like_a_formula_is_written_as_text(text):
    assert safe(text) == "'" + text
    assert safe("Sở Tài chính") == "Sở Tài chính" and safe(12) == 12


def test_no_formula_reaches_the_workbook_from_agency_or_document_names(client, auth, make, db):
    evil = make.agency("EVIL", '=HYPERLINK("http://attacker.example","Bấm vào đây")')
    doc = make.document("+1/KH-UBND", issued_on=D(2024, 7, 1), title="-2+3 @SUM(A1)")
    make.task(lead=evil, document=doc, deadline=D(2024, 9, 30), assigned_on=D(2024, 7, 1))
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    response = client.get(f"/reports/export.xlsx?{ARGS}&document={doc.id}")
    wb = openpyxl.load_workbook(io.BytesIO(response.data))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c.coordinate for c in cells if c.data_type == "f" or c.value.startswith(("=", "+", "-", "@"))]
    names = [c.value for c in cells]
    assert '\'=HYPERLINK("http://attacker.example","Bấm vào đây")' in names
    assert "'+1/KH-UBND" in names and "'-2+3 @SUM(A1)" in names
