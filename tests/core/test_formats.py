import datetime as dt

from tracker.core.dates import fmt_date, fmt_number, fmt_percent


def test_vietnamese_number_and_date_formats():
    assert fmt_number(29000) == "29.000"
    assert fmt_percent(19 / 61 * 100) == "31,15 %"
    assert fmt_date(dt.date(2024, 9, 30)) == "30/09/2024"
