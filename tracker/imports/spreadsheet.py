"""Checking an import file, whole, before anything is written (pure: no database here).

`parse_tasks(sheet, context)` and `parse_agencies(sheet, context)` read every row, and give
back the rows as they will be created, every error (row, column, reason: all of them, not
the first) and the warnings (a name understood loosely, "did you mean…", a row already
imported, a new document). The context is what the database holds, gathered by
`operations.task_context()` / `operations.agency_context()`.

Rows already imported (same document, code and lead agency) are skipped when identical and
reported as conflicts when not; neither is written again.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import gettext as _

from tracker.agencies.names import clean_name, fold, name_key
from tracker.agencies.registry import AgencyInfo, Registry
from tracker.core import limits
from tracker.core.collector import collector_paused
from tracker.core.errors import DomainError
from tracker.imports import columns as C
from tracker.imports.columns import TASK_COLUMNS, Issue
from tracker.imports.sheets import Sheet
from tracker.imports.status_dates import check_status_dates
from tracker.tasks import rules
from tracker.tasks.deadlines import DeadlineError, parse_deadline

__all__ = ["DocumentInfo", "ExistingTask", "ParseResult", "TaskContext", "parse_tasks"]

EXAMPLE_TASK = {
    "document": "VD-01/KH-UBND",
    "code": "II.1.a",
    "title": "Ví dụ: Rà soát, công bố danh mục thủ tục hành chính",
    "content": "Dòng ví dụ của tệp mẫu; xóa dòng này trước khi nhập.",
}


@dataclass
class DocumentInfo:
    id: int | None
    symbol: str
    issued_on: dt.date
    province: str | None = None


@dataclass
class ExistingTask:
    id: int
    code: str
    title: str
    lead: str | None  # the lead agency's code; None for a section
    section: bool
    values: dict  # the compared fields (see _compared)


@dataclass
class TaskContext:
    registry: Registry
    documents: dict[str, DocumentInfo]  # by symbol_key
    existing: dict[str, list[ExistingTask]]  # by symbol_key (those loaded so far)
    today: dt.date
    # Loads the tasks already in the given documents (by symbol_key): only the file's documents are
    # read, not every task of the tracker (a national instance has millions).
    load_existing: Callable[[set[str]], dict[str, list[ExistingTask]]] | None = None
    _asked: set[str] = field(default_factory=set)

    def existing_for(self, keys: set[str]) -> dict[str, list[ExistingTask]]:
        """The tasks already in the tracker in these documents (by symbol_key), each read once."""
        missing = keys - self._asked - set(self.existing)
        if missing and self.load_existing is not None:
            self.existing.update(self.load_existing(missing))
        self._asked |= missing
        return {k: self.existing[k] for k in keys if k in self.existing}


@dataclass
class ParseResult:
    kind: str  # tasks | agencies
    filename: str
    rows: list[dict] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    new_documents: list[dict] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r["action"] == action)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "filename": self.filename,
            "rows": self.rows,
            "errors": [i.to_dict() for i in self.errors],
            "warnings": [i.to_dict() for i in self.warnings],
            "new_documents": self.new_documents,
            "headers": self.headers,
            "ignored_columns": [limits.shorten(c) for c in self.ignored_columns],
        }

    @classmethod
    def from_dict(cls, data: dict) -> ParseResult:
        return cls(
            kind=data["kind"],
            filename=data["filename"],
            rows=data["rows"],
            errors=[Issue(**i) for i in data["errors"]],
            warnings=[Issue(**i) for i in data["warnings"]],
            new_documents=data["new_documents"],
            headers=data["headers"],
            ignored_columns=data["ignored_columns"],
        )


@functools.lru_cache(maxsize=4096)  # a file names a few documents, on every row
def symbol_key(symbol: str) -> str:
    return re.sub(r"\s+", "", fold(symbol or "")).upper()


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


class _Agencies:
    """Finding an agency by code or name, strictly first, loosely with a warning. A name two
    agencies share (up to case, diacritics and invisible characters) is a row error naming both,
    never one of them picked silently."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.exact: dict[str, dict[str, AgencyInfo]] = {}
        self.by_key: dict[str, dict[str, AgencyInfo]] = {}
        for a in registry.infos:
            for name in (a.name, *a.aliases):
                self.exact.setdefault(clean_name(name), {}).setdefault(a.code, a)
                self.by_key.setdefault(name_key(name), {}).setdefault(a.code, a)

    def _named(self, written: str) -> tuple[AgencyInfo | None, str | None]:
        """(the one agency of that name, None) or (None, the error when several share it)."""
        found = self.exact.get(written) or self.by_key.get(name_key(written)) or {}
        # An old name kept by its successor (a merge, a rename) is one agency, not two.
        current = {(self.registry.current(code) or info).code: info for code, info in found.items()}
        if len(current) > 1:
            listed = "; ".join(
                _("«%(name)s» (mã %(code)s)", name=a.name, code=a.code) for a in found.values()
            )
            return None, (
                _(
                    "Tên «%(written)s» trùng với nhiều cơ quan trong danh mục: %(listed)s. Hãy ghi mã cơ quan thay cho tên.",
                    written=written,
                    listed=listed,
                )
            )
        if not found:
            return None, None
        return next(iter(found.values())), None

    def find(
        self, written: str, province: str | None, *, as_it_was: bool = False
    ) -> tuple[AgencyInfo | None, str | None, str | None]:
        """(agency, warning, error) for a name or code as written in a cell. An agency that stopped
        is its successor today, or itself `as_it_was` (a lead before a reorganisation)."""
        written = clean_name(written)
        if len(written) > 255:  # longer than any agency's name: no match to look for
            return None, None, _("Không có cơ quan «%(written)s» trong danh mục.", written=written)
        hit = self.registry.get(written)
        warning = None
        if hit is None:
            hit, ambiguous = self._named(written)
            if ambiguous:
                return None, None, ambiguous
            if hit is not None and written not in self.exact:
                warning = _(
                    "«%(written)s» không trùng tên trong danh mục; hiểu là «%(name)s» (%(code)s).",
                    written=written,
                    name=hit.name,
                    code=hit.code,
                )
        if hit is None:
            ref = self.registry.matcher(province).match(written) or self.registry.matcher().match(written)
            if ref is not None:
                hit = self.registry.get(ref.code)
                warning = _(
                    "«%(written)s» không trùng tên trong danh mục; hiểu là «%(name)s» (%(code)s).",
                    written=written,
                    name=hit.name,
                    code=hit.code,
                )
        if hit is None:
            ideas = self.registry.matcher(province).suggest(written) or self.registry.matcher().suggest(
                written
            )
            idea = (
                _(" Có phải «%(name)s» (%(code)s)?", name=ideas[0].name, code=ideas[0].code) if ideas else ""
            )
            return (
                None,
                None,
                _("Không có cơ quan «%(written)s» trong danh mục.%(idea)s", written=written, idea=idea),
            )
        if not hit.active and not as_it_was:
            successor = self.registry.current(hit.code)
            if successor is None or not successor.active:
                return None, None, _("Cơ quan «%(name)s» đã ngừng hoạt động.", name=hit.name)
            note = _(
                "«%(name)s» đã ngừng hoạt động; giao cho cơ quan tiếp nhận «%(name2)s» (%(code)s).",
                name=hit.name,
                name2=successor.name,
                code=successor.code,
            )
            return successor, f"{warning} {note}" if warning else note, None
        return hit, warning, None


def parse_tasks(
    sheet: Sheet, context: TaskContext, *, progress: Callable[[int], None] | None = None
) -> ParseResult:
    """Check every row of a tasks file; see the module's docstring."""
    with collector_paused():
        return _parse_tasks(sheet, context, progress)


def _parse_tasks(sheet: Sheet, context: TaskContext, progress: Callable[[int], None] | None) -> ParseResult:
    result = ParseResult("tasks", sheet.filename)
    headers, issues = map_and_report(sheet, TASK_COLUMNS, result)
    if issues:
        return result
    agencies = _Agencies(context.registry)
    col = {key: headers.name(key, TASK_COLUMNS) for key in headers.index}
    seen: dict[tuple, int] = {}
    for n, (number, cells) in enumerate(sheet.rows, start=1):
        if progress and n % 1000 == 0:
            progress(n)
        get = {key: cells[i] if i < len(cells) else None for key, i in headers.index.items()}
        if all(C.text(get.get(k)) == v for k, v in EXAMPLE_TASK.items() if k in get):
            result.warnings.append(Issue(number, None, _("Dòng ví dụ của tệp mẫu: bỏ qua.")))
            continue
        row = _task_row(number, get, col, agencies, context, result)
        if row is None:
            continue
        key = (symbol_key(row["document"]), row["code"] or fold(row["title"]), row["lead"])
        if key in seen:
            result.errors.append(
                Issue(
                    number,
                    col.get("code") or col["title"],
                    _(
                        "Trùng với dòng %(seen)s (cùng văn bản, số thứ tự và cơ quan chủ trì).",
                        seen=seen[key],
                    ),
                )
            )
            continue
        seen[key] = number
        result.rows.append(row)
    place_documents(result, context)
    place_in_tree(result, context, col)
    check_codes(result, context)
    against_database(result, context)
    result.errors.sort(key=lambda i: i.row or 0)
    result.warnings.sort(key=lambda i: i.row or 0)
    return result


def map_and_report(sheet: Sheet, columns, result: ParseResult):
    headers, issues = C.map_headers(sheet.headers, columns)
    result.errors.extend(issues)
    result.headers = dict(headers.written)
    result.ignored_columns = headers.ignored
    if headers.ignored:
        listed = ", ".join(f"«{h}»" for h in headers.ignored)
        result.warnings.append(
            Issue(None, None, _("Các cột không dùng đến, sẽ bỏ qua: %(listed)s.", listed=listed))
        )
    for cell in sheet.issues:
        header = sheet.headers[cell.column - 1] if cell.column - 1 < len(sheet.headers) else None
        result.errors.append(Issue(cell.row, header or C.cell_letter(cell.column), cell.message))
    if not sheet.rows and not issues:
        result.errors.append(Issue(None, None, _("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")))
    return headers, issues


# The template's header of each column, for a message about a column the file does not have (a
# default read in its place: «Ngày chuyển giao» left out, the merger's day used).
_TEMPLATE_HEADERS = {c.key: c.header for c in TASK_COLUMNS}


def _column(col: dict[str, str], key: str) -> str:
    """The column a row's message names: as the file writes it, or the template's header."""
    return col.get(key) or _TEMPLATE_HEADERS.get(key, key)


def _task_row(
    number: int, get: dict, col: dict, agencies: _Agencies, context: TaskContext, result: ParseResult
) -> dict | None:
    errors: list[Issue] = []

    def error(key: str, message: str) -> None:
        errors.append(Issue(number, _column(col, key), message))

    def rule(key: str, check, *args) -> None:
        """A rule of the task operations (tasks.rules), its refusal an error of the cell."""
        try:
            check(*args)
        except DomainError as exc:
            error(key, exc.message)

    def warn(key: str | None, message: str) -> None:
        result.warnings.append(Issue(number, _column(col, key) if key else None, message))

    value = {k: C.text(v) for k, v in get.items()}
    document = value.get("document", "")
    title = value.get("title", "")
    if not document:
        error("document", _("Thiếu số, ký hiệu văn bản."))
    if not title:
        error("title", _("Thiếu tên nhiệm vụ."))
    code = value.get("code", "").strip().rstrip(".")
    # The task's rules, as the operations apply them (the same messages as the pages and the API).
    for key, text in (
        ("title", title),
        ("code", code),
        ("content", value.get("content", "")),
        ("expected_output", value.get("expected_output", "")),
    ):
        rule(key, rules.check_length, key, text)
    doc = context.documents.get(symbol_key(document))
    province = doc.province if doc else None
    lead = None
    if value.get("lead_agency"):
        lead, warning, problem = agencies.find(value["lead_agency"], province)
        if problem:
            error("lead_agency", problem)
        elif warning:
            warn("lead_agency", warning)
        if lead is not None:
            rule("lead_agency", rules.check_lead, lead)
    coordinating: list[str] = []
    for name in C.split_list(value.get("coordinating_agencies", "")):
        agency, warning, problem = agencies.find(name, province)
        if problem:
            error("coordinating_agencies", problem)
        elif (
            agency is not None
            and agency.code not in coordinating
            and (lead is None or agency.code != lead.code)
        ):
            coordinating.append(agency.code)
            if warning:
                warn("coordinating_agencies", warning)
    area = "other"
    if value.get("area"):
        area = C.choice(value["area"], C.AREA_NAMES)
        if area is None:
            error(
                "area",
                _("Lĩnh vực «%(value)s» không có trong danh sách: ", value=value["area"])
                + ", ".join(sorted(set(C.AREAS.values())))
                + ".",
            )
    dates: dict[str, dt.date | None] = {}
    for key in ("assigned_on", "reported_on", "completed_on", "confirmed_on", "cancelled_on"):
        try:
            dates[key] = C.date_cell(get.get(key))
        except DeadlineError as exc:
            error(key, f"{exc}.")
            dates[key] = None
    assigned = dates["assigned_on"]
    if assigned is None and not any(e.column == col.get("assigned_on") for e in errors):
        error("assigned_on", _("Thiếu ngày giao."))
    if assigned and assigned > context.today:
        # A file records what happened: stricter than the operation's year ahead.
        error("assigned_on", _("Ngày giao %(text)s ở tương lai.", text=C.text(assigned)))
    elif assigned and doc is not None:
        rule("assigned_on", rules.check_assigned_on, assigned, doc.issued_on)
    deadline = None
    raw_deadline = get.get("deadline")
    try:
        if isinstance(raw_deadline, dt.date):
            day = raw_deadline.date() if isinstance(raw_deadline, dt.datetime) else raw_deadline
            deadline = parse_deadline(day.strftime("%d/%m/%Y"))
        else:
            deadline = parse_deadline(value.get("deadline") or None, year=assigned.year if assigned else None)
    except DeadlineError as exc:
        error("deadline", f"{exc}.")
    if deadline and deadline.kind == "date" and assigned and deadline.date < assigned:
        error(
            "deadline",
            _(
                "Thời hạn %(text)s trước ngày giao %(text2)s.",
                text=C.text(deadline.date),
                text2=C.text(assigned),
            ),
        )
    deadline, original, extended_on = _extension(get, deadline, assigned, context.today, error, warn)
    status = "new"
    if value.get("status"):
        status = C.choice(value["status"], C.STATUS_NAMES)
        if status is None:
            error(
                "status",
                _("Trạng thái «%(value)s» không hợp lệ; dùng một trong: ", value=value["status"])
                + ", ".join(C.STATUSES.values())
                + ".",
            )
            status = "new"
    progress = None
    if value.get("progress"):
        try:
            progress = int(float(value["progress"].rstrip("%").replace(",", ".")))
            if not 0 <= progress <= 100:
                raise ValueError
        except ValueError:
            error("progress", _("Tiến độ «%(value)s» phải là một số từ 0 đến 100.", value=value["progress"]))
    check_status_dates(status, dates, deadline, assigned, context.today, error, warn)
    if extended_on:
        for key, name in (("reported_on", _("ngày báo cáo hoàn thành")), ("cancelled_on", _("ngày dừng"))):
            if dates[key] and dates[key] < extended_on:
                error(
                    "extended_on",
                    _(
                        "Ngày gia hạn %(text)s sau %(name)s %(text2)s.",
                        text=C.text(extended_on),
                        name=name,
                        text2=C.text(dates[key]),
                    ),
                )
    former, moved_on = _former_lead(
        get, value, lead, deadline, status, agencies, province, assigned, dates, context.today, error, warn
    )
    contributions = _contributions(
        value.get("contributions", ""),
        coordinating,
        agencies,
        province,
        assigned,
        dates,
        context.today,
        error,
    )
    priority = (
        "urgent"
        if fold(value.get("priority", "")).strip() in ("khan", "urgent", "x", "hoa toc")
        else "normal"
    )
    if errors:
        result.errors.extend(errors)
        return None
    return {
        "row": number,
        "action": "create",
        "document": document.strip(),
        "code": code,
        "title": title,
        "content": value.get("content", ""),
        "section": lead is None,
        "lead": lead.code if lead else None,
        "lead_name": lead.name if lead else "",
        "coordinating": coordinating,
        "coordinating_names": [context.registry.get(c).name for c in coordinating],
        "area": area,
        "assigned_on": _iso(assigned),
        "deadline_kind": deadline.kind if deadline else "ongoing",
        "deadline": _iso(deadline.date) if deadline else None,
        "original_deadline": _iso(original),
        "extended_on": _iso(extended_on),
        "period": deadline.period if deadline else None,
        "deadline_phrase": deadline.phrase if deadline and deadline.phrase else None,
        "status": status,
        "progress": progress,
        **{k: _iso(dates[k]) for k in ("reported_on", "completed_on", "confirmed_on", "cancelled_on")},
        "cancel_reason": value.get("cancel_reason", ""),
        "contributions": contributions,
        "former_lead": former.code if former else None,
        "moved_on": _iso(moved_on),
        "expected_output": value.get("expected_output", ""),
        "priority": priority,
        "result": value.get("result", ""),
        "parent_row": None,
        "parent_id": None,
        "existing_id": None,
        "note": "",
    }


def _former_lead(get, value, lead, deadline, status, agencies, province, assigned, dates, today, error, warn):
    """The lead agency before a reorganisation (`former_lead`) and the day the task moved to the lead
    of the row (`moved_on`; blank: the day the former agency stopped). The task is created with the
    former lead, who must have been active on the day of assignment, and moves on that day as the
    reorganisation's `move_lead` does: while it is open (before its confirmation or stop)."""
    if not value.get("former_lead"):
        if value.get("moved_on"):
            warn("moved_on", _("Có ngày chuyển giao nhưng không có cơ quan chủ trì trước sắp xếp: bỏ qua."))
        return None, None
    former, _warning, problem = agencies.find(value["former_lead"], province, as_it_was=True)
    if problem:
        error("former_lead", problem)
        return None, None
    if former is None or lead is None:
        return None, None
    if former.code == lead.code:
        warn("former_lead", _("Cơ quan chủ trì trước sắp xếp trùng cơ quan chủ trì hiện nay: bỏ qua."))
        return None, None
    if deadline is not None and deadline.kind == "periodic":
        error(
            "former_lead",
            _(
                "Nhiệm vụ định kỳ: ghi cơ quan chủ trì hiện nay, không nhập được cơ quan chủ trì trước sắp xếp."
            ),
        )
        return None, None
    try:
        moved_on = C.date_cell(get.get("moved_on")) or former.inactive_since
    except DeadlineError as exc:
        error("moved_on", f"{exc}.")
        return None, None
    if moved_on is None:
        error(
            "moved_on",
            _(
                "Thiếu ngày chuyển giao: «%(former)s» vẫn đang hoạt động, hãy ghi ngày nhiệm vụ chuyển sang "
                "«%(lead)s».",
                former=former.name,
                lead=lead.name,
            ),
        )
        return None, None
    if assigned and moved_on < assigned:
        error(
            "moved_on",
            _(
                "Ngày chuyển giao %(moved)s trước ngày giao %(assigned)s.",
                moved=C.text(moved_on),
                assigned=C.text(assigned),
            ),
        )
        return None, None
    if moved_on > today:
        error("moved_on", _("Ngày chuyển giao %(moved)s ở tương lai.", moved=C.text(moved_on)))
        return None, None
    if assigned:
        try:
            rules.check_lead(former, on=assigned)
        except DomainError as exc:
            error("former_lead", exc.message)
            return None, None
    for key, name in (("confirmed_on", _("ngày xác nhận hoàn thành")), ("cancelled_on", _("ngày dừng"))):
        if dates.get(key) and dates[key] < moved_on:
            error(
                "moved_on",
                _(
                    "Nhiệm vụ đã kết thúc (%(name)s %(day)s) trước ngày chuyển giao %(moved)s: nhiệm vụ đã "
                    "kết thúc giữ cơ quan chủ trì cũ; ghi «%(former)s» ở cột «Cơ quan chủ trì».",
                    name=name,
                    day=C.text(dates[key]),
                    moved=C.text(moved_on),
                    former=former.name,
                ),
            )
            return None, None
    return former, moved_on


# «Sở Nội vụ (15/03/2024): Đã góp ý dự thảo» — the agency, its date if any, the text.
_CONTRIBUTION = re.compile(
    r"^\s*(?P<agency>[^:()]+?)\s*(?:\((?P<on>[^)]*)\))?\s*:\s*(?P<text>.*\S)\s*$", re.S
)


def _contributions(cell, coordinating, agencies, province, assigned, dates, today, error) -> list[dict]:
    """The coordinating agencies' contributions a row records, one a line: «Cơ quan (dd/mm/yyyy): nội
    dung». Each by one of the row's coordinating agencies, dated on or after the assignment, on or
    before today and not after the task was confirmed done or stopped (the workflow takes a
    contribution while the task is new, in progress or awaiting confirmation). Played as the agency's own `post_contribution` (history.steps)."""
    out: list[dict] = []
    closed = [
        (dates[k], name)
        for k, name in (("confirmed_on", _("ngày xác nhận hoàn thành")), ("cancelled_on", _("ngày dừng")))
        if dates.get(k)
    ]
    for line in (p.strip() for p in (cell or "").splitlines() if p.strip()):
        match = _CONTRIBUTION.match(line)
        if match is None:
            error(
                "contributions",
                _(
                    "Không hiểu ý kiến phối hợp «%(line)s»: ghi «Cơ quan (dd/mm/yyyy): nội dung».",
                    line=line[:80],
                ),
            )
            continue
        agency, _warning, problem = agencies.find(match["agency"], province)
        if problem:
            error("contributions", problem)
            continue
        if agency is None or agency.code not in coordinating:
            error(
                "contributions",
                _(
                    "«%(match)s» không có trong cột «Cơ quan phối hợp» của dòng này; chỉ cơ quan phối hợp mới gửi ý kiến phối hợp.",
                    match=match["agency"],
                ),
            )
            continue
        on = assigned
        if match["on"]:
            try:
                on = C.date_cell(match["on"])
            except DeadlineError as exc:
                error("contributions", f"{exc}.")
                continue
        if on is None:
            continue
        if assigned and on < assigned:
            error(
                "contributions",
                _(
                    "Ý kiến phối hợp ngày %(text)s trước ngày giao %(text2)s.",
                    text=C.text(on),
                    text2=C.text(assigned),
                ),
            )
            continue
        if on > today:
            error("contributions", _("Ý kiến phối hợp ngày %(text)s ở tương lai.", text=C.text(on)))
            continue
        late = [(day, name) for day, name in closed if on > day]
        if late:
            day, name = late[0]
            error(
                "contributions",
                _(
                    "Ý kiến phối hợp ngày %(text)s sau %(name)s %(text2)s.",
                    text=C.text(on),
                    name=name,
                    text2=C.text(day),
                ),
            )
            continue
        out.append({"agency": agency.code, "on": _iso(on), "text": match["text"]})
    return out


def _extension(get, deadline, assigned, today, error, warn):
    """A row's extension (columns «Thời hạn ban đầu», «Ngày gia hạn», «Gia hạn đến»): the deadline in
    force, the original one and the day the extension was approved — played as the workflow's
    request and approval on that day, so a report as of an earlier day sees the original deadline.
    Returns (deadline, original or None, extended_on or None)."""
    found = {}
    for key in ("original_deadline", "extended_on", "extended_to"):
        try:
            found[key] = C.date_cell(get.get(key))
        except DeadlineError as exc:
            error(key, f"{exc}.")
            return deadline, None, None
    original, extended_on, extended_to = (
        found["original_deadline"],
        found["extended_on"],
        found["extended_to"],
    )
    if extended_to is not None:
        current = deadline.date if deadline is not None and deadline.kind == "date" else None
        if current is not None and current != extended_to:
            if original is None and current < extended_to:
                original = current  # «Thời hạn» held the deadline before the extension
            else:
                error(
                    "extended_to",
                    _(
                        "Gia hạn đến %(text)s khác thời hạn %(text2)s của cột «Thời hạn».",
                        text=C.text(extended_to),
                        text2=C.text(current),
                    ),
                )
                return deadline, None, None
        deadline = parse_deadline(extended_to.strftime("%d/%m/%Y"))
    if original is None:
        if extended_on is not None:
            warn("extended_on", _("Có ngày gia hạn nhưng không có thời hạn ban đầu: bỏ qua việc gia hạn."))
        return deadline, None, None
    if deadline is None or deadline.kind != "date":
        error("original_deadline", _("Thời hạn ban đầu chỉ dùng được với nhiệm vụ có thời hạn là một ngày."))
        return deadline, None, None
    if original >= deadline.date:
        error(
            "original_deadline",
            _(
                "Thời hạn ban đầu %(text)s phải trước thời hạn sau gia hạn %(text2)s.",
                text=C.text(original),
                text2=C.text(deadline.date),
            ),
        )
        return deadline, None, None
    if assigned and original < assigned:
        error(
            "original_deadline",
            _(
                "Thời hạn ban đầu %(text)s trước ngày giao %(text2)s.",
                text=C.text(original),
                text2=C.text(assigned),
            ),
        )
        return deadline, None, None
    if extended_on is None:
        extended_on = min(original, today)
        warn("extended_on", _("Không có ngày gia hạn: lấy ngày %(text)s.", text=C.text(extended_on)))
    if assigned and extended_on < assigned:
        error(
            "extended_on",
            _(
                "Ngày gia hạn %(text)s trước ngày giao %(text2)s.",
                text=C.text(extended_on),
                text2=C.text(assigned),
            ),
        )
    elif extended_on > today:
        error("extended_on", _("Ngày gia hạn %(text)s ở tương lai.", text=C.text(extended_on)))
    return deadline, original, extended_on


# Below: they import this module's types and helpers.
from tracker.imports.placement import place_documents, place_in_tree  # noqa: E402
from tracker.imports.reimport import against_database, check_codes  # noqa: E402
