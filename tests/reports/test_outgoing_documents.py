"""The Word report of Q3/2024 from the demo, as a provincial official signs it: an administrative
document (Nghị định 30/2020/NĐ-CP, Phụ lục I) under Khánh Hòa's letterhead, the body writing out
127 / 86 / 22 / 19 as Báo cáo 317/BC-UBND does, the appendix in landscape, columns that never split a
word; the appendix alone; the PDF through LibreOffice; Bình Định's letterhead from the same data."""

import io
import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from sqlalchemy import select

from tracker.db import db
from tracker.letterhead import operations as letterhead_operations
from tracker.seed.loader import letterheads
from tracker.tasks.models import CATEGORIES
from tracker.users.models import User

Q3_ARGS = "period=q3&year=2024&issuer=government"
MONITOR = "theodoi@snv.demo.tracker.vn"
CLI_Q3 = ["report", "summary", "--from", "2024-06-15", "--to", "2024-09-14", "--issuer", "government"]
THE_317_SENTENCE = (
    "Trong Quý III/2024, UBND tỉnh nhận được 127 nhiệm vụ do Chính phủ, Thủ tướng Chính phủ giao; "
    "kết quả thống kê có 86 nhiệm vụ đã hoàn thành đúng hạn, 22 nhiệm vụ đang thực hiện trong hạn, "
    "19 nhiệm vụ đang chờ xác nhận."
)


def _cli_docx(demo_app, tmp_path, *extra) -> WordDocument:
    out = tmp_path / "bao-cao.docx"
    result = demo_app.test_cli_runner().invoke(
        args=[*CLI_Q3, "--format", "docx", "--output", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return WordDocument(str(out))


def _mm(*lengths) -> tuple:
    """Lengths in whole millimetres (Word stores twips: 210 mm is 210,01 mm)."""
    return tuple(round(length.mm) for length in lengths)


def _body_order(doc):
    """Paragraphs and tables of the body in order, each with the index of its section."""
    out, section = [], 0
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            out.append((section, el))
            if el.find(qn("w:pPr")) is not None and el.find(qn("w:pPr")).find(qn("w:sectPr")) is not None:
                section += 1
        elif el.tag == qn("w:tbl"):
            out.append((section, el))
    return out


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def _section_of(doc, text: str) -> int:
    return next(section for section, el in _body_order(doc) if text in _text(el))


def _paragraph(doc, text: str):
    return next(p for p in doc.paragraphs if p.text == text)


def _all_cell_paragraphs(table):
    for row in table.rows:
        for cell in row.cells:
            yield from cell.paragraphs


# ---------------------------------------------------------------- the full report


@pytest.fixture(scope="module")
def full_report(demo_app, tmp_path_factory):
    return _cli_docx(demo_app, tmp_path_factory.mktemp("word"), "--number", "317", "--date", "2024-09-18")


def test_the_page_is_a4_with_the_margins_of_nghi_dinh_30_letter_portrait_appendix_landscape(full_report):
    letter, appendix = full_report.sections
    assert letter.orientation == WD_ORIENT.PORTRAIT
    assert _mm(letter.page_width, letter.page_height) == (210, 297)
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert _mm(appendix.page_width, appendix.page_height) == (297, 210)
    for section in (letter, appendix):
        top, bottom, left, right = _mm(
            section.top_margin, section.bottom_margin, section.left_margin, section.right_margin
        )
        assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20
        # The page number at the top, from the second page of each part on.
        assert section.different_first_page_header_footer
        assert section.header._element.find(".//" + qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"
    assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


def test_the_letterhead_the_motto_the_number_and_the_place_and_date(full_report):
    heading = full_report.tables[0]
    issuer, motto = heading.rows[0].cells
    number, date = heading.rows[1].cells
    assert [p.text for p in issuer.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA"]
    assert all(r.bold for p in issuer.paragraphs for r in p.runs)
    assert [p.text for p in motto.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    # A line under the issuing body and under the motto: the top border of a paragraph after them.
    for cell in (issuer, motto):
        last = cell.paragraphs[-1]
        assert (
            last.text == "" and last._p.pPr.find(qn("w:pBdr")).find(qn("w:top")).get(qn("w:val")) == "single"
        )
    assert number.text == "Số: 317/BC-UBND"
    assert date.text == "Khánh Hòa, ngày 18 tháng 9 năm 2024"
    assert all(r.italic for r in date.paragraphs[0].runs)


def test_the_kind_the_summary_and_the_body_with_the_figures_of_317(full_report):
    kind = _paragraph(full_report, "BÁO CÁO")
    assert kind.runs[0].bold and kind.runs[0].font.size.pt == 14
    summary = kind._p.getnext()
    assert _text(summary) == (
        "Tình hình, kết quả thực hiện nhiệm vụ do Chính phủ, Thủ tướng Chính phủ giao trong Quý III/2024"
    )
    assert _paragraph(full_report, "Kính gửi: Bộ Nội vụ.")
    body = [p.text for p in full_report.paragraphs]
    assert THE_317_SENTENCE in body
    assert (
        "Tỷ lệ hoàn thành đạt 67,72\u00a0% (86/127 nhiệm vụ); tỷ lệ hoàn thành đúng hạn đạt 67,72\u00a0%. "
        "Không có nhiệm vụ đã hoàn thành nhưng quá hạn, không có nhiệm vụ quá hạn nhưng chưa hoàn thành."
    ) in body
    assert any(
        "lũy kế đến thời điểm báo cáo, đạt 31,15\u00a0%: 19/61 nhiệm vụ đã hoàn thành." in t for t in body
    )
    assert "UBND tỉnh kính báo cáo Bộ Nội vụ theo dõi, tổng hợp./." in body
    sentence = _paragraph(full_report, THE_317_SENTENCE)
    assert sentence.alignment == 3 and sentence.runs[0].font.size.pt == 14  # justified, 14 pt
    assert _section_of(full_report, THE_317_SENTENCE) == 0


def test_the_recipients_and_the_signature_block(full_report):
    signature = next(t for t in full_report.tables if "Nơi nhận:" in t.cell(0, 0).text)
    recipients, signer = signature.rows[0].cells
    lines = [p.text for p in recipients.paragraphs]
    assert (
        lines[0] == "Nơi nhận:"
        and recipients.paragraphs[0].runs[0].bold
        and recipients.paragraphs[0].runs[0].italic
    )
    assert (
        lines[1] == "- Như trên;" and lines[-1] == "- Lưu: VT, PT, HL." and "- Thủ tướng Chính phủ;" in lines
    )
    texts = [p.text for p in signer.paragraphs if p.text]
    assert texts == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "(Ký, ghi rõ họ tên, đóng dấu)",
        "Nguyễn Tấn Tuân",
    ]
    assert _section_of(full_report, "Nơi nhận:") == 0


def test_the_appendix_biểu_mẫu_01_and_the_tables_follow_in_the_landscape_section(full_report):
    for text in (
        "PHỤ LỤC",
        "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN NHIỆM VỤ DO CHÍNH PHỦ, THỦ TƯỚNG CHÍNH PHỦ GIAO",
        "TRONG QUÝ III/2024 TRÊN ĐỊA BÀN TỈNH KHÁNH HÒA",
        "(Kèm theo Báo cáo số 317/BC-UBND ngày 18/9/2024 của Ủy ban nhân dân tỉnh Khánh Hòa)",
        "(Số liệu tính đến hết ngày 14/09/2024)",
        "Biểu mẫu số 01",
        "Công tác chỉ đạo, điều hành Cải cách hành chính",
    ):
        assert _paragraph(full_report, text), text
        assert _section_of(full_report, text) == 1, text
    form = next(t for t in full_report.tables if t.cell(0, 0).text == "STT")
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in form.rows[2:]}
    assert [rows[s][3] for s in ("5.1.", "5.2.", "5.3.", "5.4.")] == ["127", "86", "0", "0"]
    assert rows["5.1."][4] == "22 nhiệm vụ đang thực hiện trong hạn; 19 nhiệm vụ đang chờ xác nhận"
    assert rows["2."][3] == "31,15"
    agencies = next(t for t in full_report.tables if t.cell(0, 0).text == "Hạng")
    total = agencies.rows[-1]
    assert total.cells[0].text == "Tổng cộng" and total.cells[1].text == "Tổng cộng"  # one merged cell
    assert [c.text for c in total.cells[2:]] == ["127", "86", "0", "19", "0", "22", "67,72"]
    # The charts, from the page's SVG: donut, trend, bars.
    assert len(full_report.inline_shapes) == 3
    assert all(shape.width > Mm(100) for shape in full_report.inline_shapes)


def test_every_run_is_times_new_roman_between_11_and_14_points(full_report):
    runs = [r for p in full_report.paragraphs for r in p.runs]
    runs += [r for t in full_report.tables for p in _all_cell_paragraphs(t) for r in p.runs]
    runs = [r for r in runs if r.text.strip()]  # not the charts' picture runs
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size.pt for r in runs} <= {11, 12, 13, 14}
    fonts = runs[0]._element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == fonts.get(qn("w:cs")) == "Times New Roman"


def _font_file(bold: bool) -> str | None:
    if not shutil.which("fc-match"):
        return None
    style = "Bold" if bold else "Regular"
    path = subprocess.run(
        ["fc-match", "-f", "%{file}", f"Liberation Serif:style={style}"], capture_output=True, text=True
    ).stdout
    return path if "LiberationSerif" in path else None


def test_no_word_of_a_table_is_wider_than_its_column(full_report):
    """Word and LibreOffice split a word only when it is wider than its cell ('Hạn/g', 'Tổn/g cộng'):
    measure every word of every table with Liberation Serif, metric-compatible with Times New Roman."""
    PIL = pytest.importorskip("PIL.ImageFont")
    regular, bold = _font_file(False), _font_file(True)
    if not (regular and bold):
        pytest.skip("needs the Liberation Serif fonts (fonts-liberation)")
    faces = {False: PIL.truetype(regular, 1000), True: PIL.truetype(bold, 1000)}
    checked = 0
    for table in full_report.tables:
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iterchildren(qn("w:gridCol"))]
        for tr in table._tbl.tr_lst:
            column = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                room_cm = sum(grid[column : column + span]) / 567 - 2 * 0.19  # twips; cell margins
                column += span
                for p in tc.iter(qn("w:p")):
                    for r in p.iter(qn("w:r")):
                        text = "".join(t.text or "" for t in r.iter(qn("w:t")))
                        rpr = r.find(qn("w:rPr"))
                        size = int(rpr.find(qn("w:sz")).get(qn("w:val"))) / 2 if rpr is not None else 14
                        is_bold = rpr is not None and rpr.find(qn("w:b")) is not None
                        for word in text.split():
                            width_cm = faces[is_bold].getlength(word) / 1000 * size / 72 * 2.54
                            assert width_cm <= room_cm, f"«{word}» ({width_cm:.2f} cm) > {room_cm:.2f} cm"
                            checked += 1
    assert checked > 500


# ---------------------------------------------------------------- the appendix alone, from the page


def test_the_page_offers_the_report_and_the_appendix_and_both_download(demo_app, login):
    client = login(MONITOR)
    html = client.get(f"/reports/?{Q3_ARGS}").get_data(as_text=True)
    assert "Tải Word: báo cáo (.docx)" in html and "Tải Word: phụ lục (.docx)" in html
    full = client.get(f"/reports/export.docx?{Q3_ARGS}")
    assert 'filename="bao-cao-q3-2024-den-14-09-2024.docx"' in full.headers["Content-Disposition"]
    response = client.get(f"/reports/export.docx?{Q3_ARGS}&part=appendix")
    assert 'filename="phu-luc-q3-2024-den-14-09-2024.docx"' in response.headers["Content-Disposition"]
    doc = WordDocument(io.BytesIO(response.data))
    [section] = doc.sections
    assert section.orientation == WD_ORIENT.LANDSCAPE
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "PHỤ LỤC" and "BÁO CÁO" not in texts and THE_317_SENTENCE not in texts
    # Number and date left blank for the clerk when the page exports it.
    assert re.fullmatch(
        r"\(Kèm theo Báo cáo số \s+/BC-UBND ngày\s+/\s+/\d{4} của Ủy ban nhân dân tỉnh Khánh Hòa\)", texts[3]
    )
    form = next(t for t in doc.tables if t.cell(0, 0).text == "STT")
    assert next(r.cells[3].text for r in form.rows if r.cells[0].text == "5.1.") == "127"
    assert not any("Nơi nhận" in c.text for t in doc.tables for r in t.rows for c in r.cells)


def test_the_cli_writes_the_appendix_alone_and_refuses_a_bad_date(demo_app, tmp_path):
    doc = _cli_docx(demo_app, tmp_path, "--appendix-only")
    assert len(doc.sections) == 1 and doc.paragraphs[0].text == "PHỤ LỤC"
    result = demo_app.test_cli_runner().invoke(
        args=[*CLI_Q3, "--format", "docx", "--output", str(tmp_path / "x.docx"), "--date", "18/9/2024"]
    )
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output and not (tmp_path / "x.docx").exists()


def test_the_report_goes_out_under_binh_dinhs_letterhead_once_the_admin_sets_it(demo_app, tmp_path):
    admin = db.session.scalar(select(User).where(User.email == "admin@demo.tracker.vn"))
    letterhead_operations.update_letterhead(admin, letterheads()["BD"])
    db.session.commit()
    try:
        doc = _cli_docx(demo_app, tmp_path)
    finally:
        letterhead_operations.update_letterhead(admin, letterheads()["KH"])
        db.session.commit()
    issuer, _motto = doc.tables[0].rows[0].cells
    assert "TỈNH BÌNH ĐỊNH" in issuer.text and "KHÁNH HÒA" not in issuer.text
    assert doc.tables[0].cell(1, 1).text.startswith("Bình Định, ngày ")
    texts = [p.text for p in doc.paragraphs]
    assert "TRONG QUÝ III/2024 TRÊN ĐỊA BÀN TỈNH BÌNH ĐỊNH" in texts
    signature = next(t for t in doc.tables if "Nơi nhận:" in t.cell(0, 0).text)
    assert "Lâm Hải Giang" in signature.cell(0, 1).text and "- Lưu: VT, KSTT." in signature.cell(0, 0).text


def test_the_print_view_is_laid_out_as_the_word_report(demo_app, login):
    html = login(MONITOR).get(f"/reports/print?{Q3_ARGS}").get_data(as_text=True)
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH KHÁNH HÒA",
        "Khánh Hòa, ngày ",
        THE_317_SENTENCE,
        "Nơi nhận:",
        "PHÓ CHỦ TỊCH",
        "TRONG QUÝ III/2024 TRÊN ĐỊA BÀN TỈNH KHÁNH HÒA",
        "Biểu mẫu số 01",
    ):
        assert text in html, text
    assert html.index(THE_317_SENTENCE) < html.index("Nơi nhận:") < html.index("PHỤ LỤC")


# ---------------------------------------------------------------- the PDF, through LibreOffice


def _page_sizes(path) -> list[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True, text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("libreoffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="needs LibreOffice and poppler-utils",
)
def test_the_pdf_is_the_word_report_rendered_by_libreoffice_with_no_word_split(demo_app, login, tmp_path):
    client = login(MONITOR)
    assert "Tải PDF" in client.get(f"/reports/?{Q3_ARGS}").get_data(as_text=True)
    response = client.get(f"/reports/export.pdf?{Q3_ARGS}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(response.data)
    sizes = _page_sizes(path)
    portrait = [s for s in sizes if s[0] < s[1]]
    assert 1 <= len(portrait) <= 3 and sizes[: len(portrait)] == portrait  # the letter, then the appendix
    assert len(sizes) - len(portrait) >= 3 and all(s[0] > s[1] for s in sizes[len(portrait) :])
    assert all(abs(min(s) - 595.3) < 1 and abs(max(s) - 841.9) < 1 for s in sizes)  # A4
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert (
        THE_317_SENTENCE in flat
        and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
        and "Nguyễn Tấn Tuân" in flat
    )
    words = set(text.split())
    # The words of the tables' headers and totals come out whole, never "Hạn/g" or "Tổn/g cộng".
    for word in (
        "Hạng",
        "STT",
        "Tổng",
        "cộng",
        "Hoàn",
        "thành",
        "đúng",
        "nhận",
        "Đang",
        "(%)",
        "Đơn",
        "tính",
    ):
        assert word in words, word
    assert not {"Hạn", "Tổn", "g", "ộng"} & words
    assert flat.count("Tổng cộng") == 3  # the three count tables


def test_without_libreoffice_the_pdf_button_is_hidden_and_the_route_says_why(demo_app, login, monkeypatch):
    from tracker.reports import export_pdf

    monkeypatch.setattr(export_pdf, "_binary", lambda: None)
    client = login(MONITOR)
    assert "Tải PDF" not in client.get(f"/reports/?{Q3_ARGS}").get_data(as_text=True)
    response = client.get(f"/reports/export.pdf?{Q3_ARGS}")
    assert response.status_code == 302 and "/reports/?" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF" in page


# ---------------------------------------------------------------- Excel: native charts over the cells


def test_the_excel_export_carries_native_charts_over_its_own_cells(demo_app, login):
    data = login(MONITOR).get(f"/reports/export.xlsx?{Q3_ARGS}").data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        # The chart XML, its namespace prefix dropped (openpyxl writes none, Excel writes c:).
        charts = {
            name: re.sub(r"<(/?)c:", r"<\1", z.read(name).decode())
            for name in z.namelist()
            if name.startswith("xl/charts/chart")
        }
        drawings = [name for name in z.namelist() if name.startswith("xl/drawings/drawing")]
    assert len(charts) == 3 and len(drawings) == 3  # Biểu mẫu 01, Theo cơ quan, Xu hướng
    xml = "\n".join(charts.values())
    doughnut = next(c for c in charts.values() if "<doughnutChart>" in c)
    assert "'Biểu mẫu 01'!$D$" in doughnut and "'Biểu mẫu 01'!$B$" in doughnut  # values and labels
    bars = next(c for c in charts.values() if '<barDir val="bar"/>' in c)
    assert '<grouping val="stacked"/>' in bars and bars.count("<ser>") == 5
    assert "'Theo cơ quan'!$C$" in bars and "'Theo cơ quan'!$E$" in bars and "'Theo cơ quan'!$I$" in bars
    assert "146C43" in bars  # the page's colour of "Hoàn thành đúng hạn"
    trend = next(c for c in charts.values() if "<lineChart>" in c)
    assert "'Xu hướng'!$A$" in trend and "'Xu hướng'!$M$" in trend  # the quarters and the rate
    assert "Xu hướng qua các quý" in xml and "Kết quả thực hiện theo cơ quan chủ trì" in xml
    # The cells the charts read are the figures: the bars' last category column is "Đang thực hiện trong hạn".
    wb = openpyxl.load_workbook(io.BytesIO(data))
    header = next(r for r in wb["Theo cơ quan"].iter_rows(values_only=True) if r[0] == "Hạng")
    assert header[4:9] == tuple(CATEGORIES.values())
    detail = [r for r in wb["Biểu mẫu 01"].iter_rows(values_only=True) if r[1] in CATEGORIES.values()]
    assert [r[3] for r in detail] == [86, 0, 19, 0, 22]


def test_a_focal_points_word_report_speaks_of_its_own_agency_only(demo_app, login):
    client = login("daumoi@stp.demo.tracker.vn")
    doc = WordDocument(io.BytesIO(client.get(f"/reports/export.docx?{Q3_ARGS}").data))
    texts = [p.text for p in doc.paragraphs]
    sentence = next(t for t in texts if t.startswith("Trong Quý III/2024, Sở Tư pháp"))
    assert re.fullmatch(
        r"Trong Quý III/2024, Sở Tư pháp \(gồm đơn vị trực thuộc\) được giao chủ trì (\d+) nhiệm vụ do Chính phủ, "
        r"Thủ tướng Chính phủ giao; kết quả thống kê có .*\.",
        sentence,
    )
    assert not any("127" in t for t in texts)
    assert "Sở Kế hoạch và Đầu tư" not in "\n".join(
        texts + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )
