"""The report as a Word document in the layout of an administrative document (Nghị định
30/2020/NĐ-CP, Phụ lục I), ready to sign: the issuing body and the national motto, the number, place
and date, "BÁO CÁO" and its summary, the body with the figures written out, "Nơi nhận" and the
signature block on A4 portrait; then the appendix (Biểu mẫu số 01, the tables per lead agency,
document and area, the charts) on A4 landscape. Or the appendix alone.

The words come from `narrative` and `form01`, the letterhead from the admin's settings
(`tracker.letterhead`), the charts from the page's SVG (`charts`, `chart_images`)."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.shared import Cm, Pt

from tracker.core.dates import fmt_number
from tracker.letterhead import settings as letterhead
from tracker.letterhead.settings import Letterhead
from tracker.reports import chart_images, charts, form01, narrative
from tracker.reports import docx_layout as L
from tracker.reports.narrative import Issue
from tracker.reports.queries import Report, Row
from tracker.tasks.models import CATEGORIES

HEADER_COLUMNS = [6.3, 10.2]  # the issuing body | the motto (16,5 cm of text)
SIGN_COLUMNS = [7.6, 8.9]  # Nơi nhận | the signature
SIGN_SPACE = 4  # empty lines for the signature and the seal
FORM01_COLUMNS = [1.6, 11.0, 2.6, 2.4, 7.6]  # 25,2 cm of landscape text
COUNT_COLUMN = 2.5  # each of the five categories
TOTAL_COLUMN, RATE_COLUMN = 1.9, 1.9

# The official report (Word, PDF and its print view) is a Vietnamese administrative document (Nghị định
# 30/2020/NĐ-CP), to be signed: made in Vietnamese whatever the session's language (the views render it
# under flask_babel.force_locale). The screen and the Excel file follow the session's language.
OFFICIAL_LANGUAGE = "vi"


# ---------------------------------------------------------------- the letter (portrait)


def _lines(c, specs) -> None:
    """Fill a cell with lines: (text, size, bold, italic), or ('rule', width_cm)."""
    first = True
    box = c.width.cm if c.width else HEADER_COLUMNS[0]
    for spec in specs:
        if spec[0] == "rule":
            L.rule(c, spec[1], box - 2 * L.CELL_MARGIN_CM, before=3)
            continue
        text, size, bold, italic = spec
        p = c.paragraphs[0] if first else c.add_paragraph()
        p.alignment = L.ALIGN["center"]
        L.font(p.add_run(text), size=size, bold=bold, italic=italic)
        first = False


def _heading(doc, head: Letterhead, issue: Issue) -> None:
    t = L.table(doc, 2, 2, HEADER_COLUMNS, borders=False)
    body, motto = t.rows[0].cells
    longest = max((len(line) for line in head.issuing_lines), default=10)
    _lines(
        body,
        [(line.upper(), 13, False, False) for line in head.parent_lines]
        + [(line.upper(), 13, True, False) for line in head.issuing_lines]
        # 1/3 to 1/2 of the name's length (about 0,26 cm a capital letter at 13 pt)
        + [("rule", max(1.5, min(longest * 0.26 * 0.45, 3.0)))],
    )
    _lines(
        motto,
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False),
            ("Độc lập - Tự do - Hạnh phúc", 14, True, False),
            ("rule", 5.8),  # as long as the motto's second line
        ],
    )
    number, date = t.rows[1].cells
    _lines(number, [(narrative.number_line(head, issue), 13, False, False)])
    _lines(date, [(narrative.date_line(head, issue), 14, False, True)])
    for c in (number, date):
        c.paragraphs[0].paragraph_format.space_before = Pt(6)
    for row in t.rows:
        L.row_props(row)


def _signature(doc, head: Letterhead) -> None:
    t = L.table(doc, 1, 2, SIGN_COLUMNS, borders=False)
    L.row_props(t.rows[0])
    recipients, signer = t.rows[0].cells
    p = recipients.paragraphs[0]
    p.paragraph_format.space_before = Pt(12)
    L.font(p.add_run("Nơi nhận:"), size=12, bold=True, italic=True)
    for line in head.recipients:
        rp = recipients.add_paragraph()
        L.font(rp.add_run(f"- {line}"), size=11)
    lines = [(line.upper(), 14, True, False) for line in head.signer_lines]
    lines.append(("(Ký, ghi rõ họ tên, đóng dấu)", 13, False, True))
    _lines(signer, lines)
    signer.paragraphs[0].paragraph_format.space_before = Pt(12)
    for _ in range(SIGN_SPACE):
        signer.add_paragraph()
    name = signer.add_paragraph()
    name.alignment = L.ALIGN["center"]
    if head.signer_name:
        L.font(name.add_run(head.signer_name), size=14, bold=True)


def _letter(doc, report: Report, head: Letterhead, issue: Issue) -> None:
    _heading(doc, head, issue)
    L.para(doc, "BÁO CÁO", bold=True, before=18, keep=True)
    L.para(doc, narrative.summary(report), bold=True, keep=True)
    L.rule(doc, 3.0, L.PORTRAIT_WIDTH_CM, before=4, after=6)
    if head.addressee:
        L.para(doc, f"Kính gửi: {head.addressee}.", after=12)
    for paragraph in narrative.body(report, head):
        L.para(
            doc,
            paragraph.text,
            bold=paragraph.heading,
            align="justify",
            indent_cm=1.27,
            before=0,
            after=6,
            line=1.15,
            # A heading stays with its paragraph; the closing lines with the signature.
            keep=paragraph.heading or paragraph.closing,
        )
    _signature(doc, head)


# The heading (issuing body, motto, number and date) and the signature block of every document that
# goes out under the letterhead: the report's, and the agency scores' (tracker.scores.exports).
letter_heading = _heading
signature = _signature


# ---------------------------------------------------------------- the appendix (landscape)


def _form01(doc, report: Report) -> None:
    L.para(doc, form01.TITLE, bold=True, align="left", keep=True, before=6)
    L.para(doc, form01.SUBTITLE, bold=True, align="left", keep=True, after=6)
    t = L.table(doc, 2, 5, FORM01_COLUMNS)
    head, sub = t.rows
    L.cell(head.cells[0], "STT", bold=True, align="center", wrap=False)
    L.cell(head.cells[1], form01.HEADER, bold=True, align="center")
    L.cell(head.cells[2], "Kết quả thống kê", bold=True, align="center")
    L.cell(head.cells[4], "Ghi chú", bold=True, align="center")
    L.cell(sub.cells[2], "Đơn vị tính", bold=True, align="center")
    L.cell(sub.cells[3], "Số liệu", bold=True, align="center")
    head.cells[2].merge(head.cells[3])
    head.cells[0].merge(sub.cells[0])
    head.cells[1].merge(sub.cells[1])
    head.cells[4].merge(sub.cells[4])
    L.row_props(head, header=True)
    L.row_props(sub, header=True)
    for item in form01.items(report):
        row = t.add_row()
        cells = row.cells
        if item.value is None:
            value = ""
        else:
            value = fmt_number(item.value, 2) if item.percent else fmt_number(item.value)
        L.cell(cells[0], item.stt, bold=item.bold, align="center", wrap=False)
        L.cell(cells[1], item.label, bold=item.bold)
        L.cell(cells[2], item.unit, align="center")
        L.cell(cells[3], value, bold=item.bold, align="center", wrap=False)
        L.cell(cells[4], item.note)
        L.row_props(row)
    L.widths(t, FORM01_COLUMNS)


def _count_table(
    doc, title: str, first: list[tuple[str, float]], rows: list[Row], lead_cells, rate_label, rate
):
    L.para(doc, title, bold=True, align="left", keep=True, before=12, after=6)
    keys = ["total", *CATEGORIES]
    labels = ["Tổng số", *CATEGORIES.values()]
    widths = [w for _h, w in first] + [TOTAL_COLUMN] + [COUNT_COLUMN] * len(CATEGORIES) + [RATE_COLUMN]
    t = L.table(doc, 1, len(widths), widths)
    for c, text in zip(t.rows[0].cells, [h for h, _w in first] + labels + [rate_label], strict=True):
        L.cell(c, text, bold=True, align="center")
    L.row_props(t.rows[0], header=True)
    numeric = len(first)
    for row in rows:
        r = t.add_row()
        values = lead_cells(row) + [fmt_number(getattr(row.counts, k)) for k in keys]
        values.append(fmt_number(rate(row.counts) * 100, 2))
        for i, (c, value) in enumerate(zip(r.cells, values, strict=True)):
            number = i >= numeric or (i == 0 and len(first) > 1 and first[0][0] == "Hạng")
            L.cell(c, value, align="center" if number else "left", wrap=not number)
        L.row_props(r)
    if rows:
        total = sum((row.counts for row in rows[1:]), rows[0].counts)
        r = t.add_row()
        values = ["Tổng cộng"] + [""] * (numeric - 1) + [fmt_number(getattr(total, k)) for k in keys]
        values.append(fmt_number(rate(total) * 100, 2))
        for i, (c, value) in enumerate(zip(r.cells, values, strict=True)):
            L.cell(c, value, bold=True, align="center", wrap=i >= numeric)
        if numeric > 1:  # "Tổng cộng" over the first columns: never squeezed into "Hạng"
            merged = r.cells[0].merge(r.cells[numeric - 1])
            L.cell(merged, "Tổng cộng", bold=True, align="center", wrap=False)
        L.row_props(r)
    L.widths(t, widths)


def _charts(doc, report: Report) -> None:
    """The page's charts: the donut and the trend side by side, the agencies' bars under them."""
    images = chart_images.for_report(charts.for_report(report), len(report.agencies))
    if not images:
        return
    heading = L.para(doc, "Biểu đồ", bold=True, align="left", keep=True, before=12, after=6)
    L.page_break_before(heading)
    pair = [images[key] for key in ("donut", "trend") if key in images]
    if pair:
        half = L.LANDSCAPE_WIDTH_CM / 2
        t = L.table(doc, 1, 2, [half, half], borders=False)
        L.row_props(t.rows[0])
        for c, image in zip(t.rows[0].cells, pair, strict=False):
            _picture(c, image, min(half - 0.6, image.width / 45))
    if "bars" in images:
        image = images["bars"]
        # At most about 15 cm tall: the landscape page has 17 cm of text height.
        _picture(doc, image, min(L.LANDSCAPE_WIDTH_CM - 2, 15 * image.width / image.height))


def _picture(container, image, width_cm: float) -> None:
    p = container.paragraphs[0] if hasattr(container, "_tc") else container.add_paragraph()
    p.alignment = L.ALIGN["center"]
    p.paragraph_format.keep_with_next = True
    p.add_run().add_picture(io.BytesIO(image.png), width=Cm(width_cm))
    L.para(container, image.caption, size=12, italic=True, after=6)


def _appendix(doc, report: Report, head: Letterhead, issue: Issue) -> None:
    lines = narrative.appendix_title(report, head)
    for line in lines:
        L.para(doc, line, bold=True, keep=True)
    L.para(doc, narrative.reference(head, issue), italic=True, keep=True, before=4)
    L.para(doc, narrative.as_of_line(report), italic=True, size=13, keep=True)
    for text in narrative.appendix_filters(report):
        L.para(doc, text, italic=True, size=13, keep=True)
    _form01(doc, report)
    _count_table(
        doc,
        "Kết quả thực hiện theo cơ quan chủ trì (xếp hạng theo tỷ lệ hoàn thành đúng hạn)",
        [("Hạng", 1.5), ("Cơ quan chủ trì", 7.4)],
        report.agencies,
        lambda r: [str(r.rank), r.label + (f" ({r.detail})" if r.detail else "")],
        "Tỷ lệ đúng hạn (%)",
        lambda c: c.on_time_rate,
    )
    _count_table(
        doc,
        "Kết quả thực hiện theo văn bản giao nhiệm vụ",
        [("Văn bản", 3.3), ("Trích yếu", 5.6)],
        report.documents,
        lambda r: [r.label, r.detail],
        "Tỷ lệ hoàn thành (%)",
        lambda c: c.completion_rate,
    )
    _count_table(
        doc,
        "Kết quả thực hiện theo lĩnh vực",
        [("Lĩnh vực", 8.9)],
        report.areas,
        lambda r: [r.label],
        "Tỷ lệ hoàn thành (%)",
        lambda c: c.completion_rate,
    )
    _charts(doc, report)


# ---------------------------------------------------------------- the document


def document(
    report: Report, head: Letterhead | None = None, issue: Issue | None = None, *, appendix_only=False
):
    """The Word document of `report`: the full report (letter and appendix) or the appendix alone.
    `head` defaults to the letterhead in force, `issue` to a blank number and date."""
    head = head if head is not None else letterhead.load()
    issue = issue if issue is not None else Issue()
    doc = WordDocument()
    L.setup(doc)
    first = doc.sections[0]
    if appendix_only:
        L.page(first, landscape=True)
        L.page_numbers(first)
    else:
        L.page(first)
        L.page_numbers(first)
        _letter(doc, report, head, issue)
        annex = doc.add_section(WD_SECTION.NEW_PAGE)
        L.page(annex, landscape=True)
        L.page_numbers(annex, restart=True)
    _appendix(doc, report, head, issue)
    doc.core_properties.title = ("Phụ lục — " if appendix_only else "") + narrative.summary(report)
    doc.core_properties.author = head.full_name
    doc.core_properties.comments = "Lập từ Hệ thống theo dõi nhiệm vụ"
    return doc


def to_bytes(
    report: Report, head: Letterhead | None = None, issue: Issue | None = None, *, appendix_only=False
) -> bytes:
    buffer = io.BytesIO()
    document(report, head, issue, appendix_only=appendix_only).save(buffer)
    return buffer.getvalue()
