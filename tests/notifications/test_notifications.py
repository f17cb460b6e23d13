"""In-app notifications: created from the workflow, counted under each user's bell, read when
opened, private to their user, forgotten after 90 days."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select

from tracker.db import utcnow
from tracker.notifications import operations
from tracker.notifications.jobs import PURGE_JOB_ID, purge_job
from tracker.notifications.models import Notification
from tracker.tasks import operations as task_operations

DAY = dt.date(2024, 6, 20)


def _rows(db, user, kind=None):
    stmt = select(Notification).where(Notification.user_id == user.id)
    if kind:
        stmt = stmt.where(Notification.kind == kind)
    return db.session.scalars(stmt.order_by(Notification.id)).all()


def _bell(page: str) -> str | None:
    """The unread count on the bell of the top bar, or None when it shows none."""
    bell = re.search(r'<a class="nav-bell.*?</a>', page, re.S)
    assert bell, "the bell is in the top bar"
    count = re.search(r'nav-bell-count">([^<]+)<', bell.group(0))
    return count.group(1) if count else None


def _agency_with_a_reported_task(make, db, freeze):
    freeze(DAY)
    lead = make.agency(code="STC", name="Sở Tài chính")
    other = make.agency(code="SXD", name="Sở Xây dựng")
    focal = make.user("focal", agency=lead)
    colleague = make.user("focal", agency=lead)
    outsider = make.user("focal", agency=other)
    monitor = make.monitor()
    task = make.task(lead=lead, title="Giao dự toán ngân sách năm 2024", assigned_on=dt.date(2024, 6, 1))
    task_operations.report_completion(focal, task, completed_on=DAY)
    db.session.commit()
    return lead, focal, colleague, outsider, monitor, task


def test_confirming_a_report_tells_the_lead_agencys_focal_points(app, db, make, freeze):
    lead, focal, colleague, outsider, monitor, task = _agency_with_a_reported_task(make, db, freeze)
    assert [n.kind for n in _rows(db, focal)] == ["assigned"]  # the task given to their agency

    task_operations.confirm_completion(monitor, task, comment="")
    db.session.commit()

    for user in (focal, colleague):
        confirmed = _rows(db, user, "confirmed")
        assert len(confirmed) == 1 and confirmed[0].task_id == task.id and confirmed[0].read_at is None
        assert confirmed[0].text == "Nhiệm vụ «Giao dự toán ngân sách năm 2024» đã được xác nhận hoàn thành."
    assert _rows(db, outsider) == [] and _rows(db, monitor) == []


def test_history_recorded_long_after_the_day_tells_nobody(app, db, make, freeze):
    freeze(DAY)
    lead = make.agency(code="STC", name="Sở Tài chính")
    focal = make.user("focal", agency=lead)
    old = make.task(lead=lead, assigned_on=DAY - dt.timedelta(days=31), deadline=DAY)  # a backfill
    recent = make.task(lead=lead, assigned_on=DAY - dt.timedelta(days=30), deadline=DAY)
    task_operations.report_completion(
        focal, old, completed_on=DAY - dt.timedelta(days=31), on=DAY - dt.timedelta(days=31)
    )
    task_operations.confirm_completion(make.monitor(), old, comment="", on=DAY - dt.timedelta(days=31))
    db.session.commit()
    assert [(n.kind, n.task_id) for n in _rows(db, focal)] == [("assigned", recent.id)]


def test_returns_reminders_and_extension_decisions_reach_the_lead_agency(app, db, make, freeze):
    lead, focal, colleague, outsider, monitor, task = _agency_with_a_reported_task(make, db, freeze)
    coordinator = make.agency(code="SKH", name="Sở Kế hoạch và Đầu tư")
    helper = make.user("focal", agency=coordinator)
    second = make.task(lead=lead, title="Rà soát quy chế", coordinating=[coordinator], assigned_on=DAY)
    task_operations.return_report(monitor, task, reason="Thiếu phụ lục")
    task_operations.remind(monitor, [second], message="Đề nghị báo cáo trước ngày 25/6")
    req = task_operations.request_extension(
        focal, second, new_deadline=dt.date(2024, 7, 31), reason="Chờ số liệu"
    )
    task_operations.approve_extension(monitor, req, comment="")
    req = task_operations.request_extension(focal, second, new_deadline=dt.date(2024, 8, 31), reason="Thêm")
    task_operations.reject_extension(monitor, req, comment="Không có căn cứ")
    db.session.commit()

    texts = {n.kind: n.text for n in _rows(db, colleague)}
    assert (
        texts["returned"]
        == "Báo cáo hoàn thành nhiệm vụ «Giao dự toán ngân sách năm 2024» bị trả lại: Thiếu phụ lục"
    )
    assert texts["reminder"] == "Đôn đốc nhiệm vụ «Rà soát quy chế»: Đề nghị báo cáo trước ngày 25/6"
    assert texts["extension_approved"] == "Đồng ý gia hạn nhiệm vụ «Rà soát quy chế» đến 31/07/2024."
    assert texts["extension_rejected"] == "Không đồng ý gia hạn nhiệm vụ «Rà soát quy chế»: Không có căn cứ"
    assert [n.text for n in _rows(db, helper)] == [
        "Cơ quan được giao phối hợp thực hiện nhiệm vụ «Rà soát quy chế»."
    ]
    assert _rows(db, outsider) == []


def test_the_bell_counts_and_the_page_marks_read(app, db, make, freeze, client, auth):
    lead, focal, colleague, outsider, monitor, task = _agency_with_a_reported_task(make, db, freeze)
    task_operations.confirm_completion(monitor, task, comment="")
    db.session.commit()
    auth.login(focal)

    home = client.get("/").get_data(as_text=True)
    assert _bell(home) == "2"  # assigned, confirmed
    assert "Thông báo mới nhất" in home and "đã được xác nhận hoàn thành" in home

    page = client.get("/thong-bao/").get_data(as_text=True)
    assert "đã được xác nhận hoàn thành" in page and "Cơ quan được giao chủ trì nhiệm vụ" in page
    assert page.count('<span class="badge text-bg-primary">Mới</span>') == 2  # new when opened
    db.session.expire_all()
    assert all(n.read_at is not None for n in _rows(db, focal))
    assert _bell(client.get("/").get_data(as_text=True)) is None
    assert _bell(client.get("/thong-bao/").get_data(as_text=True)) is None
    # The colleague's own are still unread.
    assert all(n.read_at is None for n in _rows(db, colleague))


def test_a_notification_opens_its_task_and_only_for_its_user(app, db, make, freeze, client, auth):
    lead, focal, colleague, outsider, monitor, task = _agency_with_a_reported_task(make, db, freeze)
    mine = _rows(db, focal)[0]
    theirs = _rows(db, colleague)[0]
    auth.login(focal)

    response = client.get(f"/thong-bao/{mine.id}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/tasks/{task.id}")
    assert client.get(f"/thong-bao/{theirs.id}").status_code == 404
    assert client.get("/thong-bao/999999").status_code == 404
    db.session.expire_all()
    assert db.session.get(Notification, mine.id).read_at is not None
    assert db.session.get(Notification, theirs.id).read_at is None  # untouched
    assert "Giao dự toán" not in client.get("/thong-bao/?page=2").get_data(as_text=True)


def test_notifications_older_than_90_days_are_deleted_by_the_scheduler(app, db, make):
    from tracker.scheduler import build_scheduler

    user = make.user("focal")
    now = utcnow()
    for days in (91, 89, 0):
        db.session.add(
            Notification(
                user_id=user.id, kind="reminder", text=f"{days}", created_at=now - dt.timedelta(days=days)
            )
        )
    db.session.commit()

    assert PURGE_JOB_ID in {job.id for job in build_scheduler(app).get_jobs()}
    assert purge_job(app) == 1
    db.session.expire_all()
    assert sorted(n.text for n in _rows(db, user)) == ["0", "89"]
    assert operations.KEEP_DAYS == 90


def test_the_bell_stays_per_user_on_a_reused_page_body(app, db, make, freeze, client, auth, monkeypatch):
    from tracker.dashboard import views as dashboard

    rendered = []
    body = dashboard._body
    monkeypatch.setattr(dashboard, "_body", lambda on: rendered.append(on) or body(on))
    freeze(DAY)
    app.config["TRACKER_PAGE_CACHE"] = 30
    lead = make.agency(code="STC", name="Sở Tài chính")
    make.task(lead=lead, title="Giao dự toán")
    first = make.user("focal", agency=lead)
    second = make.user("focal", agency=lead)  # sees the same tasks, hence the same reused bodies
    task = make.task(lead=lead, title="Rà soát quy chế", assigned_on=DAY)  # both are told of this one
    operations.notify([first], kind="reminder", task=task, text="Đôn đốc riêng")
    operations.notify([first], kind="reminder", task=task, text="Đôn đốc riêng lần hai")
    db.session.commit()

    for url in ("/tasks/", "/"):
        auth.login(first)
        assert _bell(client.get(url).get_data(as_text=True)) == "3"
        auth.logout()
        auth.login(second)
        page = client.get(url).get_data(as_text=True)
        assert _bell(page) == "1"
        assert "Đôn đốc riêng" not in page
        auth.logout()
    assert len(rendered) == 1  # the home body was rendered once and reused for the second user
    total = db.session.scalar(select(func.count()).select_from(Notification))
    assert total == 4


def test_the_bell_counts_a_notification_that_arrives_between_two_reused_pages(
    app, db, make, freeze, client, auth
):
    """The count is read with the user at each request (memo.read_with_user), never kept."""
    freeze(DAY)
    app.config["TRACKER_PAGE_CACHE"] = 30
    lead = make.agency(code="STC", name="Sở Tài chính")
    focal = make.user("focal", agency=lead)
    task = make.task(lead=lead, title="Rà soát quy chế", assigned_on=DAY)
    db.session.commit()
    auth.login(focal)
    for url in ("/tasks/", "/"):
        before = int(_bell(client.get(url).get_data(as_text=True)) or 0)
        operations.notify([focal], kind="reminder", task=task, text="Đôn đốc")
        db.session.commit()
        assert _bell(client.get(url).get_data(as_text=True)) == str(before + 1)
