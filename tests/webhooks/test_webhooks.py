"""Outgoing webhooks: signed deliveries to a receiver on loopback, queued with the change, retried."""

import datetime as dt
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from tracker.tasks import operations
from tracker.webhooks import operations as webhooks
from tracker.webhooks.models import Webhook, WebhookDelivery


class Receiver:
    """A tiny HTTP server on 127.0.0.1 recording what it receives; answers `status`."""

    def __init__(self):
        self.received = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def _hook(db, world, url, events=("task.reported", "task.confirmed", "task.returned", "task.assigned")):
    hook = webhooks.create_webhook(world.admin, url=url, events=list(events))
    db.session.commit()
    return hook


def test_a_reported_completion_is_delivered_signed_to_the_receiver(api, world, db, receiver):
    hook = _hook(db, world, receiver.url)
    focal = api.token(world.stc_focal)
    r = api.post(f"/tasks/{world.stc_task.id}/report-completion", focal, json={"completed_on": "2024-06-30"})
    assert r.status_code == 200
    webhooks.deliver_due()  # what the scheduler runs every minute (the request may have sent it already)
    assert len(receiver.received) == 1
    headers, body = receiver.received[0]
    expected = "sha256=" + hmac.new(hook.secret.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Tracker-Signature-256"], expected)
    assert headers["X-Tracker-Event"] == "task.reported"
    payload = json.loads(body)
    assert payload["event"] == "task.reported"
    assert payload["task"]["id"] == world.stc_task.id and payload["task"]["status"] == "reported"
    assert payload["task"]["lead_agency"]["code"] == "STC"
    delivery = db.session.scalar(select(WebhookDelivery))
    assert delivery.status == "delivered" and delivery.attempts == 1 and delivery.last_status_code == 200


def test_nothing_is_queued_for_a_change_that_was_refused(api, world, db):
    _hook(db, world, "http://127.0.0.1:9/hook")
    focal = api.token(world.stc_focal)
    r = api.post(f"/tasks/{world.stc_task.id}/report-completion", focal, json={"completed_on": "2030-01-01"})
    assert r.status_code == 422
    assert db.session.scalar(select(WebhookDelivery)) is None


def test_failed_deliveries_are_retried_with_back_off_then_given_up(world, db, receiver, make):
    _hook(db, world, receiver.url, events=["task.assigned"])
    receiver.status = 503
    task = make.task(lead=world.stc, document=world.doc, title="Nhiệm vụ mới")
    db.session.commit()
    delivery = db.session.scalar(select(WebhookDelivery))
    assert delivery.event == "task.assigned" and delivery.payload["task"]["id"] == task.id
    start = dt.datetime.now(dt.UTC)
    assert webhooks.deliver_due(now=start) == 0
    db.session.refresh(delivery)
    assert delivery.status == "pending" and delivery.attempts == 1 and delivery.last_status_code == 503
    assert delivery.next_attempt_at == start + dt.timedelta(minutes=1)
    # Not due again before its back-off has passed.
    assert webhooks.deliver_due(now=start + dt.timedelta(seconds=30)) == 0
    assert len(receiver.received) == 1
    now = start
    for minutes in webhooks.BACKOFF_MINUTES:
        now = now + dt.timedelta(minutes=minutes)
        webhooks.deliver_due(now=now)
    db.session.refresh(delivery)
    assert delivery.status == "failed" and delivery.attempts == webhooks.MAX_ATTEMPTS
    assert len(receiver.received) == webhooks.MAX_ATTEMPTS


def test_a_delivery_succeeds_on_a_later_attempt(world, db, receiver, make):
    _hook(db, world, receiver.url, events=["task.assigned"])
    receiver.status = 500
    make.task(lead=world.stc, document=world.doc)
    db.session.commit()
    start = dt.datetime.now(dt.UTC)
    webhooks.deliver_due(now=start)
    receiver.status = 204
    assert webhooks.deliver_due(now=start + dt.timedelta(minutes=2)) == 1
    delivery = db.session.scalar(select(WebhookDelivery))
    assert delivery.status == "delivered" and delivery.attempts == 2


def test_overdue_events_are_queued_once_per_task_and_deadline(world, db, receiver, freeze):
    _hook(db, world, receiver.url, events=["task.overdue"])
    freeze(dt.date(2024, 9, 2))  # the STP task (31/08) has just become overdue
    assert webhooks.queue_overdue() == 1
    assert webhooks.queue_overdue() == 0  # run again (another process, a restart): not queued twice
    webhooks.deliver_due()
    assert [json.loads(b)["task"]["id"] for _, b in receiver.received] == [world.stp_task.id]


def test_a_disabled_webhook_receives_nothing(world, db, receiver):
    hook = _hook(db, world, receiver.url)
    webhooks.set_active(world.admin, hook, False)
    db.session.commit()
    operations.report_completion(world.stc_focal, world.stc_task, completed_on=dt.date(2024, 6, 30))
    db.session.commit()
    webhooks.deliver_due()
    assert receiver.received == []


def test_admins_register_webhooks_on_their_page_and_see_the_log(client, auth, world, db):
    auth.login(world.admin)
    r = client.post(
        "/admin/webhooks/",
        data={
            "url": "https://qlvb.khanhhoa.gov.vn/hooks/tracker",
            "events": ["task.reported", "task.confirmed"],
        },
    )
    assert r.status_code == 200
    hook = db.session.scalar(select(Webhook))
    page = r.get_data(as_text=True)
    assert hook.secret in page and "chỉ hiện <strong>một lần</strong>" in page
    assert hook.events == ["task.reported", "task.confirmed"]
    r = client.post("/admin/webhooks/", data={"url": "file:///etc/passwd", "events": ["task.reported"]})
    assert r.status_code == 422 and "http:// hoặc https://" in r.get_data(as_text=True)
    assert client.get(f"/admin/webhooks/{hook.id}").status_code == 200
    auth.logout()
    auth.login(world.monitor)
    assert client.get("/admin/webhooks/").status_code == 403


def test_a_change_is_delivered_as_soon_as_its_response_has_gone_out(api, world, db, receiver):
    _hook(db, world, receiver.url)
    monitor = api.token(world.monitor)
    r = api.post(f"/tasks/{world.stc_task.id}/remind", monitor, json={"message": "Đôn đốc"})
    r.close()
    assert receiver.received == []  # a reminder is not a webhook event
    focal = api.token(world.stc_focal)
    r = api.post(f"/tasks/{world.stc_task.id}/report-completion", focal, json={"completed_on": "2024-06-30"})
    r.close()  # the server closes the response once sent; the delivery follows without the scheduler
    assert [json.loads(b)["event"] for _, b in receiver.received] == ["task.reported"]


def test_the_scheduler_and_the_cli_send_what_is_due(app, runner, world, db, receiver, make):
    from tracker.scheduler import build_scheduler

    jobs = {job.id for job in build_scheduler(app).get_jobs()}
    assert {"webhooks_deliver", "webhooks_overdue"} <= jobs
    _hook(db, world, receiver.url, events=["task.assigned"])
    make.task(lead=world.stc, document=world.doc)
    db.session.commit()
    result = runner.invoke(args=["webhooks", "deliver"])
    assert result.exit_code == 0, result.output
    assert "đã gửi 1 lần" in result.output and len(receiver.received) == 1
