"""Checking an agencies file, whole, before anything is written (pure: no database here)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from flask_babel import gettext as _

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
            result.warnings.append(Issue(number, None, _("Dòng ví dụ của tệp mẫu: bỏ qua.")))
            continue
        errors: list[Issue] = []

        def error(key, message, number=number, errors=errors):
            errors.append(Issue(number, col.get(key, key), message))

        code = value.get("code", "").strip().upper()
        name = clean_name(value.get("name", ""))
        if not code:
            error("code", _("Thiếu mã cơ quan."))
        elif not CODE_RE.match(code):
            error(
                "code",
                _(
                    "Mã «%(code)s» chỉ được gồm chữ in hoa không dấu, số, gạch nối (tối đa 40 ký tự).",
                    code=code,
                ),
            )
        elif code in in_file:
            error("code", _("Mã «%(code)s» trùng với dòng %(in_file)s.", code=code, in_file=in_file[code]))
        existing = registry.get(code) if code else None
        same_key = keys.get(name_key(name)) if name else None
        if not name:
            error("name", _("Thiếu tên cơ quan."))
        elif name_key(name) in names_in_file:
            error(
                "name",
                _(
                    "Tên «%(name)s» trùng với dòng %(names_in_file)s.",
                    name=name,
                    names_in_file=names_in_file[name_key(name)],
                ),
            )
        elif same_key is not None and (existing is None or same_key.code != existing.code):
            error("name", name_taken_message(name, same_key.name, same_key.code, same_key.active))
        kind = "department"
        if value.get("kind"):
            kind = C.choice(value["kind"], C.KIND_NAMES)
            if kind is None:
                error(
                    "kind",
                    _("Loại «%(value)s» không hợp lệ; dùng một trong: ", value=value["kind"])
                    + ", ".join(C.AGENCY_KINDS.values())
                    + ".",
                )
        emails = [e.strip().lower() for e in re.split(r"[;,\s]+", value.get("emails", "")) if e.strip()]
        bad = [e for e in emails if not EMAIL_RE.match(e)]
        if bad:
            error("emails", _("Địa chỉ thư điện tử không hợp lệ: %(items)s.", items=", ".join(bad)))
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
                row["note"] = _("Mã %(code)s đã có: «%(name)s».", code=code, name=existing.name)
                result.warnings.append(
                    Issue(
                        number,
                        col["code"],
                        _(
                            "Mã %(code)s đã có trong danh mục («%(name)s») với thông tin khác; dòng này không được nhập.",
                            code=code,
                            name=existing.name,
                        ),
                    )
                )
        elif same_name is not None:
            result.warnings.append(
                Issue(
                    number,
                    col["name"],
                    _(
                        "Tên «%(name)s» giống cơ quan đã có «%(name2)s» (mã %(code)s); kiểm tra để không tạo trùng.",
                        name=name,
                        name2=same_name.name,
                        code=same_name.code,
                    ),
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
                Issue(
                    row["row"],
                    col.get("parent"),
                    _(
                        "«%(parent)s» hiểu là mã %(code)s (%(name)s).",
                        parent=parent,
                        code=guess.code,
                        name=guess.name,
                    ),
                )
            )
        else:
            result.errors.append(
                Issue(
                    row["row"],
                    col.get("parent"),
                    _("Không có cơ quan cấp trên mã «%(parent)s».", parent=parent),
                )
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
                    Issue(row["row"], col.get("parent"), _("Cơ quan cấp trên tạo thành vòng lặp."))
                )
                break
            seen.add(code)
            code = parents[code]
