"""Where the checked rows of an import go (a part of the spreadsheet check): their document — one
not in the tracker yet is created with the earliest date of its rows — and their parent in the
document's tree (by code: "1.2.a" goes under "1.2")."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _

from tracker.documents.docinfo import guess_kind
from tracker.imports import columns as C
from tracker.imports.columns import Issue
from tracker.imports.spreadsheet import ExistingTask, ParseResult, TaskContext, symbol_key


def place_documents(result: ParseResult, context: TaskContext) -> None:
    """Documents not in the tracker yet: created with the earliest date of their rows."""
    new: dict[str, dict] = {}
    for row in result.rows:
        key = symbol_key(row["document"])
        if key in context.documents:
            continue
        entry = new.setdefault(
            key,
            {
                "symbol": row["document"],
                "issued_on": row["assigned_on"],
                "kind": guess_kind(row["document"]),
                "first_row": row["row"],
            },
        )
        entry["issued_on"] = min(entry["issued_on"], row["assigned_on"])
    for entry in new.values():
        result.warnings.append(
            Issue(
                entry["first_row"],
                None,
                _(
                    "Văn bản «%(entry)s» chưa có: sẽ được tạo, ngày ban hành %(text)s (ngày giao sớm nhất).",
                    entry=entry["symbol"],
                    text=C.text(dt.date.fromisoformat(entry["issued_on"])),
                ),
            )
        )
    result.new_documents = list(new.values())


def _parent_codes(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]


def place_in_tree(result: ParseResult, context: TaskContext, col: dict) -> None:
    """Parents by code prefix (in the file, else already in the tracker); a row with no lead
    agency is a heading (section) and must have rows under it."""
    by_code: dict[tuple[str, str], list[dict]] = {}
    for row in result.rows:
        if row["code"]:
            by_code.setdefault((symbol_key(row["document"]), row["code"]), []).append(row)
    existing_codes: dict[tuple[str, str], list[ExistingTask]] = {}
    for key, tasks in context.existing_for({symbol_key(r["document"]) for r in result.rows}).items():
        for task in tasks:
            existing_codes.setdefault((key, task.code), []).append(task)
    has_children: set[int] = set()
    for row in result.rows:
        doc = symbol_key(row["document"])
        for prefix in _parent_codes(row["code"]) if row["code"] else []:
            in_file = by_code.get((doc, prefix))
            if in_file:
                parent = next((p for p in in_file if p["lead"] == row["lead"]), in_file[0])
                row["parent_row"] = parent["row"]
                has_children.add(parent["row"])
                break
            in_db = existing_codes.get((doc, prefix))
            if in_db:
                row["parent_id"] = next((t for t in in_db if t.lead == row["lead"]), in_db[0]).id
                break
    bad = set()
    for row in result.rows:
        if row["section"] and row["row"] not in has_children:
            result.errors.append(
                Issue(
                    row["row"],
                    col.get("lead_agency", _("Cơ quan chủ trì")),
                    _("Thiếu cơ quan chủ trì (chỉ dòng tiêu đề mục, có nhiệm vụ con, mới để trống)."),
                )
            )
            bad.add(row["row"])
    if bad:
        result.rows = [r for r in result.rows if r["row"] not in bad]
