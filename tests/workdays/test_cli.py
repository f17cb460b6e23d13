"""`flask --app tracker calendar …` answers from the calendar in the database."""

import json

from sqlalchemy import select

from tracker.audit.models import AuditEntry
from tracker.workdays.models import CalendarDay


def test_ten_working_days_after_24_january_2025_is_14_february(runner, official):
    result = runner.invoke(args=["calendar", "add-working-days", "2025-01-24", "10"])
    assert result.exit_code == 0 and result.output == "2025-02-14\n"
    result = runner.invoke(args=["calendar", "working-days-between", "2025-02-14", "2025-01-24"])
    assert result.output == "-10\n"
    bad = runner.invoke(args=["calendar", "add-working-days", "24/01/2025", "10"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_is_day_off_says_which_day_and_answers_by_its_exit_status(runner, official):
    tet = runner.invoke(args=["calendar", "is-day-off", "2025-01-29"])
    assert tet.exit_code == 0 and tet.output == "2025-01-29 (thứ Tư): ngày nghỉ — Tết Nguyên đán\n"
    lam_bu = runner.invoke(args=["calendar", "is-day-off", "2025-04-26"])
    assert lam_bu.exit_code == 1 and "ngày làm việc — Làm bù cho thứ Sáu 02/05/2025" in lam_bu.output
    sunday = runner.invoke(args=["calendar", "is-day-off", "2025-03-16"])
    assert sunday.exit_code == 0 and sunday.output.endswith("ngày nghỉ — Chủ nhật\n")


def test_days_off_lists_the_year_as_a_table_or_json(runner, official):
    table = runner.invoke(args=["calendar", "days-off", "--year", "2025"])
    lines = table.output.splitlines()
    assert lines[0] == "Năm 2025: 16 ngày nghỉ, 1 ngày làm bù."
    assert "02/05/2025  thứ Sáu   Ngày nghỉ hoán đổi" in table.output
    data = json.loads(
        runner.invoke(args=["calendar", "days-off", "--year", "2025", "--format", "json"]).output
    )
    assert {"date": "2025-04-26", "kind": "working", "name": "Làm bù cho thứ Sáu 02/05/2025"} in data
    assert len(data) == 17
    empty = runner.invoke(args=["calendar", "days-off", "--year", "2031"])
    assert "chưa có ngày nghỉ lễ nào" in empty.output


def test_add_from_the_command_line_is_checked_and_audited(runner, db):
    ok = runner.invoke(
        args=["calendar", "add", "2028-01-22", "--to", "2028-01-30", "--name", "Tết Nguyên đán"]
    )
    assert ok.exit_code == 0 and "Đã thêm 9 ngày: 22/01/2028–30/01/2028" in ok.output
    assert runner.invoke(args=["calendar", "add-working-days", "2028-01-21", "1"]).output == "2028-01-31\n"
    refused = runner.invoke(args=["calendar", "add", "2028-01-31", "--name", "Làm bù", "--kind", "working"])
    assert refused.exit_code == 1 and "phải là thứ Bảy hoặc Chủ nhật" in refused.output
    db.session.expire_all()
    assert len(db.session.scalars(select(CalendarDay).where(CalendarDay.year == 2028)).all()) == 9
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "calendar.add"))
    assert entry.actor_id is None and len(entry.details["days"]) == 9
