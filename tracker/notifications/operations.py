"""Creating, listing, reading and forgetting notifications. Flushes, never commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from tracker.core import memo
from tracker.core.errors import NotFound
from tracker.db import db, utcnow
from tracker.notifications.models import Notification
from tracker.users.models import User

KEEP_DAYS = 90  # a notification older than this is deleted by the scheduler (`purge`)
LATEST = 5  # shown on a focal point's home page


def focal_points(agency_ids: Iterable[int | None]) -> list[User]:
    """The active focal points of these agencies."""
    ids = {i for i in agency_ids if i}
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(User)
            .where(User.agency_id.in_(ids), User.role == "focal", User.active.is_(True))
            .order_by(User.id)
        )
    )


def notify(users: Iterable[User], *, kind: str, task, text: str, skip=None) -> list[Notification]:
    """One notification for each user (the actor who did it, `skip`, is not told)."""
    skip_id = getattr(skip, "id", None)
    rows = [
        Notification(user_id=u.id, kind=kind, task_id=getattr(task, "id", None), text=text[:2000])
        for u in {u.id: u for u in users}.values()
        if u.id != skip_id
    ]
    db.session.add_all(rows)
    return rows


def _mine(user):
    return select(Notification).where(Notification.user_id == user.id)


def _unread(user_id):
    return (
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
    )


@memo.read_with_user("unread_notifications")
def _unread_column(user_id_column):
    return _unread(user_id_column).scalar_subquery()


def unread_count(user) -> int:
    """The user's unread notifications (the top bar's bell): read with the user at the start of the
    request when it is this request's user and nothing was written since (memo.read_with_user)."""
    noted = memo.noted("unread_notifications")
    if noted is not None and memo.noted("user_id") == user.id:
        return noted
    return db.session.scalar(_unread(user.id))


def latest(user, limit: int = LATEST) -> list[Notification]:
    return list(db.session.scalars(_mine(user).order_by(Notification.id.desc()).limit(limit)))


def listing(user):
    """The user's notifications, newest first (a statement to paginate)."""
    return _mine(user).order_by(Notification.id.desc())


def get_own(user, notification_id: int) -> Notification:
    """The user's own notification; another user's (or none) is NotFound, the same answer."""
    row = db.session.get(Notification, notification_id)
    if row is None or row.user_id != user.id:
        raise NotFound(_("Không tìm thấy thông báo này."))
    return row


def mark_read(user, ids: Iterable[int] | None = None, now: dt.datetime | None = None) -> int:
    """Mark the user's unread notifications (those of `ids`, or all) read; returns how many."""
    stmt = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if ids is not None:
        ids = list(ids)
        if not ids:
            return 0
        stmt = stmt.where(Notification.id.in_(ids))
    result = db.session.execute(
        stmt.values(read_at=now or utcnow()).execution_options(synchronize_session=False)
    )
    return result.rowcount


def purge(now: dt.datetime | None = None) -> int:
    """Delete the notifications older than KEEP_DAYS; returns how many."""
    cutoff = (now or utcnow()) - dt.timedelta(days=KEEP_DAYS)
    result = db.session.execute(
        delete(Notification)
        .where(Notification.created_at < cutoff)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
