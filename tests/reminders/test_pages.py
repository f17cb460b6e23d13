"""The monitors' log and settings pages, and a focal point's choice to receive the digest."""

from __future__ import annotations

import datetime as dt
import html

from sqlalchemy import select

from tests.reminders.scenario import DAY, finance_agency
from tracker.audit.models import AuditEntry, Setting
from tracker.reminders import jobs, outbox, settings
from tracker.reminders.models import OutboxMessage, ReminderSwitch


def _two_agencies_outbox(make, db, freeze):
    freeze(DAY)
    s = finance_agency(make, db)
    other = make.agency(code="SXD", name="Sở Xây dựng", emails="sxd@khanhhoa.gov.vn")
    make.task(
        lead=other,
        deadline=DAY - dt.timedelta(days=2),
        assigned_on=DAY - dt.timedelta(days=9),
        title="Quy hoạch chung đô thị",
    )
    db.session.commit()
    jobs.daily_job(DAY)
    return s, other


def test_the_log_shows_each_message_with_its_state_and_filters(app, db, make, freeze, client, auth):
    s, other = _two_agencies_outbox(make, db, freeze)
    auth.login(s.monitor)

    page = client.get("/reminders/outbox").get_data(as_text=True)
    assert "Chưa cấu hình máy chủ thư: thư nhắc việc được giữ lại trong hộp thư đi" in page
    assert "[Theo dõi nhiệm vụ] Sở Tài chính: 3 nhiệm vụ quá hạn" in page
    assert "[Theo dõi nhiệm vụ] Sở Xây dựng: 1 nhiệm vụ quá hạn" in page
    assert page.count('<span class="badge text-bg-warning">Chờ gửi</span>') == 3  # the counter and two rows
    row = db.session.scalar(select(OutboxMessage).where(OutboxMessage.agency_id == other.id))
    assert outbox.NOT_CONFIGURED in client.get(f"/reminders/outbox/{row.id}").get_data(as_text=True)

    only_stc = client.get(f"/reminders/outbox?agency={s.agency.id}").get_data(as_text=True)
    assert "Sở Tài chính: 3 nhiệm vụ" in only_stc and "Sở Xây dựng: 1 nhiệm vụ" not in only_stc
    sent = client.get("/reminders/outbox?status=sent").get_data(as_text=True)
    assert "Không có thư nào khớp bộ lọc." in sent
    next_day = client.get(f"/reminders/outbox?day_from={(DAY + dt.timedelta(days=1)).isoformat()}")
    assert "Không có thư nào khớp bộ lọc." in next_day.get_data(as_text=True)
    that_day = client.get("/reminders/outbox?day_from=20/06/2024&day_to=20/06/2024").get_data(as_text=True)
    assert "Sở Xây dựng: 1 nhiệm vụ" in that_day


def test_a_monitor_resends_a_failed_message_from_the_log(app, db, make, freeze, client, auth, smtp):
    smtp.refuse("554 5.7.1 Từ chối")
    s, _ = _two_agencies_outbox(make, db, freeze)
    db.session.expire_all()
    row = db.session.scalar(select(OutboxMessage).where(OutboxMessage.agency_id == s.agency.id))
    assert row.status == "failed"
    smtp.refuse(None)
    auth.login(s.monitor)

    page = client.get(f"/reminders/outbox/{row.id}").get_data(as_text=True)
    assert "Máy chủ thư trả lời 554" in page and "Gửi lại ngay" in page
    response = client.post(f"/reminders/outbox/{row.id}/resend", follow_redirects=True)

    assert "Đã gửi lại thư." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(OutboxMessage, row.id).status == "sent"
    assert len(smtp.by_subject_start("[Theo dõi nhiệm vụ] Sở Tài chính")) == 1
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "reminders.resend")) is not None
    # A sent message is not sent again.
    again = client.post(f"/reminders/outbox/{row.id}/resend", follow_redirects=True).get_data(as_text=True)
    assert "Chỉ gửi lại được thư đang chờ gửi hoặc gửi lỗi." in again
    assert len(smtp.by_subject_start("[Theo dõi nhiệm vụ] Sở Tài chính")) == 1


def test_focal_points_and_leaders_cannot_see_the_log_or_the_settings(app, db, make, freeze, client, auth):
    s, _ = _two_agencies_outbox(make, db, freeze)
    row = db.session.scalar(select(OutboxMessage))
    leader = make.user("leader", agency=None)
    db.session.commit()
    for user in (s.focal, leader):
        auth.login(user)
        for url in (
            "/reminders/outbox",
            f"/reminders/outbox/{row.id}",
            f"/reminders/outbox/{row.id}/html",
            "/reminders/settings",
        ):
            assert client.get(url).status_code == 403, url
        assert client.post(f"/reminders/outbox/{row.id}/resend").status_code == 403
        assert client.post("/reminders/settings", data={"send_at": "05:00"}).status_code == 403
        auth.logout()
    db.session.expire_all()
    assert db.session.get(Setting, settings.SETTING_KEY) is None


def test_the_html_part_is_shown_sandboxed(app, db, make, freeze, client, auth):
    s, _ = _two_agencies_outbox(make, db, freeze)
    row = db.session.scalar(select(OutboxMessage))
    auth.login(s.monitor)

    response = client.get(f"/reminders/outbox/{row.id}/html")

    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"].startswith("sandbox; default-src 'none'")
    assert "Kính gửi" in response.get_data(as_text=True)


def test_a_monitor_changes_the_settings_and_the_change_is_audited(app, db, make, client, auth):
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    page = client.get("/reminders/settings").get_data(as_text=True)
    assert 'value="07:30"' in page and 'value="7, 3, 1"' in page

    response = client.post(
        "/reminders/settings",
        data={
            "send_at": "6:15",
            "days_before": "5; 2, 1",
            "due_soon_days": "10",
            "weekly_day": "4",
            "stale_days": "45",
            "behind_margin": "15",
            "awaiting_days": "5",
        },
        follow_redirects=True,
    )

    assert "Đã lưu cài đặt nhắc việc." in response.get_data(as_text=True)
    db.session.expire_all()
    cfg = settings.load()
    assert (
        cfg.send_at,
        cfg.days_before,
        cfg.due_soon_days,
        cfg.weekly_day,
        cfg.stale_days,
        cfg.behind_margin,
        cfg.awaiting_days,
    ) == ("06:15", [5, 2, 1], 10, 4, 45, 15, 5)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "reminders.settings"))
    assert entry.actor_id == monitor.id and entry.details["changes"]["send_at"] == ["07:30", "06:15"]


def test_bad_settings_are_refused_with_a_clear_message_and_kept_in_the_form(app, db, make, client, auth):
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    base = {
        "send_at": "07:30",
        "days_before": "7, 3, 1",
        "due_soon_days": "7",
        "weekly_day": "0",
        "stale_days": "30",
        "behind_margin": "20",
        "awaiting_days": "7",
    }

    for change, message in [
        ({"send_at": "25:99"}, "Giờ gửi phải theo dạng giờ:phút, ví dụ 07:30."),
        ({"days_before": "7, ba"}, "«ba» không phải là một số ngày."),
        ({"days_before": "10, 3"}, "Số ngày nhắc trước hạn phải từ 1 đến 7"),
        ({"stale_days": "0"}, "Số ngày chưa cập nhật phải từ 1 đến 365."),
        ({"behind_margin": "nhiều"}, "Mức chậm tiến độ phải là một số nguyên."),
    ]:
        page = client.post("/reminders/settings", data={**base, **change}).get_data(as_text=True)
        assert message in page, change
        for value in change.values():
            assert f'value="{value}"' in page
    db.session.expire_all()
    assert db.session.get(Setting, settings.SETTING_KEY) is None


def test_a_monitor_switches_an_agencys_digest_off_and_back_on(app, db, make, client, auth):
    monitor = make.monitor()
    agency = make.agency(code="SXD", name="Sở Xây dựng")
    db.session.commit()
    auth.login(monitor)

    page = client.post(
        "/reminders/settings/switches",
        data={"sw-agency_id": agency.id, "sw-kind": "stale"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Đã tắt «Chưa cập nhật» cho Sở Xây dựng." in page
    db.session.expire_all()
    assert db.session.get(ReminderSwitch, (agency.id, "stale")) is not None

    client.post(f"/reminders/settings/switches/{agency.id}/stale/on")
    db.session.expire_all()
    assert db.session.get(ReminderSwitch, (agency.id, "stale")) is None
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.action.like("reminders.switch%"))
    ).all()
    assert sorted(actions) == ["reminders.switch_off", "reminders.switch_on"]


def test_a_focal_point_chooses_not_to_receive_the_digest_but_the_agency_address_still_does(
    app, db, make, freeze, client, auth, smtp
):
    freeze(DAY)
    s = finance_agency(make, db)
    db.session.commit()
    auth.login(s.focal)
    page = client.get("/reminders/preferences").get_data(as_text=True)
    assert "Địa chỉ thư của cơ quan luôn nhận thư." in page and "checked" in page

    response = client.post("/reminders/preferences", data={}, follow_redirects=True)

    assert "Đã lưu lựa chọn nhận thư nhắc việc." in response.get_data(as_text=True)
    jobs.daily_job(DAY)
    [mail] = smtp.received
    assert sorted(mail.rcpt_tos) == ["stc@khanhhoa.gov.vn", "vanthu.stc@khanhhoa.gov.vn"]
    assert (
        db.session.scalar(select(AuditEntry).where(AuditEntry.action == "reminders.receive_digest"))
        is not None
    )


def test_the_menu_links_to_the_reminder_pages(app, db, make, client, auth):
    monitor = make.monitor()
    db.session.commit()
    auth.login(monitor)
    page = client.get("/reminders/settings").get_data(as_text=True)
    assert 'href="/reminders/outbox">Nhật ký thư nhắc việc' in page
    assert 'href="/reminders/settings">Cài đặt nhắc việc' in page
    assert 'href="/reminders/preferences">Nhận thư nhắc việc' in page


def test_without_a_mail_server_a_monitor_reads_words_and_no_resend_button(
    app, db, make, freeze, client, auth
):
    s, _ = _two_agencies_outbox(make, db, freeze)
    row = db.session.scalar(select(OutboxMessage).where(OutboxMessage.agency_id == s.agency.id))
    assert row.status == "pending"
    auth.login(s.monitor)

    for url in ("/reminders/outbox", f"/reminders/outbox/{row.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "Chưa cấu hình máy chủ thư: thư nhắc việc được giữ lại trong hộp thư đi" in page
        assert "TRACKER_SMTP_HOST" not in page  # the variable names are for the administrator
        assert "Gửi lại" not in page  # a resend would send nothing
    # Posting the resend anyway changes nothing and says why.
    refused = client.post(f"/reminders/outbox/{row.id}/resend", follow_redirects=True).get_data(as_text=True)
    assert outbox.NOT_CONFIGURED in refused
    db.session.expire_all()
    assert db.session.get(OutboxMessage, row.id).status == "pending"
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "reminders.resend")) is None

    admin = make.user("admin")
    db.session.commit()
    auth.logout()
    auth.login(admin)
    assert "TRACKER_SMTP_HOST" in client.get("/reminders/outbox").get_data(as_text=True)


def _remind(client, db, task, key):
    response = client.post(
        f"/tasks/{task.id}/remind",
        data={"remind-message": "Đề nghị báo cáo trước ngày 25/6", "remind-form_key": key},
        follow_redirects=True,
    )
    db.session.expire_all()
    return html.unescape(response.get_data(as_text=True))


def test_a_manual_reminder_says_whether_its_mail_went_to_the_queue_or_waits(
    app, db, make, freeze, client, auth
):
    from tracker.core.mail import REMINDER_HELD, REMINDER_QUEUED

    freeze(DAY)
    s = finance_agency(make, db)
    db.session.commit()
    auth.login(s.monitor)

    held = _remind(client, db, s.overdue_5, "k1")
    assert REMINDER_HELD in held and "Đã gửi đôn đốc" not in held
    row = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "manual"))
    assert row.status == "pending"

    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=1)
    queued = _remind(client, db, s.overdue_1, "k2")
    assert REMINDER_QUEUED in queued and REMINDER_HELD not in queued
