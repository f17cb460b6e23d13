"""`flask --app tracker report summary|by-agency …`: the report from the command line (admin side,
for automation and checks), counted by the same function as the pages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from tracker.core.dates import fmt_number, fmt_percent, parse_iso_date
from tracker.core.errors import DomainError
from tracker.documents.models import ISSUER_LEVELS
from tracker.reports import classify, export_docx, export_pdf, export_xlsx, scopes
from tracker.reports.classify import Counts
from tracker.reports.narrative import Issue
from tracker.reports.params import report_filter
from tracker.reports.queries import GROUPINGS, ReportFilter, build_report, by_agency
from tracker.reports.queries import scope as report_scope
from tracker.tasks.models import CATEGORIES

KEYS = [
    "total",
    "done_on_time",
    "done_late",
    "awaiting_confirmation",
    "overdue",
    "in_progress_on_time",
    "due_soon",
    "extended",
    "completion_rate",
]
LABELS = {
    "total": "Tổng số",
    **CATEGORIES,
    "due_soon": "Sắp đến hạn",
    "extended": "Đã gia hạn",
    "completion_rate": "Tỷ lệ hoàn thành",
}


def _date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_iso_date(value)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint=option) from None


def _options(command):
    for decorator in reversed(
        [
            click.option("--from", "date_from", help="Đầu kỳ (YYYY-MM-DD)."),
            click.option("--to", "date_to", help="Cuối kỳ (YYYY-MM-DD)."),
            click.option("--as-of", "as_of", help="Ngày chốt số liệu (mặc định: cuối kỳ, hoặc hôm nay)."),
            click.option(
                "--document", "documents", multiple=True, help="Số, ký hiệu văn bản (lặp lại được)."
            ),
            click.option("--agency", "agency_code", help="Mã cơ quan chủ trì (gồm đơn vị trực thuộc)."),
            click.option("--issuer", type=click.Choice(sorted(ISSUER_LEVELS)), help="Cấp ban hành văn bản."),
            click.option("--area", help="Lĩnh vực (mã)."),
            click.option(
                "--scope",
                type=click.Choice(list(scopes.SCOPES)),
                help="Phạm vi có tên: "
                + "; ".join(f"{s.key} = {s.label}" for s in scopes.SCOPES.values())
                + ". Mặc định: theo các bộ lọc (all).",
            ),
            click.option(
                "--group",
                "grouping",
                type=click.Choice(sorted(GROUPINGS)),
                default="historic",
                show_default=True,
                help="Cơ quan tại thời điểm báo cáo, hoặc cơ quan hiện nay.",
            ),
            click.option(
                "--format",
                "fmt",
                type=click.Choice(["json", "table", "xlsx", "docx", "pdf"]),
                default="table",
                show_default=True,
            ),
            click.option("--output", type=click.Path(dir_okay=False, writable=True), help="Tệp kết quả."),
            click.option(
                "--appendix-only",
                is_flag=True,
                help="Word/PDF: chỉ phụ lục (Biểu mẫu số 01 và các biểu), không có phần báo cáo.",
            ),
            click.option(
                "--number", default="", help="Word/PDF: số của báo cáo (mặc định để trống cho văn thư)."
            ),
            click.option(
                "--date",
                "issued_on",
                help="Word/PDF: ngày ban hành báo cáo, YYYY-MM-DD (mặc định để trống cho văn thư).",
            ),
        ]
    ):
        command = decorator(command)
    return command


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _filter(
    date_from, date_to, as_of, documents, agency_code, issuer, area, grouping, scope=None
) -> ReportFilter:
    """The same parameters, rules and messages as the API's (tracker.reports.params)."""
    start, end, on = _date(date_from, "--from"), _date(date_to, "--to"), _date(as_of, "--as-of")
    try:
        return report_filter(
            start=start,
            end=end,
            as_of=on,
            documents=documents,
            agency=agency_code,
            issuer=issuer,
            area=area,
            grouping=grouping,
            scope=scope,
            name=_option,
        )
    except DomainError as e:
        raise click.UsageError(e.message) from None


def _row_text(label: str, counts: Counts, width: int) -> str:
    values = [fmt_number(getattr(counts, k)) for k in KEYS[:-1]] + [fmt_percent(counts.completion_rate * 100)]
    return f"{label[:width]:<{width}} " + " ".join(f"{v:>9}" for v in values)


def _header(width: int) -> str:
    short = ["Tổng", "Đúng hạn", "Quá hạn", "Chờ XN", "Quá hạn*", "Trong hạn", "Sắp hạn", "Gia hạn", "Tỷ lệ"]
    return f"{'':<{width}} " + " ".join(f"{h:>9}" for h in short) + "\n(*) quá hạn chưa hoàn thành"


FILES = ("xlsx", "docx", "pdf")


def _document(report, fmt: str, document: dict) -> bytes:
    if fmt == "xlsx":
        return export_xlsx.to_bytes(report)
    issue = Issue(number=document["number"], issued_on=_date(document["issued_on"], "--date"))
    body = export_docx.to_bytes(report, issue=issue, appendix_only=document["appendix_only"])
    if fmt == "docx":
        return body
    return export_pdf.docx_to_pdf(body)  # a ConversionError is the command's message (core.boundary)


def _emit(report, fmt: str, output: str | None, payload, table: str, document: dict) -> None:
    if fmt in ("xlsx", "docx", "pdf"):
        if not output:
            raise click.UsageError(f"Định dạng {fmt} cần --output TỆP.")
        Path(output).write_bytes(_document(report, fmt, document))
        click.echo(f"Đã ghi {output}", err=True)
        return
    text = json.dumps(payload, ensure_ascii=False, indent=2) if fmt == "json" else table
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


@click.group("report")
def report_group():
    """Báo cáo: phân loại nhiệm vụ tại một ngày (Biểu mẫu 01), theo cơ quan chủ trì."""


@report_group.command("summary")
@_options
def summary_command(
    date_from, date_to, as_of, documents, agency_code, issuer, area, scope, grouping, fmt, output, **document
):
    """Tổng hợp: tổng số, năm loại, sắp đến hạn, đã gia hạn, tỷ lệ hoàn thành."""
    rf = _filter(date_from, date_to, as_of, documents, agency_code, issuer, area, grouping, scope)
    report = None
    if fmt in FILES:  # the whole report goes into the file
        report = build_report(None, rf)
        s = report.summary
    else:  # the summary only: one tally, not every block of the report
        rf, where = report_scope(None, rf)
        s = classify.tally(rf.as_of, where)
    title = (rf.period.name if rf.period else "Văn bản đã chọn") + f", số liệu đến {rf.as_of:%d/%m/%Y}"
    title += f"\n{rf.scope_sentence(s.total)}"
    table = "\n".join(
        [title]
        + [f"{LABELS[k]:<28} {fmt_number(getattr(s, k)):>9}" for k in KEYS[:-1]]
        + [f"{LABELS['completion_rate']:<28} {fmt_percent(s.completion_rate * 100):>9}"]
    )
    _emit(report, fmt, output, s.as_dict(), table, document)


@report_group.command("by-agency")
@_options
def by_agency_command(
    date_from, date_to, as_of, documents, agency_code, issuer, area, scope, grouping, fmt, output, **document
):
    """Một dòng cho mỗi cơ quan chủ trì, xếp hạng theo tỷ lệ hoàn thành đúng hạn."""
    rf = _filter(date_from, date_to, as_of, documents, agency_code, issuer, area, grouping, scope)
    report = None
    if fmt in FILES:
        report = build_report(None, rf)
        rows, total = report.agencies, report.summary
    else:  # the rows by agency and their total only
        rf, where = report_scope(None, rf)
        rows, total = by_agency(None, rf, where), classify.tally(rf.as_of, where)
    payload = [r.as_dict() for r in rows]
    width = 44
    lines = [_header(width)] + [_row_text(f"{r.rank:>2}. {r.label}", r.counts, width) for r in rows]
    lines.append(_row_text("Tổng cộng", total, width))
    _emit(report, fmt, output, payload, "\n".join(lines), document)
