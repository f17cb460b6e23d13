"""Helpers for the import tests: files built in memory, a small province registry."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata

import pytest
from openpyxl import Workbook

HEADERS_VI = [
    "Văn bản",
    "Số thứ tự",
    "Tên nhiệm vụ",
    "Nội dung",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Lĩnh vực",
    "Ngày giao",
    "Thời hạn",
    "Trạng thái",
    "Ngày báo cáo hoàn thành",
    "Ngày hoàn thành",
    "Ngày xác nhận",
]
KEYS = [
    "document",
    "code",
    "title",
    "content",
    "lead_agency",
    "coordinating_agencies",
    "area",
    "assigned_on",
    "deadline",
    "status",
    "reported_on",
    "completed_on",
    "confirmed_on",
]


def cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes Vietnamese: letters with their tone as a combining mark."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", ch)
            tones = "".join(m for m in marks[1:] if m in "\u0300\u0301\u0303\u0309\u0323")
            rest = unicodedata.normalize("NFC", marks[0] + "".join(m for m in marks[1:] if m not in tones))
            out += rest.encode("cp1258") + tones.encode("cp1258")
    return out


def csv_bytes(rows: list[list], headers: list[str] = HEADERS_VI, encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return cp1258(out.getvalue()) if encoding == "cp1258" else out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list], headers: list[str] = HEADERS_VI, setup=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    if setup:
        setup(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row(
    document="12/KH-UBND",
    code="",
    title="Nhiệm vụ",
    lead="STC",
    coordinating="",
    area="",
    assigned="15/01/2024",
    deadline="30/06/2024",
    status="",
    reported="",
    completed="",
    confirmed="",
    content="",
):
    return [
        document,
        code,
        title,
        content,
        lead,
        coordinating,
        area,
        assigned,
        deadline,
        status,
        reported,
        completed,
        confirmed,
    ]


@pytest.fixture
def province(make, db):
    """A small province: its root, four departments, a district with a commune, and a monitor."""
    root = make.agency("KH", "Tỉnh Khánh Hòa", kind="external")
    agencies = {
        "STC": make.agency("STC", "Sở Tài chính", parent=root),
        "SNV": make.agency("SNV", "Sở Nội vụ", parent=root),
        "STP": make.agency("STP", "Sở Tư pháp", parent=root),
        "SXD": make.agency("SXD", "Sở Xây dựng", parent=root),
        "NT": make.agency("NT", "Ủy ban nhân dân thành phố Nha Trang", kind="district", parent=root),
    }
    agencies["NT-LT"] = make.agency("NT-LT", "UBND phường Lộc Thọ", kind="commune", parent=agencies["NT"])
    agencies["CP"] = make.agency("CP", "Chính phủ", kind="external")
    agencies["root"] = root
    make.monitor()
    db.session.commit()
    return agencies


def day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()
