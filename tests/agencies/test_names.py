"""Agency names the Vietnamese way: one agency, many spellings."""

from __future__ import annotations

import unicodedata

import pytest

from tracker.agencies.names import AgencyMatcher, AgencyRef, fold, normalize, tokenize

AGENCIES = [
    AgencyRef("SNV", "Sở Nội vụ", "department"),
    AgencyRef("STC", "Sở Tài chính", "department"),
    AgencyRef("SKHDT", "Sở Kế hoạch và Đầu tư", "department", ("Sở Kế hoạch - Đầu tư",)),
    AgencyRef("STTTT", "Sở Thông tin và Truyền thông", "department"),
    AgencyRef("SKHCN", "Sở Khoa học và Công nghệ", "department"),
    AgencyRef("STP", "Sở Tư pháp", "department"),
    AgencyRef("SXD", "Sở Xây dựng", "department"),
    AgencyRef("STNMT", "Sở Tài nguyên và Môi trường", "department"),
    AgencyRef("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "department"),
    AgencyRef("SGDDT", "Sở Giáo dục và Đào tạo", "department"),
    AgencyRef("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "department"),
    AgencyRef("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "department"),
    AgencyRef("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", "department"),
    AgencyRef("TPNT", "Ủy ban nhân dân thành phố Nha Trang", "district"),
    AgencyRef("TXNH", "Ủy ban nhân dân thị xã Ninh Hòa", "district"),
    AgencyRef("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "organisation"),
    AgencyRef("CAT", "Công an tỉnh", "central"),
    AgencyRef("UBND", "Ủy ban nhân dân tỉnh", "external"),
    AgencyRef("HDND", "Hội đồng nhân dân tỉnh", "external"),
    AgencyRef("BNV", "Bộ Nội vụ", "external"),
]
MATCHER = AgencyMatcher(AGENCIES)


def code(name):
    agency = MATCHER.match(name)
    return agency.code if agency else None


# ── normalize ────────────────────────────────────────────────────────────────────────────
def test_normalize_lowers_strips_diacritics_and_turns_d_bar_into_d():
    assert normalize("Đài Phát thanh") == "dai phat thanh"
    assert fold("ĐỒNG Ý") == "dong y"


def test_normalize_collapses_spaces_and_punctuation():
    assert normalize("  Sở   Lao động -  Thương binh,  và Xã hội. ") == "so lao dong thuong binh va xa hoi"


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
        ("UBND TP. Nha Trang", "Ủy ban nhân dân thành phố Nha Trang"),
        ("UBND TX. Ninh Hòa", "Ủy ban nhân dân thị xã Ninh Hòa"),
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("Sở KHĐT", "Sở Kế hoạch và Đầu tư"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Sở TTTT", "Sở Thông tin và Truyền thông"),
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("Sở LĐTB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ],
)
def test_abbreviations_normalize_like_the_full_name(short, full):
    assert normalize(short) == normalize(full)


@pytest.mark.parametrize(("old", "new"), [("Uỷ ban", "Ủy ban"), ("Khánh Hoà", "Khánh Hòa"), ("thuỷ", "thủy")])
def test_old_and_new_tone_placement_are_the_same(old, new):
    assert normalize(old) == normalize(new)


def test_decomposed_unicode_is_the_same_as_composed():
    assert normalize(unicodedata.normalize("NFD", "Sở Nội vụ")) == normalize("Sở Nội vụ")


def test_tokens_keep_where_they_were_written():
    text = "Giao UBND tỉnh"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["giao", "uy", "ban", "nhan", "dan", "tinh"]
    assert text[tokens[1].start : tokens[4].end] == "UBND"


# ── match ────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Sở Nội vụ", "SNV"),
        ("sở nội vụ", "SNV"),
        ("SO NOI VU", "SNV"),
        ("Sở Nội vụ tỉnh", "SNV"),
        ("Nội vụ", "SNV"),  # a "các Sở: Nội vụ, …" list
        ("Sở KH&ĐT", "SKHDT"),
        ("Sở Kế hoạch - Đầu tư", "SKHDT"),
        ("Kế hoạch và Đầu tư", "SKHDT"),
        ("Thông tin và Truyền Thông", "STTTT"),
        ("Văn phòng UBND tỉnh", "VPUBND"),
        ("UBND TP. Nha Trang", "TPNT"),
        ("Uỷ ban nhân dân thị xã Ninh Hoà", "TXNH"),
        ("Ủy ban MTTQ Việt Nam tỉnh", "MTTQ"),
        ("snv", "SNV"),  # a code
        ("Bộ Nội vụ", "BNV"),
    ],
)
def test_match_finds_an_agency_however_it_is_written(written, expected):
    assert code(written) == expected


@pytest.mark.parametrize("written", ["", "   ", "Sở Du lịch", "các sở, ban, ngành", "Nội"])
def test_match_finds_nothing_for_an_unknown_name(written):
    assert MATCHER.match(written) is None


def test_a_ministry_is_not_the_department_of_the_same_name():
    without_ministry = AgencyMatcher([a for a in AGENCIES if a.code != "BNV"])
    assert without_ministry.match("Bộ Nội vụ") is None


def test_a_short_name_shared_by_two_agencies_matches_neither():
    matcher = AgencyMatcher(
        [
            AgencyRef("A", "Sở Nội vụ", "department"),
            AgencyRef("B", "Ban Nội vụ", "department"),
            AgencyRef("C", "Sở Y tế", "department"),
            AgencyRef("D", "Trung tâm Y tế", "public_unit"),
        ]
    )
    assert matcher.match("Nội vụ").code == "A"  # only a "Sở" drops its kind word
    assert matcher.match("Y tế").code == "C"


def test_the_first_agency_wins_a_duplicate_name():
    matcher = AgencyMatcher(
        [AgencyRef("A", "Sở Nội vụ", "department"), AgencyRef("B", "Sở Nội vụ", "department")]
    )
    assert matcher.match("Sở Nội vụ").code == "A"


# ── suggest ──────────────────────────────────────────────────────────────────────────────
def test_suggest_offers_the_closest_names_for_a_typo():
    assert [a.code for a in MATCHER.suggest("Sở Nôi vu")][0] == "SNV"
    assert [a.code for a in MATCHER.suggest("So Tai chin")][0] == "STC"


def test_suggest_returns_at_most_the_limit_and_nothing_for_nonsense():
    assert len(MATCHER.suggest("Sở", limit=2)) <= 2
    assert MATCHER.suggest("xyzxyzxyz qwerty") == []
    assert MATCHER.suggest("") == []


# ── find_all ─────────────────────────────────────────────────────────────────────────────
def test_find_all_lists_mentions_as_written_with_their_agency():
    text = (
        "Chủ trì, phối hợp với Sở Thông tin và Truyền thông, Công an tỉnh, Văn phòng UBND tỉnh "
        "đề xuất hợp nhất; báo cáo Chủ tịch UBND tỉnh."
    )
    found = [(written, agency.code if agency else None) for written, agency in MATCHER.find_all(text)]
    assert found[:3] == [
        ("Sở Thông tin và Truyền thông", "STTTT"),
        ("Công an tỉnh", "CAT"),
        ("Văn phòng UBND tỉnh", "VPUBND"),
    ]
    assert ("UBND tỉnh", "UBND") in found


def test_find_all_prefers_the_longest_name():
    assert MATCHER.find_all("Văn phòng Ủy ban nhân dân tỉnh")[0][1].code == "VPUBND"


def test_find_all_reports_an_unknown_agency_with_none_and_stops_at_the_verb():
    found = MATCHER.find_all("Sở Du lịch chủ trì, Sở Xây dựng phối hợp, Cục Thuế tỉnh Khánh Hòa triển khai")
    assert found == [
        ("Sở Du lịch", None),
        ("Sở Xây dựng", MATCHER.match("Sở Xây dựng")),
        ("Cục Thuế tỉnh Khánh Hòa", None),
    ]


def test_find_all_does_not_take_words_that_only_start_like_agencies():
    assert MATCHER.find_all("Báo cáo số 12 và ban hành Bộ phận Một cửa; các sở, ban, ngành") == []
