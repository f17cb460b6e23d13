"""The bounds of what an uploaded file unpacks to (core.limits), each on a small made-up file."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.imports.conftest import csv_bytes, row, xlsx_bytes
from tracker.core import limits
from tracker.core.errors import FileError
from tracker.imports.sheets import read_sheet


def _archive(parts: dict[str, bytes]) -> zipfile.ZipFile:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def test_a_shared_string_counts_for_every_cell_that_uses_it():
    """A 600.000-character text used by four cells of one row: each cell is within bounds, the row
    is not (a small file that would unpack to a huge row)."""
    shared = b"<sst " + NS + b"><si><t>" + b"x" * 600_000 + b"</t></si></sst>"
    cells = b"".join(b'<c r="%s1" t="s"><v>0</v></c>' % c for c in (b"A", b"B", b"C", b"D"))
    sheet = b"<worksheet " + NS + b'><sheetData><row r="1">' + cells + b"</row></sheetData></worksheet>"
    archive = _archive({"xl/sharedStrings.xml": shared, "xl/worksheets/sheet1.xml": sheet})
    lengths = limits.scan_shared_strings("a.xlsx", archive, "xl/sharedStrings.xml")
    assert list(lengths) == [600_000]
    with pytest.raises(FileError, match="dòng 1 có tổng nội dung dài quá 2.000.000 ký tự"):
        limits.scan_sheet("a.xlsx", archive, "xl/worksheets/sheet1.xml", lengths)


def test_a_rich_text_split_in_runs_is_one_cell():
    runs = b"".join(b"<r><t>" + b"y" * 300_000 + b"</t></r>" for _ in range(4))
    archive = _archive({"xl/sharedStrings.xml": b"<sst " + NS + b"><si>" + runs + b"</si></sst>"})
    with pytest.raises(FileError, match="một ô có nội dung dài quá 1.000.000 ký tự"):
        limits.scan_shared_strings("b.xlsx", archive, "xl/sharedStrings.xml")


def test_a_cell_far_to_the_right_and_a_row_far_down_are_refused():
    far = (
        b"<worksheet " + NS + b'><sheetData><row r="2"><c r="XFD2"><v>1</v></c></row></sheetData></worksheet>'
    )
    with pytest.raises(FileError, match="dòng 2 có dữ liệu ở quá 200 cột"):
        limits.scan_sheet("c.xlsx", _archive({"s.xml": far}), "s.xml", limits.array("L"))
    deep = (
        b"<worksheet "
        + NS
        + b'><sheetData><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>'
    )
    with pytest.raises(FileError, match="có hơn 100.000 dòng"):
        limits.scan_sheet("d.xlsx", _archive({"s.xml": deep}), "s.xml", limits.array("L"))


def test_too_many_entries_are_refused_from_the_central_directory():
    archive = _archive({f"x/{i}.xml": b"<a/>" for i in range(limits.MAX_ENTRIES + 1)})
    with pytest.raises(FileError, match="chứa quá nhiều tệp con"):
        limits.check_archive("e.xlsx", archive)


def test_an_ordinary_workbook_and_csv_are_read_and_a_long_csv_cell_is_refused():
    assert len(read_sheet("ok.xlsx", xlsx_bytes([row(), row(code="2")])).rows) == 2
    assert len(read_sheet("ok.csv", csv_bytes([row(), row(code="2")])).rows) == 2
    # A long text is the rules' to refuse (with the page's message): the file is read.
    assert len(read_sheet("dai.csv", csv_bytes([row(content="z" * 200_000)])).rows) == 1
    with pytest.raises(FileError, match="ô C2 có nội dung dài quá 1.000.000 ký tự"):
        read_sheet("dai.csv", csv_bytes([row(title="z" * 1_100_000)]))
