"""Calendar feeds: a secret, revocable iCalendar URL per user of the deadlines they care about.

A focal point's feed holds its agency's tasks (what the task list shows it); a monitor's the tasks
matching the filters stored with the feed. Each task with a deadline is an all-day event on that
day, with a stable UID (`task-<id>@tracker`) and SEQUENCE = the task's version, so a calendar
moves the event when the deadline changes instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
import secrets

from flask import current_app
from icalendar import Calendar, Event
from werkzeug.datastructures import MultiDict

from tracker.audit import log as audit
from tracker.core.errors import DomainError, PermissionDenied
from tracker.core.hashing import hash_secret
from tracker.core.text import control_characters
from tracker.core.urls import absolute_url
from tracker.db import db, utcnow
from tracker.feeds.models import CalendarFeed
from tracker.tasks.models import STATUSES, Task
from tracker.tasks.queries import TaskFilter, task_query, with_list_options

FEED_PREFIX = "cal_"
MAX_EVENTS = 5000


def create_feed(actor, *, name: str, filter_args: dict | None = None) -> tuple[CalendarFeed, str]:
    """A new feed for the actor; returns it and its secret (shown once, stored hashed)."""
    name = (name or "").strip()
    if not name:
        raise DomainError("Hãy đặt tên cho lịch.", field="name")
    if len(name) > 120:
        raise DomainError("Tên lịch dài quá 120 ký tự.", field="name")
    # Only what TaskFilter understands is kept; visibility is applied at every fetch anyway.
    args = TaskFilter.from_args(MultiDict(_multi(filter_args or {}))).to_args(page=1, sort="deadline")
    secret = FEED_PREFIX + secrets.token_urlsafe(24)
    feed = CalendarFeed(user_id=actor.id, name=name, secret_hash=hash_secret(secret), filter_args=args)
    db.session.add(feed)
    db.session.flush()
    audit.record("calendar.create", feed, actor=actor, name=name, filters=args)
    return feed, secret


def _multi(args: dict) -> list[tuple[str, str]]:
    out = []
    for k, v in args.items():
        for item in v if isinstance(v, list) else [v]:
            out.append((k, str(item)))
    return out


def revoke_feed(actor, feed: CalendarFeed) -> None:
    if feed.user_id != actor.id and not actor.is_admin:
        raise PermissionDenied("Bạn không thể thu hồi lịch của người khác.")
    if feed.revoked_at is None:
        feed.revoked_at = utcnow()
        audit.record("calendar.revoke", feed, actor=actor, name=feed.name)


def feed_url(secret: str) -> str:
    return absolute_url(f"/calendar/{secret}.ics")


def build_calendar(feed: CalendarFeed) -> bytes:
    """The iCalendar text of a feed, as its user may see it now."""
    user = feed.user
    flt = TaskFilter.from_args(MultiDict(_multi(feed.filter_args or {})))
    stmt = with_list_options(task_query(user, flt)).where(Task.deadline.isnot(None))
    if not flt.status:
        stmt = stmt.where(Task.status != "cancelled")
    tasks = db.session.scalars(stmt.limit(MAX_EVENTS)).all()
    base = current_app.config["BASE_URL"]
    cal = Calendar()
    cal.add("prodid", "-//tracker//Theo doi nhiem vu//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # A name stored before one-line texts refused line breaks must not break every fetch.
    name = " ".join("".join(" " if control_characters(ch) else ch for ch in feed.name).split())
    cal.add("x-wr-calname", f"Thời hạn nhiệm vụ — {name}")
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for task in tasks:
        status = STATUSES.get(task.status, task.status)
        link = f"{base}/tasks/{task.id}"
        event = Event()
        event.add("uid", f"task-{task.id}@tracker")
        event.add("dtstamp", task.updated_at or utcnow())
        event.add("last-modified", task.updated_at or utcnow())
        event.add("sequence", task.version)
        event.add("dtstart", task.deadline)
        event.add("dtend", task.deadline + dt.timedelta(days=1))
        event.add("summary", f"[{status}] {task.title}"[:250])
        lead = task.lead_agency.name if task.lead_agency else ""
        lines = [
            f"Văn bản: {task.document.symbol}" + (f" — mục {task.code}" if task.code else ""),
            f"Cơ quan chủ trì: {lead}",
            f"Trạng thái: {status}",
            f"Thời hạn: {task.deadline.strftime('%d/%m/%Y')}",
            link,
        ]
        event.add("description", "\n".join(lines))
        event.add("url", link)
        event.add("status", "CANCELLED" if task.status == "cancelled" else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        event.add("categories", [status])
        cal.add_component(event)
    return cal.to_ical()
