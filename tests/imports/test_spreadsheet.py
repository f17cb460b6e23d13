"""Checking a tasks file, whole, before anything is written (no database needed)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.imports.conftest import HEADERS_VI, KEYS, csv_bytes, row, xlsx_bytes
from tracker.agencies.registry import AgencyInfo, Registry
from tracker.imports.agency_rows import parse_agencies
from tracker.imports.sheets import Sheet, read_sheet
from tracker.imports.spreadsheet import DocumentInfo, ExistingTask, TaskContext, parse_tasks

INFOS = [
    AgencyInfo("KH", "Tỉnh Khánh Hòa", "external", "KH"),
    AgencyInfo("STC", "Sở Tài chính", "department", "KH", parent="KH"),
    AgencyInfo("SNV", "Sở Nội vụ", "department", "KH", parent="KH"),
    AgencyInfo("STP", "Sở Tư pháp", "department", "KH", parent="KH"),
    AgencyInfo(
        "SKHDT",
        "Sở Kế hoạch và Đầu tư",
        "department",
        "KH",
        ("Sở KH&ĐT",),
        active=False,
        successor="STC",
        parent="KH",
    ),
    AgencyInfo("CP", "Chính phủ", "external", "CP"),
]
TODAY = dt.date(2024, 12, 31)


def context(existing=None, documents=None) -> TaskContext:
    return TaskContext(Registry(INFOS), documents or {}, existing or {}, TODAY)


def check(rows, headers=HEADERS_VI, ctx=None, name="nhiemvu.csv"):
    return parse_tasks(read_sheet(name, csv_bytes(rows, headers)), ctx or context())


def errors(result) -> list[tuple]:
    return [(e.row, e.column) for e in result.errors]


def test_vietnamese_or_key_headers_read_the_same_rows():
    rows = [row(code="II.1", title="Rà soát", deadline="Quý I năm 2024", assigned="2024-01-15")]
    by_vi, by_key = check(rows), check(rows, headers=KEYS)
    assert by_vi.ok and by_key.ok
    assert by_vi.rows == by_key.rows
    task = by_vi.rows[0]
    assert (task["assigned_on"], task["deadline"], task["deadline_phrase"]) == (
        "2024-01-15",
        "2024-03-31",
        "Quý I năm 2024",
    )


def test_headers_in_any_case_with_marks_or_notes_are_recognised():
    headers = [
        "VĂN BẢN (*)",
        "so thu tu",
        "Tên nhiệm vụ*",
        "Nội dung",
        "Cơ quan chủ trì",
        "Phối hợp",
        "Lĩnh vực",
        "Ngày giao (dd/mm/yyyy)",
        "Thời hạn",
        "Trạng thái",
        "Ngày báo cáo",
        "Ngày hoàn thành",
        "Ngày xác nhận",
    ]
    assert check([row()], headers=headers).ok


def test_a_missing_required_column_is_named():
    result = check([["12/KH-UBND", "Việc", "STC"]], headers=["Văn bản", "Tên nhiệm vụ", "Cơ quan chủ trì"])
    assert not result.ok and "«Ngày giao» (assigned_on)" in result.errors[0].message


def test_deadlines_as_dates_phrases_or_nothing():
    rows = [
        row(code="1", deadline="30/9/2024"),
        row(code="2", deadline="trong tháng 3 năm 2024"),
        row(code="3", deadline="6 tháng đầu năm 2024"),
        row(code="4", deadline="Quý IV/2024"),
        row(code="5", deadline="hằng quý"),
        row(code="6", deadline=""),
        row(code="7", deadline="Thường xuyên"),
    ]
    got = [(r["deadline_kind"], r["deadline"], r["period"]) for r in check(rows).rows]
    assert got == [
        ("date", "2024-09-30", None),
        ("date", "2024-03-31", None),
        ("date", "2024-06-30", None),
        ("date", "2024-12-31", None),
        ("periodic", None, "quarterly"),
        ("ongoing", None, None),
        ("ongoing", None, None),
    ]


def test_an_impossible_date_is_an_error_of_its_cell():
    result = check([row(deadline="31/02/2024"), row(code="2", assigned="30/02/2024")])
    assert errors(result) == [(2, "Thời hạn"), (3, "Ngày giao")]
    assert "31/02/2024 không tồn tại" in result.errors[0].message


def test_every_bad_row_is_listed_with_its_column_and_reason():
    rows = [
        row(code="1", title=""),  # no title
        row(code="2", lead="Sở Du Lịch"),  # unknown agency
        row(code="3"),  # fine
        row(code="4", deadline="01/01/2024"),  # before the assignment
        row(code="5", status="xong rồi"),  # unknown status
        row(code="6", area="Văn hóa"),  # unknown area
        row(code="7", status="Đã hoàn thành"),  # done without a completion date
        row(
            code="8", status="Đã hoàn thành", completed="01/02/2024", reported="20/01/2024"
        ),  # reported first
        row(code="9", lead="CP"),  # an issuer never leads
    ]
    result = check(rows)
    assert errors(result) == [
        (2, "Tên nhiệm vụ"),
        (3, "Cơ quan chủ trì"),
        (5, "Thời hạn"),
        (6, "Trạng thái"),
        (7, "Lĩnh vực"),
        (8, "Ngày hoàn thành"),
        (9, "Ngày báo cáo hoàn thành"),
        (10, "Cơ quan chủ trì"),
    ]
    assert [r["code"] for r in result.rows] == ["3"]


def test_a_near_miss_agency_name_is_understood_with_a_warning_and_an_unknown_one_gets_a_suggestion():
    result = check([row(lead="Sở Tài Chính"), row(code="2", lead="Sở Tài Chánh")])
    assert [r["lead"] for r in result.rows] == ["STC"]
    warnings = [w.message for w in result.warnings if w.column == "Cơ quan chủ trì"]
    assert warnings == ["«Sở Tài Chính» không trùng tên trong danh mục; hiểu là «Sở Tài chính» (STC)."]
    assert (
        "Không có cơ quan «Sở Tài Chánh» trong danh mục. Có phải «Sở Tài chính» (STC)?"
        == result.errors[0].message
    )


def test_a_merged_agency_hands_its_rows_to_its_successor():
    result = check([row(lead="Sở KH&ĐT", coordinating="STC; Sở Nội vụ")])
    assert result.rows[0]["lead"] == "STC" and result.rows[0]["coordinating"] == ["SNV"]
    assert any("giao cho cơ quan tiếp nhận «Sở Tài chính»" in w.message for w in result.warnings)


def test_statuses_as_keys_or_vietnamese_labels():
    rows = [
        row(code=str(i), status=s, completed="01/06/2024", reported="02/06/2024", confirmed="03/06/2024")
        for i, s in enumerate(["new", "Đang thực hiện", "chờ xác nhận", "DONE", "Đã dừng"])
    ]
    assert [r["status"] for r in check(rows).rows] == ["new", "in_progress", "reported", "done", "cancelled"]


def test_missing_report_and_confirmation_dates_default_with_a_warning():
    result = check([row(status="Đã hoàn thành", completed="10/06/2024")])
    task = result.rows[0]
    assert (task["completed_on"], task["reported_on"], task["confirmed_on"]) == ("2024-06-10",) * 3
    assert [w.column for w in result.warnings if w.row == 2 and w.column] == [
        "Ngày báo cáo hoàn thành",
        "Ngày xác nhận",
    ]


def test_parents_by_code_prefix_and_headings_without_a_lead():
    rows = [
        row(code="III", title="Nhiệm vụ, giải pháp", lead=""),
        row(code="III.1", title="Cải cách thể chế", lead=""),
        row(code="III.1.a", title="Rà soát", lead="STP"),
        row(code="III.1.a.1", title="Bước một", lead="STP"),
        row(code="III.2", title="Một việc", lead="SNV"),
        row(code="IV", title="Tiêu đề rỗng", lead=""),
    ]
    result = check(rows)
    by_code = {r["code"]: r for r in result.rows}
    assert by_code["III"]["section"] and by_code["III.1"]["section"]
    assert by_code["III.1"]["parent_row"] == 2 and by_code["III.1.a"]["parent_row"] == 3
    assert by_code["III.1.a.1"]["parent_row"] == 4 and by_code["III.2"]["parent_row"] == 2
    assert errors(result) == [(7, "Cơ quan chủ trì")]  # a heading with nothing under it needs a lead


def test_the_same_row_twice_is_an_error():
    result = check([row(code="1"), row(code="1")])
    assert errors(result) == [(3, "Số thứ tự")] and "Trùng với dòng 2" in result.errors[0].message


def test_a_new_document_is_announced_with_its_date():
    result = check(
        [
            row(document="5/KH-UBND", assigned="20/01/2024"),
            row(document="5/KH-UBND", code="2", assigned="10/01/2024"),
        ]
    )
    assert result.new_documents[0]["issued_on"] == "2024-01-10" and result.new_documents[0]["kind"] == "plan"


def test_a_row_already_imported_is_skipped_when_identical_and_a_conflict_otherwise():
    values = {
        "title": "Rà soát",
        "content": "",
        "coordinating": [],
        "area": "other",
        "assigned_on": "2024-01-15",
        "deadline_kind": "date",
        "deadline": "2024-06-30",
        "original_deadline": "2024-06-30",
        "period": None,
        "status": "new",
        "completed_on": None,
        "expected_output": "",
    }
    existing = {"12/KH-UBND": [ExistingTask(7, "1", "Rà soát", "STC", False, values)]}
    documents = {"12/KH-UBND": DocumentInfo(3, "12/KH-UBND", dt.date(2024, 1, 15))}
    same = check([row(code="1", title="Rà soát")], ctx=context(existing, documents))
    assert same.rows[0]["action"] == "skip" and same.rows[0]["existing_id"] == 7
    changed = check([row(code="1", title="Rà soát", deadline="31/07/2024")], ctx=context(existing, documents))
    assert changed.ok and changed.rows[0]["action"] == "conflict"
    assert "Thời hạn: trong hệ thống «30/06/2024», trong tệp «31/07/2024»" in changed.rows[0]["note"]
    other_lead = check([row(code="1", title="Rà soát", lead="SNV")], ctx=context(existing, documents))
    assert other_lead.rows[0]["action"] == "create"  # the same item, fanned out to another agency


def test_cells_and_formulas_problems_join_the_row_errors():
    def setup(ws):
        ws["I2"] = "=DATE(2024,6,30)"

    result = parse_tasks(read_sheet("a.xlsx", xlsx_bytes([row(deadline="")], setup=setup)), context())
    assert errors(result) == [(2, "Thời hạn")] and not result.rows[0:0]


def test_excel_dates_and_numbers_are_read_as_such():
    result = parse_tasks(
        read_sheet(
            "a.xlsx",
            xlsx_bytes([row(code=1.0, assigned=dt.datetime(2024, 1, 15), deadline=dt.datetime(2024, 6, 30))]),
        ),
        context(),
    )
    assert result.ok and (result.rows[0]["code"], result.rows[0]["deadline"]) == ("1", "2024-06-30")


def test_the_template_example_row_is_skipped():
    from tracker.imports.template import tasks_template

    result = parse_tasks(read_sheet("mau.xlsx", tasks_template(INFOS)), context())
    assert result.ok and result.rows == [] and "Dòng ví dụ" in result.warnings[0].message


def test_agencies_file_codes_parents_kinds_and_emails():
    headers = ["Mã", "Tên cơ quan", "Loại", "Cơ quan cấp trên", "Thư điện tử"]
    rows = [
        ["SYT", "Sở Y tế", "Sở, ban, ngành cấp tỉnh", "KH", "syt@kh.gov.vn; vanthu@kh.gov.vn"],
        ["hn", "UBND huyện Mới", "UBND cấp huyện", "KH", ""],
        ["HN-X1", "UBND xã Một", "commune", "HN", ""],
        ["SYT", "Trùng mã", "", "", ""],
        ["X!", "Mã sai", "", "", ""],
        ["SGD", "Sở Giáo dục", "trường học", "ZZ", "khong-phai-email"],
        ["STC", "Sở Tài chính", "department", "KH", ""],
        ["SNV", "Sở Nội vụ tỉnh", "department", "KH", ""],
    ]
    result = parse_agencies(read_sheet("cq.csv", csv_bytes(rows, headers)), Registry(INFOS))
    assert [(e.row, e.column) for e in result.errors] == [
        (5, "Mã"),
        (6, "Mã"),
        (7, "Loại"),
        (7, "Thư điện tử"),
    ]
    by_code = {r["code"]: r for r in result.rows}
    assert by_code["HN"]["kind"] == "district" and by_code["HN-X1"]["parent"] == "HN"
    assert by_code["STC"]["action"] == "skip"  # already registered, identical
    assert by_code["SNV"]["action"] == "conflict" and "Sở Nội vụ" in by_code["SNV"]["note"]


_CELLS = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(-10, 100_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)),
    st.sampled_from(
        ["31/02/2024", "Quý V/2024", "Sở Tài Chính", "STC", "Đã hoàn thành", "=SUM(A1)", "III.1.a", ""]
    ),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELLS, min_size=0, max_size=15), max_size=8))
def test_the_parser_never_crashes_on_arbitrary_cells(rows):
    sheet = Sheet("x.xlsx", 1, list(HEADERS_VI), [(n, cells) for n, cells in enumerate(rows, start=2)])
    result = parse_tasks(sheet, context())
    assert all(e.message for e in result.errors)
    parse_agencies(
        Sheet(
            "c.xlsx",
            1,
            ["Mã", "Tên cơ quan", "Loại", "Cơ quan cấp trên", "Thư điện tử"],
            [(n, cells) for n, cells in enumerate(rows, start=2)],
        ),
        Registry(INFOS),
    )
