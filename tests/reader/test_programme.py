"""A programme's text read into a proposed task tree: structure, leads, coordination, deadlines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.agencies.names import AgencyMatcher, AgencyRef
from tracker.reader.programme import AgencyMention, Node, read_programme
from tracker.tasks.deadlines import DeadlineError

AGENCIES = [
    AgencyRef("SNV", "Sở Nội vụ", "department"),
    AgencyRef("STC", "Sở Tài chính", "department"),
    AgencyRef("SKHDT", "Sở Kế hoạch và Đầu tư", "department", ("Sở KH&ĐT",)),
    AgencyRef("STTTT", "Sở Thông tin và Truyền thông", "department", ("Sở TT&TT",)),
    AgencyRef("SKHCN", "Sở Khoa học và Công nghệ", "department"),
    AgencyRef("STP", "Sở Tư pháp", "department"),
    AgencyRef("SXD", "Sở Xây dựng", "department"),
    AgencyRef("STNMT", "Sở Tài nguyên và Môi trường", "department"),
    AgencyRef("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", "department", ("Văn phòng UBND tỉnh",)),
    AgencyRef("CAT", "Công an tỉnh", "central"),
    AgencyRef("UBND", "Ủy ban nhân dân tỉnh", "external", ("UBND tỉnh", "Chủ tịch UBND tỉnh")),
    AgencyRef("HDND", "Hội đồng nhân dân tỉnh", "external", ("Thường trực HĐND tỉnh",)),
]
MATCHER = AgencyMatcher(AGENCIES)


def _seed_texts() -> Path:
    """The source documents: ../shared/seeds beside the repository, wherever the checkout is."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "seeds").is_dir():
            return parent / "shared" / "seeds"
    return Path(__file__).resolve().parents[3] / "shared" / "seeds"


SEEDS = _seed_texts()
REGISTRY = Path(__file__).resolve().parents[2] / "seed" / "agencies.yaml"


def read(text: str, **kwargs) -> list[Node]:
    return read_programme(text, MATCHER, **kwargs)


def walk(nodes):
    for node in nodes:
        yield node
        yield from walk(node.children)


def by_ref(nodes) -> dict[str, Node]:
    return {node.ref: node for node in walk(nodes)}


def seed(prefix: str) -> str:
    files = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip(f"no seed document {prefix} beside the repository")
    return files[0].read_text(encoding="utf-8")


def leads(node: Node) -> list[str | None]:
    return [m.agency for m in node.lead]


def coordinating(node: Node) -> list[str | None]:
    return [m.agency for m in node.coordinating]


def containing(nodes, words: str) -> Node:
    hits = [n for n in walk(nodes) if words in n.text]
    assert len(hits) == 1, [n.ref for n in hits]
    return hits[0]


PROGRAMME = """\
## CHƯƠNG TRÌNH HÀNH ĐỘNG

Ủy ban nhân dân tỉnh ban hành Chương trình với các nội dung như sau:

### I. MỤC TIÊU, YÊU CẦU

- Nâng cao hiệu lực, hiệu quả quản lý nhà nước.

## **II. NHIỆM VỤ, GIẢI PHÁP**

**1. Cải cách thể chế**

#### b) Sở Kế hoạch và Đầu tư:

- Chủ trì, phối hợp Sở Tài chính, Sở Nội vụ xây dựng cơ chế chuyên gia.

- Tham mưu Ủy ban nhân dân tỉnh ban hành Quy chế, hoàn thành trước ngày 31/12/2022.

c) Sở Xây dựng chủ trì, phối hợp các Sở: Nội vụ, Kế hoạch và Đầu tư, Tài chính và các cơ quan liên quan
tham mưu xây dựng Đề án; báo cáo Ban cán sự đảng UBND tỉnh. Thời hạn hoàn thành: Quý I năm 2023.

d) Giao Sở Nội vụ chủ trì, phối hợp Văn phòng UBND tỉnh theo dõi, tổng hợp, báo cáo kết quả về Sở Tài chính.

đ) Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố:

- Xây dựng Kế hoạch triển khai; báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ) trong năm 2023.

e) UBND các xã, phường tổ chức thực hiện tại địa phương.

g) Các cơ quan ngành dọc trên địa bàn tỉnh phối hợp thực hiện.

### III. KINH PHÍ THỰC HIỆN

1. Kinh phí được bố trí từ ngân sách nhà nước.

Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.

**Nơi nhận:**

- Thường trực Tỉnh ủy;
- Lưu: VT.

**TM. ỦY BAN NHÂN DÂN**
**CHỦ TỊCH**
"""


# ── structure ────────────────────────────────────────────────────────────────────────────
def test_numbering_gives_the_tree_and_markdown_is_ignored():
    nodes = read(PROGRAMME)
    assert [n.ref for n in nodes] == ["I", "II", "III"]
    refs = by_ref(nodes)
    assert {
        "II.1",
        "II.1.b",
        "II.1.b.1",
        "II.1.b.2",
        "II.1.c",
        "II.1.đ",
        "II.1.đ.1",
        "II.1.e",
        "II.1.g",
    } <= set(refs)
    assert refs["II"].text == "NHIỆM VỤ, GIẢI PHÁP"
    assert refs["II.1.b"].text == "Sở Kế hoạch và Đầu tư:"
    assert "*" not in "".join(n.text for n in walk(nodes))


def test_the_preamble_the_recipients_and_the_signature_are_not_in_the_tree():
    texts = " ".join(n.text for n in walk(read(PROGRAMME)))
    assert "ban hành Chương trình" not in texts
    assert "Nơi nhận" not in texts and "Thường trực Tỉnh ủy" not in texts and "CHỦ TỊCH" not in texts
    assert "nghiêm túc triển khai" not in texts  # the closing sentence belongs to no item


def test_aims_and_funding_are_not_tasks_and_headings_that_only_group_are_not_either():
    refs = by_ref(read(PROGRAMME))
    assert not refs["I"].is_task and not refs["I.1"].is_task
    assert not refs["III"].is_task and not refs["III.1"].is_task
    assert not refs["II"].is_task and not refs["II.1"].is_task and not refs["II.1.b"].is_task
    assert refs["II.1.b.1"].is_task and refs["II.1.c"].is_task and refs["II.1.e"].is_task


def test_a_heading_naming_an_agency_gives_its_bullets_that_lead():
    refs = by_ref(read(PROGRAMME))
    assert leads(refs["II.1.b"]) == ["SKHDT"]
    assert leads(refs["II.1.b.1"]) == ["SKHDT"] and leads(refs["II.1.b.2"]) == ["SKHDT"]
    assert coordinating(refs["II.1.b.1"]) == ["STC", "SNV"]


def test_items_inherit_the_lead_and_nothing_else():
    refs = by_ref(read(PROGRAMME))
    assert coordinating(refs["II.1.b.2"]) == []
    assert refs["II.1.b.2"].deadline == dt.date(2022, 12, 31)
    assert refs["II.1.b"].deadline is None and refs["II.1.b"].deadline_kind == "ongoing"


def test_lead_and_coordinating_with_the_short_list_of_departments_expanded():
    node = by_ref(read(PROGRAMME))["II.1.c"]
    assert node.lead == [AgencyMention("Sở Xây dựng", "SXD")]
    assert node.coordinating == [
        AgencyMention("Sở Nội vụ", "SNV"),
        AgencyMention("Sở Kế hoạch và Đầu tư", "SKHDT"),
        AgencyMention("Sở Tài chính", "STC"),
    ]
    assert (node.deadline, node.deadline_phrase) == (dt.date(2023, 3, 31), "Quý I năm 2023")


def test_giving_a_task_to_an_agency_makes_it_the_lead_and_the_report_recipient_is_not_coordinating():
    node = by_ref(read(PROGRAMME))["II.1.d"]
    assert leads(node) == ["SNV"]
    assert coordinating(node) == ["VPUBND"]  # not STC: "báo cáo kết quả về Sở Tài chính"


def test_reporting_to_the_committee_through_a_department_does_not_make_it_coordinating():
    node = by_ref(read(PROGRAMME))["II.1.đ.1"]
    assert coordinating(node) == []
    assert node.deadline == dt.date(2023, 12, 31)


def test_a_group_lead_fans_out_one_mention_per_group():
    refs = by_ref(read(PROGRAMME))
    heading, bullet = refs["II.1.đ"], refs["II.1.đ.1"]
    assert heading.groups == ["department", "district"]
    assert [m.name for m in heading.lead] == [
        "Các sở, ban, ngành",
        "Ủy ban nhân dân các huyện, thị xã, thành phố",
    ]
    assert leads(heading) == [None, None]
    assert bullet.groups == ["department", "district"] and leads(bullet) == [None, None]


def test_communes_of_the_two_level_government_and_vertical_agencies_are_groups():
    refs = by_ref(read(PROGRAMME))
    assert refs["II.1.e"].groups == ["commune"]
    assert refs["II.1.g"].groups == ["central"]


def test_to_dict_gives_exactly_the_agreed_keys():
    node = by_ref(read(PROGRAMME))["II.1.c"]
    data = node.to_dict()
    assert set(data) == {
        "ref",
        "text",
        "is_task",
        "lead",
        "coordinating",
        "deadline",
        "deadline_kind",
        "period",
        "deadline_phrase",
        "children",
    }
    assert data["lead"] == [{"name": "Sở Xây dựng", "agency": "SXD"}]
    assert (data["deadline"], data["deadline_kind"], data["period"]) == ("2023-03-31", "date", None)
    assert by_ref(read(PROGRAMME))["II"].to_dict()["children"][0]["ref"] == "II.1"


def test_a_letter_written_twice_gets_the_next_free_letter():
    refs = by_ref(read("1. Việc chung:\n\na) Một.\n\nb) Hai.\n\nc) Ba.\n\nb) Bốn.\n"))
    assert [refs[r].text for r in ("1.a", "1.b", "1.c", "1.d")] == ["Một.", "Hai.", "Ba.", "Bốn."]


def test_lines_broken_by_the_pdf_conversion_are_joined():
    nodes = read(
        "1. Sở Nội vụ xây dựng Kế hoạch cải cách hành\n\nchính của tỉnh, trình UBND tỉnh trong năm\n\n"
        "2024 để triển khai.\n\n2. Việc khác.\n"
    )
    assert (
        nodes[0].text
        == "Sở Nội vụ xây dựng Kế hoạch cải cách hành chính của tỉnh, trình UBND tỉnh trong năm 2024 để triển khai."
    )
    assert nodes[0].deadline == dt.date(2024, 12, 31)


def test_an_unnumbered_paragraph_belongs_to_the_item_above_it():
    nodes = read(
        "1. Rà soát các tiêu chí không đạt điểm.\n\n"
        "Thời hạn báo cáo kết quả thực hiện: trước ngày 30/9/2021 (gửi Sở Nội vụ tổng hợp).\n\n2. Khác.\n"
    )
    assert nodes[0].deadline == dt.date(2021, 9, 30)
    assert coordinating(nodes[0]) == [] and leads(nodes[0]) == []


def test_a_document_without_numbering_reads_its_bullets():
    nodes = read(
        "Đề nghị các cơ quan thực hiện:\n- Sở Tư pháp rà soát văn bản.\n- Sở Tài chính bố trí kinh phí.\n"
    )
    assert [leads(n) for n in nodes] == [["STP"], ["STC"]]


def test_an_item_naming_only_the_issuer_has_no_lead():
    nodes = read(
        "1. Đề nghị Thường trực HĐND tỉnh tăng cường giám sát.\n\n2. Ủy ban nhân dân tỉnh tiếp tục chỉ đạo.\n"
    )
    assert leads(nodes[0]) == [] and leads(nodes[1]) == []


# ── other layouts ────────────────────────────────────────────────────────────────────────
FIELDS = """\
1. Xây dựng Đề án vị trí việc làm
Chủ trì: Sở Nội vụ
Phối hợp: Sở Tài chính, Sở Tư pháp
Thời gian: Quý II/2024
Sản phẩm: Quyết định của UBND tỉnh

2. Rà soát thủ tục hành chính
- Cơ quan chủ trì: Văn phòng UBND tỉnh
- Cơ quan phối hợp: các sở, ban, ngành
- Thời hạn: thường xuyên
"""


def test_a_field_per_line_layout_gives_lead_coordinating_and_deadline():
    first, second = read(FIELDS)
    assert (leads(first), coordinating(first)) == (["SNV"], ["STC", "STP"])
    assert (first.deadline, first.deadline_phrase, first.is_task) == (
        dt.date(2024, 6, 30),
        "Quý II/2024",
        True,
    )
    assert first.children == []
    assert (leads(second), coordinating(second), second.deadline_kind) == (["VPUBND"], [], "ongoing")
    assert second.deadline_phrase == "thường xuyên" and second.children == []


TAB_TABLE = (
    "II. NHIỆM VỤ CỤ THỂ\n\n"
    "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tSản phẩm\n"
    "1\tCải cách thể chế\t\t\t\t\n"
    "1.1\tRà soát văn bản quy phạm pháp luật\tSở Tư pháp\tCác sở, ban, ngành\tQuý III/2024\tBáo cáo\n"
    "1.2\tXây dựng cơ sở dữ liệu\tSở TT&TT\tSở Nội vụ; Công an tỉnh\tTháng 10/2024\tPhần mềm\n"
    "2\tKiểm tra công vụ\tSở Nội vụ\t\tHằng năm\t\n"
    "3\tTuyên truyền\tUBND các huyện, thị xã, thành phố\t\tThường xuyên\t\n"
    "\n"
    "III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ theo dõi, đôn đốc.\n"
)


def test_a_table_pasted_with_tabs_is_read_row_by_row():
    refs = by_ref(read(TAB_TABLE))
    assert not refs["II.1"].is_task and refs["II.1"].text == "Cải cách thể chế"
    row = refs["II.1.1"]
    assert (row.text, leads(row), coordinating(row), row.deadline) == (
        "Rà soát văn bản quy phạm pháp luật\nSản phẩm: Báo cáo",
        ["STP"],
        [],
        dt.date(2024, 9, 30),
    )
    row = refs["II.1.2"]
    assert (leads(row), coordinating(row), row.deadline) == (["STTTT"], ["SNV", "CAT"], dt.date(2024, 10, 31))
    assert (refs["II.2"].deadline_kind, refs["II.2"].period) == ("periodic", "yearly")
    assert refs["II.3"].groups == ["district"] and refs["II.3"].deadline_kind == "ongoing"
    assert leads(refs["III.1"]) == ["SNV"]


def test_a_lead_cell_naming_an_unknown_agency_keeps_its_words_unmatched():
    text = "STT\tNội dung\tĐơn vị chủ trì\tThời hạn\n1\tLập hồ sơ\tPhòng Kinh tế\tkhi có yêu cầu\n"
    (row,) = read(text)
    assert row.lead == [AgencyMention("Phòng Kinh tế", None)]
    assert (row.deadline_kind, row.deadline_phrase) == ("ongoing", "khi có yêu cầu")


PIPE_APPENDIX = """\
1. Các cơ quan triển khai Kế hoạch này.

Nơi nhận:
- Như trên;
- Lưu: VT.

PHỤ LỤC
DANH MỤC NHIỆM VỤ

| TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời hạn |
|---|---|---|---|---|
| 1 | Ban hành Kế hoạch tuyên truyền | Sở Nội vụ | Sở Tư pháp | trước ngày 31/3/2024 |
| 2 | Khảo sát sự hài lòng | Sở Nội vụ | | 6 tháng cuối năm |
"""


def test_a_pipe_table_after_the_signature_becomes_an_appendix_of_tasks():
    nodes = read(PIPE_APPENDIX, year=2024)
    assert [n.ref for n in nodes] == ["1", "PL"]
    appendix = nodes[1]
    assert not appendix.is_task and appendix.text.startswith("PHỤ LỤC")
    first, second = appendix.children
    assert (first.ref, first.is_task, leads(first), coordinating(first), first.deadline) == (
        "PL.1",
        True,
        ["SNV"],
        ["STP"],
        dt.date(2024, 3, 31),
    )
    assert second.deadline == dt.date(2024, 12, 31)


def test_the_year_of_the_document_completes_deadlines_without_one():
    text = "Khánh Hòa, ngày 17 tháng 3 năm 2025\n\n1. Sở Nội vụ hoàn thành trong Quý III.\n"
    assert read(text)[0].deadline == dt.date(2025, 9, 30)
    assert read(text, year=2024)[0].deadline == dt.date(2024, 9, 30)


def test_statistics_tables_and_reports_are_not_tasks():
    text = (
        "BÁO CÁO\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n\n1. Sở Nội vụ đã kiểm tra 20 cơ quan.\n\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ\n\n1. Sở Nội vụ tổ chức khảo sát.\n\n"
        "STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố liệu\n1.\tSố văn bản\tVăn bản\t14\n"
    )
    refs = by_ref(read(text))
    assert not refs["I.1"].is_task and refs["II.1"].is_task


# ── the seed documents ───────────────────────────────────────────────────────────────────
def test_seed_001_the_action_programme():
    nodes = read(seed("001"))
    refs = by_ref(nodes)
    assert [n.ref for n in nodes] == ["I", "III", "IV", "V"]  # the document has no section II
    assert not any(n.is_task for n in walk([refs["I"]])) and not any(n.is_task for n in walk([refs["IV"]]))
    # III.5.b "Sở Nội vụ:" and its bullets
    assert leads(refs["III.5.b"]) == ["SNV"] and not refs["III.5.b"].is_task
    assert all(leads(refs[f"III.5.b.{i}"]) == ["SNV"] and refs[f"III.5.b.{i}"].is_task for i in range(1, 6))
    assert coordinating(refs["III.5.b.3"]) == ["STTTT"]
    assert (refs["III.5.b.3"].deadline_kind, refs["III.5.b.3"].deadline_phrase) == ("ongoing", "từ năm 2023")
    assert refs["III.5.b.5"].deadline == dt.date(2022, 12, 31)
    # III.4.đ: lead, the "các Sở:" list, and "Thời hạn hoàn thành: Quý I năm 2023"
    node = containing(nodes, "Thời hạn hoàn thành: Quý I năm 2023")
    assert node.ref == "III.4.đ" and leads(node) == ["SXD"]
    assert coordinating(node) == ["SNV", "SKHDT", "STC", "STNMT"]
    assert (node.deadline, node.deadline_kind) == (dt.date(2023, 3, 31), "date")
    # headings naming a department
    for ref, code in [
        ("III.2.b", "SKHDT"),
        ("III.2.c", "STNMT"),
        ("III.3.b", "VPUBND"),
        ("III.3.c", "STTTT"),
        ("III.6.b", "STC"),
        ("III.7.b", "STTTT"),
    ]:
        assert leads(refs[ref]) == [code] and all(leads(c) == [code] for c in refs[ref].children), ref
    assert leads(refs["III.2.d"]) == ["STP"] and refs["III.2.d"].is_task  # "d) Sở Tư pháp:" + its paragraph
    assert coordinating(refs["III.3.b.1"]) == ["SNV", "STTTT", "SKHDT", "SXD", "STC"]
    assert refs["III.3.c.1"].deadline == dt.date(2022, 12, 31)
    assert refs["III.2.a.1"].groups == ["department", "district"]
    assert refs["III.6.c"].groups == ["central"]
    # V: the group heading, the dated duty, the periodic report to the committee through Sở Nội vụ
    assert refs["V.1"].groups == ["department", "district", "central"]
    dated = containing(nodes, "hoàn thành trước ngày 31/12/2022")
    assert (dated.deadline, coordinating(dated)) == (dt.date(2022, 12, 31), [])
    periodic = containing(nodes, "Định kỳ quý, 06 tháng và hàng năm")
    assert periodic.ref.startswith("V.1.") and periodic.ref != dated.ref
    assert (periodic.deadline_kind, periodic.period, periodic.deadline) == ("periodic", "quarterly", None)
    assert coordinating(periodic) == [] and periodic.groups == ["department", "district", "central"]
    assert leads(refs["V.2"]) == ["SNV"]


def test_seed_001_ignores_dates_of_cited_documents():
    nodes = read(seed("001"))
    node = containing(nodes, "Thông báo số 514-TB/TU ngày 18/11/2022")
    assert (
        node.deadline is None and leads(node) == ["SKHDT"] and coordinating(node) == []
    )  # "gửi Sở Nội vụ thẩm định"


def test_seed_002_the_urgent_letter():
    nodes = read(seed("002"))
    refs = by_ref(nodes)
    assert [n.ref for n in nodes] == ["1", "2", "3", "4", "5", "6"]
    assert refs["1"].deadline == dt.date(2021, 9, 30) and coordinating(refs["1"]) == []
    assert refs["6"].deadline == dt.date(2021, 10, 31) and leads(refs["6"]) == ["SNV"]
    assert refs["3"].deadline_kind == "periodic"  # not 09/8/2021, 01/01/2021 nor 18/01/2021 (citations)
    assert all(n.deadline != dt.date(2021, 8, 9) for n in walk(nodes))
    assert refs["2"].groups == ["department", "public_unit", "district"]  # every head of agency: fan-out
    assert all(c.groups for c in refs["2"].children)
    assert leads(refs["4"]) == ["STNMT"] and leads(refs["5"]) == ["STTTT"]
    assert refs["5"].deadline == dt.date(2021, 12, 31)


def test_seed_000_the_conclusion_notice():
    nodes = read(seed("000"))
    refs = by_ref(nodes)
    assert [n.ref for n in nodes] == [str(i) for i in range(1, 8)]
    assert leads(refs["3.5"]) == ["SNV"] and leads(refs["4"]) == ["STC"] and leads(refs["5"]) == ["SKHCN"]
    assert coordinating(refs["4"]) == []  # "báo cáo Ủy ban nhân dân tỉnh"
    assert not refs["3"].is_task and all(c.is_task for c in refs["3"].children)
    assert all(n.deadline is None for n in walk(nodes))  # no fixed date: ongoing
    assert "Tổng sản phẩm" not in " ".join(n.text for n in walk(nodes))  # the preamble's bullets


def test_seed_004_the_second_province():
    nodes = read(seed("004"))
    refs = by_ref(nodes)
    assert [n.ref for n in nodes] == [str(i) for i in range(1, 10)]
    assert not refs["8"].is_task and leads(refs["8"]) == ["SNV"]
    first, second, third = refs["8"].children
    assert (first.deadline, first.deadline_phrase) == (dt.date(2024, 3, 31), "trong tháng 3 năm 2024")
    assert coordinating(first) == ["STTTT", "CAT", "VPUBND"]
    assert (second.deadline, second.deadline_phrase) == (
        dt.date(2024, 3, 31),
        "trước ngày 31 tháng 3 năm 2024",
    )
    assert coordinating(second) == ["SKHDT"]
    assert third.deadline == dt.date(2024, 3, 31) and all(leads(c) == ["SNV"] for c in (first, second, third))
    assert refs["1"].groups == ["department", "public_unit", "district"]


def test_seed_003_a_report_has_tasks_only_in_its_outlook_section():
    nodes = read(seed("003"))
    tasks = [n.ref for n in walk(nodes) if n.is_task]
    assert tasks == [f"IV.{i}" for i in range(1, 8)]
    assert not any(n.ref.startswith("PL") for n in nodes)  # the statistics appendix is no task table


@pytest.mark.skipif(not REGISTRY.exists(), reason="seed/agencies.yaml is not there yet")
def test_every_agency_named_in_the_headings_of_seed_001_is_in_the_registry():
    agencies = [
        AgencyRef(a["code"], a["name"], a["kind"], tuple(a.get("aliases") or ()))
        for a in yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))
    ]
    nodes = read_programme(seed("001"), AgencyMatcher(agencies))
    headings = [n for n in walk(nodes) if n.text.split("\n")[0].endswith(":") and n.lead and not n.groups]
    assert len(headings) >= 10
    for node in headings:
        assert all(m.agency for m in node.lead), (node.ref, node.lead)
    named = {m.agency for n in walk(nodes) for m in n.lead + n.coordinating}
    assert {"SNV", "STC", "SKHDT", "STTTT", "SKHCN", "STP", "SXD", "STNMT", "VPUBND", "NHNN"} <= named
    assert None not in {m.agency for n in walk(nodes) if n.is_task for m in n.coordinating}


# ── never anything but DeadlineError ─────────────────────────────────────────────────────
_LINES = st.sampled_from(
    [
        "I. MỤC TIÊU",
        "II. NHIỆM VỤ",
        "1. Sở Nội vụ chủ trì",
        "a) Sở Tài chính:",
        "b)",
        "đ) Các sở, ban, ngành:",
        "- Chủ trì, phối hợp các Sở: Nội vụ, Tài chính",
        "+ Giao",
        "• UBND các xã, phường",
        "Chủ trì: Sở Tư pháp",
        "Phối hợp:",
        "Thời hạn: Quý I/2023",
        "trước ngày 31/02/2024",
        "Nơi nhận:",
        "PHỤ LỤC",
        "STT\tNội dung\tChủ trì",
        "1\tViệc\tSở Nội vụ\tQuý IX",
        "| TT | Nhiệm vụ | Thời hạn |",
        "|---|---|",
        "## **III.**",
        "./.",
        "",
        "   ",
        "ngày 17 tháng 3 năm 0000",
        "1.1.",
        "(1)",
        "*",
        "¹ chú thích",
        "Trên đây là",
        "x",
        ":",
        "các: , ,",
    ]
)
_DOCS = st.one_of(
    st.text(max_size=200), st.lists(st.one_of(_LINES, st.text(max_size=30)), max_size=25).map("\n".join)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCS)
def test_read_programme_raises_nothing_but_a_deadline_error(text):
    try:
        nodes = read(text)
    except DeadlineError:
        return
    for node in walk(nodes):
        assert node.deadline_kind in {"date", "periodic", "ongoing"}
        node.to_dict()
