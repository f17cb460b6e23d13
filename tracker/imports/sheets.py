"""Reading an uploaded spreadsheet (.xlsx, or .csv in UTF-8) into rows of cells.

Everything a file can do wrong is said in Vietnamese, for the person who made the file: not a
spreadsheet, an old .xls, a CSV in another encoding, nothing in it, formulas or merged cells
(reported per cell, with the others of the file, so one upload shows them all).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import gettext as _
from openpyxl.utils import get_column_letter

from tracker.core import limits
from tracker.core.errors import FileError
from tracker.core.limits import MAX_ROWS

__all__ = ["Cell", "FileError", "Sheet", "read_sheet"]

Cell = str | int | float | dt.date | dt.datetime | bool | None


@dataclass
class CellIssue:
    row: int
    column: int  # 1-based
    message: str


@dataclass
class Sheet:
    """The first worksheet: its header row, and the data rows with their row numbers."""

    filename: str
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[Cell]]]
    issues: list[CellIssue] = field(default_factory=list)  # formulas, merged cells, error values
    sheet_name: str = ""


def cell_name(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def _kind_of(data: bytes) -> str:
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        return "empty"
    if data[:4] == b"PK\x03\x04":
        return "zip"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "xls"
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf16"
    if data[:5].lower() in (b"<html", b"<!doc") or data[:6].lower() == b"<?xml ":
        return "markup"
    return "text"


def read_sheet(filename: str, data: bytes, *, progress: Callable[[int], None] | None = None) -> Sheet:
    """The rows of an uploaded .xlsx or UTF-8 .csv file; FileError when it cannot be read."""
    name = filename or _("tệp")
    kind = _kind_of(data)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind == "empty":
        raise FileError(_("Tệp «%(name)s» rỗng: không có dòng nào.", name=name))
    if kind == "xls":
        raise FileError(
            _(
                "Tệp «%(name)s» là bảng tính Excel 97–2003 (.xls), chưa đọc được. Hãy mở tệp bằng Excel, chọn Tệp → Lưu thành → «Sổ làm việc Excel (.xlsx)», rồi tải lên tệp .xlsx.",
                name=name,
            )
        )
    if kind == "pdf":
        raise FileError(
            _("Tệp «%(name)s» là tệp PDF, không phải bảng tính. Hãy tải lên tệp .xlsx hoặc .csv.", name=name)
        )
    if kind == "utf16":
        raise FileError(_encoding_message(name, "UTF-16 (Unicode)"))
    if kind == "markup":
        raise FileError(
            _("Tệp «%(name)s» là một trang web hoặc tệp XML, không phải bảng tính .xlsx hay .csv.", name=name)
        )
    if kind == "zip":
        return _read_xlsx(name, data, progress)
    if ext in ("xlsx", "xlsm", "xls", "ods", "docx", "doc", "pdf"):
        raise FileError(
            _(
                "Tệp «%(name)s» có đuôi .%(ext)s nhưng nội dung không phải bảng tính Excel (tệp có thể bị hỏng hoặc bị đổi tên). Hãy mở lại bằng Excel và lưu dưới dạng .xlsx.",
                name=name,
                ext=ext,
            )
        )
    return _read_csv(name, data, progress)


# ── .xlsx ───────────────────────────────────────────────────────────────────────────────
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)"')


def _read_xlsx(name: str, data: bytes, progress) -> Sheet:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileError(
            _("Tệp «%(name)s» bị hỏng: không mở được như một bảng tính Excel.", name=name)
        ) from None
    # What the file unpacks to, bounded before openpyxl reads a byte of it (core.limits): the
    # central directory, then the shared strings (which openpyxl loads whole when it opens the file).
    limits.check_archive(name, archive)
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise FileError(
                _(
                    "Tệp «%(name)s» là văn bản Word, không phải bảng tính. Hãy tải lên tệp .xlsx hoặc .csv.",
                    name=name,
                )
            )
        if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype"):
            raise FileError(
                _(
                    "Tệp «%(name)s» là bảng tính OpenDocument (.ods). Hãy lưu lại dưới dạng Excel (.xlsx) rồi tải lên.",
                    name=name,
                )
            )
        raise FileError(_("Tệp «%(name)s» là tệp nén, không phải bảng tính Excel (.xlsx).", name=name))
    shared = limits.scan_shared_strings(name, archive, _shared_strings_part(names))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        raise FileError(_("Tệp «%(name)s» bị hỏng: không đọc được nội dung bảng tính.", name=name)) from None
    try:
        sheet = workbook.worksheets[0]
        # Its cells, rows and columns, streamed before openpyxl builds a row of them.
        limits.scan_sheet(name, archive, (getattr(sheet, "_worksheet_path", None) or "").lstrip("/"), shared)
        if (sheet.max_column or 0) > limits.MAX_COLUMNS:
            sheet.reset_dimensions()  # a declared size is no reason to pad every row to it
        issues: list[CellIssue] = []
        rows: list[tuple[int, list[Cell]]] = []
        header_row, headers = 0, []
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            values: list[Cell] = []
            for column, cell in enumerate(cells, start=1):
                value = getattr(cell, "value", None)
                kind = getattr(cell, "data_type", None)
                if kind == "f" or (isinstance(value, str) and value.startswith("=") and kind != "s"):
                    issues.append(CellIssue(number, column, _formula_message(number, column, str(value))))
                    value = None
                elif kind == "e":
                    issues.append(
                        CellIssue(
                            number,
                            column,
                            _(
                                "Ô %(cell_name)s chứa lỗi «%(value)s».",
                                cell_name=cell_name(number, column),
                                value=value,
                            ),
                        )
                    )
                    value = None
                values.append(value)
            if not any(_filled(v) for v in values):
                continue
            limits.check_row(name, number, values)
            if not headers:
                header_row, headers = number, [_text(v) for v in values]
                continue
            rows.append((number, values))
            if len(rows) > MAX_ROWS:
                raise limits.too_many_rows(name)
            if progress and len(rows) % 1000 == 0:
                progress(len(rows))
        part = getattr(sheet, "_worksheet_path", None) or "xl/worksheets/sheet1.xml"
        title = sheet.title
    finally:
        workbook.close()
    for ref in _merged(archive, part):
        first = ref.split(":")[0]
        m = re.match(r"([A-Z]+)(\d+)", first)
        row = int(m.group(2))
        from openpyxl.utils import column_index_from_string

        issues.append(
            CellIssue(
                row,
                column_index_from_string(m.group(1)),
                _(
                    "Các ô %(ref)s được gộp (Merge). Hãy bỏ gộp ô (Unmerge Cells) và ghi giá trị vào từng ô của dòng.",
                    ref=ref,
                ),
            )
        )
    if not headers:
        raise FileError(
            _(
                "Tệp «%(name)s» rỗng: trang tính đầu tiên («%(title)s») không có dòng nào.",
                name=name,
                title=title,
            )
        )
    return Sheet(name, header_row, headers, rows, issues, title)


def _merged(archive: zipfile.ZipFile, part: str) -> list[str]:
    part = part.lstrip("/")
    try:
        with archive.open(part) as fh:
            xml = fh.read()
    except KeyError:
        return []
    return [m.group(1).decode() for m in _MERGE.finditer(xml) if b":" in m.group(1)]


def _formula_message(row: int, column: int, formula: str) -> str:
    shown = formula if len(formula) <= 40 else formula[:39] + "…"
    return _(
        "Ô %(cell_name)s chứa công thức «%(shown)s». Hãy thay công thức bằng giá trị (sao chép rồi Dán đặc biệt → Giá trị) trước khi tải lên.",
        cell_name=cell_name(row, column),
        shown=shown,
    )


def _shared_strings_part(names: set[str]) -> str:
    for candidate in ("xl/sharedStrings.xml", "xl/sharedstrings.xml"):
        if candidate in names:
            return candidate
    return "xl/sharedStrings.xml"  # none: nothing to scan


# ── .csv ────────────────────────────────────────────────────────────────────────────────
def _encoding_message(name: str, guess: str) -> str:
    return _(
        "Tệp «%(name)s» không dùng bảng mã UTF-8 (có vẻ là %(guess)s), nên tiếng Việt sẽ bị lỗi phông. Trong Excel chọn Tệp → Lưu thành → «CSV UTF-8 (Comma delimited) (*.csv)», hoặc lưu dạng .xlsx, rồi tải lên lại.",
        name=name,
        guess=guess,
    )


def _guess_encoding(data: bytes) -> str:
    # TCVN3 (ABC) and VNI fonts put Vietnamese letters in bytes Windows-1258 reads as other letters.
    if re.search(rb"[\xb5-\xbe\xc6-\xcf\xd7-\xde\xf8-\xfe]{2,}", data) and not re.search(
        rb"[\xc0-\xdf][\x80-\xbf]", data
    ):
        return _("TCVN3 (ABC) hoặc VNI")
    return "Windows-1258 / ANSI"


# The csv module stops at 131.072 characters in a cell, with its own English message; a cell's length
# is the rules' to refuse (tasks.rules: the same message as the page and the API). The upload size
# (MAX_CONTENT_LENGTH) bounds the file, so the cell.
CSV_FIELD_LIMIT = 64 * 1024 * 1024


def _read_csv(name: str, data: bytes, progress) -> Sheet:
    if b"\x00" in data[:4096]:
        raise FileError(_("Tệp «%(name)s» không phải bảng tính .xlsx hay tệp văn bản .csv.", name=name))
    try:
        text = codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileError(
            _encoding_message(name, _guess_encoding(data))
            + _(" (Ký tự lỗi đầu tiên ở dòng %(line)s.)", line=line)
        ) from None
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Cell]]] = []
    issues: list[CellIssue] = []
    header_row, headers = 0, []
    try:
        for number, record in enumerate(reader, start=1):
            values: list[Cell] = [v.strip() if v.strip() else None for v in record]
            if not any(_filled(v) for v in values):
                continue
            for column, value in enumerate(values, start=1):
                limits.check_cell(name, cell_name(number, column), value)
            limits.check_row(name, number, values)
            for column, value in enumerate(values, start=1):
                if isinstance(value, str) and value.startswith("=") and len(value) > 1:
                    issues.append(CellIssue(number, column, _formula_message(number, column, value)))
                    values[column - 1] = None
            if not headers:
                header_row, headers = number, [_text(v) for v in values]
                continue
            rows.append((number, values))
            if len(rows) > MAX_ROWS:
                raise limits.too_many_rows(name)
            if progress and len(rows) % 1000 == 0:
                progress(len(rows))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise limits.cell_too_long(name, _("ở dòng %(line_num)s", line_num=reader.line_num)) from None
        raise FileError(
            _("Tệp «%(name)s» không đọc được như tệp CSV (%(exc)s).", name=name, exc=exc)
        ) from None
    if not headers:
        raise FileError(_("Tệp «%(name)s» rỗng: không có dòng nào.", name=name))
    return Sheet(name, header_row, headers, rows, issues)


def _filled(value: Cell) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
