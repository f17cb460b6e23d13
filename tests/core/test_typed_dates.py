"""A date is typed day first, however a person types it, and a date that cannot be read is refused
with a message quoting what was typed (tracker.core.dates.parse_user_date: every form, filter and
report reads typed dates through it)."""

import datetime as dt

import pytest

from tracker.core.dates import date_error, date_text, parse_user_date

FIFTH_OF_DECEMBER = dt.date(2026, 12, 5)


@pytest.mark.parametrize(
    "typed",
    [
        "5/12/2026",
        "05/12/2026",
        "05122026",
        "5122026",
        "5-12-2026",
        "5.12.2026",
        "05.12.2026",
        "5 12 2026",
        " 5 / 12 / 2026 ",
        "5/12/26",
        "05-12-26",
        "051226",
        "2026-12-05",
    ],
)
def test_every_way_of_typing_the_fifth_of_december_reads_as_the_fifth_of_december(typed):
    assert parse_user_date(typed) == FIFTH_OF_DECEMBER


def test_the_day_always_comes_first():
    assert parse_user_date("12/05/2026") == dt.date(2026, 5, 12)
    assert parse_user_date("01022026") == dt.date(2026, 2, 1)


def test_two_digit_years_are_this_century_except_the_nineties():
    assert parse_user_date("1/1/00") == dt.date(2000, 1, 1)
    assert parse_user_date("31/12/89") == dt.date(2089, 12, 31)
    assert parse_user_date("5/12/99") == dt.date(1999, 12, 5)


@pytest.mark.parametrize(
    "typed, message",
    [
        ("31/02/2026", "Không hiểu ngày «31/02/2026» (tháng 2/2026 không có ngày 31)."),
        ("29/02/2025", "Không hiểu ngày «29/02/2025» (tháng 2/2025 không có ngày 29)."),
        ("32122026", "Không hiểu ngày «32122026» (tháng 12/2026 không có ngày 32)."),
        ("12/13/2026", "Không hiểu ngày «12/13/2026» (không có tháng 13; nhập ngày trước, tháng sau)."),
        (
            "1122026",
            "Không hiểu ngày «1122026» (có thể là 01/12/2026 hoặc 11/02/2026; hãy nhập đủ dd/mm/yyyy).",
        ),
        ("hôm qua", "Không hiểu ngày «hôm qua» (nhập ngày/tháng/năm, ví dụ 05/12/2026 hoặc 05122026)."),
        ("5/12", "Không hiểu ngày «5/12»"),
        ("123", "Không hiểu ngày «123»"),
        ("٥/١٢/٢٠٢٦", "Không hiểu ngày «٥/١٢/٢٠٢٦»"),
        ("05/12/1989", "Ngày «05/12/1989» nằm ngoài khoảng hệ thống chấp nhận (01/01/1990 – 31/12/2100)."),
        ("05/12/2101", "nằm ngoài khoảng hệ thống chấp nhận"),
        ("16/08/0202", "Năm 202 không hợp lệ"),
    ],
)
def test_a_date_that_cannot_be_read_is_refused_saying_what_was_typed(typed, message):
    with pytest.raises(ValueError) as refused:
        parse_user_date(typed)
    assert message in str(refused.value)


def test_a_date_field_shows_dd_mm_yyyy_and_keeps_text_it_cannot_read():
    assert date_text(FIFTH_OF_DECEMBER) == "05/12/2026"
    assert date_text("5122026") == "05/12/2026"
    assert date_text("2026-12-05") == "05/12/2026"
    assert date_text("31/02/2026") == "31/02/2026"
    assert date_text(None) == "" and date_text("") == ""
    assert date_error("31/02/2026").startswith("Không hiểu ngày «31/02/2026»")
    assert date_error("05/12/2026") == "" and date_error("") == "" and date_error(FIFTH_OF_DECEMBER) == ""
