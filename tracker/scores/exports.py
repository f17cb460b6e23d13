"""The score board in Excel and in Word, laid out with the report's helpers (`tracker.reports`:
the sheet of `export_xlsx`, the Word layout of `docx_layout`, the letterhead's heading and signature
of `export_docx`)."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from flask_babel import gettext as _
from openpyxl import Workbook

from tracker.core.dates import fmt_date, fmt_number
from tracker.core.text import N_
from tracker.letterhead import settings as letterhead
from tracker.reports import docx_layout as L
from tracker.reports import export_docx
from tracker.reports.export_xlsx import Sheet
from tracker.reports.narrative import Issue
from tracker.scores.compute import ScoreBoard

CRITERION = N_("Thực hiện nhiệm vụ UBND tỉnh giao")
# Written in the session's language where used (`_(h)`); the Word file is made in Vietnamese.
HEADER = [
    N_("Hạng"),
    N_("Cơ quan, đơn vị"),
    N_("Số nhiệm vụ đến hạn"),
    N_("Hoàn thành đúng hạn"),
    N_("Tỷ lệ đúng hạn (%)"),
    N_("Quá hạn chưa hoàn thành"),
    N_("Điểm theo tỷ lệ"),
    N_("Điểm trừ"),
    N_("Điểm đạt"),
    N_("Điểm tối đa"),
]


def title(board: ScoreBoard) -> str:
    return _(
        "Kết quả chấm điểm tiêu chí «%(criterion)s» năm %(year)s", criterion=_(CRITERION), year=board.year
    )


def formula_lines(board: ScoreBoard) -> list[str]:
    s = board.settings
    scope = dict(
        start=fmt_date(board.start),
        end=fmt_date(board.end),
        as_of=fmt_date(board.as_of),
        issuers=", ".join(s.issuer_labels),
        areas=", ".join(s.area_labels),
    )
    if s.areas:
        first = _(
            "Nhiệm vụ giao từ %(start)s đến %(end)s, số liệu chốt đến hết ngày %(as_of)s; văn bản của: "
            "%(issuers)s; lĩnh vực: %(areas)s.",
            **scope,
        )
    else:
        first = _(
            "Nhiệm vụ giao từ %(start)s đến %(end)s, số liệu chốt đến hết ngày %(as_of)s; văn bản của: %(issuers)s.",
            **scope,
        )
    lines = [
        first,
        _(
            "Tỷ lệ đúng hạn = số nhiệm vụ hoàn thành đúng hạn ÷ số nhiệm vụ đến hạn "
            "(không tính nhiệm vụ đang thực hiện trong hạn; không có nhiệm vụ đến hạn: đạt điểm tối đa)."
        ),
        _(
            "Mức điểm: %(bands)s (tối đa %(max)s điểm).",
            bands="; ".join(s.band_lines()),
            max=fmt_number(s.max_points, 2),
        ),
    ]
    if s.overdue_deduction:
        lines.append(
            _(
                "Trừ %(points)s điểm cho mỗi nhiệm vụ quá hạn chưa hoàn thành (không thấp hơn 0).",
                points=fmt_number(s.overdue_deduction, 2),
            )
        )
    return lines


def _values(row) -> list:
    rate = row.on_time_rate
    return [
        row.rank,
        row.name,
        row.tasks,
        row.on_time,
        round(rate * 100, 2) if rate is not None else "—",
        row.overdue,
        row.band_points,
        row.deduction,
        row.points,
        row.max_points,
    ]


def xlsx_bytes(board: ScoreBoard) -> bytes:
    wb = Workbook()
    sheet = Sheet(wb.active, [7, 46, 12, 12, 12, 12, 11, 10, 10, 10])
    sheet.ws.title = _("Chấm điểm")
    sheet.title(title(board).upper())
    for line in formula_lines(board):
        sheet.title(line, size=11, bold=False)
    sheet.gap()
    sheet.line([_(h) for h in HEADER], header=True)
    for row in board.rows:
        sheet.line(_values(row), formats={5: "0.00", 7: "0.00", 8: "0.00", 9: "0.00", 10: "0.00"})
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


WIDTHS = [1.3, 7.6, 2.0, 2.0, 2.0, 2.0, 2.0, 1.8, 1.9, 1.9]  # 24,5 cm of landscape text


def docx_bytes(board: ScoreBoard, issue: Issue | None = None) -> bytes:
    head = letterhead.load()
    issue = issue or Issue()
    doc = WordDocument()
    L.setup(doc)
    section = doc.sections[0]
    L.page(section, landscape=True)
    L.page_numbers(section)
    export_docx.letter_heading(doc, head, issue)
    L.para(doc, "BẢNG TỔNG HỢP", bold=True, before=12, keep=True)
    L.para(doc, title(board), bold=True, keep=True, after=6)
    for line in formula_lines(board):
        L.para(doc, line, italic=True, size=12, align="left", after=2)
    t = L.table(doc, 1, len(HEADER), WIDTHS)
    for c, text in zip(t.rows[0].cells, HEADER, strict=True):
        L.cell(c, text, bold=True, align="center")
    L.row_props(t.rows[0], header=True)
    for row in board.rows:
        r = t.add_row()
        values = _values(row)
        for i, (c, value) in enumerate(zip(r.cells, values, strict=True)):
            if isinstance(value, float):
                value = fmt_number(value, 2)
            elif isinstance(value, int):
                value = fmt_number(value)
            L.cell(c, str(value), align="left" if i == 1 else "center", wrap=i == 1)
        L.row_props(r)
    L.widths(t, WIDTHS)
    export_docx.signature(doc, head)
    doc.core_properties.title = title(board)
    doc.core_properties.author = head.full_name
    doc.core_properties.comments = "Lập từ Hệ thống theo dõi nhiệm vụ"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
