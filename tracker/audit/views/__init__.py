"""The audit log for admins: search by actor, action, object, dates and address; read-only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import Blueprint, current_app, render_template, request
from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from tracker.audit.models import AuditEntry
from tracker.audit.views import words
from tracker.core.access import roles_required
from tracker.core.dates import LOCAL_TZ, parse_user_date
from tracker.core.params import page_number
from tracker.db import db
from tracker.users.models import User

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")


@dataclass
class AuditFilter:
    actor: str = ""
    action: str = ""
    object: str = ""
    ip: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args) -> tuple[AuditFilter, list[str]]:
        errors: list[str] = []
        flt = cls(**{k: (args.get(k) or "").strip()[:120] for k in ("actor", "action", "object", "ip")})
        for key in ("date_from", "date_to"):
            if args.get(key):
                try:
                    setattr(flt, key, parse_user_date(args[key]))
                except ValueError as e:
                    errors.append(str(e))
        flt.page = page_number(args.get("page"))
        return flt, errors

    def args(self) -> dict:
        out = {k: getattr(self, k) for k in ("actor", "action", "object", "ip") if getattr(self, k)}
        for key in ("date_from", "date_to"):
            if getattr(self, key):
                out[key] = getattr(self, key).isoformat()
        return out


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=LOCAL_TZ)


def audit_query(flt: AuditFilter):
    actor = aliased(User)
    stmt = select(AuditEntry).outerjoin(actor, AuditEntry.actor_id == actor.id)
    if flt.actor:
        stmt = stmt.where(
            or_(
                actor.email.icontains(flt.actor, autoescape=True),
                actor.full_name.icontains(flt.actor, autoescape=True),
            )
        )
    if flt.action:
        stmt = stmt.where(AuditEntry.action.startswith(flt.action, autoescape=True))
    if flt.object:
        # "Task 12", "Task" or "12": a type, an id, or both.
        parts = flt.object.replace("#", " ").split()
        for part in parts[:2]:
            if part.isdigit():
                stmt = stmt.where(AuditEntry.object_id == part)
            else:
                stmt = stmt.where(AuditEntry.object_type.istartswith(part, autoescape=True))
    if flt.ip:
        stmt = stmt.where(AuditEntry.ip.startswith(flt.ip, autoescape=True))
    if flt.date_from:
        stmt = stmt.where(AuditEntry.at >= _local_midnight(flt.date_from))
    if flt.date_to:
        stmt = stmt.where(AuditEntry.at < _local_midnight(flt.date_to + dt.timedelta(days=1)))
    return stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


@bp.route("/")
@roles_required("admin")
def index():
    flt, errors = AuditFilter.from_args(request.args)
    pagination = db.paginate(
        audit_query(flt),
        page=flt.page,
        per_page=current_app.config["TRACKER_PAGE_SIZE"],
        error_out=False,
        count=True,
    )
    actor_ids = {e.actor_id for e in pagination.items if e.actor_id}
    actors = (
        {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(actor_ids)))} if actor_ids else {}
    )
    known = sorted(
        {a for a in words.ACTION_LABELS if "*" not in a}
        | set(db.session.scalars(select(AuditEntry.action).distinct()))
    )
    return render_template(
        "audit/index.html",
        pagination=pagination,
        entries=pagination.items,
        flt=flt,
        errors=errors,
        actors=actors,
        known_actions=known,
        lines=words.describe_entries(pagination.items),
    )


@bp.app_template_global()
def event_words(events) -> dict:
    """For the task timeline: each event's changes in words, by event id (see `words`)."""
    return words.describe_events(events)


@bp.app_template_global()
def audit_action_label(action: str) -> str:
    return words.action_label(action)


@bp.app_template_global()
def audit_object_label(object_type: str | None) -> str:
    return words.object_label(object_type)


@bp.app_template_global()
def audit_raw(values) -> str:
    return words.raw(values)
