"""What the responsible agency reads in its daily digest, received by a real SMTP server."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.reminders.scenario import DAY, finance_agency, quiet_agency
from tracker.reminders import jobs, operations
from tracker.reminders.models import OutboxMessage
from tracker.tasks.classification import category_condition
from tracker.tasks.models import Task
from tracker.tasks.queries import TaskFilter, task_query


def _ids_in(text: str, tasks) -> set[int]:
    return {t.id for t in tasks if f"https://theodoi.example.vn/tasks/{t.id}\n" in text + "\n"}


def test_the_agency_receives_one_digest_listing_what_needs_its_attention(app, db, make, freeze, smtp):
    freeze(DAY)
    s = finance_agency(make, db)
    db.session.commit()

    jobs.daily_job(DAY)

    [mail] = smtp.received
    assert mail.subject == (
        "[Theo dõi nhiệm vụ] Sở Tài chính: 3 nhiệm vụ quá hạn, 3 sắp đến hạn, "
        "1 bị trả lại, 1 chậm tiến độ, 1 chưa cập nhật"
    )
    # The agency's addresses and the focal point who wants it; not the one who opted out, nor a locked account.
    assert sorted(mail.rcpt_tos) == [
        "daumoi.stc@khanhhoa.gov.vn",
        "stc@khanhhoa.gov.vn",
        "vanthu.stc@khanhhoa.gov.vn",
    ]
    text = mail.text
    sections = [
        "QUÁ HẠN (3)",
        "ĐẾN HẠN HÔM NAY (1)",
        "SẮP ĐẾN HẠN (2)",
        "BỊ TRẢ LẠI, CẦN THỰC HIỆN LẠI (1)",
        "CHẬM TIẾN ĐỘ (1)",
        "CHƯA CẬP NHẬT (1)",
    ]
    positions = [text.index(title) for title in sections]
    assert positions == sorted(positions)
    assert "Quá hạn 10 ngày" in text and "Quá hạn 5 ngày" in text and "Quá hạn 1 ngày" in text
    assert "Còn 3 ngày" in text and "Còn 5 ngày" in text
    assert "Bị trả lại, lý do: Thiếu danh mục tài sản kèm theo" in text
    assert "Chậm tiến độ: đạt 30 %, đã qua 71 % thời gian" in text
    assert "Chưa cập nhật 80 ngày" in text
    listed = [
        s.overdue_10,
        s.overdue_5,
        s.overdue_1,
        s.today,
        s.soon_3,
        s.soon_5,
        s.returned,
        s.behind,
        s.stale,
    ]
    not_listed = [s.far, s.reported, s.done, s.cancelled]
    # Each line links to its task.
    assert _ids_in(text, listed + not_listed) == {t.id for t in listed}
    assert "Văn bản 110/KH-UBND · Thời hạn 10/06/2024 · Tiến độ 0 %" in text
    assert mail.message["Message-ID"] == f"<tracker.daily.{s.agency.id}.20240620@tracker.example.vn>"
    assert _ids_in(mail.html.replace('"', "\n"), listed + not_listed) == {t.id for t in listed}


def test_overdue_and_due_soon_agree_with_the_report_and_the_task_list(app, db, make, freeze, smtp):
    freeze(DAY)
    s = finance_agency(make, db)
    db.session.commit()

    jobs.daily_job(DAY)

    row = db.session.scalar(select(OutboxMessage))
    report_overdue = set(
        db.session.scalars(
            select(Task.id).where(
                category_condition(Task, "overdue", DAY), Task.lead_agency_id == s.agency.id
            )
        )
    )
    due_soon = set(
        db.session.scalars(
            task_query(s.monitor, TaskFilter(lead=s.agency.id, due_soon=True), on=DAY).with_only_columns(
                Task.id
            )
        )
    )
    text = row.body_text
    overdue_part = text[text.index("QUÁ HẠN (3)") : text.index("ĐẾN HẠN HÔM NAY")]
    soon_part = text[text.index("ĐẾN HẠN HÔM NAY") : text.index("BỊ TRẢ LẠI")]
    all_tasks = db.session.scalars(select(Task)).all()
    assert _ids_in(overdue_part, all_tasks) == report_overdue
    assert _ids_in(soon_part, all_tasks) == due_soon


def test_nothing_due_means_no_email(app, db, make, freeze, smtp):
    freeze(DAY)
    quiet_agency(make)
    db.session.commit()

    result = jobs.daily_job(DAY)

    assert result.composed == []
    assert smtp.received == []
    assert db.session.scalar(select(OutboxMessage)) is None


def test_a_task_due_in_exactly_seven_three_or_one_days_brings_the_reminder(app, db, make, freeze, smtp):
    freeze(DAY)
    quiet_agency(make, deadline=DAY + dt.timedelta(days=7))
    db.session.commit()

    jobs.daily_job(DAY)

    [mail] = smtp.received
    assert mail.subject == "[Theo dõi nhiệm vụ] Sở Tư pháp: 1 nhiệm vụ sắp đến hạn"
    assert "Còn 7 ngày" in mail.text


def test_the_days_before_list_is_a_setting(app, db, make, freeze, smtp):
    freeze(DAY)
    quiet_agency(make, deadline=DAY + dt.timedelta(days=5))
    monitor = make.monitor()
    operations.update_settings(monitor, {"days_before": "5, 2"})
    db.session.commit()

    jobs.daily_job(DAY)

    assert [m.subject for m in smtp.received] == ["[Theo dõi nhiệm vụ] Sở Tư pháp: 1 nhiệm vụ sắp đến hạn"]


def test_a_monitor_can_switch_a_part_or_all_of_an_agencys_digest_off(app, db, make, freeze, smtp):
    freeze(DAY)
    s = finance_agency(make, db)
    operations.set_switch(s.monitor, s.agency, "overdue", False)
    operations.set_switch(s.monitor, s.agency, "stale", False)
    db.session.commit()

    jobs.daily_job(DAY)

    [mail] = smtp.received
    assert "QUÁ HẠN" not in mail.text and "CHƯA CẬP NHẬT" not in mail.text
    assert mail.subject == (
        "[Theo dõi nhiệm vụ] Sở Tài chính: 3 nhiệm vụ sắp đến hạn, 1 bị trả lại, 1 chậm tiến độ"
    )

    operations.set_switch(s.monitor, s.agency, "all", False)
    db.session.commit()
    assert jobs.run_day(DAY + dt.timedelta(days=1)).composed == []


def test_vietnamese_subject_and_body_arrive_intact(app, db, make, freeze, smtp):
    freeze(DAY)
    finance_agency(make, db)
    db.session.commit()

    jobs.daily_job(DAY)

    [mail] = smtp.received
    assert b'Content-Type: text/plain; charset="utf-8"' in mail.raw
    assert "Kính gửi Sở Tài chính," in mail.text
    assert "Thường xuyên công khai ngân sách theo quy định" in mail.text
    assert "Hệ thống Theo dõi nhiệm vụ xin nhắc" in mail.html
    assert str(mail.message["From"]) == "Theo dõi nhiệm vụ <no-reply@tracker.example.vn>"


def test_the_html_part_escapes_task_titles(app, db, make, freeze, smtp):
    freeze(DAY)
    agency = make.agency(code="SXD", name="Sở Xây dựng", emails="sxd@khanhhoa.gov.vn")
    make.task(
        lead=agency,
        deadline=DAY - dt.timedelta(days=2),
        assigned_on=DAY - dt.timedelta(days=20),
        title='<script>alert("x")</script> & <b>Quy hoạch</b>',
    )
    db.session.commit()

    jobs.daily_job(DAY)

    [mail] = smtp.received
    assert "<script>" not in mail.html and "<b>Quy hoạch" not in mail.html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;Quy hoạch&lt;/b&gt;" in mail.html
    assert '<script>alert("x")</script> & <b>Quy hoạch</b>' in mail.text


def test_monitors_get_the_weekly_overview_on_the_weekly_day(app, db, make, freeze, smtp):
    monday = freeze(dt.date(2024, 6, 24))
    s = finance_agency(make, db)
    make.user("monitor", agency=None, email="theodoi@snv.gov.vn")
    db.session.commit()
    operations.update_settings(s.monitor, {"weekly_day": 0})
    db.session.commit()

    jobs.daily_job(monday)

    [weekly] = smtp.by_subject_start("[Theo dõi nhiệm vụ] Tổng hợp tuần")
    assert weekly.subject == (
        "[Theo dõi nhiệm vụ] Tổng hợp tuần đến ngày 24/06/2024: 5 nhiệm vụ quá hạn ở "
        "1 cơ quan, 1 chờ xác nhận quá 7 ngày, 1 chưa cập nhật trên 30 ngày"
    )
    assert sorted(weekly.rcpt_tos) == ["monitor@test.vn", "theodoi@snv.gov.vn"]
    assert "Sở Tài chính: 5 nhiệm vụ" in weekly.text
    assert "Báo cáo kết quả thực hành tiết kiệm (Sở Tài chính, báo cáo ngày 17/06/2024)" in weekly.text
    assert f"https://theodoi.example.vn/tasks/{s.overdue_10.id}" in weekly.text
    # Not on the other days.
    smtp.handler.received.clear()
    freeze(monday + dt.timedelta(days=1))
    jobs.daily_job(monday + dt.timedelta(days=1))
    assert smtp.by_subject_start("[Theo dõi nhiệm vụ] Tổng hợp tuần") == []


def test_a_returned_task_due_soon_says_it_was_returned_even_between_reminder_days(
    app, db, make, freeze, smtp
):
    from tracker.tasks import operations as task_ops

    freeze(DAY)
    agency = make.agency(code="STP", name="Sở Tư pháp", emails="stp@khanhhoa.gov.vn")
    focal = make.user("focal", agency=agency)
    task = make.task(
        lead=agency,
        deadline=DAY + dt.timedelta(days=5),
        assigned_on=DAY - dt.timedelta(days=10),
        title="Rà soát văn bản sau sắp xếp bộ máy",
    )
    task_ops.post_progress(focal, task, text="Đã rà soát 60 %.", percent=60, on=DAY - dt.timedelta(days=4))
    task_ops.report_completion(
        focal, task, completed_on=DAY - dt.timedelta(days=3), on=DAY - dt.timedelta(days=3)
    )
    task_ops.return_report(
        make.monitor(), task, reason="Chưa có số liệu so sánh", on=DAY - dt.timedelta(days=1)
    )
    db.session.commit()

    jobs.daily_job(DAY)

    [mail] = smtp.received
    assert mail.subject == "[Theo dõi nhiệm vụ] Sở Tư pháp: 1 nhiệm vụ sắp đến hạn"
    # Thursday 20/06 to Tuesday 25/06/2024: Friday, Monday, Tuesday. Not behind: 60 % done.
    assert "Còn 5 ngày (3 ngày làm việc) · Bị trả lại, lý do: Chưa có số liệu so sánh\n" in mail.text
