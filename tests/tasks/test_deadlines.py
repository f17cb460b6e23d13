"""Deadline phrases of Vietnamese documents, read into dates, rhythms and "ongoing"."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.tasks.deadlines import Deadline, DeadlineError, find_deadline, parse_date, parse_deadline

D = dt.date


# ── dates ────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize(
    "written",
    [
        "30/9/2024",
        "30/09/2024",
        "2024-09-30",
        "30-9-2024",
        "30.9.2024",
        "30 tháng 9 năm 2024",
        "ngày 30/9/2024",
        " 30/9/2024 ",
        "2024-09-30 00:00:00",
    ],
)
def test_a_date_is_read_in_every_usual_writing(written):
    assert parse_date(written) == D(2024, 9, 30)


def test_a_date_that_does_not_exist_is_refused_in_vietnamese():
    with pytest.raises(DeadlineError, match=r"^Ngày 31/02/2024 không tồn tại$"):
        parse_date("31/02/2024")


@pytest.mark.parametrize("garbage", ["", "abc", "30/9", "hôm qua", "2024", "32/13/2024x"])
def test_garbage_is_not_a_date(garbage):
    with pytest.raises(DeadlineError, match="Không hiểu ngày"):
        parse_date(garbage)


def test_a_deadline_error_is_a_value_error():
    assert issubclass(DeadlineError, ValueError)


# ── a whole "Thời hạn" cell ──────────────────────────────────────────────────────────────
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("trước ngày 30/9/2021", D(2021, 9, 30)),
        ("trước ngày 31 tháng 3 năm 2024", D(2024, 3, 31)),
        ("hoàn thành trước ngày 31/12/2022", D(2022, 12, 31)),
        ("Thời hạn hoàn thành: Quý I năm 2023", D(2023, 3, 31)),
        ("Quý II năm 2023", D(2023, 6, 30)),
        ("Quý III/2024", D(2024, 9, 30)),
        ("Quý IV/2025", D(2025, 12, 31)),
        ("quý 2 năm 2024", D(2024, 6, 30)),
        ("trong tháng 3 năm 2024", D(2024, 3, 31)),
        ("tháng 3/2024", D(2024, 3, 31)),
        ("tháng 2/2024", D(2024, 2, 29)),
        ("3/2024", D(2024, 3, 31)),
        ("trong năm 2022", D(2022, 12, 31)),
        ("năm 2022", D(2022, 12, 31)),
        ("2022", D(2022, 12, 31)),
        ("6 tháng đầu năm 2024", D(2024, 6, 30)),
        ("06 tháng cuối năm 2024", D(2024, 12, 31)),
        ("Đến năm 2025", D(2025, 12, 31)),
        ("chậm nhất ngày 15/10/2024", D(2024, 10, 15)),
        ("xong trước 30/6/2024", D(2024, 6, 30)),
        ("30/09/2024", D(2024, 9, 30)),
    ],
)
def test_a_deadline_cell_with_a_date_or_a_period_gives_the_last_day(cell, expected):
    deadline = parse_deadline(cell)
    assert (deadline.kind, deadline.date, deadline.period) == ("date", expected, None)


@pytest.mark.parametrize(
    "cell",
    ["truoc ngay 30/9/2021", "TRƯỚC NGÀY 30/9/2021", "Trước Ngày 30/9/2021", "trước ngày 30/09/2021"],
)
def test_diacritics_and_case_do_not_matter(cell):
    assert parse_deadline(cell).date == D(2021, 9, 30)


def test_decomposed_unicode_reads_like_composed():
    import unicodedata

    assert parse_deadline(unicodedata.normalize("NFD", "Quý I năm 2023")).date == D(2023, 3, 31)


def test_the_phrase_is_kept_as_written_without_its_label():
    assert parse_deadline("Thời hạn hoàn thành: Quý I năm 2023").phrase == "Quý I năm 2023"
    assert parse_deadline("trước ngày 30/9/2021").phrase == "trước ngày 30/9/2021"
    assert parse_deadline("truoc ngay 30/9/2021").phrase == "truoc ngay 30/9/2021"


@pytest.mark.parametrize("cell", [None, "", "   ", "-"])
def test_an_empty_cell_is_ongoing(cell):
    assert parse_deadline(cell) == Deadline("ongoing", None, None, None)


@pytest.mark.parametrize(
    "cell", ["thường xuyên", "Thường xuyên", "thuong xuyen", "từ năm 2023", "Từ năm 2025 trở đi", "liên tục"]
)
def test_ongoing_words_give_an_ongoing_deadline_without_a_date(cell):
    deadline = parse_deadline(cell)
    assert (deadline.kind, deadline.date, deadline.period) == ("ongoing", None, None)


def test_from_a_year_is_ongoing_and_not_the_end_of_that_year():
    assert parse_deadline("từ năm 2023").phrase == "từ năm 2023"


@pytest.mark.parametrize(
    ("cell", "period"),
    [
        ("hằng năm", "yearly"),
        ("hàng năm", "yearly"),
        ("Hàng năm", "yearly"),
        ("định kỳ quý", "quarterly"),
        ("hằng quý", "quarterly"),
        ("hằng tháng", "monthly"),
        ("hàng tháng", "monthly"),
        ("06 tháng", "half_yearly"),
        ("6 tháng và hằng năm", "half_yearly"),
        ("Định kỳ quý, 06 tháng và hàng năm", "quarterly"),
        ("định kỳ 6 tháng", "half_yearly"),
        ("báo cáo định kỳ hằng tháng", "monthly"),
    ],
)
def test_a_rhythm_is_periodic_and_the_most_frequent_period_wins(cell, period):
    deadline = parse_deadline(cell)
    assert (deadline.kind, deadline.date, deadline.period) == ("periodic", None, period)


def test_a_day_of_every_month_is_kept():
    deadline = parse_deadline("trước ngày 10 hằng tháng")
    assert (deadline.kind, deadline.period, deadline.day_of_period) == ("periodic", "monthly", 10)


def test_phrases_without_a_year_take_the_year_given():
    assert parse_deadline("trong Quý III", year=2024).date == D(2024, 9, 30)
    assert parse_deadline("6 tháng cuối năm", year=2024).date == D(2024, 12, 31)
    assert parse_deadline("6 tháng đầu năm", year=2024).date == D(2024, 6, 30)
    assert parse_deadline("trong tháng 3", year=2024).date == D(2024, 3, 31)
    assert parse_deadline("trước ngày 30/9", year=2021).date == D(2021, 9, 30)


def test_phrases_without_a_year_and_none_given_are_refused_saying_so():
    with pytest.raises(DeadlineError, match="không ghi năm"):
        parse_deadline("trong Quý III")


def test_before_a_period_means_the_day_before_it_starts():
    assert parse_deadline("trước Quý II/2024").date == D(2024, 3, 31)
    assert parse_deadline("trước tháng 6/2024").date == D(2024, 5, 31)


def test_a_cell_with_an_impossible_date_says_which_date():
    with pytest.raises(DeadlineError, match=r"Ngày 31/02/2024 không tồn tại"):
        parse_deadline("31/02/2024")
    with pytest.raises(DeadlineError, match=r"Ngày 31/02/2024 không tồn tại"):
        parse_deadline("trước ngày 31/02/2024")


@pytest.mark.parametrize(
    "cell", ["abc", "Quý", "Năm", "sớm nhất có thể", "Theo Kết luận số 91-KL/TU, ngày 18/10/2022"]
)
def test_a_cell_that_says_no_deadline_is_refused(cell):
    with pytest.raises(DeadlineError, match="Không hiểu thời hạn «"):
        parse_deadline(cell)


# ── a deadline inside a longer text ──────────────────────────────────────────────────────
@pytest.mark.parametrize(
    "sentence",
    [
        "Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ về nhiệm vụ năm 2024.",
        "Triển khai thực hiện Kết luận số 91-KL/TU, ngày 18/10/2022 của Ban Thường vụ Tỉnh ủy.",
        "Qua xem xét Báo cáo số 1919/BC-SNV ngày 09/8/2021 của Sở Nội vụ về việc báo cáo Chỉ số.",
        "Quyết định ban hành ngày 05/01/2024 của UBND tỉnh.",
        "Theo Thông báo số 514-TB/TU ngày 18/11/2022 của Thường trực Tỉnh ủy.",
        "Kết luận số 62-KL/TW ngày 02 tháng 10 năm 2023 của Bộ Chính trị.",
    ],
)
def test_the_date_of_a_cited_document_is_not_a_deadline(sentence):
    assert find_deadline(sentence) is None


def test_a_citation_and_a_deadline_in_one_sentence_give_the_deadline():
    sentence = (
        "Rà soát theo Báo cáo số 1919/BC-SNV ngày 09/8/2021. "
        "Thời hạn báo cáo kết quả thực hiện: trước ngày 30/9/2021 (gửi Sở Nội vụ tổng hợp)."
    )
    deadline = find_deadline(sentence)
    assert (deadline.date, deadline.phrase) == (D(2021, 9, 30), "trước ngày 30/9/2021")


@pytest.mark.parametrize(
    ("sentence", "expected", "phrase"),
    [
        (
            "báo cáo Chủ tịch Ủy ban nhân dân tỉnh trong tháng 3 năm 2024.",
            D(2024, 3, 31),
            "trong tháng 3 năm 2024",
        ),
        (
            "tham mưu bổ sung Kế hoạch trước ngày 31 tháng 3 năm 2024.",
            D(2024, 3, 31),
            "trước ngày 31 tháng 3 năm 2024",
        ),
        ("trình Tỉnh ủy cho ý kiến. Thời hạn hoàn thành: Quý I năm 2023.", D(2023, 3, 31), "Quý I năm 2023"),
        (
            "ban hành Kế hoạch, hoàn thành trước ngày 31/12/2022; báo cáo UBND tỉnh.",
            D(2022, 12, 31),
            "hoàn thành trước ngày 31/12/2022",
        ),
        ("đưa Hệ thống vào hoạt động trong năm 2021.", D(2021, 12, 31), "trong năm 2021"),
        ("Đến năm 2025, đạt mục tiêu giảm 10% đơn vị sự nghiệp.", D(2025, 12, 31), "Đến năm 2025"),
        (
            "tích hợp 100% dịch vụ công ngay trong năm 2022, đẩy mạnh truyền thông",
            D(2022, 12, 31),
            "ngay trong năm 2022",
        ),
        ("báo cáo kết quả chậm nhất ngày 15/10/2024.", D(2024, 10, 15), "chậm nhất ngày 15/10/2024"),
        ("Xây dựng Đề án, Quý IV/2025.", D(2025, 12, 31), "Quý IV/2025"),
        ("Chủ trì: Sở Nội vụ\nThời gian: Quý II/2024\nSản phẩm: Quyết định", D(2024, 6, 30), "Quý II/2024"),
        ("Thời hạn: 30/9/2024", D(2024, 9, 30), "30/9/2024"),
        (
            "Báo cáo sơ kết, hoàn thành trong 6 tháng đầu năm 2024.",
            D(2024, 6, 30),
            "hoàn thành trong 6 tháng đầu năm 2024",
        ),
    ],
)
def test_a_deadline_introduced_by_deadline_words_is_found_in_a_sentence(sentence, expected, phrase):
    deadline = find_deadline(sentence)
    assert (deadline.kind, deadline.date, deadline.phrase) == ("date", expected, phrase)


def test_the_periodic_duty_of_a_programme_is_quarterly():
    deadline = find_deadline(
        "Định kỳ quý, 06 tháng và hàng năm (theo hướng dẫn), báo cáo Ủy ban nhân dân tỉnh "
        "(qua Sở Nội vụ) về tình hình, kết quả thực hiện Chương trình hành động."
    )
    assert (deadline.kind, deadline.period, deadline.phrase) == (
        "periodic",
        "quarterly",
        "Định kỳ quý, 06 tháng và hàng năm",
    )


def test_a_clause_opening_with_every_year_is_periodic_but_an_adjective_is_not():
    assert find_deadline("Hằng năm, Sở Nội vụ tổ chức đánh giá.").period == "yearly"
    assert find_deadline("báo cáo hằng quý về Sở Nội vụ").period == "quarterly"
    assert find_deadline("công khai kế hoạch sử dụng đất hàng năm; thông tin về dự án") is None


def test_a_monthly_meeting_makes_a_monthly_report():
    deadline = find_deadline("báo cáo phục vụ cuộc họp thường kỳ hàng tháng của UBND tỉnh.")
    assert (deadline.kind, deadline.period) == ("periodic", "monthly")


def test_a_day_of_every_month_is_found_in_a_sentence():
    deadline = find_deadline("Các sở gửi báo cáo trước ngày 10 hằng tháng về Sở Nội vụ.")
    assert (deadline.kind, deadline.period, deadline.day_of_period) == ("periodic", "monthly", 10)


def test_from_a_year_in_a_sentence_is_ongoing():
    deadline = find_deadline(
        "nghiên cứu, triển khai thi cạnh tranh khi bổ nhiệm lãnh đạo các cấp từ năm 2023."
    )
    assert (deadline.kind, deadline.date, deadline.phrase) == ("ongoing", None, "từ năm 2023")


def test_electronic_is_not_from_although_they_fold_alike():
    # "điện tử năm 2024" folds to "dien tu nam 2024", as "từ năm 2024" would.
    assert find_deadline("Kế hoạch phát triển chính quyền điện tử năm 2024 được ban hành") is None


def test_a_horizon_is_not_a_deadline():
    assert find_deadline("giai đoạn 2021 - 2025, định hướng đến năm 2030, trong đó dành nguồn lực") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Thường xuyên rà soát, tự kiểm tra văn bản quy phạm pháp luật.",
        "Chỉ số cải cách hành chính năm 2020 của tỉnh đạt 82,57%.",
        "tổ chức hội nghị sơ kết 06 tháng đầu năm",
        "Tiếp tục triển khai Chương trình xúc tiến đầu tư năm 2025.",
        "mở rộng khảo sát trong năm tới",
        "",
    ],
)
def test_words_that_only_look_like_deadlines_are_not_deadlines(sentence):
    assert find_deadline(sentence) is None


def test_ongoing_standing_alone_in_a_sentence_is_found():
    assert find_deadline("Rà soát thủ tục hành chính (thường xuyên).").kind == "ongoing"
    assert find_deadline("Thời gian thực hiện: thường xuyên").kind == "ongoing"


def test_a_labelled_deadline_wins_over_a_date_in_passing():
    deadline = find_deadline("Trong năm 2022 đã làm xong bước 1.\nThời hạn: Quý II/2023")
    assert deadline.date == D(2023, 6, 30)


def test_yearless_phrases_in_a_sentence_use_the_year_given_or_are_skipped():
    assert find_deadline("hoàn thành trong Quý III", year=2024).date == D(2024, 9, 30)
    assert find_deadline("hoàn thành trong Quý III") is None


def test_an_impossible_date_in_a_sentence_is_skipped():
    assert find_deadline("hoàn thành trước ngày 31/02/2024") is None


# ── never anything but DeadlineError ─────────────────────────────────────────────────────
_PIECES = st.sampled_from(
    [
        "trước ngày",
        "ngày",
        "tháng",
        "năm",
        "Quý",
        "quý",
        "IV",
        "III",
        "I",
        "hằng",
        "hàng",
        "định kỳ",
        "từ",
        "đến",
        "thường xuyên",
        "Thời hạn:",
        "6 tháng",
        "đầu",
        "cuối",
        "/",
        "-",
        ".",
        ",",
        ":",
        "(",
        ")",
        "\n",
        "0",
        "00",
        "31",
        "02",
        "13",
        "2024",
        "0000",
        "9999",
        "99999",
        "số 01/NQ-CP",
        "ban hành",
        "chậm nhất",
        "trong",
        "tử",
    ]
)
_TEXTS = st.one_of(
    st.text(max_size=80),
    st.lists(_PIECES, max_size=14).map(" ".join),
    st.lists(_PIECES, max_size=14).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.one_of(st.none(), st.integers(min_value=-5, max_value=10000)))
def test_parse_deadline_raises_nothing_but_a_deadline_error(text, year):
    try:
        deadline = parse_deadline(text, year=year)
    except DeadlineError:
        return
    assert deadline.kind in {"date", "periodic", "ongoing"}
    assert (deadline.kind == "date") == (deadline.date is not None)
    assert (deadline.kind == "periodic") == (deadline.period is not None)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.one_of(st.none(), st.integers(min_value=1900, max_value=2199)))
def test_find_deadline_never_raises(text, year):
    deadline = find_deadline(text, year=year)
    assert deadline is None or deadline.phrase is not None
