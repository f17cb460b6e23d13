"""Getting the e-mails out: nothing lost without a mail server, retries with back-off when the server
refuses or is down, manual reminders through the same outbox."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.reminders.scenario import DAY, finance_agency
from tracker.reminders import jobs, outbox
from tracker.reminders.models import OutboxMessage
from tracker.tasks import operations as task_ops


def _rows(db):
    db.session.expire_all()
    return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_without_a_mail_server_messages_wait_in_the_outbox_and_say_why(app, db, make, freeze):
    freeze(DAY)
    finance_agency(make, db)
    db.session.commit()
    assert not app.config["SMTP_HOST"]

    result = jobs.daily_job(DAY)

    [row] = _rows(db)
    assert row.status == "pending" and row.sent_at is None and row.attempts == 0
    assert row.last_error == outbox.NOT_CONFIGURED
    assert result.delivery == {"sent": 0, "failed": 0, "pending": 1}


def test_messages_queued_without_a_server_go_out_once_one_is_configured(app, db, make, freeze, smtp):
    freeze(DAY)
    finance_agency(make, db)
    db.session.commit()
    host = app.config["SMTP_HOST"]
    app.config["SMTP_HOST"] = None
    jobs.daily_job(DAY)
    assert smtp.received == []

    app.config["SMTP_HOST"] = host
    assert outbox.deliver_pending() == {"sent": 1, "failed": 0, "pending": 0}

    assert len(smtp.received) == 1
    [row] = _rows(db)
    assert row.status == "sent" and row.attempts == 1 and row.last_error == ""


def test_a_temporary_refusal_is_retried_later_and_sent_once(app, db, make, freeze, smtp):
    freeze(DAY)
    finance_agency(make, db)
    db.session.commit()
    smtp.refuse("451 4.3.0 Hệ thống bận, thử lại sau")

    jobs.daily_job(DAY)

    [row] = _rows(db)
    assert row.status == "failed" and row.attempts == 1
    assert row.last_error.startswith("Máy chủ thư trả lời 451")
    retry_at = row.next_attempt_at
    assert retry_at - row.claimed_at == dt.timedelta(minutes=outbox.BACKOFF_MINUTES[0])
    smtp.refuse(None)
    # Not before its time…
    assert outbox.deliver_pending(now=retry_at - dt.timedelta(seconds=1))["sent"] == 0
    # …then once.
    assert outbox.deliver_pending(now=retry_at)["sent"] == 1
    assert outbox.deliver_pending(now=retry_at + dt.timedelta(hours=1))["sent"] == 0
    [row] = _rows(db)
    assert row.status == "sent" and row.attempts == 2 and row.last_error == ""
    assert len(smtp.received) == 1


def test_a_refusing_server_is_retried_with_growing_waits_then_given_up(app, db, make, freeze, smtp):
    freeze(DAY)
    finance_agency(make, db)
    db.session.commit()
    smtp.refuse("554 5.7.1 Giao dịch bị từ chối")
    jobs.daily_job(DAY)

    waits = []
    for _ in range(outbox.MAX_ATTEMPTS - 1):
        [row] = _rows(db)
        waits.append(row.next_attempt_at)
        outbox.deliver_pending(now=row.next_attempt_at)

    [row] = _rows(db)
    assert row.status == "failed" and row.attempts == outbox.MAX_ATTEMPTS
    assert row.next_attempt_at is None  # given up: a monitor can resend it from the log
    assert "554" in row.last_error
    gaps = [b - a for a, b in zip(waits, waits[1:], strict=False)]
    assert gaps == sorted(gaps) and gaps[0] < gaps[-1]
    assert smtp.received == []


def test_a_server_that_is_down_is_retried_when_it_is_back(app, db, make, freeze, down_smtp):
    freeze(DAY)
    finance_agency(make, db)
    db.session.commit()

    jobs.daily_job(DAY)

    [row] = _rows(db)
    assert row.status == "failed" and row.attempts == 1
    assert row.last_error.startswith("Không kết nối được máy chủ thư")
    down_smtp.start()
    outbox.deliver_pending(now=row.next_attempt_at)
    [row] = _rows(db)
    assert row.status == "sent"
    [mail] = down_smtp.received
    assert mail.subject.startswith("[Theo dõi nhiệm vụ] Sở Tài chính:")


def test_an_agency_without_any_address_is_shown_as_failed_not_lost(app, db, make, freeze, smtp):
    freeze(DAY)
    agency = make.agency(code="SYT", name="Sở Y tế", emails="")
    make.task(lead=agency, deadline=DAY - dt.timedelta(days=3), assigned_on=DAY - dt.timedelta(days=10))
    db.session.commit()

    jobs.daily_job(DAY)

    [row] = _rows(db)
    assert row.status == "failed" and row.last_error == outbox.NO_RECIPIENTS and row.next_attempt_at is None
    assert smtp.received == []


def test_a_manual_reminder_goes_through_the_outbox_to_each_lead_agency(app, db, make, freeze, smtp):
    freeze(DAY)
    s = finance_agency(make, db)
    other = make.agency(code="SXD", name="Sở Xây dựng", emails="sxd@khanhhoa.gov.vn")
    other_task = make.task(lead=other, deadline=DAY + dt.timedelta(days=30), assigned_on=DAY)
    db.session.commit()

    task_ops.remind(
        s.monitor,
        [s.overdue_10, s.overdue_5, other_task],
        message="Đề nghị khẩn trương hoàn thành, báo cáo UBND tỉnh trước ngày 25/6.",
    )
    db.session.commit()
    rows = _rows(db)
    assert [(r.kind, r.status, r.agency.code) for r in rows] == [
        ("manual", "pending", "STC"),
        ("manual", "pending", "SXD"),
    ]

    outbox.deliver_pending()

    stc = smtp.by_subject_start("[Theo dõi nhiệm vụ] Sở Tài chính")
    assert [m.subject for m in stc] == ["[Theo dõi nhiệm vụ] Sở Tài chính: đôn đốc thực hiện 2 nhiệm vụ"]
    # A deliberate reminder reaches every active focal point, even one who opted out of the digest.
    assert "khongnhan.stc@khanhhoa.gov.vn" in stc[0].rcpt_tos
    assert "Đề nghị khẩn trương hoàn thành, báo cáo UBND tỉnh trước ngày 25/6." in stc[0].text
    assert f"https://theodoi.example.vn/tasks/{s.overdue_10.id}" in stc[0].text
    [sxd] = smtp.by_subject_start("[Theo dõi nhiệm vụ] Sở Xây dựng")
    assert sxd.subject == f"[Theo dõi nhiệm vụ] Sở Xây dựng: đôn đốc thực hiện nhiệm vụ «{other_task.title}»"
    assert all(r.status == "sent" for r in _rows(db))


def test_a_manual_reminder_refused_by_the_workflow_queues_nothing(app, db, make, freeze):
    import pytest

    from tracker.core.errors import DomainError

    freeze(DAY)
    s = finance_agency(make, db)
    db.session.commit()
    with pytest.raises(DomainError):
        task_ops.remind(s.monitor, [s.done], message="Nhắc")
    db.session.rollback()
    assert _rows(db) == []


def test_a_reminder_recorded_for_a_past_day_stays_on_the_timeline_and_is_not_emailed(app, db, make, freeze):
    from tracker.tasks.models import TaskEvent

    freeze(DAY)
    s = finance_agency(make, db)
    db.session.commit()

    task_ops.remind(
        s.monitor, [s.overdue_10], message="Nhắc (nhập từ sổ theo dõi cũ)", on=DAY - dt.timedelta(days=3)
    )
    db.session.commit()

    assert _rows(db) == []
    assert db.session.scalar(
        select(TaskEvent).where(TaskEvent.kind == "reminder")
    ).on_date == DAY - dt.timedelta(days=3)
