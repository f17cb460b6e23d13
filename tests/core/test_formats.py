import datetime as dt

from tracker.core.dates import fmt_date, fmt_number, fmt_percent


def test_vietnamese_number_and_date_formats():
    assert fmt_number(29000) == "29.000"
    # A no-break space: "31,15" never wraps away from its "%".
    assert fmt_percent(19 / 61 * 100) == "31,15\u00a0%"
    assert fmt_date(dt.date(2024, 9, 30)) == "30/09/2024"
