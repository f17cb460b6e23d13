"""Every parser of what people send — dates, spreadsheet files and rows, programme texts, uploaded
documents, API bodies — fuzzed with hypothesis: whatever the input, the only exceptions that escape
are the domain's own, which carry a Vietnamese message for the user (never a traceback)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.agencies.registry import Registry
from tracker.api.errors import ApiError
from tracker.api.schemas import BODIES
from tracker.api.validation import check_object
from tracker.core.dates import parse_iso_date, parse_user_date
from tracker.core.errors import FileError
from tracker.imports.columns import date_cell
from tracker.imports.sheets import read_sheet
from tracker.imports.spreadsheet import TaskContext, parse_tasks
from tracker.reader.programme import read_programme
from tracker.reader.seedcheck import registry as seed_registry
from tracker.reader.sources import document_text
from tracker.tasks.deadlines import DeadlineError

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text as people type it in Vietnamese documents: digits, separators, words with diacritics.
WORDS = [
    "Sở",
    "Tài chính",
    "chủ trì",
    "phối hợp",
    "trước ngày",
    "Quý",
    "năm",
    "tháng",
    "hằng năm",
    "thường xuyên",
    "UBND",
    "tỉnh",
    "huyện",
    "xã",
    "giao",
    "Đề nghị",
    "a)",
    "b)",
    "-",
    "+",
    "1.",
    "I.",
    "II.",
    "III.",
    "2.",
    "|",
    ":",
    ";",
    "/",
    "30/9/2024",
    "31/02/2026",
    "01/01/0001",
    "9999",
    "Thời hạn",
    "Cơ quan chủ trì",
    "ngày làm việc",
    "\t",
    "\n",
    "\n\n",
    "Các sở, ban, ngành",
]
vietnamese_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60).map(" ".join)
date_like = st.one_of(
    st.text(alphabet=string.digits + "/-. ", max_size=14),
    st.text(max_size=20),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates().map(dt.date.isoformat),
)


@FUZZ
@given(date_like)
def test_typed_dates_give_a_date_in_range_or_a_message(text):
    for parse in (parse_user_date, parse_iso_date):
        try:
            day = parse(text)
        except ValueError as e:
            assert str(e)  # a message to show
        else:
            assert dt.date(1990, 1, 1) <= day <= dt.date(2100, 12, 31)


@FUZZ
@given(st.one_of(date_like, st.integers(), st.floats(allow_nan=True), st.dates(), st.datetimes(), st.none()))
def test_a_date_cell_gives_a_date_in_range_or_a_row_message(value):
    try:
        day = date_cell(value)
    except DeadlineError as e:
        assert str(e)
    else:
        assert day is None or dt.date(1990, 1, 1) <= day <= dt.date(2100, 12, 31)


@FUZZ
@given(st.binary(max_size=4000), st.sampled_from(["a.xlsx", "a.csv", "a.xls", "a", "a.CSV"]))
def test_any_uploaded_bytes_are_read_as_a_sheet_or_refused_in_words(data, name):
    try:
        read_sheet(name, data)
    except FileError as e:
        assert e.message


def _registry() -> Registry:
    return seed_registry()


REGISTRY = None


def _context() -> TaskContext:
    global REGISTRY
    REGISTRY = REGISTRY or _registry()
    return TaskContext(registry=REGISTRY, documents={}, existing={}, today=dt.date(2026, 12, 5))


HEADERS = [
    "Văn bản",
    "Số thứ tự",
    "Tên nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Ngày giao",
    "Thời hạn",
    "Trạng thái",
    "Ngày báo cáo hoàn thành",
    "Ngày hoàn thành",
    "Ngày xác nhận",
]
cell = st.one_of(
    st.sampled_from(WORDS + ["STC", "STP", "done", "Đã hoàn thành", "91-KL/TU", ""]),
    date_like,
    st.text(max_size=30),
)


@FUZZ
@given(st.lists(st.lists(cell, min_size=len(HEADERS), max_size=len(HEADERS)), min_size=1, max_size=8))
def test_any_spreadsheet_rows_are_checked_into_rows_or_row_errors(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    try:
        sheet = read_sheet("nhiem-vu.csv", buffer.getvalue().encode("utf-8"))
    except FileError:
        return
    result = parse_tasks(sheet, _context())
    # Every row is either accepted or reported with a reason; nothing escapes as an exception.
    assert result is not None


@FUZZ
@given(vietnamese_text)
def test_any_programme_text_is_read_into_a_tree(text):
    global REGISTRY
    REGISTRY = REGISTRY or _registry()
    nodes = read_programme(text, REGISTRY.matcher("KH"))
    assert isinstance(nodes, list)


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(["a.docx", "a.txt", "a.md", "a.doc", "a.pdf"]))
def test_any_uploaded_document_is_read_as_text_or_refused_in_words(data, name):
    try:
        document_text(name, data)
    except FileError as e:
        assert e.message


json_value = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30), date_like
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@FUZZ
@given(
    st.sampled_from(sorted(BODIES)),
    st.dictionaries(
        st.sampled_from(
            [
                "title",
                "content",
                "lead_agency",
                "deadline",
                "deadline_kind",
                "assigned_on",
                "coordinating_agencies",
                "area",
                "version",
                "percent",
                "text",
                "completed_on",
                "reason",
                "message",
                "new_deadline",
                "x",
            ]
        ),
        json_value,
        max_size=8,
    ),
)
def test_any_api_body_is_accepted_or_refused_with_a_field_message(name, body):
    try:
        check_object(body, BODIES[name])
    except ApiError as e:
        assert e.status in (400, 409, 422)
