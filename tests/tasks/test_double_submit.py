"""A form sent twice is handled once: the same progress form posted again records one event, and a
manual reminder (đôn đốc) with the same text on the same task and day is e-mailed once, even when
two monitors send it at the same moment."""

from __future__ import annotations

import html
import re
import threading

from sqlalchemy import func, select

from tests.conftest import IS_PG
from tracker.core import once
from tracker.core.mail import REMINDER_HELD
from tracker.reminders.models import OutboxMessage
from tracker.tasks.models import TaskEvent
from tracker.tasks.operations import ALREADY_REMINDED


def _form_key(client, task, action: str) -> str:
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    match = re.search(rf'name="{action}-form_key"[^>]*value="([^"]+)"', page) or re.search(
        rf'value="([^"]+)"[^>]*name="{action}-form_key"', page
    )
    assert match, f"the {action} form carries a one-time key"
    return html.unescape(match.group(1))


def _events(db, task, kind: str) -> int:
    db.session.expire_all()
    return db.session.scalar(
        select(func.count())
        .select_from(TaskEvent)
        .where(TaskEvent.task_id == task.id, TaskEvent.kind == kind)
    )


def _manual_mails(db) -> int:
    db.session.expire_all()
    return db.session.scalar(
        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "manual")
    )


def test_the_same_progress_form_posted_twice_records_one_event(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.lead)
    before = _events(db, task, "progress")
    data = {
        "progress-text": "Đã trình dự thảo",
        "progress-percent": "70",
        "progress-form_key": _form_key(client, task, "progress"),
    }
    first = client.post(f"/tasks/{task.id}/progress", data=data)
    second = client.post(f"/tasks/{task.id}/progress", data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    page = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "Đã cập nhật tiến độ." in page  # what the first submission said
    assert _events(db, task, "progress") == before + 1
    # A new form (a new key) is a new progress report.
    data["progress-form_key"] = _form_key(client, task, "progress")
    assert client.post(f"/tasks/{task.id}/progress", data=data).status_code == 302
    assert _events(db, task, "progress") == before + 2


def test_a_refused_submission_leaves_its_key_usable(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.lead)
    key = _form_key(client, task, "progress")
    refused = client.post(
        f"/tasks/{task.id}/progress",
        data={"progress-text": "Đã trình", "progress-percent": "120", "progress-form_key": key},
    )
    assert refused.status_code == 422
    corrected = client.post(
        f"/tasks/{task.id}/progress",
        data={"progress-text": "Đã trình", "progress-percent": "80", "progress-form_key": key},
    )
    assert corrected.status_code == 302
    assert _events(db, task, "progress") == 2  # the fixture's and the corrected one


def test_a_reminder_with_the_same_text_on_the_same_day_is_sent_once(world, client, sign_in, db):
    task = world.task("in_progress")
    db.session.commit()
    sign_in(world.monitor)
    text = "Đề nghị khẩn trương hoàn thành"
    first = client.post(
        f"/tasks/{task.id}/remind",
        data={"remind-message": text, "remind-form_key": _form_key(client, task, "remind")},
    )
    assert first.status_code == 302
    # Another form (another tab, another monitor), the same text: refused, nothing more queued.
    again = client.post(
        f"/tasks/{task.id}/remind",
        data={"remind-message": text, "remind-form_key": _form_key(client, task, "remind")},
    )
    assert again.status_code == 422 and ALREADY_REMINDED in html.unescape(again.get_data(as_text=True))
    assert (_events(db, task, "reminder"), _manual_mails(db)) == (1, 1)
    # Another text is another reminder.
    other = client.post(
        f"/tasks/{task.id}/remind",
        data={"remind-message": "Hạn chót là thứ Sáu", "remind-form_key": _form_key(client, task, "remind")},
    )
    assert other.status_code == 302
    assert (_events(db, task, "reminder"), _manual_mails(db)) == (2, 2)


def test_two_monitors_reminding_at_the_same_moment_queue_one_email(app, world, make, db, monkeypatch):
    task = world.task("in_progress")
    second_monitor = make.user("monitor", agency=None, email="monitor2@test.vn")
    db.session.commit()
    clients = []
    for user in (world.monitor, second_monitor):
        c = app.test_client()
        with c.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        clients.append(c)
    keys = [_form_key(c, task, "remind") for c in clients]

    # Both requests are held until both have looked for an earlier one (and found none). On
    # PostgreSQL they then write at once: the race a check alone would lose, which the UNIQUE key
    # decides. SQLite lets one writer in at a time, so they are held at their first look (the form's
    # key, before either writes) and the database's lock orders the rest.
    barrier = threading.Barrier(2)
    looked = once.used
    waited = set()

    def used_then_wait(key):
        found = looked(key)
        me = threading.current_thread().name
        if me not in waited and (key.startswith("remind:") or not IS_PG):
            waited.add(me)
            barrier.wait(timeout=20)
        return found

    monkeypatch.setattr(once, "used", used_then_wait)
    responses = [None, None]

    def send(i):
        responses[i] = clients[i].post(
            f"/tasks/{task.id}/remind",
            data={"remind-message": "Báo cáo trước ngày 05/8", "remind-form_key": keys[i]},
        )

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    # One is sent; the other is told the reminder already went (on its form, or after the
    # redirect when it lost the race at the write).
    pages = []
    for c, r in zip(clients, responses, strict=True):
        assert r.status_code in (302, 422)
        pages.append(c.get(r.headers["Location"]) if r.status_code == 302 else r)
    flashed = [html.unescape(p.get_data(as_text=True)) for p in pages]
    assert sum(REMINDER_HELD in p for p in flashed) == 1  # no mail server in the tests
    assert sum(ALREADY_REMINDED in p for p in flashed) == 1
    assert (_events(db, task, "reminder"), _manual_mails(db)) == (1, 1)


def test_old_form_keys_are_forgotten_by_the_scheduler(app, db):
    import datetime as dt

    from tracker.scheduler import build_scheduler, prune_form_keys

    now = dt.datetime.now(dt.UTC)
    db.session.add_all(
        [
            once.FormKey(key="old", action="task.progress", created_at=now - dt.timedelta(days=31)),
            once.FormKey(key="recent", action="task.progress", created_at=now - dt.timedelta(days=1)),
        ]
    )
    db.session.commit()
    assert build_scheduler(app).get_job("prune_form_keys") is not None
    assert prune_form_keys(app) == 1
    db.session.expire_all()
    assert once.used("recent") and not once.used("old")
