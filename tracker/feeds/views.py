"""The calendar feed itself: /calendar/<secret>.ics (the secret URL is the credential)."""

from __future__ import annotations

from flask import Blueprint, Response, abort
from sqlalchemy import select

from tracker.core.hashing import hash_secret
from tracker.db import db, utcnow
from tracker.feeds.models import CalendarFeed
from tracker.feeds.operations import FEED_PREFIX, build_calendar

bp = Blueprint("calendar", __name__)


@bp.route("/calendar/<secret>.ics")
def feed(secret: str):
    """The feed itself: the URL is the credential (calendar programs cannot send a token)."""
    if not secret.startswith(FEED_PREFIX) or len(secret) > 100:
        abort(404)
    found = db.session.scalar(select(CalendarFeed).where(CalendarFeed.secret_hash == hash_secret(secret)))
    if found is None or found.revoked_at is not None or found.user is None or not found.user.active:
        abort(404)
    body = build_calendar(found)
    found.last_fetched_at = utcnow()
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'inline; filename="nhiem-vu.ics"',
            "Cache-Control": "private, max-age=300",
        },
    )
