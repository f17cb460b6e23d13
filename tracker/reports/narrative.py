"""The words of the report that goes out: its number and date, its summary, its body with the figures
written out as Báo cáo 317/BC-UBND writes them ("Trong Quý III/2024, UBND tỉnh nhận được 127 nhiệm vụ
do Chính phủ, Thủ tướng Chính phủ giao; kết quả thống kê có 86 nhiệm vụ đã hoàn thành đúng hạn, 22
nhiệm vụ đang thực hiện trong hạn, 19 nhiệm vụ đang chờ xác nhận."), the appendix heading.

One place for these texts: the Word document, its PDF and the print view all take them from here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.core.dates import fmt_date, fmt_number, fmt_percent, today
from tracker.documents.models import ISSUER_LEVELS
from tracker.letterhead.settings import Letterhead
from tracker.reports import form01
from tracker.reports.queries import Report

# Written out in this order, as 317/BC-UBND does; a category with no task is left out of the sentence.
PHRASES = [
    ("done_on_time", "đã hoàn thành đúng hạn"),
    ("done_late", "đã hoàn thành nhưng quá hạn"),
    ("in_progress_on_time", "đang thực hiện trong hạn"),
    ("awaiting_confirmation", "đang chờ xác nhận"),
    ("overdue", "quá hạn nhưng chưa hoàn thành"),
]
NAMED_OVERDUE = 8  # agencies named in the overdue sentence; the rest are counted


@dataclass
class Issue:
    """The report's own number and date. Left empty, they are blanks the clerk (văn thư) fills in
    when the report is registered and signed."""

    number: str = ""
    issued_on: dt.date | None = None


@dataclass
class Paragraph:
    text: str
    heading: bool = False  # a numbered heading ("1. …"), bold
    closing: bool = False


def _two(n: int, pad: bool) -> str:
    # Nghị định 30: a day below 10 and the months 1 and 2 are written with a leading zero.
    return f"{n:02d}" if pad else str(n)


def number_line(head: Letterhead, issue: Issue) -> str:
    """'Số: 317/BC-UBND', or 'Số:       /BC-UBND' for the clerk to fill in."""
    number = issue.number.strip() or " " * 7
    return f"Số: {number}/{head.symbol_suffix}"


def date_line(head: Letterhead, issue: Issue) -> str:
    """'Khánh Hòa, ngày 18 tháng 9 năm 2024', or with blanks: 'Khánh Hòa, ngày      tháng      năm 2026'."""
    day = issue.issued_on
    if day is None:
        return f"{head.place}, ngày      tháng      năm {today().year}"
    return f"{head.place}, ngày {_two(day.day, day.day < 10)} tháng {_two(day.month, day.month < 3)} năm {day.year}"


def reference(head: Letterhead, issue: Issue) -> str:
    """The appendix's '(Kèm theo Báo cáo số 317/BC-UBND ngày 18/9/2024 của Ủy ban nhân dân tỉnh …)'."""
    number = issue.number.strip() or " " * 6
    day = issue.issued_on
    when = f"{day.day}/{day.month}/{day.year}" if day else "    /    /" + str(today().year)
    return f"(Kèm theo Báo cáo số {number}/{head.symbol_suffix} ngày {when} của {head.full_name})"


def tasks_phrase(report: Report) -> str:
    """'nhiệm vụ do Chính phủ, Thủ tướng Chính phủ giao', or 'nhiệm vụ được giao'."""
    level = report.filter.issuer_level
    if level and level != "other":
        return f"nhiệm vụ do {ISSUER_LEVELS[level]} giao"
    return "nhiệm vụ được giao"


def period_phrase(report: Report) -> str:
    """'trong Quý III/2024', 'trong 6 tháng đầu năm 2024', 'trong năm 2024', 'từ ngày … đến ngày …'."""
    period = report.filter.period
    if period is None:
        return f"lũy kế đến ngày {fmt_date(report.filter.as_of)}"
    if period.key == "custom" or period.year is None:
        return f"từ ngày {fmt_date(period.start)} đến ngày {fmt_date(period.end)}"
    if period.key == "m9":
        return f"trong 9 tháng năm {period.year}"
    if period.key == "year":
        return f"trong năm {period.year}"
    return f"trong {period.name}"


def _documents(report: Report) -> str:
    texts = [t for t in report.filters_text if t.startswith("Văn bản: ")]
    return texts[0].removeprefix("Văn bản: ") if texts else "đã chọn"


def summary(report: Report) -> str:
    """The summary under 'BÁO CÁO': 'Tình hình, kết quả thực hiện nhiệm vụ … trong Quý III/2024'."""
    if report.filter.period is None:
        return (
            f"Tình hình, kết quả thực hiện nhiệm vụ của văn bản {_documents(report)} "
            f"(lũy kế đến ngày {fmt_date(report.filter.as_of)})"
        )
    return f"Tình hình, kết quả thực hiện {tasks_phrase(report)} {period_phrase(report)}"


def _scope_filters(report: Report) -> list[str]:
    """The filters the summary does not already say (lead agency, area, documents of a period)."""
    out = []
    for text in report.filters_text:
        if text.startswith("Cấp ban hành"):
            continue
        if text.startswith("Văn bản: ") and report.filter.period is None:
            continue
        out.append(text[0].lower() + text[1:])
    return out


def _counts_sentence(report: Report, head: Letterhead) -> str:
    s = report.summary
    rf = report.filter
    when = period_phrase(report)
    when = when[0].upper() + when[1:]
    lead = next((t for t in report.filters_text if t.startswith("Cơ quan chủ trì: ")), None)
    who = lead.removeprefix("Cơ quan chủ trì: ") if lead else head.short_name
    if rf.period is None:
        verb, none = "có", "không có"
    elif lead:
        verb, none = "được giao chủ trì", "không được giao chủ trì"
    else:
        verb, none = "nhận được", "không nhận được"
    if not s.total:
        return f"{when}, {who} {none} {tasks_phrase(report).replace('nhiệm vụ', 'nhiệm vụ nào', 1)}."
    subject = f"{who} {verb}"
    parts = [f"{fmt_number(getattr(s, key))} nhiệm vụ {phrase}" for key, phrase in PHRASES if getattr(s, key)]
    return f"{when}, {subject} {fmt_number(s.total)} {tasks_phrase(report)}; kết quả thống kê có {', '.join(parts)}."


def _rates_sentence(report: Report) -> str:
    s = report.summary
    text = (
        f"Tỷ lệ hoàn thành đạt {fmt_percent(s.completion_rate * 100)} "
        f"({fmt_number(s.done)}/{fmt_number(s.total)} nhiệm vụ); "
        f"tỷ lệ hoàn thành đúng hạn đạt {fmt_percent(s.on_time_rate * 100)}."
    )
    missing = [phrase for key, phrase in PHRASES if key in ("done_late", "overdue") and not getattr(s, key)]
    if missing:
        text += " Không có nhiệm vụ " + ", không có nhiệm vụ ".join(missing) + "."
    return text


def _overdue_sentence(report: Report) -> str | None:
    s = report.summary
    if not s.overdue:
        return None
    rows = sorted(
        (r for r in report.agencies if r.counts.overdue), key=lambda r: (-r.counts.overdue, r.label)
    )
    named = [f"{r.label} ({fmt_number(r.counts.overdue)} nhiệm vụ)" for r in rows[:NAMED_OVERDUE]]
    rest = len(rows) - len(named)
    who = "; ".join(named) + (f" và {rest} cơ quan khác" if rest > 0 else "")
    return f"Các cơ quan có nhiệm vụ quá hạn nhưng chưa hoàn thành: {who}."


def _watch_sentence(report: Report) -> str | None:
    s = report.summary
    bits = []
    if s.due_soon:
        bits.append(f"{fmt_number(s.due_soon)} nhiệm vụ sắp đến hạn trong 07 ngày tới")
    if s.extended:
        bits.append(f"{fmt_number(s.extended)} nhiệm vụ đã được gia hạn")
    if not bits:
        return None
    return f"Tại thời điểm báo cáo có {' và '.join(bits)}."


def body(report: Report, head: Letterhead) -> list[Paragraph]:
    """The body between the addressee and the signature."""
    rf = report.filter
    filters = _scope_filters(report)
    scope = f" ({'; '.join(filters)})" if filters else ""
    if rf.period is not None:
        window = (
            f" (từ ngày {fmt_date(rf.period.start)} đến ngày {fmt_date(rf.period.end)})"
            if rf.period.key != "custom"
            else ""
        )
        what = f"{tasks_phrase(report)} {period_phrase(report)}{window}"
    else:
        what = f"nhiệm vụ của văn bản {_documents(report)}"
    out = [
        Paragraph(
            f"{head.full_name} (viết tắt là {head.short_name}) báo cáo tình hình, kết quả thực hiện "
            f"{what}{scope}, số liệu tính đến hết ngày {fmt_date(rf.as_of)}, như sau:"
        ),
        Paragraph("1. Tiến độ, kết quả thực hiện nhiệm vụ", heading=True),
        Paragraph(_counts_sentence(report, head)),
        Paragraph(_rates_sentence(report)),
    ]
    for extra in (_overdue_sentence(report), _watch_sentence(report)):
        if extra:
            out.append(Paragraph(extra))
    number = 2
    if report.plan_counts is not None and report.plan is not None:
        plan, p = report.plan, report.plan_counts
        out.append(Paragraph(f"{number}. Kết quả thực hiện kế hoạch cải cách hành chính", heading=True))
        out.append(
            Paragraph(
                f"Tỷ lệ hoàn thành {plan.kind_label} số {plan.symbol} ngày {fmt_date(plan.issued_on)} "
                f"({plan.title}), lũy kế đến thời điểm báo cáo, đạt {fmt_percent(p.completion_rate * 100)}: "
                f"{fmt_number(p.done)}/{fmt_number(p.total)} nhiệm vụ đã hoàn thành."
            )
        )
        number += 1
    out.append(Paragraph(f"{number}. Kết quả theo cơ quan chủ trì, văn bản và lĩnh vực", heading=True))
    out.append(
        Paragraph(
            f"Kết quả thực hiện của {fmt_number(len(report.agencies))} cơ quan chủ trì (xếp hạng theo tỷ lệ "
            f"hoàn thành đúng hạn), của {fmt_number(len(report.documents))} văn bản giao nhiệm vụ và theo "
            "lĩnh vực được thống kê chi tiết tại Phụ lục kèm theo."
        )
    )
    ending = f"Trên đây là báo cáo {summary(report)[0].lower()}{summary(report)[1:]} của {head.short_name}"
    if head.addressee:
        out.append(Paragraph(ending + ".", closing=True))
        out.append(
            Paragraph(f"{head.short_name} kính báo cáo {head.addressee} theo dõi, tổng hợp./.", closing=True)
        )
    else:
        out.append(Paragraph(ending + "./.", closing=True))
    return out


def appendix_title(report: Report, head: Letterhead) -> list[str]:
    """'PHỤ LỤC', 'THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN NHIỆM VỤ …', 'TRONG QUÝ III/2024 TRÊN ĐỊA BÀN …'."""
    rf = report.filter
    if rf.period is None:
        second = f"TOÀN BỘ NHIỆM VỤ CỦA VĂN BẢN {_documents(report).upper()} (LŨY KẾ)"
    else:
        second = f"{period_phrase(report)} trên địa bàn {head.locality}".upper()
    return ["PHỤ LỤC", f"THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN {tasks_phrase(report).upper()}", second]


def as_of_line(report: Report) -> str:
    return f"(Số liệu tính đến hết ngày {fmt_date(report.filter.as_of)})"


def appendix_filters(report: Report) -> list[str]:
    """The filters under the appendix's heading, but those its title already says (issuer level;
    the documents of a report over documents)."""
    out = []
    for text in report.filters_text:
        if text.startswith("Cấp ban hành") and report.filter.issuer_level != "other":
            continue
        if text.startswith("Văn bản: ") and report.filter.period is None:
            continue
        out.append(text)
    return out


def texts(report: Report, head: Letterhead, issue: Issue | None = None) -> dict:
    """Every text of the report that goes out, for the print view (the Word export calls the same
    functions)."""
    issue = issue or Issue()
    return {
        "head": head,
        "number": number_line(head, issue),
        "date": date_line(head, issue),
        "summary": summary(report),
        "body": body(report, head),
        "appendix_title": appendix_title(report, head),
        "reference": reference(head, issue),
        "as_of": as_of_line(report),
        "filters": appendix_filters(report),
        "form01": form01.items(report),
    }
