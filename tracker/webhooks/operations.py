"""Outgoing webhooks: queue an event for every active webhook that wants it, deliver it signed, retry
with back-off, keep every attempt's outcome.

A delivery is a row written in the same transaction as the change it reports, so nothing is sent
for a change that was rolled back, and nothing is lost if the process dies: the scheduler job
`deliver_due` sends whatever is due (and a request that queued events sends them right after its
response, for immediacy). Rows are claimed with SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL so
two processes never send the same delivery twice at once.

Each POST carries the JSON payload and
    X-Tracker-Event: task.reported
    X-Tracker-Delivery: <delivery id>
    X-Tracker-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the webhook's secret>
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from tracker.audit import log as audit
from tracker.core import boundary
from tracker.core.errors import DomainError, PermissionDenied
from tracker.db import db, utcnow
from tracker.webhooks.models import WEBHOOK_EVENTS, Webhook, WebhookDelivery

log = logging.getLogger("tracker.webhooks")

# Minutes to wait after the 1st, 2nd… failed attempt; after the last one the delivery is failed.
BACKOFF_MINUTES = (1, 5, 30, 120, 720)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
TIMEOUT = 10
LEASE_MINUTES = 5


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _check_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
        raise DomainError(_("Địa chỉ nhận phải là một URL http:// hoặc https:// đầy đủ."), field="url")
    return url


def create_webhook(actor, *, url: str, events: list[str]) -> Webhook:
    """Register a webhook (admins). Its secret is generated here and shown to the admin."""
    if not actor.is_admin:
        raise PermissionDenied(_("Chỉ quản trị viên mới quản lý webhook."))
    events = [e for e in events if e in WEBHOOK_EVENTS]
    if not events:
        raise DomainError(_("Chọn ít nhất một sự kiện."), field="events")
    hook = Webhook(
        url=_check_url(url), events=events, secret=secrets.token_urlsafe(32), created_by_id=actor.id
    )
    db.session.add(hook)
    db.session.flush()
    audit.record("webhook.create", hook, actor=actor, url=hook.url, events=events)
    return hook


def set_active(actor, hook: Webhook, active: bool) -> None:
    if not actor.is_admin:
        raise PermissionDenied(_("Chỉ quản trị viên mới quản lý webhook."))
    hook.active = active
    audit.record("webhook.enable" if active else "webhook.disable", hook, actor=actor)


def delete_webhook(actor, hook: Webhook) -> None:
    if not actor.is_admin:
        raise PermissionDenied(_("Chỉ quản trị viên mới quản lý webhook."))
    audit.record("webhook.delete", hook, actor=actor, url=hook.url)
    db.session.delete(hook)


def task_payload(task) -> dict:
    from tracker.core.urls import absolute_url

    def _d(day):
        return day.isoformat() if day else None

    return {
        "id": task.id,
        "code": task.code or "",
        "title": task.title,
        "document": task.document.symbol if task.document else None,
        "lead_agency": {"code": task.lead_agency.code, "name": task.lead_agency.name}
        if task.lead_agency
        else None,
        "status": task.status,
        "deadline": _d(task.deadline),
        "completed_on": _d(task.completed_on),
        "url": absolute_url(f"/tasks/{task.id}"),
    }


_ACTIVE = "tracker.active_webhooks"


def active_webhooks() -> list[Webhook]:
    """The active webhooks, read once per transaction: an import of 50.000 tasks asks 100.000 times,
    and must not flush its pending rows each time to learn that there are none."""
    info = db.session.info
    if _ACTIVE not in info:
        with db.session.no_autoflush:
            info[_ACTIVE] = list(db.session.scalars(select(Webhook).where(Webhook.active.is_(True))))
    return info[_ACTIVE]


@event.listens_for(Session, "after_transaction_end")
def _forget_active_webhooks(session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_ACTIVE, None)


def deliveries(event: str, task, dedupe_key: str | None = None) -> list[WebhookDelivery]:
    """The deliveries of `event` about `task` (its fields now) for every active webhook subscribed to
    it, not yet added to the session."""
    hooks = [h for h in active_webhooks() if event in (h.events or [])]
    if not hooks:
        return []
    payload = {
        "event": event,
        "occurred_at": utcnow().isoformat().replace("+00:00", "Z"),
        "task": task_payload(task),
    }
    return [
        WebhookDelivery(webhook_id=hook.id, event=event, payload=payload, dedupe_key=dedupe_key)
        for hook in hooks
    ]


def queue(event: str, task, dedupe_key: str | None = None) -> list[WebhookDelivery]:
    """Queue `event` about `task` for every active webhook subscribed to it (in the caller's
    transaction). With a dedupe key, an event already queued for a webhook is not queued again."""
    wanted = deliveries(event, task, dedupe_key)
    if not wanted:
        return []
    queued = []
    for delivery in wanted:
        if dedupe_key and db.session.scalar(
            select(WebhookDelivery.id).where(
                WebhookDelivery.webhook_id == delivery.webhook_id, WebhookDelivery.dedupe_key == dedupe_key
            )
        ):
            continue
        db.session.add(delivery)
        queued.append(delivery)
    db.session.flush()
    return queued


def _post(hook: Webhook, delivery: WebhookDelivery) -> tuple[int | None, str]:
    body = json.dumps({"delivery": delivery.id, **delivery.payload}, ensure_ascii=False).encode("utf-8")
    # The URL's scheme is checked to be http or https (at registration and here): no file:// etc.
    req = urllib.request.Request(  # noqa: S310
        _check_url(hook.url),
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "tracker-webhooks/1",
            "X-Tracker-Event": delivery.event,
            "X-Tracker-Delivery": str(delivery.id),
            "X-Tracker-Signature-256": sign(hook.secret, body),
        },
    )
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:  # noqa: S310  # nosec B310
            return resp.status, ""
    except urllib.error.HTTPError as e:
        return e.code, f"HTTP {e.code}"
    except (urllib.error.URLError, OSError, ValueError) as e:
        return None, str(getattr(e, "reason", e))[:500]


def attempt(delivery: WebhookDelivery, now: dt.datetime | None = None) -> bool:
    """Send one delivery now and record the outcome (the caller commits)."""
    now = now or utcnow()
    hook = delivery.webhook
    delivery.attempts += 1
    delivery.last_attempt_at = now
    if hook is None or not hook.active:
        delivery.status = "failed"
        delivery.last_error = _("Webhook đã tắt hoặc đã xóa.")
        return False
    code, error = _post(hook, delivery)
    delivery.last_status_code = code
    if code is not None and 200 <= code < 300:
        delivery.status = "delivered"
        delivery.delivered_at = utcnow()
        delivery.last_error = ""
        log.info("webhook %s delivery %s (%s) delivered: %s", hook.id, delivery.id, delivery.event, code)
        return True
    delivery.last_error = error or f"HTTP {code}"
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = "failed"
    else:
        delivery.next_attempt_at = now + dt.timedelta(minutes=BACKOFF_MINUTES[delivery.attempts - 1])
    log.warning(
        "webhook %s delivery %s (%s) attempt %s failed: %s",
        hook.id,
        delivery.id,
        delivery.event,
        delivery.attempts,
        delivery.last_error,
    )
    return False


def deliver_due(now: dt.datetime | None = None, limit: int = 100, ids: list[int] | None = None) -> int:
    """Send the pending deliveries that are due (or only the given ones); commits after each.
    Returns how many were delivered.

    Each delivery is first claimed with one conditional UPDATE that pushes its next attempt a few
    minutes ahead (a lease): only the process whose UPDATE matched sends it, on every database, and
    a process that dies mid-send leaves it to be retried when the lease runs out."""
    now = now or utcnow()
    stmt = select(WebhookDelivery.id).where(
        WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now
    )
    if ids is not None:
        stmt = stmt.where(WebhookDelivery.id.in_(ids))
    candidates = db.session.scalars(
        stmt.order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id).limit(limit)
    ).all()
    delivered = 0
    for delivery_id in candidates:
        claimed = db.session.execute(
            update(WebhookDelivery)
            .where(
                WebhookDelivery.id == delivery_id,
                WebhookDelivery.status == "pending",
                WebhookDelivery.next_attempt_at <= now,
            )
            .values(next_attempt_at=now + dt.timedelta(minutes=LEASE_MINUTES))
            .execution_options(synchronize_session=False)
        ).rowcount
        boundary.commit_now("the delivery's lease is taken before it is sent")
        if not claimed:
            continue
        delivery = db.session.get(WebhookDelivery, delivery_id)
        delivered += attempt(delivery, now)
        boundary.commit_now("each delivery's outcome is stored once it is sent")
    return delivered


def queue_overdue(on: dt.date | None = None) -> int:
    """Queue `task.overdue` once per task and deadline for open tasks whose deadline has passed
    (within the last 30 days, so a new webhook is not flooded with the whole backlog)."""
    from tracker.core.dates import today
    from tracker.tasks.classification import countable_clause
    from tracker.tasks.models import Task

    on = on or today()
    if not db.session.scalar(select(Webhook.id).where(Webhook.active.is_(True)).limit(1)):
        return 0
    tasks = db.session.scalars(
        select(Task).where(
            countable_clause(),
            Task.status.in_(("new", "in_progress")),
            Task.deadline < on,
            Task.deadline >= on - dt.timedelta(days=30),
        )
    ).all()
    count = 0
    for task in tasks:
        count += len(
            queue("task.overdue", task, dedupe_key=f"task.overdue:{task.id}:{task.deadline.isoformat()}")
        )
    return count
