"""The downloadable templates (.xlsx): the headers, a filled example row, drop-down lists for
the status, the area and the lead agency, a guide, and the agencies of the registry."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tracker.agencies.models import AGENCY_KINDS
from tracker.agencies.registry import AgencyInfo
from tracker.imports.columns import AGENCY_COLUMNS, TASK_COLUMNS, Column
from tracker.imports.spreadsheet import EXAMPLE_TASK
from tracker.tasks import rules
from tracker.tasks.models import AREAS, STATUSES

# The columns of the tasks template, in this order (the DOMAIN format, then the output).
TEMPLATE_TASK_KEYS = (
    "document",
    "code",
    "title",
    "content",
    "lead_agency",
    "coordinating_agencies",
    "area",
    "assigned_on",
    "deadline",
    "status",
    "reported_on",
    "completed_on",
    "confirmed_on",
    "expected_output",
    # The history a province's own spreadsheet carries (read and played as the workflow would).
    "result",
    "progress",
    "original_deadline",
    "extended_on",
    "extended_to",
    "cancelled_on",
    "cancel_reason",
    "former_lead",
    "moved_on",
    "contributions",
)
_DATE_KEYS = {
    "assigned_on",
    "reported_on",
    "completed_on",
    "confirmed_on",
    "original_deadline",
    "extended_on",
    "extended_to",
    "cancelled_on",
    "moved_on",
}
_WIDTHS = {
    "document": 16,
    "code": 11,
    "title": 42,
    "content": 50,
    "lead_agency": 30,
    "coordinating_agencies": 30,
    "area": 24,
    "deadline": 18,
    "status": 17,
    "expected_output": 26,
    "cancel_reason": 26,
    "contributions": 40,
    "former_lead": 30,
}
_HEAD_FILL = PatternFill("solid", fgColor="1D4F91")
_EXAMPLE_FILL = PatternFill("solid", fgColor="FFF3CD")


def _header(ws, columns: list[Column]) -> None:
    for i, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=column.header + (" (*)" if column.required else ""))
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(column.key, 16)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32


def _list_sheet(wb: Workbook, title: str, header: str, values: list[str]):
    ws = wb.create_sheet(title)
    ws.cell(row=1, column=1, value=header).font = Font(bold=True)
    for i, value in enumerate(values, start=2):
        ws.cell(row=i, column=1, value=value)
    ws.column_dimensions["A"].width = 45
    return f"'{title}'!$A$2:$A${max(2, len(values) + 1)}"


def _guide(wb: Workbook, columns: list[Column], lines: list[str]) -> None:
    ws = wb.create_sheet("Hướng dẫn")
    for i, line in enumerate(lines, start=1):
        ws.cell(row=i, column=1, value=line).font = Font(bold=i == 1)
    start = len(lines) + 2
    for j, text in enumerate(("Cột", "Tên khóa (có thể dùng làm tiêu đề)", "Bắt buộc", "Cách ghi"), start=1):
        ws.cell(row=start, column=j, value=text).font = Font(bold=True)
    for i, column in enumerate(columns, start=start + 1):
        ws.cell(row=i, column=1, value=column.header)
        ws.cell(row=i, column=2, value=column.key)
        ws.cell(row=i, column=3, value="Có" if column.required else "")
        ws.cell(row=i, column=4, value=column.note).alignment = Alignment(wrap_text=True)
    for letter, width in zip("ABCD", (26, 24, 10, 90), strict=True):
        ws.column_dimensions[letter].width = width


def tasks_template(agencies: list[AgencyInfo]) -> bytes:
    """The tasks template, with the active agencies of the registry for the drop-down list."""
    columns = [next(c for c in TASK_COLUMNS if c.key == key) for key in TEMPLATE_TASK_KEYS]
    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    _header(ws, columns)
    example = {
        **EXAMPLE_TASK,
        "lead_agency": "Sở Tư pháp",
        "coordinating_agencies": "Sở Nội vụ; Văn phòng UBND tỉnh",
        "area": AREAS["tthc"],
        "assigned_on": dt.date(2024, 1, 15),
        "deadline": "Quý II năm 2024",
        "status": STATUSES["done"],
        "reported_on": dt.date(2024, 6, 20),
        "completed_on": dt.date(2024, 6, 18),
        "confirmed_on": dt.date(2024, 6, 25),
        "expected_output": "Quyết định công bố danh mục TTHC",
    }
    for i, column in enumerate(columns, start=1):
        cell = ws.cell(row=2, column=i, value=example.get(column.key))
        cell.fill = _EXAMPLE_FILL
        if column.key in _DATE_KEYS:
            cell.number_format = "DD/MM/YYYY"
    for key in _DATE_KEYS:
        letter = get_column_letter(TEMPLATE_TASK_KEYS.index(key) + 1)
        for row in range(3, 1001):
            ws[f"{letter}{row}"].number_format = "DD/MM/YYYY"
    active = sorted((a for a in agencies if rules.may_lead(a)), key=lambda a: (a.kind, a.name))
    statuses = _list_sheet(wb, "Danh mục", "Trạng thái", list(STATUSES.values()))
    lists = wb["Danh mục"]
    lists.cell(row=1, column=2, value="Lĩnh vực").font = Font(bold=True)
    for i, label in enumerate(AREAS.values(), start=2):
        lists.cell(row=i, column=2, value=label)
    lists.column_dimensions["B"].width = 40
    areas = f"'Danh mục'!$B$2:$B${len(AREAS) + 1}"
    names = _agency_sheet(wb, active)

    def validation(key: str, formula: str, title: str, strict: bool = True) -> None:
        letter = get_column_letter(TEMPLATE_TASK_KEYS.index(key) + 1)
        dv = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if strict else "warning",
            errorTitle=title,
            error="Hãy chọn một giá trị trong danh sách."
            if strict
            else "Không có trong danh sách; vẫn có thể ghi mã cơ quan.",
        )
        dv.add(f"{letter}2:{letter}5000")
        ws.add_data_validation(dv)

    validation("status", statuses, "Trạng thái")
    validation("area", areas, "Lĩnh vực")
    validation("lead_agency", names, "Cơ quan chủ trì", strict=False)
    _guide(
        wb,
        columns,
        [
            "Mẫu nhập nhiệm vụ — mỗi dòng một nhiệm vụ",
            "Dòng 2 (tô vàng) là ví dụ: xóa hoặc ghi đè trước khi nhập (nếu để nguyên, dòng này được bỏ qua).",
            "Tiêu đề cột có thể ghi bằng tiếng Việt như mẫu hoặc bằng tên khóa (document, code, title…).",
            "Ngày ghi dd/mm/yyyy (ví dụ 30/09/2024) hoặc yyyy-mm-dd. Không dùng công thức, không gộp ô.",
            "Nhập lại cùng một tệp không tạo trùng: dòng đã có (cùng văn bản, số thứ tự, cơ quan chủ trì) được bỏ qua.",
            "Danh sách cơ quan ở trang «Cơ quan»; có thể ghi mã hoặc tên đầy đủ.",
        ],
    )
    wb.move_sheet("Hướng dẫn", offset=-(len(wb.sheetnames) - 2))
    lists.sheet_state = "hidden"
    return _save(wb)


def _agency_sheet(wb: Workbook, active: list[AgencyInfo]) -> str:
    ws = wb.create_sheet("Cơ quan")
    for j, text in enumerate(("Tên cơ quan", "Mã", "Loại"), start=1):
        ws.cell(row=1, column=j, value=text).font = Font(bold=True)
    for i, agency in enumerate(active, start=2):
        ws.cell(row=i, column=1, value=agency.name)
        ws.cell(row=i, column=2, value=agency.code)
        ws.cell(row=i, column=3, value=AGENCY_KINDS.get(agency.kind, agency.kind))
    ws.column_dimensions["A"].width = 55
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 30
    return f"'Cơ quan'!$A$2:$A${max(2, len(active) + 1)}"


def agencies_template() -> bytes:
    columns = list(AGENCY_COLUMNS)
    wb = Workbook()
    ws = wb.active
    ws.title = "Cơ quan"
    _header(ws, columns)
    example = {
        "code": "VD-SNV",
        "name": "Ví dụ: Sở Nội vụ",
        "kind": AGENCY_KINDS["department"],
        "parent": "",
        "emails": "vanthu@vidu.gov.vn",
        "aliases": "",
    }
    for i, column in enumerate(columns, start=1):
        ws.cell(row=2, column=i, value=example.get(column.key)).fill = _EXAMPLE_FILL
    kinds = _list_sheet(wb, "Danh mục", "Loại cơ quan", list(AGENCY_KINDS.values()))
    dv = DataValidation(
        type="list",
        formula1=kinds,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Loại",
        error="Hãy chọn một loại trong danh sách.",
    )
    dv.add("C2:C5000")
    ws.add_data_validation(dv)
    _guide(
        wb,
        columns,
        [
            "Mẫu nhập danh mục cơ quan, đơn vị — mỗi dòng một cơ quan",
            "Dòng 2 (tô vàng) là ví dụ: xóa trước khi nhập.",
            "Cơ quan cấp trên ghi bằng mã (của một dòng trong tệp hoặc của cơ quan đã có).",
        ],
    )
    wb["Danh mục"].sheet_state = "hidden"
    return _save(wb)


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
