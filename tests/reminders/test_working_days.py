"""Reminders in working days: the digest says "(N ngày làm việc)" beside the days, and with the setting
"nhắc trước 3 ngày làm việc" the reminder comes 3 working days before the deadline — across Tết —
received by a real SMTP server."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tracker.audit.models import AuditEntry
from tracker.reminders import digests, jobs, operations, settings
from tracker.workdays.operations import load_official

FRIDAY = dt.date(2025, 1, 24)  # the last working day before the Tết break of 25/01–02/02/2025


def _world(make, db):
    load_official(None, [2025])
    admin = make.user("admin", agency=None)
    stc = make.agency(code="STC", name="Sở Tài chính", emails="stc@khanhhoa.gov.vn")
    stp = make.agency(code="STP", name="Sở Tư pháp", emails="stp@khanhhoa.gov.vn")
    doc = make.document(issued_on=dt.date(2025, 1, 2))
    # Wednesday 05/02: 12 days away, but only 3 working days (03, 04, 05/02) after the break.
    after_tet = make.task(
        lead=stc, document=doc, deadline=dt.date(2025, 2, 5), assigned_on=FRIDAY, title="Báo cáo quyết toán"
    )
    # Friday 17/01: 7 days overdue, 5 working days.
    overdue = make.task(lead=stp, document=doc, deadline=dt.date(2025, 1, 17), title="Rà soát văn bản")
    db.session.commit()
    return admin, stc, after_tet, overdue


def test_the_digest_counts_working_days_beside_the_days_and_reminds_3_working_days_before(
    app, db, make, freeze, smtp
):
    freeze(FRIDAY)
    admin, stc, after_tet, overdue = _world(make, db)
    # Counted in calendar days the Tết task is 12 days away: outside the 7-day window, no digest for it.
    default = settings.load()
    assert not default.count_working_days
    assert stc.id not in {d.agency.id for d in digests.daily_digests(FRIDAY, default)}

    operations.update_settings(admin, {"days_before": "3", "count_working_days": True})
    db.session.commit()
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "reminders.settings"))
    assert entry.details["changes"]["count_working_days"] == [False, True]
    cfg = settings.load()
    assert cfg.count_working_days and cfg.days_before == [3]

    jobs.daily_job(FRIDAY)

    mails = {m.rcpt_tos[0]: m for m in smtp.wait_for(2)}
    stc_mail, stp_mail = mails["stc@khanhhoa.gov.vn"], mails["stp@khanhhoa.gov.vn"]
    assert stc_mail.subject == "[Theo dõi nhiệm vụ] Sở Tài chính: 1 nhiệm vụ sắp đến hạn"
    assert "Còn 12 ngày (3 ngày làm việc)" in stc_mail.text
    assert "Còn 12 ngày (3 ngày làm việc)" in stc_mail.html
    assert "Quá hạn 7 ngày (5 ngày làm việc)" in stp_mail.text

    # Saturday 25/01 (Tết) also leaves 3 working days, but a working-day reminder goes out on working
    # days only: nothing calls for a mail to the department that day.
    saturday = FRIDAY + dt.timedelta(days=1)
    assert stc.id not in {d.agency.id for d in digests.daily_digests(saturday, cfg)}
    # Monday 03/02 leaves 2 working days: listed as due soon, not a reminder milestone (only 3 is one).
    monday = dt.date(2025, 2, 3)
    [line] = [d for d in digests.daily_digests(monday, cfg) if d.agency.id == stc.id][0].lines
    assert (line.section, line.working_days_left, line.milestone) == ("due_soon", 2, False)


def test_a_deadline_on_a_day_off_with_no_working_day_before_it_is_due_today(app, db, make, freeze):
    load_official(None, [2025])
    agency = make.agency(code="SXD", name="Sở Xây dựng")
    doc = make.document(issued_on=dt.date(2025, 1, 2))
    # Sunday 02/02/2025, the last day of the Tết break: on Friday 24/01 no working day is left before it.
    make.task(lead=agency, document=doc, deadline=dt.date(2025, 2, 2), title="Kế hoạch năm")
    db.session.commit()
    cfg = settings.ReminderSettings(count_working_days=True, days_before=[3])
    [digest] = digests.daily_digests(FRIDAY, cfg)
    [line] = digest.lines
    assert line.section == "due_today" and line.working_days_left == 0
    assert line.notes[0] == "Hạn 02/02/2025 rơi vào ngày nghỉ: hôm nay là ngày làm việc cuối cùng"
