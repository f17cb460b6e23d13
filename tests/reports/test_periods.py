"""The official reporting periods are cut off on the 14th (Nghị định 09/2019, 581/BNV-CCHC)."""

import datetime as dt

import pytest

from tracker.reports import periods

D = dt.date


@pytest.mark.parametrize(
    "key, start, end, name",
    [
        ("q1", D(2023, 12, 15), D(2024, 3, 14), "Quý I/2024"),
        ("q2", D(2024, 3, 15), D(2024, 6, 14), "Quý II/2024"),
        ("h1", D(2023, 12, 15), D(2024, 6, 14), "6 tháng đầu năm 2024"),
        ("q3", D(2024, 6, 15), D(2024, 9, 14), "Quý III/2024"),
        ("m9", D(2023, 12, 15), D(2024, 9, 14), "9 tháng 2024"),
        ("q4", D(2024, 9, 15), D(2024, 12, 14), "Quý IV/2024"),
        ("year", D(2023, 12, 15), D(2024, 12, 14), "Năm 2024"),
    ],
)
def test_official_periods_run_from_the_15th_to_the_14th(key, start, end, name):
    period = periods.official(key, 2024)
    assert (period.start, period.end, period.name) == (start, end, name)
    assert periods.find(start, end) == period


def test_the_quarters_tile_the_year_without_gap_or_overlap():
    day, seen = D(2023, 12, 15), []
    while day <= D(2024, 12, 14):
        seen.append(periods.quarter_of(day).key)
        day += dt.timedelta(days=1)
    assert seen.count("q1") + seen.count("q2") + seen.count("q3") + seen.count("q4") == len(seen) == 366
    assert periods.quarter_of(D(2024, 12, 15)).name == "Quý I/2025"


def test_the_trend_takes_the_last_quarters_oldest_first():
    names = [p.short_name for p in periods.recent_quarters(D(2024, 9, 14), 4)]
    assert names == ["Q4/2023", "Q1/2024", "Q2/2024", "Q3/2024"]


def test_a_custom_range_is_named_by_its_dates_and_must_run_forward():
    assert periods.custom(D(2024, 7, 1), D(2024, 9, 30)).name == "Từ 01/07/2024 đến 30/09/2024"
    with pytest.raises(ValueError):
        periods.custom(D(2024, 9, 30), D(2024, 7, 1))
