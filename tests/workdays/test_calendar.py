"""Working-day arithmetic over the official calendar (pure: no application, no database)."""

import datetime as dt

import pytest

from tracker.workdays.calendar import WorkCalendar, official_calendar
from tracker.workdays.official import KIND_WORKING, SOURCES, YEARS, official_days

D = dt.date


@pytest.fixture(scope="module")
def cal():
    return official_calendar()


def test_ten_working_days_after_friday_24_january_2025_cross_the_tet_break(cal):
    assert cal.add_working_days(D(2025, 1, 24), 10) == D(2025, 2, 14)
    assert all(cal.is_day_off(D(2025, 1, 25) + dt.timedelta(days=i)) for i in range(9))
    assert cal.working_days_between(D(2025, 1, 24), D(2025, 2, 14)) == 10
    # Overdue counts go negative by the same measure.
    assert cal.working_days_between(D(2025, 2, 14), D(2025, 1, 24)) == -10


def test_a_saturday_worked_in_exchange_is_a_working_day_and_the_swapped_friday_is_not(cal):
    # 2025: Friday 02/05 off, Saturday 26/04 worked.
    assert not cal.is_day_off(D(2025, 4, 26))
    assert cal.is_day_off(D(2025, 5, 2))
    # Friday 25/04 + 1 working day is that Saturday; Tuesday 29/04 + 1 jumps the whole break to 05/05.
    assert cal.add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert cal.add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 5)
    assert cal.working_days_between(D(2025, 4, 25), D(2025, 4, 28)) == 2  # Sat 26 and Mon 28
    assert cal.name_of(D(2025, 4, 26)).startswith("Làm bù")


def test_counting_crosses_the_year_boundary(cal):
    # Wednesday 31/12/2025 + 1: Thursday 01/01/2026 (Tết Dương lịch) and Friday 02/01 (swapped) are off.
    assert cal.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
    # Saturday 10/01/2026 is worked in exchange.
    assert cal.add_working_days(D(2026, 1, 9), 1) == D(2026, 1, 10)
    # 31/12, 05–09/01, Saturday 10/01 and Monday 12/01.
    assert cal.working_days_between(D(2025, 12, 30), D(2026, 1, 12)) == 1 + 5 + 1 + 1
    # 2022: 01/01 on a Saturday gives Monday 03/01 off.
    assert cal.add_working_days(D(2021, 12, 31), 1) == D(2022, 1, 4)


def test_a_deadline_on_a_holiday_is_a_day_off_and_rolls_to_the_next_working_day(cal):
    giotoday = D(2025, 4, 7)  # Giỗ Tổ Hùng Vương, 10/3 âm lịch
    assert cal.is_day_off(giotoday)
    assert cal.name_of(giotoday) == "Giỗ Tổ Hùng Vương"
    assert cal.roll_forward(giotoday) == D(2025, 4, 8)
    assert cal.next_working_day(D(2025, 4, 4)) == D(2025, 4, 8)
    assert cal.previous_working_day(D(2025, 4, 8)) == D(2025, 4, 4)
    assert cal.roll_forward(D(2025, 4, 8)) == D(2025, 4, 8)


@pytest.mark.parametrize(
    ("year", "lunar_new_year", "gio_to"),
    [
        (2020, D(2020, 1, 25), D(2020, 4, 2)),
        (2021, D(2021, 2, 12), D(2021, 4, 21)),
        (2022, D(2022, 2, 1), D(2022, 4, 10)),
        (2023, D(2023, 1, 22), D(2023, 4, 29)),
        (2024, D(2024, 2, 10), D(2024, 4, 18)),
        (2025, D(2025, 1, 29), D(2025, 4, 7)),
        (2026, D(2026, 2, 17), D(2026, 4, 26)),
        (2027, D(2027, 2, 6), D(2027, 4, 16)),
    ],
)
def test_each_year_has_its_lunar_holidays_and_the_labour_code_days(cal, year, lunar_new_year, gio_to):
    assert cal.name_of(lunar_new_year) == "Tết Nguyên đán"
    assert cal.name_of(gio_to) == "Giỗ Tổ Hùng Vương"
    for fixed in (D(year, 1, 1), D(year, 4, 30), D(year, 5, 1), D(year, 9, 2)):
        assert cal.is_day_off(fixed), fixed
    # Tết Âm lịch gives five weekdays off (more with nghỉ bù when a day falls on a weekend).
    tet = [d.date for d in official_days(year) if d.name == "Tết Nguyên đán"]
    assert sum(1 for day in tet if day.weekday() < 5) >= 5
    # From 2021 Quốc khánh is two days: 2/9 and 1/9 or 3/9.
    if year >= 2021:
        assert cal.name_of(D(year, 9, 1)) == "Quốc khánh" or cal.name_of(D(year, 9, 3)) == "Quốc khánh"
    assert SOURCES[year]


def test_a_holiday_on_a_weekend_gives_the_next_working_day_off(cal):
    assert cal.name_of(D(2021, 5, 3)) == "Nghỉ bù Ngày Quốc tế Lao động"  # 1/5/2021 was a Saturday
    assert cal.name_of(D(2023, 9, 4)) == "Nghỉ bù Quốc khánh"  # 2/9/2023 was a Saturday
    for day in official_days():
        if day.name.startswith("Nghỉ bù"):
            assert day.date.weekday() < 5


def test_the_official_data_covers_2020_to_2027_with_one_row_a_date():
    days = official_days()
    assert YEARS == tuple(range(2020, 2028))
    assert len({d.date for d in days}) == len(days)
    worked = [d.date for d in days if d.kind == KIND_WORKING]
    assert worked and all(day.weekday() >= 5 for day in worked)


def test_a_date_cannot_be_both_off_and_worked():
    with pytest.raises(ValueError, match="vừa là ngày nghỉ vừa là ngày làm bù"):
        WorkCalendar({D(2025, 5, 3)}, {D(2025, 5, 3)})


def test_counting_agrees_with_stepping_day_by_day(cal):
    start = D(2019, 12, 20)  # a Friday, a working day
    for n in range(0, 2000, 7):
        end = cal.add_working_days(start, n)
        assert cal.working_days_between(start, end) == n
        assert cal.add_working_days(end, -n) == start
        stepped = sum(
            1 for i in range(1, (end - start).days + 1) if cal.is_working_day(start + dt.timedelta(i))
        )
        assert stepped == n
    # A plain week with no holidays: Monday to the next Monday is five working days.
    plain = WorkCalendar(set(), set())
    assert plain.working_days_between(D(2025, 3, 3), D(2025, 3, 10)) == 5
    assert plain.add_working_days(D(2025, 3, 7), 1) == D(2025, 3, 10)
    assert plain.working_days_between(D(2025, 3, 8), D(2025, 3, 9)) == 0
