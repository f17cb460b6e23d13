"""The report as an Excel workbook: one sheet per block, numbers as numbers, dates as dates.

Text that comes from users (agency names, document symbols and titles) never becomes a formula:
a cell starting with = + - @ (or a tab or carriage return) is written as text behind a '."""

from __future__ import annotations

import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tracker.core.text import N_
from tracker.reports import form01, xlsx_charts
from tracker.reports.classify import AGE_BANDS
from tracker.reports.queries import Report
from tracker.tasks.models import CATEGORIES

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# The workbook follows the session's language (the Word report stays Vietnamese): labels are
# translated as the sheets are written.
COUNT_COLUMNS = [
    ("total", N_("Tổng số")),
    *CATEGORIES.items(),
    ("due_soon", N_("Sắp đến hạn")),
    ("extended", N_("Đã gia hạn")),
]


def safe(value):
    """A value for a cell: user text starting like a formula is kept as text ('=… stays '=…)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class Sheet:
    def __init__(self, ws, widths: list[int]):
        self.ws = ws
        self.row = 1
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ncols = len(widths)

    def title(self, text: str, size: int = 13, bold: bool = True) -> None:
        cell = self.ws.cell(self.row, 1, safe(text))
        cell.font = Font(name=FONT, size=size, bold=bold)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=self.ncols)
        self.ws.row_dimensions[self.row].height = 20 if len(text) < 120 else 34
        self.row += 1

    def line(self, values, *, bold=False, header=False, formats=None) -> None:
        # Spreadsheets do not grow a row for wrapped text they did not lay out themselves: set it.
        lines = 1
        for col, value in enumerate(values, start=1):
            if isinstance(value, str) and value:
                width = self.ws.column_dimensions[get_column_letter(col)].width or 10
                lines = max(lines, -(-len(value) * 11 // (int(width) * 10)))
        self.ws.row_dimensions[self.row].height = 16 * lines
        for col, value in enumerate(values, start=1):
            cell = self.ws.cell(self.row, col, safe(value))
            cell.font = Font(name=FONT, size=12, bold=bold or header)
            cell.border = BORDER
            cell.alignment = Alignment(
                vertical="center",
                wrap_text=True,
                horizontal="center" if header or col == 1 or isinstance(value, int | float) else "left",
            )
            if formats and col in formats:
                cell.number_format = formats[col]
        self.row += 1

    def gap(self) -> None:
        self.row += 1


def _heading(sheet: Sheet, report: Report, block: str) -> None:
    sheet.title(block.upper())
    sheet.title(report.scope_text, size=12, bold=False)
    for text in report.filters_text:
        sheet.title(text, size=12, bold=False)
    sheet.gap()


def _form01(wb: Workbook, report: Report) -> None:
    sheet = Sheet(wb.active, [8, 62, 14, 12, 46])
    sheet.ws.title = _("Biểu mẫu 01")
    _heading(sheet, report, _("Biểu mẫu số 01 — Công tác chỉ đạo, điều hành cải cách hành chính"))
    sheet.line([_("STT"), _(form01.HEADER), _("Đơn vị tính"), _("Số liệu"), _("Ghi chú")], header=True)
    s = report.summary
    for item in form01.items(report):
        value = "" if item.value is None else item.value
        sheet.line(
            [item.stt, item.label, item.unit, value, item.note],
            bold=item.bold,
            formats={4: "0.00"} if item.percent else None,
        )
    sheet.gap()
    sheet.line(["", _("Chi tiết phân loại"), _("Đơn vị tính"), _("Số liệu"), _("Ghi chú")], header=True)
    first_category = sheet.row + 1  # after "Tổng số": the five categories, in CATEGORIES order
    for key, label in COUNT_COLUMNS:
        sheet.line(["", _(label), _("Nhiệm vụ"), getattr(s, key), ""])
    sheet.line(
        ["", _("Tỷ lệ hoàn thành"), "%", round(s.completion_rate * 100, 2), _("Đã hoàn thành ÷ tổng số")],
        formats={4: "0.00"},
    )
    xlsx_charts.categories_doughnut(sheet.ws, 2, 4, first_category, "G3")


def _count_table(
    wb: Workbook,
    report: Report,
    name: str,
    block: str,
    first: list[tuple[str, int]],
    rows,
    lead_cells,
    rate: str,
    on_time: bool = False,
) -> None:
    widths = [w for _h, w in first] + [11] * len(COUNT_COLUMNS) + [13]
    sheet = Sheet(wb.create_sheet(name), widths)
    _heading(sheet, report, block)
    header = [h for h, _w in first] + [_(label) for _k, label in COUNT_COLUMNS] + [rate]
    header_row = sheet.row
    sheet.line(header, header=True)
    sheet.ws.freeze_panes = sheet.ws.cell(sheet.row, len(first) + 1)
    pct = {len(header): "0.00"}
    total = None
    for row in rows:
        counts = row.counts
        total = counts if total is None else total + counts
        value = counts.on_time_rate if on_time else counts.completion_rate
        sheet.line(
            lead_cells(row) + [getattr(counts, k) for k, _l in COUNT_COLUMNS] + [round(value * 100, 2)],
            formats=pct,
        )
    if total is not None:
        value = total.on_time_rate if on_time else total.completion_rate
        blanks = [""] * (len(first) - 1)
        sheet.line(
            [_("Tổng cộng"), *blanks]
            + [getattr(total, k) for k, _l in COUNT_COLUMNS]
            + [round(value * 100, 2)],
            bold=True,
            formats=pct,
        )
    return sheet, header_row, header_row + len(rows)


def _trend(wb: Workbook, report: Report) -> None:
    widths = [18, 12, 12, 14] + [11] * len(COUNT_COLUMNS) + [13]
    sheet = Sheet(wb.create_sheet(_("Xu hướng")), widths)
    _heading(sheet, report, _("Xu hướng qua các quý"))
    header_row = sheet.row
    sheet.line(
        [_("Kỳ báo cáo"), _("Từ ngày"), _("Đến ngày"), _("Số liệu đến ngày")]
        + [_(label) for _k, label in COUNT_COLUMNS]
        + [_("Tỷ lệ hoàn thành (%)")],
        header=True,
    )
    dates = {2: "DD/MM/YYYY", 3: "DD/MM/YYYY", 4: "DD/MM/YYYY", 5 + len(COUNT_COLUMNS): "0.00"}
    for period, on, counts in report.trend:
        sheet.line(
            [period.name, period.start, period.end, on]
            + [getattr(counts, k) for k, _l in COUNT_COLUMNS]
            + [round(counts.completion_rate * 100, 2)],
            formats=dates,
        )
    last = header_row + len(report.trend)
    # Columns: period, from, to, as of, then COUNT_COLUMNS (total, the five categories…), the rate.
    xlsx_charts.trend_columns(sheet.ws, 1, 6, 5 + len(COUNT_COLUMNS), header_row, last, f"A{last + 3}")


def _overdue_ages(wb: Workbook, report: Report) -> None:
    """The overdue tasks of each lead agency by how long they were overdue as of D."""
    rows = [r for r in report.agencies if r.counts.overdue and r.ages]
    if not rows:
        return
    sheet = Sheet(wb.create_sheet(_("Thời gian quá hạn")), [42, 12, 12, 12, 12])
    _heading(sheet, report, _("Nhiệm vụ quá hạn chưa hoàn thành theo thời gian quá hạn"))
    sheet.line([_("Cơ quan chủ trì"), _("Quá hạn"), *(_(label) for label in AGE_BANDS.values())], header=True)
    for row in rows:
        sheet.line([row.label, row.counts.overdue, *(row.ages[band] for band in AGE_BANDS)])


def workbook(report: Report) -> Workbook:
    wb = Workbook()
    _form01(wb, report)
    sheet, header_row, last = _count_table(
        wb,
        report,
        _("Theo cơ quan"),
        _("Kết quả thực hiện theo cơ quan chủ trì"),
        [(_("Hạng"), 7), (_("Mã"), 10), (_("Cơ quan chủ trì"), 42)],
        report.agencies,
        lambda r: [r.rank, r.code, r.label + (f" ({r.detail})" if r.detail else "")],
        _("Tỷ lệ đúng hạn (%)"),
        on_time=True,
    )
    # Columns: rank, code, name, total, the five categories (CATEGORIES order)…; the chart beside.
    xlsx_charts.stacked_bars(sheet.ws, 3, 5, header_row, last, f"N{header_row}")
    _count_table(
        wb,
        report,
        _("Theo văn bản"),
        _("Kết quả thực hiện theo văn bản giao nhiệm vụ"),
        [(_("Văn bản"), 18), (_("Trích yếu"), 48)],
        report.documents,
        lambda r: [r.label, r.detail],
        _("Tỷ lệ hoàn thành (%)"),
    )
    _count_table(
        wb,
        report,
        _("Theo lĩnh vực"),
        _("Kết quả thực hiện theo lĩnh vực"),
        [(_("Lĩnh vực"), 40)],
        report.areas,
        lambda r: [r.label],
        _("Tỷ lệ hoàn thành (%)"),
    )
    _overdue_ages(wb, report)
    if report.trend:
        _trend(wb, report)
    wb.properties.title = report.title
    wb.properties.creator = _("Hệ thống theo dõi nhiệm vụ")
    return wb


def to_bytes(report: Report) -> bytes:
    buffer = io.BytesIO()
    workbook(report).save(buffer)
    return buffer.getvalue()
