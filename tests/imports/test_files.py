"""Every way a file can be wrong gets its own clear Vietnamese message, before any row is read."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from tests.imports.conftest import HEADERS_VI, csv_bytes, row, xlsx_bytes
from tracker.imports.sheets import FileError, read_sheet


def _refused(name: str, data: bytes) -> str:
    with pytest.raises(FileError) as caught:
        read_sheet(name, data)
    return caught.value.message


def test_an_empty_file_is_refused():
    assert "rỗng" in _refused("trong.csv", b"")
    assert "rỗng" in _refused("trong.csv", b"\xef\xbb\xbf\r\n\r\n")


def test_an_xlsx_whose_sheet_is_empty_is_refused():
    out = io.BytesIO()
    Workbook().save(out)
    assert "rỗng" in _refused("trong.xlsx", out.getvalue())


def test_a_pdf_a_word_file_and_an_old_xls_are_not_spreadsheets():
    assert "PDF" in _refused("nhiemvu.pdf", b"%PDF-1.7\n...")
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    assert "văn bản Word" in _refused("nhiemvu.docx", out.getvalue())
    assert ".xls" in _refused("cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert "không phải bảng tính" in _refused("anh.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_a_renamed_file_is_said_to_be_damaged():
    message = _refused("nhiemvu.xlsx", b"Van ban,Ten\n1,2\n")
    assert "đuôi .xlsx" in message and "không phải bảng tính Excel" in message


def test_a_csv_in_another_encoding_is_refused_with_how_to_save_it_in_utf8():
    data = csv_bytes([row(title="Rà soát thủ tục hành chính")], encoding="cp1258")
    message = _refused("nhiemvu.csv", data)
    assert "UTF-8" in message and "CSV UTF-8" in message and "dòng 1" in message
    assert "UTF-16" in _refused("nhiemvu.csv", "Văn bản,Tên".encode("utf-16"))


def test_a_utf8_csv_with_bom_and_semicolons_is_read():
    data = "\ufeff" + "Văn bản;Tên nhiệm vụ\n12/KH-UBND;Rà soát\n"
    sheet = read_sheet("a.csv", data.encode("utf-8"))
    assert sheet.headers == ["Văn bản", "Tên nhiệm vụ"] and sheet.rows == [(2, ["12/KH-UBND", "Rà soát"])]


def test_formulas_are_reported_cell_by_cell_in_xlsx_and_csv():
    def formulas(ws):
        ws["H2"] = "=TODAY()"
        ws["I3"] = "=H3+30"

    sheet = read_sheet("a.xlsx", xlsx_bytes([row(), row()], setup=formulas))
    messages = [(i.row, i.column, i.message) for i in sheet.issues]
    assert [(r, c) for r, c, _ in messages] == [(2, 8), (3, 9)]
    assert "Ô H2 chứa công thức «=TODAY()»" in messages[0][2] and "Dán đặc biệt" in messages[0][2]
    sheet = read_sheet("a.csv", csv_bytes([row(deadline="=A1+1")]))
    assert sheet.issues[0].row == 2 and "công thức" in sheet.issues[0].message


def test_merged_cells_are_reported_with_their_range():
    def merge(ws):
        ws.merge_cells("A2:A3")

    sheet = read_sheet("a.xlsx", xlsx_bytes([row(), row()], setup=merge))
    assert len(sheet.issues) == 1
    assert (
        sheet.issues[0].row == 2
        and "A2:A3" in sheet.issues[0].message
        and "bỏ gộp" in sheet.issues[0].message
    )


def test_blank_rows_are_skipped_and_row_numbers_are_those_of_the_file():
    sheet = read_sheet("a.xlsx", xlsx_bytes([row(title="Một"), [None] * 13, row(title="Hai")]))
    assert [n for n, _ in sheet.rows] == [2, 4]
    assert sheet.headers == HEADERS_VI
