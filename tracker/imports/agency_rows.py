"""Checking an agencies file, whole, before anything is written (pure: no database here)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from tracker.agencies.names import clean_name, name_key, normalize
from tracker.agencies.operations import CODE_RE, EMAIL_RE, name_taken_message
from tracker.agencies.registry import Registry
from tracker.imports import columns as C
from tracker.imports.columns import AGENCY_COLUMNS, Issue
from tracker.imports.sheets import Sheet

if TYPE_CHECKING:
    from tracker.imports.spreadsheet import ParseResult

__all__ = ["parse_agencies"]

EXAMPLE_AGENCY = {"code": "VD-SNV", "name": "Ví dụ: Sở Nội vụ"}


def parse_agencies(
    sheet: Sheet, registry: Registry, *, progress: Callable[[int], None] | None = None
) -> ParseResult:
    """Check every row of an agencies file: code, name, kind, parent (a code in the file or the
    registry), e-mails. An agency already registered with the same code is skipped when
    identical, reported as a conflict when not."""
    from tracker.imports.spreadsheet import ParseResult, map_and_report

    result = ParseResult("agencies", sheet.filename)
    headers, issues = map_and_report(sheet, AGENCY_COLUMNS, result)
    if issues:
        return result
    col = {key: headers.name(key, AGENCY_COLUMNS) for key in headers.index}
    in_file: dict[str, int] = {}
    names_in_file: dict[str, int] = {}
    names = {normalize(a.name): a for a in registry.infos}
    keys = {name_key(a.name): a for a in registry.infos}
    for n, (number, cells) in enumerate(sheet.rows, start=1):
        if progress and n % 1000 == 0:
            progress(n)
        value = {key: C.text(cells[i]) if i < len(cells) else "" for key, i in headers.index.items()}
        if all(value.get(k) == v for k, v in EXAMPLE_AGENCY.items()):
            result.warnings.append(Issue(number, None, "Dòng ví dụ của tệp mẫu: bỏ qua."))
            continue
        errors: list[Issue] = []

        def error(key, message, number=number, errors=errors):
            errors.append(Issue(number, col.get(key, key), message))

        code = value.get("code", "").strip().upper()
        name = clean_name(value.get("name", ""))
        if not code:
            error("code", "Thiếu mã cơ quan.")
        elif not CODE_RE.match(code):
            error("code", f"Mã «{code}» chỉ được gồm chữ in hoa không dấu, số, gạch nối (tối đa 40 ký tự).")
        elif code in in_file:
            error("code", f"Mã «{code}» trùng với dòng {in_file[code]}.")
        existing = registry.get(code) if code else None
        same_key = keys.get(name_key(name)) if name else None
        if not name:
            error("name", "Thiếu tên cơ quan.")
        elif name_key(name) in names_in_file:
            error("name", f"Tên «{name}» trùng với dòng {names_in_file[name_key(name)]}.")
        elif same_key is not None and (existing is None or same_key.code != existing.code):
            error("name", name_taken_message(name, same_key.name, same_key.code, same_key.active))
        kind = "department"
        if value.get("kind"):
            kind = C.choice(value["kind"], C.KIND_NAMES)
            if kind is None:
                error(
                    "kind",
                    f"Loại «{value['kind']}» không hợp lệ; dùng một trong: "
                    + ", ".join(C.AGENCY_KINDS.values())
                    + ".",
                )
        emails = [e.strip().lower() for e in re.split(r"[;,\s]+", value.get("emails", "")) if e.strip()]
        bad = [e for e in emails if not EMAIL_RE.match(e)]
        if bad:
            error("emails", f"Địa chỉ thư điện tử không hợp lệ: {', '.join(bad)}.")
        parent = value.get("parent", "").strip()
        if errors:
            result.errors.extend(errors)
            continue
        in_file[code] = number
        names_in_file[name_key(name)] = number
        row = {
            "row": number,
            "action": "create",
            "code": code,
            "name": name,
            "kind": kind,
            "parent": parent.upper() if parent else None,
            "emails": "; ".join(dict.fromkeys(emails)),
            "aliases": "; ".join(C.split_list(value.get("aliases", ""))),
            "note": "",
        }
        same_name = names.get(normalize(name))
        if existing is not None:
            mine = (row["name"], row["kind"], row["parent"], row["emails"])
            theirs = (existing.name, existing.kind, existing.parent, existing.emails)
            if mine == theirs:
                row["action"] = "skip"
            else:
                row["action"] = "conflict"
                row["note"] = f"Mã {code} đã có: «{existing.name}»."
                result.warnings.append(
                    Issue(
                        number,
                        col["code"],
                        f"Mã {code} đã có trong danh mục («{existing.name}») "
                        "với thông tin khác; dòng này không được nhập.",
                    )
                )
        elif same_name is not None:
            result.warnings.append(
                Issue(
                    number,
                    col["name"],
                    f"Tên «{name}» giống cơ quan đã có «{same_name.name}» "
                    f"(mã {same_name.code}); kiểm tra để không tạo trùng.",
                )
            )
        result.rows.append(row)
    created = {r["code"] for r in result.rows}
    for row in result.rows:
        parent = row["parent"]
        if not parent or parent in created or registry.get(parent):
            continue
        guess = registry.matcher().match(parent)
        if guess is not None:
            row["parent"] = guess.code
            result.warnings.append(
                Issue(row["row"], col.get("parent"), f"«{parent}» hiểu là mã {guess.code} ({guess.name}).")
            )
        else:
            result.errors.append(
                Issue(row["row"], col.get("parent"), f"Không có cơ quan cấp trên mã «{parent}».")
            )
    _no_cycles(result, col)
    result.errors.sort(key=lambda i: i.row or 0)
    result.warnings.sort(key=lambda i: i.row or 0)
    return result


def _no_cycles(result: ParseResult, col: dict) -> None:
    parents = {r["code"]: r["parent"] for r in result.rows}
    for row in result.rows:
        seen, code = {row["code"]}, parents.get(row["code"])
        while code in parents:
            if code in seen:
                result.errors.append(
                    Issue(row["row"], col.get("parent"), "Cơ quan cấp trên tạo thành vòng lặp.")
                )
                break
            seen.add(code)
            code = parents[code]
