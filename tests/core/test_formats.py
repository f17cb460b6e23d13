import datetime as dt

from tracker.core.dates import fmt_date, fmt_number, fmt_percent


def test_vietnamese_number_and_date_formats():
    assert fmt_number(29000) == "29.000"
    # A no-break space: "31,15" never wraps away from its "%".
    assert fmt_percent(19 / 61 * 100) == "31,15\u00a0%"
    assert fmt_date(dt.date(2024, 9, 30)) == "30/09/2024"


def test_an_event_shows_its_time_in_ho_chi_minh_city_when_recorded_on_its_day():
    from tracker.core.dates import fmt_when

    at = dt.datetime(2026, 12, 5, 7, 30, tzinfo=dt.UTC)  # 14:30 in Hà Nội, Huế, Khánh Hòa
    assert fmt_when(dt.date(2026, 12, 5), at) == "05/12/2026 14:30"
    late = dt.datetime(2026, 12, 5, 18, 5, tzinfo=dt.UTC)  # already 06/12 01:05 in Việt Nam
    assert fmt_when(dt.date(2026, 12, 6), late) == "06/12/2026 01:05"
    # History brought in later (an import, the seed): the day it happened, not when it was typed in.
    assert fmt_when(dt.date(2024, 9, 14), at) == "14/09/2024"
    assert fmt_when(dt.date(2024, 9, 14), None) == "14/09/2024"
