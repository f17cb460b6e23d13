"""The rows of Biểu mẫu số 01 that the tracker fills (item 2: the CCHC plan; item 5: the tasks
assigned), as the Word, PDF and Excel exports and the print view write them."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.reports.queries import Report

TITLE = "Biểu mẫu số 01"
SUBTITLE = "Công tác chỉ đạo, điều hành Cải cách hành chính"
HEADER = "Chỉ tiêu thống kê (Sử dụng trong báo cáo hàng quý, 06 tháng, năm)"


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
    out: list[Item] = []
    if report.plan_counts is not None and report.plan is not None:
        p = report.plan_counts
        out += [
            Item(
                "2.",
                "Tỷ lệ hoàn thành kế hoạch CCHC (Lũy kế đến thời điểm báo cáo)",
                "%",
                round(p.completion_rate * 100, 2),
                f"Kế hoạch {report.plan.symbol}",
                bold=True,
                percent=True,
                key="plan_rate",
            ),
            Item("2.1.", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", p.total, key="plan_total"),
            Item("2.2.", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", p.done, key="plan_done"),
        ]
    out += [
        Item("5.", report.item5_label, "", None, bold=True),
        Item("5.1.", "Tổng số nhiệm vụ được giao", "Nhiệm vụ", s.total, report.item5_note, key="total"),
        Item("5.2.", "Số nhiệm vụ đã hoàn thành đúng hạn", "Nhiệm vụ", s.done_on_time, key="done_on_time"),
        Item("5.3.", "Số nhiệm vụ đã hoàn thành nhưng quá hạn", "Nhiệm vụ", s.done_late, key="done_late"),
        Item("5.4.", "Số nhiệm vụ quá hạn nhưng chưa hoàn thành", "Nhiệm vụ", s.overdue, key="overdue"),
    ]
    return out
