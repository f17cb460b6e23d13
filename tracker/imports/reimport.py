"""Re-importing: a row already in the tracker (same document, code and lead agency) is skipped
when identical, and reported as a conflict (and not written) when it differs."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker.agencies.names import fold
from tracker.imports import columns as C
from tracker.imports.columns import Issue

if TYPE_CHECKING:
    from tracker.imports.spreadsheet import ExistingTask, ParseResult, TaskContext

__all__ = ["against_database", "already_written", "check_codes", "natural_key"]


def natural_key(symbol_key: str, code: str | None, title: str, lead: str | None) -> tuple:
    """What makes a row the same task as one in the tracker: its document, its code (its folded
    title when it has none) and its lead agency's code (none for a section)."""
    return (symbol_key, code or fold(title), lead or None)


def _compared(values: dict) -> dict:
    """The fields a re-import compares to decide "identical" or "conflict"."""
    keys = (
        "title",
        "content",
        "coordinating",
        "area",
        "assigned_on",
        "deadline_kind",
        "deadline",
        "period",
        "status",
        "completed_on",
        "expected_output",
    )
    out = {k: values.get(k) for k in keys}
    out["coordinating"] = sorted(out["coordinating"] or [])
    out["content"] = (out["content"] or "").strip()
    out["expected_output"] = (out["expected_output"] or "").strip()
    return out


_LABELS = {
    "title": _l("Tên nhiệm vụ"),
    "content": _l("Nội dung"),
    "coordinating": _l("Cơ quan phối hợp"),
    "area": _l("Lĩnh vực"),
    "assigned_on": _l("Ngày giao"),
    "deadline_kind": _l("Loại thời hạn"),
    "deadline": _l("Thời hạn"),
    "period": _l("Chu kỳ"),
    "status": _l("Trạng thái"),
    "completed_on": _l("Ngày hoàn thành"),
    "expected_output": _l("Sản phẩm"),
}


def against_database(result: ParseResult, context: TaskContext) -> None:
    from tracker.imports.spreadsheet import symbol_key

    """A row already in the tracker (document, code, lead) is skipped, or reported as a conflict."""
    index: dict[tuple, ExistingTask] = {}
    for key, tasks in context.existing_for({symbol_key(r["document"]) for r in result.rows}).items():
        for task in tasks:
            index.setdefault(natural_key(key, task.code, task.title, task.lead), task)
    for row in result.rows:
        task = index.get(natural_key(symbol_key(row["document"]), row["code"], row["title"], row["lead"]))
        if task is None:
            continue
        row["existing_id"] = task.id
        if task.section:
            row["action"] = "skip"
            continue
        mine, theirs = _compared(row), _compared(task.values)
        if task.values.get("original_deadline") == mine["deadline"]:
            theirs["deadline"] = mine["deadline"]  # extended since: the file gives the first deadline
        diff = [k for k in mine if mine[k] != theirs[k]]
        if not diff:
            row["action"] = "skip"
            continue
        row["action"] = "conflict"
        shown = "; ".join(
            _(
                "%(LABELS)s: trong hệ thống «%(show)s», trong tệp «%(show2)s»",
                LABELS=_LABELS[k],
                show=_show(k, theirs[k]),
                show2=_show(k, mine[k]),
            )
            for k in diff[:3]
        )
        row["note"] = shown
        result.warnings.append(
            Issue(
                row["row"],
                None,
                _(
                    "Nhiệm vụ %(value)s (%(row)s) đã có trong văn bản %(row2)s nhưng khác: %(shown)s. Dòng này không được nhập.",
                    value=row["code"] or row["title"][:40],
                    row=row["lead"],
                    row2=row["document"],
                    shown=shown,
                ),
            )
        )
    skipped = result.count("skip")
    if skipped:
        result.warnings.append(
            Issue(
                None,
                None,
                _(
                    "%(skipped)s dòng đã có trong hệ thống, giống hệt: bỏ qua (không tạo trùng).",
                    skipped=skipped,
                ),
            )
        )


def check_codes(result: ParseResult, context: TaskContext) -> None:
    """A code names one item of its document (`tasks.rules.code_clash`), in the file and against the
    tasks already in the tracker: a row whose code another row or task of its document uses for a
    different item is an error. A row that is the same task as one in the tracker (same code and lead)
    is left to `against_database` (skipped or reported as a conflict). The file is not written while
    an error stands."""
    from tracker.imports.spreadsheet import symbol_key
    from tracker.tasks.rules import code_clash

    keys = {symbol_key(r["document"]) for r in result.rows}
    existing = context.existing_for(keys)
    taken: dict[tuple, list[tuple[str, bool, str | None]]] = {}
    for key, tasks in existing.items():
        for task in tasks:
            if task.code:
                taken.setdefault((key, task.code.strip()), []).append((task.title, task.section, task.lead))
    for row in result.rows:
        code = (row["code"] or "").strip()
        if not code:
            continue
        same = taken.setdefault((symbol_key(row["document"]), code), [])
        others = [(title, section) for title, section, lead in same if lead != row["lead"]]
        clash = code_clash(code, row["title"], row["section"], others)
        if clash:
            result.errors.append(Issue(row["row"], None, clash))
            continue
        same.append((row["title"], row["section"], row["lead"]))


def already_written(result: ParseResult, context: TaskContext) -> list[dict]:
    """The rows the check found new that the tracker holds now (written since, by another import)."""
    from tracker.imports.spreadsheet import symbol_key

    rows = [r for r in result.rows if r["action"] == "create"]
    have = set()
    for key, tasks in context.existing_for({symbol_key(r["document"]) for r in rows}).items():
        have |= {natural_key(key, t.code, t.title, t.lead) for t in tasks}
    return [
        r for r in rows if natural_key(symbol_key(r["document"]), r["code"], r["title"], r["lead"]) in have
    ]


def _show(key: str, value) -> str:
    if value in (None, "", []):
        return _("trống")
    if key in ("assigned_on", "deadline", "completed_on") and isinstance(value, str):
        return C.text(dt.date.fromisoformat(value))
    if key == "status":
        return C.STATUSES.get(value, value)
    if key == "area":
        return C.AREAS.get(value, value)
    if isinstance(value, list):
        return ", ".join(value)
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"
