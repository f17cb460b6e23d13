"""The rows of Biểu mẫu số 01 that the tracker fills (item 2: the CCHC plan; item 5: the tasks
assigned), as the Word, PDF and Excel exports and the print view write them."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from tracker.core.text import N_
from tracker.reports.queries import Report

# Translated where shown (`_(form01.TITLE)`): the Word report writes them in Vietnamese.
TITLE = N_("Biểu mẫu số 01")
SUBTITLE = N_("Công tác chỉ đạo, điều hành Cải cách hành chính")
HEADER = N_("Chỉ tiêu thống kê (Sử dụng trong báo cáo hàng quý, 06 tháng, năm)")


@dataclass
class Item:
    stt: str
    label: str
    unit: str
    value: int | float | None  # a number (the rate in %, 2 decimals) or None for a heading row
    note: str = ""
    bold: bool = False
    percent: bool = False
    key: str = ""  # the report figure behind it: "plan_total", "plan_done", a category, "total"


def items(report: Report) -> list[Item]:
    s = report.summary
    unit = _("Nhiệm vụ")
    out: list[Item] = []
    if report.plan_counts is not None and report.plan is not None:
        p = report.plan_counts
        out += [
            Item(
                "2.",
                _("Tỷ lệ hoàn thành kế hoạch CCHC (Lũy kế đến thời điểm báo cáo)"),
                "%",
                round(p.completion_rate * 100, 2),
                _("Kế hoạch %(symbol)s", symbol=report.plan.symbol),
                bold=True,
                percent=True,
                key="plan_rate",
            ),
            Item("2.1.", _("Số nhiệm vụ đề ra trong kế hoạch"), unit, p.total, key="plan_total"),
            Item("2.2.", _("Số nhiệm vụ đã hoàn thành"), unit, p.done, key="plan_done"),
        ]
    out += [
        Item("5.", report.item5_label, "", None, bold=True),
        Item("5.1.", _("Tổng số nhiệm vụ được giao"), unit, s.total, report.item5_note, key="total"),
        Item("5.2.", _("Số nhiệm vụ đã hoàn thành đúng hạn"), unit, s.done_on_time, key="done_on_time"),
        Item("5.3.", _("Số nhiệm vụ đã hoàn thành nhưng quá hạn"), unit, s.done_late, key="done_late"),
        Item("5.4.", _("Số nhiệm vụ quá hạn nhưng chưa hoàn thành"), unit, s.overdue, key="overdue"),
    ]
    return out
