"""The Q3/2024 report of 317/BC-UBND from the demo data: the function, the CLI, the page, its links
and its exports all give 127 / 86 / 0 / 19 / 0 / 22 and the plan's 19 / 61 = 31,15 %."""

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from sqlalchemy import select

from tracker.agencies.models import Agency
from tracker.core.dates import today
from tracker.db import db
from tracker.reports import classify, periods, queries, replay
from tracker.reports.queries import ReportFilter, build_report
from tracker.tasks.models import Task

Q3_END = dt.date(2024, 9, 14)
Q3_ARGS = "period=q3&year=2024&issuer=government"
Q3_FIGURES = {
    "total": 127,
    "done_on_time": 86,
    "done_late": 0,
    "awaiting_confirmation": 19,
    "overdue": 0,
    "in_progress_on_time": 22,
}
MONITOR, LEADER = "theodoi@snv.demo.tracker.vn", "lanhdao@ubnd.demo.tracker.vn"


def _q3() -> ReportFilter:
    return ReportFilter(as_of=Q3_END, period=periods.official("q3", 2024), issuer_level="government")


def _agency(code: str) -> Agency:
    return db.session.scalar(select(Agency).where(Agency.code == code))


def _q3_led_by(*codes: str) -> int:
    """How many of the 127 Government tasks of Q3/2024 these agencies lead (counted straight from the
    tasks, not through the reports module)."""
    from sqlalchemy import func

    from tracker.documents.models import Document

    return db.session.scalar(
        select(func.count())
        .select_from(Task)
        .join(Document, Task.document_id == Document.id)
        .join(Agency, Task.lead_agency_id == Agency.id)
        .where(
            Document.issuer_level == "government",
            Agency.code.in_(codes),
            Task.assigned_on.between(dt.date(2024, 6, 15), Q3_END),
        )
    )


def _plan_id() -> int:
    from tracker.documents.models import Document

    return db.session.scalar(select(Document.id).where(Document.symbol == "110/KH-UBND"))


def _figure(html: str, cell_id: str) -> str:
    match = re.search(rf'id="{cell_id}"><a class="report-num[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert match, cell_id
    return match.group(2), match.group(1).replace("&amp;", "&")


def _list_total(client, href: str) -> int:
    page = client.get(href).get_data(as_text=True)
    match = re.search(r"<small[^>]*>([\d.]+) nhiệm vụ</small>", page)
    assert match, href
    return int(match.group(1).replace(".", ""))


# ---------------------------------------------------------------- the function


def test_the_classification_gives_the_figures_of_317_bc_ubnd(demo_app):
    report = build_report(None, _q3())
    figures = report.summary.as_dict()
    assert {k: figures[k] for k in Q3_FIGURES} == Q3_FIGURES
    assert figures["completion_rate"] == pytest.approx(86 / 127, abs=1e-4)
    assert report.item5_label == "Thực hiện nhiệm vụ của Chính phủ, Thủ tướng Chính phủ giao"
    assert report.item5_note == "22 nhiệm vụ đang thực hiện trong hạn; 19 nhiệm vụ đang chờ xác nhận"
    # Item 2: the year's plan, 19 of its 61 tasks done by the cut-off.
    assert report.plan.symbol == "110/KH-UBND"
    assert (report.plan_counts.total, report.plan_counts.done) == (61, 19)
    assert f"{report.plan_counts.completion_rate * 100:.2f}" == "31.15"
    # Every block adds up to the same total; the trend ends with the quarter itself.
    for rows in (report.agencies, report.documents, report.areas):
        assert sum(r.counts.total for r in rows) == 127
    assert report.trend[-1][0].name == "Quý III/2024" and report.trend[-1][2].total == 127


def test_the_trend_takes_the_reports_own_quarter_from_its_summary_with_the_same_figures(demo_app):
    # The report's quarter, as of its end, is not counted again: the same figures as counting it.
    for rf in (_q3(), ReportFilter(as_of=Q3_END, documents=[_plan_id()])):
        report = build_report(None, rf)
        assert report.trend == queries.trend(None, report.filter), rf
    # As of a day inside the quarter: the trend's last quarter is as of that day too.
    early = _q3()
    early.as_of = dt.date(2024, 9, 1)
    report = build_report(None, early)
    assert report.trend == queries.trend(None, report.filter)


def test_the_replay_of_every_q3_task_agrees_with_the_database(demo_app):
    where = _q3().clauses(None)
    in_db = classify.task_categories(Q3_END, where)
    assert len(in_db) == 127
    tasks = db.session.scalars(select(Task).where(Task.id.in_(list(in_db)))).all()
    assert {t.id: replay.replay_task(t, Q3_END)[0] for t in tasks} == in_db


def test_the_report_as_of_the_cut_off_ignores_the_confirmations_that_came_later(demo_app):
    # The 19 awaiting confirmation on 14/9 were confirmed afterwards: today they are done.
    later = build_report(
        None,
        ReportFilter(as_of=today(), period=periods.official("q3", 2024), issuer_level="government"),
        with_trend=False,
    )
    assert later.summary.awaiting_confirmation == 0 and later.summary.done > 86
    assert build_report(None, _q3(), with_trend=False).summary.awaiting_confirmation == 19


def test_the_agencies_can_be_grouped_as_they_were_or_as_they_are_now(demo_app):
    historic = {r.code: r.counts.total for r in build_report(None, _q3(), with_trend=False).agencies}
    skhdt, stc = _q3_led_by("SKHDT"), _q3_led_by("STC")
    assert skhdt > 0 and stc > 0
    assert historic.get("SKHDT") == skhdt and historic.get("STC") == stc
    rf = _q3()
    rf.grouping = "current"
    current = {r.code: r.counts.total for r in build_report(None, rf, with_trend=False).agencies}
    assert current.get("STC") == skhdt + stc and "SKHDT" not in current
    assert sum(current.values()) == sum(historic.values()) == 127


# ---------------------------------------------------------------- the command line


def test_the_cli_summary_gives_the_q3_figures_as_json(demo_app, monkeypatch):
    # It counts the summary only, not the report's other blocks (by document, by area, the plan).
    from tracker.reports import queries

    for block in ("by_document", "by_area", "by_agency", "default_plan", "trend"):
        monkeypatch.setattr(queries, block, lambda *a, **k: pytest.fail("the summary built the whole report"))
    runner = demo_app.test_cli_runner()
    result = runner.invoke(
        args=[
            "report",
            "summary",
            "--from",
            "2024-06-15",
            "--to",
            "2024-09-14",
            "--issuer",
            "government",
            "--format",
            "json",
        ]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {
        "total",
        "done_on_time",
        "done_late",
        "awaiting_confirmation",
        "overdue",
        "in_progress_on_time",
        "due_soon",
        "extended",
        "completion_rate",
    }
    assert {k: data[k] for k in Q3_FIGURES} == Q3_FIGURES
    assert data["completion_rate"] == pytest.approx(86 / 127, abs=1e-4)


def test_the_cli_covers_all_tasks_of_a_document_when_given_no_dates(demo_app):
    runner = demo_app.test_cli_runner()
    result = runner.invoke(
        args=["report", "summary", "--document", "110/KH-UBND", "--as-of", "2024-09-14", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] == 61 and data["done_on_time"] + data["done_late"] == 19
    assert data["completion_rate"] == pytest.approx(0.3115, abs=1e-4)


def test_the_cli_by_agency_prints_one_row_per_lead_agency(demo_app):
    runner = demo_app.test_cli_runner()
    result = runner.invoke(
        args=[
            "report",
            "by-agency",
            "--from",
            "2024-06-15",
            "--to",
            "2024-09-14",
            "--issuer",
            "government",
            "--format",
            "json",
        ]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert sum(r["total"] for r in rows) == 127 and sum(r["done_on_time"] for r in rows) == 86
    assert rows[0]["rank"] == 1 and {"agency", "name", "completion_rate"} <= set(rows[0])
    table = runner.invoke(
        args=["report", "by-agency", "--from", "2024-06-15", "--to", "2024-09-14", "--issuer", "government"]
    )
    assert "Sở Tư pháp" in table.output and "Tổng cộng" in table.output


def test_the_cli_refuses_unclear_input_with_a_message(demo_app):
    runner = demo_app.test_cli_runner()
    result = runner.invoke(args=["report", "summary", "--format", "json"])
    assert result.exit_code != 0 and "--document" in result.output
    result = runner.invoke(args=["report", "summary", "--document", "không-có/KH", "--format", "json"])
    assert result.exit_code != 0 and "Không có văn bản" in result.output


def test_the_cli_writes_the_exports(demo_app, tmp_path):
    runner = demo_app.test_cli_runner()
    for fmt in ("xlsx", "docx"):
        out = tmp_path / f"q3.{fmt}"
        result = runner.invoke(
            args=[
                "report",
                "summary",
                "--from",
                "2024-06-15",
                "--to",
                "2024-09-14",
                "--issuer",
                "government",
                "--format",
                fmt,
                "--output",
                str(out),
            ]
        )
        assert result.exit_code == 0, result.output
        assert zipfile.is_zipfile(out)
    wb = openpyxl.load_workbook(tmp_path / "q3.xlsx")
    assert _xlsx_item(wb["Biểu mẫu 01"], "5.1.")[3] == 127


# ---------------------------------------------------------------- the page and its links


def test_the_report_page_shows_the_figures_and_each_links_to_its_tasks(demo_app, login):
    client = login(MONITOR)
    html = client.get(f"/reports/?{Q3_ARGS}").get_data(as_text=True)
    assert "Quý III/2024" in html and "15/06/2024" in html and "14/09/2024" in html
    expected = {"item-5-1": 127, "item-5-2": 86, "item-5-3": 0, "item-5-4": 0}
    for cell_id, number in expected.items():
        shown, href = _figure(html, cell_id)
        assert shown == str(number)
        assert _list_total(client, href) == number, cell_id
    assert "22 nhiệm vụ đang thực hiện trong hạn; 19 nhiệm vụ đang chờ xác nhận" in html
    assert re.search(r'id="plan-rate">31,15<', html)
    # The awaiting-confirmation card opens the 19 tasks as they stood on 14/9.
    href = (
        re.search(r'href="(/tasks/\?category=awaiting_confirmation[^"]*)"', html)
        .group(1)
        .replace("&amp;", "&")
    )
    assert "as_of=2024-09-14" in href and _list_total(client, href) == 19
    assert html.count("<svg") >= 2  # donut, bars; the last quarters' chart is fetched (below)
    trend_url = re.search(r'data-trend="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert (
        trend_url.startswith("/reports/trend?")
        and "period=q3" in trend_url
        and "issuer=government" in trend_url
    )
    chart = client.get(trend_url).get_data(as_text=True)
    assert chart.count("<svg") == 1 and "Quý III/2024" in chart and "127 nhiệm vụ" in chart


def test_the_last_quarters_chart_is_fetched_apart_with_the_pages_filter_and_scope(demo_app, login):
    # The monitor's chart: the four quarters up to Quý III/2024, each as the report counts it.
    monitor = login(MONITOR)
    chart = monitor.get(f"/reports/trend?{Q3_ARGS}").get_data(as_text=True)
    expected = queries.trend(None, _q3())
    assert [q.name for q, _on, _c in expected][-1] == "Quý III/2024"
    for quarter, _on, counts in expected:
        assert quarter.name in chart and f"{counts.total} nhiệm vụ" in chart
    # A focal point gets its own agency's figures, whatever agency it names.
    other = _agency("SKHDT")
    focal = login("daumoi@stp.demo.tracker.vn")
    own = focal.get(f"/reports/trend?{Q3_ARGS}&lead={other.id}").get_data(as_text=True)
    assert f"{_q3_led_by('STP')} nhiệm vụ" in own and "127 nhiệm vụ" not in own
    # A date it cannot read: a clear message, no chart.
    bad = monitor.get("/reports/trend?period=custom&from=31/02/2024&to=14/09/2024")
    assert bad.status_code == 422 and "<svg" not in bad.get_data(as_text=True)


def test_the_by_agency_links_follow_the_grouping(demo_app, login):
    client = login(MONITOR)
    stc = _agency("STC")
    html = client.get(f"/reports/?{Q3_ARGS}&grouping=current").get_data(as_text=True)
    hrefs = [h.replace("&amp;", "&") for h in re.findall(r'href="(/tasks/\?lead=[^"]*)"', html)]
    row = [h for h in hrefs if h.startswith(f"/tasks/?lead={stc.id}&") and "category" not in h]
    assert row and "lead_only=1" in row[0] and "merged=1" in row[0]
    assert _list_total(client, row[0]) == _q3_led_by("SKHDT", "STC")


def test_the_print_view_has_the_official_heading_and_no_menu(demo_app, login):
    client = login(LEADER)
    html = client.get(f"/reports/print?{Q3_ARGS}").get_data(as_text=True)
    assert "PHỤ LỤC" in html and "QUÝ III/2024" in html and 'class="navbar' not in html
    assert _figure(html, "item-5-1")[0] == "127"


def test_bad_dates_are_refused_with_a_message_and_the_input_kept(demo_app, login):
    client = login(MONITOR)
    response = client.get("/reports/?period=custom&from=31/02/2024&to=14/09/2024")
    html = response.get_data(as_text=True)
    assert (
        "Không hiểu ngày «31/02/2024»" in html
        and 'value="31/02/2024"' in html
        and 'id="item-5-1"' not in html
    )
    html = client.get("/reports/?period=custom&from=14/09/2024&to=15/06/2024").get_data(as_text=True)
    assert "Ngày kết thúc phải sau ngày bắt đầu." in html
    assert client.get("/reports/export.xlsx?period=custom&from=x&to=y").status_code == 422


def test_the_home_page_counts_with_the_same_function(demo_app, login):
    client = login(MONITOR)
    html = client.get("/").get_data(as_text=True)
    counts = classify.tally(today(), [])
    for key in ("overdue", "done_on_time"):
        shown = f"{getattr(counts, key):,}".replace(",", ".")
        assert f"{key}" in html and f'<div class="stat-value">{shown}</div>' in html
    assert "Cơ cấu theo phân loại báo cáo" in html


# ---------------------------------------------------------------- a focal point sees its own agency only


def test_a_focal_point_gets_its_own_agencys_figures_whatever_it_asks_for(demo_app, login):
    client = login("daumoi@stp.demo.tracker.vn")
    other = _agency("SKHDT")
    html = client.get(f"/reports/?{Q3_ARGS}&lead={other.id}").get_data(as_text=True)
    own = _q3_led_by("STP")
    assert 0 < own < 127
    assert _figure(html, "item-5-1")[0] == str(own)  # Sở Tư pháp's share of the 127
    assert "Sở Kế hoạch và Đầu tư" not in html
    xlsx = client.get(f"/reports/export.xlsx?{Q3_ARGS}&lead={other.id}")
    assert xlsx.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.data))
    assert _xlsx_item(wb["Biểu mẫu 01"], "5.1.")[3] == own
    assert [row[2] for row in wb["Theo cơ quan"].iter_rows(values_only=True) if isinstance(row[0], int)] == [
        "Sở Tư pháp"
    ]
    word = WordDocument(io.BytesIO(client.get(f"/reports/export.docx?{Q3_ARGS}&lead={other.id}").data))
    assert "Sở Kế hoạch và Đầu tư" not in "\n".join(
        c.text for t in word.tables for r in t.rows for c in r.cells
    )


# ---------------------------------------------------------------- the exports, opened back


def _xlsx_item(ws, stt: str):
    return next(row for row in ws.iter_rows(values_only=True) if row[0] == stt)


def test_the_excel_export_has_one_sheet_per_block_with_numbers_as_numbers(demo_app, login):
    client = login(MONITOR)
    response = client.get(f"/reports/export.xlsx?{Q3_ARGS}")
    assert response.status_code == 200 and "q3-2024" in response.headers["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.data))
    assert wb.sheetnames == ["Biểu mẫu 01", "Theo cơ quan", "Theo văn bản", "Theo lĩnh vực", "Xu hướng"]
    form = wb["Biểu mẫu 01"]
    assert _xlsx_item(form, "2.")[3] == 31.15
    assert _xlsx_item(form, "2.1.")[3] == 61 and _xlsx_item(form, "2.2.")[3] == 19
    row = _xlsx_item(form, "5.1.")
    assert row[3] == 127 and isinstance(row[3], int)
    assert row[4] == "22 nhiệm vụ đang thực hiện trong hạn; 19 nhiệm vụ đang chờ xác nhận"
    assert [_xlsx_item(form, s)[3] for s in ("5.2.", "5.3.", "5.4.")] == [86, 0, 0]
    agencies = [r for r in wb["Theo cơ quan"].iter_rows(values_only=True) if r[0] == "Tổng cộng"]
    assert agencies[0][3:9] == (127, 86, 0, 19, 0, 22)
    trend = list(wb["Xu hướng"].iter_rows(values_only=True))
    assert trend[-1][0] == "Quý III/2024" and trend[-1][3].date() == Q3_END and trend[-1][4] == 127


def test_the_word_export_has_the_official_table_landscape_in_times_new_roman(demo_app, login):
    client = login(MONITOR)
    response = client.get(f"/reports/export.docx?{Q3_ARGS}")
    assert response.status_code == 200
    doc = WordDocument(io.BytesIO(response.data))
    section = doc.sections[-1]  # the appendix, after the letter
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert {r.font.name for p in doc.paragraphs for r in p.runs if r.text} == {"Times New Roman"}
    form = next(t for t in doc.tables if t.cell(0, 0).text == "STT")
    assert form.cell(0, 1).text.startswith("Chỉ tiêu thống kê") and form.cell(0, 2).text == "Kết quả thống kê"
    assert [form.cell(1, 2).text, form.cell(1, 3).text] == ["Đơn vị tính", "Số liệu"]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in form.rows[2:]}
    assert rows["2."][3] == "31,15" and rows["2.1."][3] == "61" and rows["2.2."][3] == "19"
    assert rows["5."][1] == "Thực hiện nhiệm vụ của Chính phủ, Thủ tướng Chính phủ giao"
    assert rows["5.1."][3] == "127"
    assert rows["5.1."][4] == "22 nhiệm vụ đang thực hiện trong hạn; 19 nhiệm vụ đang chờ xác nhận"
    assert [rows[s][3] for s in ("5.2.", "5.3.", "5.4.")] == ["86", "0", "0"]


@pytest.mark.slow
@pytest.mark.skipif(
    not shutil.which("libreoffice") or not shutil.which("pdftotext"), reason="needs LibreOffice"
)
def test_libreoffice_opens_both_exports(demo_app, login, tmp_path):
    client = login(MONITOR)
    files = {"xlsx": tmp_path / "bao-cao-excel.xlsx", "docx": tmp_path / "bao-cao-word.docx"}
    for kind, path in files.items():
        path.write_bytes(client.get(f"/reports/export.{kind}?{Q3_ARGS}").data)
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, files.values()),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for path in files.values():
        text = subprocess.run(
            ["pdftotext", str(path.with_suffix(".pdf")), "-"], check=True, capture_output=True, text=True
        ).stdout
        text = " ".join(text.split())  # cells wrap their text over lines
        assert "22 nhiệm vụ đang thực hiện trong hạn; 19 nhiệm vụ đang chờ xác nhận" in text, path
        assert " 127 " in text and "Sở Tư pháp" in text and "110/KH-UBND" in text
