"""The review's editing verbs on the reader's proposal: split, merge, take in, leave out."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.agencies.names import AgencyMatcher, AgencyRef
from tracker.agencies.registry import AgencyInfo, Registry
from tracker.imports.sheets import FileError, read_sheet
from tracker.reader import proposal as P
from tracker.reader import review as R
from tracker.reader.programme import read_programme

MATCHER = AgencyMatcher(
    [AgencyRef("SNV", "Sở Nội vụ", "department"), AgencyRef("STP", "Sở Tư pháp", "department")]
)
TEXT = """II. NHIỆM VỤ
1. Cải cách tổ chức bộ máy
a) Các sở, ban, ngành:
Rà soát chức năng, nhiệm vụ.
- Sắp xếp đơn vị sự nghiệp.
- Tinh giản biên chế.
b) Sở Nội vụ thẩm định đề án; hoàn thành trong Quý II năm 2024.
c) Sở Tư pháp kiểm tra văn bản.
III. KINH PHÍ
Ngân sách tỉnh.
"""


def items():
    found = P.propose(read_programme(TEXT, MATCHER))
    R.assign_uids(found)
    return found


def codes(found):
    return [it["code"] for it, _ in P.walk(found)]


def test_the_proposal_includes_tasks_and_the_headings_above_them_only():
    found = items()
    by = {it["code"]: it for it, _ in P.walk(found)}
    assert by["II"]["include"] and not by["II"]["task"]
    assert not by["III"]["include"]  # funding: no task
    assert by["II.1.b"]["lead"] == ["SNV"] and by["II.1.b"]["deadline"] == "2024-06-30"
    assert by["II.1.a.1"]["lead"] == ["@department"] and by["II.1"]["area"] == ""
    assert by["II.1.a.1"]["area"] == "to_chuc_bo_may"  # from the heading "Cải cách tổ chức bộ máy"


def test_split_turns_a_headings_paragraph_into_its_first_bullet_with_a_new_uid():
    found = items()
    uid = {it["code"]: it["uid"] for it, _ in P.walk(found)}
    assert P.split(found, "II.1.a") == ["II.1.a.1"]
    R.assign_uids(found)
    by = {it["code"]: it for it, _ in P.walk(found)}
    assert [c for c in codes(found) if c.startswith("II.1.a")] == [
        "II.1.a",
        "II.1.a.1",
        "II.1.a.2",
        "II.1.a.3",
    ]
    assert by["II.1.a.1"]["text"] == "Rà soát chức năng, nhiệm vụ." and by["II.1.a.1"]["lead"] == [
        "@department"
    ]
    assert not by["II.1.a"]["task"] and by["II.1.a.2"]["uid"] == uid["II.1.a.1"]
    assert len({it["uid"] for it, _ in P.walk(found)}) == len(codes(found))


def test_split_of_a_leaf_puts_its_paragraphs_after_it_and_a_single_paragraph_is_split_at_sentences():
    found = items()
    assert P.split(found, "II.1.c") == []  # one sentence: nothing to split
    P.merge(found, "II.1.c")
    assert (
        "II.1.c" not in codes(found)
        and "Sở Tư pháp kiểm tra" in next(it for it, _ in P.walk(found) if it["code"] == "II.1.b")["text"]
    )
    new = P.split(found, "II.1.b")
    assert new == ["II.1.b-2"]


def test_merge_needs_an_item_before_it():
    found = items()
    assert P.merge(found, "II") is None and P.merge(found, "II.1.a") is None


def test_normalise_takes_in_the_heading_of_an_item_taken_in():
    found = items()
    funding = next(it for it, _ in P.walk(found) if it["code"] == "III")
    funding["children"].append({**funding, "code": "III.1", "children": [], "include": True, "task": True})
    P.normalise(found)
    assert funding["include"] and not funding["task"]


def test_corrections_refuse_an_unknown_item_or_field():
    with pytest.raises(ValueError):
        P.apply_corrections(items(), {"items": {"IX": {"title": "x"}}})
    with pytest.raises(ValueError):
        P.apply_corrections(items(), {"items": {"II.1.b": {"colour": "red"}}})


def test_blocking_lists_every_item_without_a_lead_and_deadlines_before_the_document():
    found = items()
    reg = Registry(
        [
            AgencyInfo("SNV", "Sở Nội vụ", "department", "KH"),
            AgencyInfo("STP", "Sở Tư pháp", "department", "KH"),
            AgencyInfo("KH", "Tỉnh", "external", "KH"),
        ]
    )
    problems = R.blocking(found, reg, "KH", dt.date(2024, 7, 1))
    assert [m for _, m in problems] == ["Mục II.1.b: thời hạn 30/06/2024 trước ngày ban hành văn bản."]
    for it, _ in P.walk(found):
        it["lead"] = []
    assert len(R.blocking(found, reg, "KH", None)) == 5  # II.1.a (its paragraph asks too), a.1, a.2, b, c


def test_a_summary_title_is_short_and_cut_at_a_word():
    assert (
        P.summarise("- Rà soát, sắp xếp tổ chức bộ máy; tinh giản biên chế.")
        == "Rà soát, sắp xếp tổ chức bộ máy"
    )
    long = P.summarise("Tăng cường " * 30)
    assert len(long) <= 120 and long.endswith("…") and "  " not in long


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_reading_any_bytes_gives_a_sheet_or_a_file_error(data):
    try:
        read_sheet("x.csv", data)
        read_sheet("x.xlsx", b"PK\x03\x04" + data)
    except FileError as exc:
        assert exc.message
