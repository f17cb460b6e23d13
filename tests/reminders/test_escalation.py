"""The escalation ladder, with the real SMTP server and the clock moved day by day across two weeks,
the day's job run by two schedulers each day: each level fires once per task, the head of the
agency is copied once, the leaders get the weekly mail and see the task on their home page, and the
ladder stops for a task that moves."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

from sqlalchemy import select

from tracker.audit.models import AuditEntry
from tracker.core import boundary
from tracker.reminders import escalation, jobs
from tracker.reminders.models import Escalation
from tracker.reminders.operations import update_settings
from tracker.reminders.settings import load
from tracker.tasks import operations as task_ops

D = dt.date
START = D(2024, 6, 3)  # a Monday (the weekly day)


def _world(make, db):
    stc = make.agency(code="STC", name="Sở Tài chính", emails="stc@khanhhoa.gov.vn")
    stc.head_email = "giamdoc.stc@khanhhoa.gov.vn"
    stp = make.agency(code="STP", name="Sở Tư pháp", emails="stp@khanhhoa.gov.vn")
    stp.head_email = "giamdoc.stp@khanhhoa.gov.vn"
    focal_stp = make.user("focal", agency=stp, email="daumoi.stp@khanhhoa.gov.vn")
    make.user("leader", agency=None, email="chutich@khanhhoa.gov.vn", name="Lãnh đạo")
    monitor = make.monitor()
    doc = make.document(symbol="110/KH-UBND", issued_on=D(2024, 1, 10))
    late = make.task(
        lead=stc, document=doc, deadline=D(2024, 6, 2), assigned_on=D(2024, 5, 2), title="Giao dự toán"
    )
    moving = make.task(
        lead=stp, document=doc, deadline=D(2024, 6, 2), assigned_on=D(2024, 5, 2), title="Rà soát văn bản"
    )
    update_settings(
        monitor,
        {"escalate_head_days": "3", "escalate_stale_days": "0", "escalate_leader_days": "8", "weekly_day": 0},
    )
    db.session.commit()
    return late, moving, focal_stp


def _two_schedulers(app, day):
    errors = []

    def run():
        try:
            boundary.run_job(app, jobs.daily_job, day)
        except Exception as e:  # noqa: BLE001 — reported below
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors


def test_two_weeks_two_schedulers_each_level_fires_once(app, db, make, freeze, smtp, client, auth):
    late, moving, focal_stp = _world(make, db)
    late_id, moving_id = late.id, moving.id
    for offset in range(14):
        day = START + dt.timedelta(days=offset)
        freeze(day)
        if day == D(2024, 6, 6):  # Sở Tư pháp moves its task after its head was told
            db.session.expire_all()
            task_ops.post_progress(
                focal_stp,
                db.session.get(type(moving), moving_id),
                text="Đã trình dự thảo",
                percent=60,
                on=day,
            )
            db.session.commit()
        _two_schedulers(app, day)
    db.session.expire_all()

    fired = db.session.execute(select(Escalation.task_id, Escalation.level, Escalation.fired_on)).all()
    assert sorted(fired) == [
        (late_id, 1, D(2024, 6, 5)),  # overdue 3 days
        (late_id, 2, D(2024, 6, 10)),  # overdue 8 days
        (moving_id, 1, D(2024, 6, 5)),  # level 2 never: it moved on 06/06
    ]
    logged = Counter(
        (e.object_id, e.details["level"])
        for e in db.session.scalars(select(AuditEntry).where(AuditEntry.action == "task.escalated"))
    )
    assert logged == {(str(late_id), 1): 1, (str(late_id), 2): 1, (str(moving_id), 1): 1}

    # The heads were copied once each, on the digest of the day their level 1 fired.
    to_head = [m for m in smtp.received if "giamdoc.stc@khanhhoa.gov.vn" in m.rcpt_tos]
    assert len(to_head) == 1
    assert to_head[0].message["Cc"] == "giamdoc.stc@khanhhoa.gov.vn"
    assert "Sở Tài chính" in to_head[0].subject and "Đã báo thủ trưởng cơ quan" in to_head[0].text
    assert len([m for m in smtp.received if "giamdoc.stp@khanhhoa.gov.vn" in m.rcpt_tos]) == 1
    # One digest per agency and day, whatever the two schedulers did.
    assert len([m for m in smtp.received if "stc@khanhhoa.gov.vn" in m.rcpt_tos]) == 14
    assert len([m for m in smtp.received if "stp@khanhhoa.gov.vn" in m.rcpt_tos]) == 14
    # The leaders' weekly mail: on Monday 10/06 (level 2 fired that morning), once, naming the agency.
    leaders = [m for m in smtp.received if m.rcpt_tos == ["chutich@khanhhoa.gov.vn"]]
    assert len(leaders) == 1
    assert "Báo cáo lãnh đạo đến ngày 10/06/2024: 1 nhiệm vụ quá hạn trên 8 ngày" in leaders[0].subject
    assert "Sở Tài chính: 1 nhiệm vụ" in leaders[0].text and "Giao dự toán" in leaders[0].text
    assert "Rà soát văn bản" not in leaders[0].text

    # The leader's home page shows it, with the agency's name.
    leader = db.session.scalar(select(type(focal_stp)).where(type(focal_stp).role == "leader"))
    auth.login(leader)
    html = client.get("/").get_data(as_text=True)
    block = html.split('class="card border-danger mb-3 escalated-tasks"', 1)[1].split("</section>", 1)[0]
    assert "Báo cáo lãnh đạo: nhiệm vụ quá hạn trên 8 ngày" in block
    assert "Giao dự toán" in block and "Sở Tài chính" in block and "Rà soát văn bản" not in block


def test_the_ladder_stops_when_the_task_moves_and_counts_working_days(app, db, make, freeze):
    late, moving, focal_stp = _world(make, db)
    monitor = make.monitor()
    update_settings(monitor, {"escalate_working_days": "y"})
    db.session.commit()
    cfg = load()
    # Deadline Sunday 02/06; on Wednesday 05/06 it is 3 calendar days but 3 working days too (Mon–Wed);
    # on Saturday 08/06, 6 calendar days and 5 working days.
    due = {(d.task_id, d.level): d.days for d in escalation.due_levels(D(2024, 6, 8), cfg)}
    assert due[(late.id, 1)] == 5
    fired = escalation.escalate(D(2024, 6, 5), cfg)
    assert {(e.task_id, e.level) for e in fired} == {(late.id, 1), (moving.id, 1)}
    assert escalation.escalate(D(2024, 6, 5), cfg) == []  # once
    assert {e.task_id for e in escalation.in_force(D(2024, 6, 6), 1)} == {late.id, moving.id}
    task_ops.post_progress(focal_stp, moving, text="Đang làm", percent=40, on=D(2024, 6, 6))
    db.session.commit()
    # Moved: no longer in force, and level 2 will not fire for it.
    assert {e.task_id for e in escalation.in_force(D(2024, 6, 7), 1)} == {late.id}
    later = escalation.escalate(D(2024, 6, 20), cfg)
    assert {(e.task_id, e.level) for e in later} == {(late.id, 2)}


def test_the_leader_days_must_exceed_the_head_days(app, db, make):
    import pytest

    from tracker.core.errors import DomainError

    with pytest.raises(DomainError) as e:
        update_settings(make.monitor(), {"escalate_head_days": "10", "escalate_leader_days": "5"})
    assert e.value.field == "escalate_leader_days"
