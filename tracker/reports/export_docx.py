"""The report as a Word document in the official layout (Biểu mẫu 01 of the CCHC report, then the
tables per lead agency, document and area): A4 landscape, Times New Roman, ready to paste into the
UBND's report."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tracker.core.dates import fmt_number
from tracker.reports.queries import Report, Row
from tracker.tasks.models import CATEGORIES

FONT = "Times New Roman"


def _font(run, size: float = 13, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    # East Asian and complex-script slots too, or Word falls back to another face for Vietnamese.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _setup(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(1.5)


def _para(doc, text: str, *, size=13, bold=False, italic=False, center=True, space_after=0, keep=False):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.keep_with_next = keep
    _font(p.add_run(text), size=size, bold=bold, italic=italic)
    return p


def _cell(cell, text, *, bold=False, center=False, size=12, italic=False) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    _font(p.add_run("" if text is None else str(text)), size=size, bold=bold, italic=italic)


def _widths(table, widths_cm: list[float]) -> None:
    """Column widths, in the table grid (LibreOffice reads it) and in every cell (Word does)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def _no_split(table) -> None:
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        el = tr_pr.makeelement(qn("w:cantSplit"), {})
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = tr_pr.makeelement(qn("w:tblHeader"), {})
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _form01(doc, report: Report) -> None:
    _para(doc, "Biểu mẫu số 01", bold=True, center=False, keep=True)
    _para(
        doc,
        "Công tác chỉ đạo, điều hành Cải cách hành chính",
        bold=True,
        center=False,
        space_after=6,
        keep=True,
    )
    table = doc.add_table(rows=2, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head, sub = table.rows
    _cell(head.cells[0], "STT", bold=True, center=True)
    _cell(
        head.cells[1],
        "Chỉ tiêu thống kê (Sử dụng trong báo cáo hàng quý, 06 tháng, năm)",
        bold=True,
        center=True,
    )
    _cell(head.cells[2], "Kết quả thống kê", bold=True, center=True)
    _cell(head.cells[4], "Ghi chú", bold=True, center=True)
    _cell(sub.cells[2], "Đơn vị tính", bold=True, center=True)
    _cell(sub.cells[3], "Số liệu", bold=True, center=True)
    head.cells[2].merge(head.cells[3])
    head.cells[0].merge(sub.cells[0])
    head.cells[1].merge(sub.cells[1])
    head.cells[4].merge(sub.cells[4])
    _repeat_header(head)
    _repeat_header(sub)
    s = report.summary
    rows = []
    if report.plan_counts is not None:
        p = report.plan_counts
        rows += [
            (
                "2.",
                "Tỷ lệ hoàn thành kế hoạch CCHC (Lũy kế đến thời điểm báo cáo)",
                "%",
                fmt_number(p.completion_rate * 100, 2),
                f"Kế hoạch {report.plan.symbol}",
                True,
            ),
            ("2.1.", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", fmt_number(p.total), "", False),
            ("2.2.", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", fmt_number(p.done), "", False),
        ]
    rows += [
        ("5.", report.item5_label, "", "", "", True),
        ("5.1.", "Tổng số nhiệm vụ được giao", "Nhiệm vụ", fmt_number(s.total), report.item5_note, False),
        ("5.2.", "Số nhiệm vụ đã hoàn thành đúng hạn", "Nhiệm vụ", fmt_number(s.done_on_time), "", False),
        ("5.3.", "Số nhiệm vụ đã hoàn thành nhưng quá hạn", "Nhiệm vụ", fmt_number(s.done_late), "", False),
        ("5.4.", "Số nhiệm vụ quá hạn nhưng chưa hoàn thành", "Nhiệm vụ", fmt_number(s.overdue), "", False),
    ]
    for stt, label, unit, value, note, bold in rows:
        cells = table.add_row().cells
        _cell(cells[0], stt, bold=bold, center=True)
        _cell(cells[1], label, bold=bold)
        _cell(cells[2], unit, center=True)
        _cell(cells[3], value, center=True, bold=bold)
        _cell(cells[4], note)
    _widths(table, [1.6, 11.5, 3.0, 2.6, 7.0])
    _no_split(table)


def _count_table(
    doc, title: str, first: list[tuple[str, float]], rows: list[Row], lead_cells, rate_label: str, rate
) -> None:
    _para(doc, title, bold=True, center=False, space_after=6, keep=True)
    keys = ["total", *CATEGORIES]
    labels = ["Tổng số", *CATEGORIES.values()]
    table = doc.add_table(rows=1, cols=len(first) + len(keys) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, [h for h, _w in first] + labels + [rate_label], strict=True):
        _cell(cell, text, bold=True, center=True, size=11)
    _repeat_header(table.rows[0])
    total = None
    for row in rows:
        total = row.counts if total is None else total + row.counts
        cells = table.add_row().cells
        values = lead_cells(row) + [fmt_number(getattr(row.counts, k)) for k in keys]
        values.append(fmt_number(rate(row.counts) * 100, 2))
        for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
            _cell(cell, value, center=i >= len(first) or i == 0, size=11)
    if total is not None:
        cells = table.add_row().cells
        values = ["Tổng cộng"] + [""] * (len(first) - 1) + [fmt_number(getattr(total, k)) for k in keys]
        values.append(fmt_number(rate(total) * 100, 2))
        for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
            _cell(cell, value, bold=True, center=i >= len(first), size=11)
    _widths(table, [w for _h, w in first] + [2.1] * len(keys) + [2.3])
    _no_split(table)
    _para(doc, "", space_after=6)


def document(report: Report):
    doc = WordDocument()
    _setup(doc)
    rf = report.filter
    _para(doc, "PHỤ LỤC", bold=True)
    _para(doc, "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO", bold=True)
    if rf.period is not None:
        _para(doc, f"{rf.period.name.upper()} ({rf.period.window})", bold=True)
    _para(doc, f"(Số liệu tính đến hết ngày {rf.as_of.strftime('%d/%m/%Y')})", italic=True)
    for text in report.filters_text:
        _para(doc, text, italic=True, size=12)
    _para(doc, "", space_after=6)
    _form01(doc, report)
    _para(doc, "", space_after=6)
    _count_table(
        doc,
        "Kết quả thực hiện theo cơ quan chủ trì",
        [("Hạng", 1.3), ("Cơ quan chủ trì", 7.2)],
        report.agencies,
        lambda r: [str(r.rank), r.label + (f" ({r.detail})" if r.detail else "")],
        "Tỷ lệ đúng hạn (%)",
        lambda c: c.on_time_rate,
    )
    _count_table(
        doc,
        "Kết quả thực hiện theo văn bản giao nhiệm vụ",
        [("Văn bản", 3.2), ("Trích yếu", 5.3)],
        report.documents,
        lambda r: [r.label, r.detail],
        "Tỷ lệ hoàn thành (%)",
        lambda c: c.completion_rate,
    )
    _count_table(
        doc,
        "Kết quả thực hiện theo lĩnh vực",
        [("Lĩnh vực", 8.5)],
        report.areas,
        lambda r: [r.label],
        "Tỷ lệ hoàn thành (%)",
        lambda c: c.completion_rate,
    )
    doc.core_properties.title = report.title
    doc.core_properties.author = "Hệ thống theo dõi nhiệm vụ"
    return doc


def to_bytes(report: Report) -> bytes:
    buffer = io.BytesIO()
    document(report).save(buffer)
    return buffer.getvalue()
