"""The task list as people filtered it, for Excel and for the printer: the columns of the screen,
Vietnamese headers, dates and numbers as real cells, the report's styles (tracker.reports.export_xlsx).

The rows are what `tasks.queries.task_query` gives the user: what a focal point may see, nothing
more. At most EXPORT_MAX rows (a monitor's "all tasks" of a national instance would be a million):
the heading says so when the list was cut.
"""

from __future__ import annotations

import datetime as dt
import io

from flask_babel import gettext as _
from openpyxl import Workbook

from tracker.agencies.models import Agency
from tracker.core.dates import fmt_date, fmt_number, today
from tracker.core.text import N_
from tracker.db import db
from tracker.documents.models import Document
from tracker.reports.export_xlsx import Sheet
from tracker.tasks.models import AREAS, CATEGORIES, STATUSES, Task
from tracker.tasks.queries import TaskFilter, task_query, with_list_options

EXPORT_MAX = 20_000

# Written in the session's language (`_(h)` where the sheet is made), as the report's Excel file.
HEADERS = [
    N_("STT"),
    N_("Nhiệm vụ"),
    N_("Văn bản"),
    N_("Số thứ tự"),
    N_("Cơ quan chủ trì"),
    N_("Cơ quan phối hợp"),
    N_("Thời hạn"),
    N_("Trạng thái"),
    N_("Tiến độ (%)"),
    N_("Ngày hoàn thành"),
]
WIDTHS = [6, 50, 18, 10, 28, 30, 12, 16, 10, 13]
DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = '0" %"'


def rows(user, flt: TaskFilter) -> tuple[list[Task], bool]:
    """The tasks of the list for `user` (at most EXPORT_MAX, in the list's order) and whether the
    list was cut."""
    stmt = with_list_options(task_query(user, flt)).limit(EXPORT_MAX + 1)
    tasks = list(db.session.scalars(stmt))
    return tasks[:EXPORT_MAX], len(tasks) > EXPORT_MAX


def describe(flt: TaskFilter) -> list[str]:
    """The filter in words, for the heading of the workbook and of the printed list."""
    out = []
    if flt.q:
        out.append(_("Từ khóa: «%(q)s»", q=flt.q))
    if flt.status:
        out.append(_("Trạng thái: %(statuses)s", statuses=", ".join(_(STATUSES[s]) for s in flt.status)))
    elif flt.open_only:
        out.append(_("Trạng thái: chưa hoàn thành (chưa thực hiện, đang thực hiện, chờ xác nhận)"))
    if flt.category:
        out.append(_("Phân loại: %(category)s", category=_(CATEGORIES[flt.category])))
    if flt.document:
        symbol = db.session.scalar(db.select(Document.symbol).where(Document.id == flt.document))
        out.append(_("Văn bản: %(symbol)s", symbol=symbol))
    if flt.lead:
        name = db.session.scalar(db.select(Agency.name).where(Agency.id == flt.lead))
        out.append(_("Cơ quan chủ trì: %(name)s", name=name))
    if flt.coord:
        name = db.session.scalar(db.select(Agency.name).where(Agency.id == flt.coord))
        out.append(_("Cơ quan phối hợp: %(name)s", name=name))
    if flt.area:
        out.append(_("Lĩnh vực: %(area)s", area=_(AREAS[flt.area])))
    if flt.deadline_from or flt.deadline_to:
        out.append(
            _(
                "Thời hạn: %(first)s – %(last)s",
                first=fmt_date(flt.deadline_from) or "…",
                last=fmt_date(flt.deadline_to) or "…",
            )
        )
    for key, said in (
        ("overdue", N_("Chỉ nhiệm vụ quá hạn")),
        ("due_soon", N_("Chỉ nhiệm vụ sắp đến hạn")),
        ("urgent", N_("Chỉ nhiệm vụ khẩn")),
        ("returned", N_("Chỉ nhiệm vụ bị trả lại")),
        ("ext_pending", N_("Chỉ nhiệm vụ chờ gia hạn")),
    ):
        if getattr(flt, key):
            out.append(_(said))
    if flt.as_of:
        out.append(_("Tình trạng đến ngày %(day)s", day=fmt_date(flt.as_of)))
    return out


def _deadline(task: Task):
    if task.deadline is not None:
        return task.deadline
    return _("Thường xuyên") if task.deadline_kind == "ongoing" else ""


def workbook(user, flt: TaskFilter, *, on: dt.date | None = None) -> Workbook:
    tasks, cut = rows(user, flt)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Nhiệm vụ")
    sheet = Sheet(ws, WIDTHS)
    sheet.title(_("DANH SÁCH NHIỆM VỤ"))
    sheet.title(
        _("Xuất ngày %(day)s: %(n)s nhiệm vụ", day=fmt_date(on or today()), n=fmt_number(len(tasks))),
        size=12,
        bold=False,
    )
    if cut:
        sheet.title(
            _("Danh sách dài hơn %(n)s nhiệm vụ: chỉ xuất %(n)s nhiệm vụ đầu.", n=fmt_number(EXPORT_MAX)),
            size=12,
            bold=False,
        )
    for text in describe(flt):
        sheet.title(text, size=12, bold=False)
    sheet.gap()
    sheet.line([_(h) for h in HEADERS], header=True)
    header_row = sheet.row - 1
    formats = {7: DATE_FORMAT, 9: PERCENT_FORMAT, 10: DATE_FORMAT}
    for n, task in enumerate(tasks, start=1):
        sheet.line(
            [
                n,
                task.title,
                task.document.symbol,
                task.code or "",
                task.lead_agency.name if task.lead_agency else "",
                "; ".join(a.name for a in task.coordinating_agencies),
                _deadline(task),
                _(task.status_label),
                task.progress,
                task.completed_on,
            ],
            formats=formats,
        )
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    wb.properties.title = _("Danh sách nhiệm vụ")
    wb.properties.creator = _("Hệ thống theo dõi nhiệm vụ")
    return wb


def to_bytes(user, flt: TaskFilter) -> bytes:
    buffer = io.BytesIO()
    workbook(user, flt).save(buffer)
    return buffer.getvalue()
