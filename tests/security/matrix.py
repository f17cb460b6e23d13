"""The authorization matrix: what every route answers to every role, by relation to the object.

`RULES` maps each endpoint of `app.url_map` to a kind of access (a key of `KINDS`), or to
{"GET": kind, "POST": kind} when the methods differ. `test_matrix.py` enumerates the URL map:
a route with no entry FAILS, so whoever adds a route must say here who may use it.

The users (`ROLES`) and what they are to the objects the URLs point at (see `build_world`):

    anonymous      not logged in
    admin          Quản trị
    monitor        Cán bộ theo dõi
    leader         Lãnh đạo
    focal_own      Đầu mối of the agency that leads the task (a commune, under a district)
    focal_parent   Đầu mối of that agency's parent (the district): sees the tasks of agencies below it
    focal_other    Đầu mối of an unrelated agency: must not learn the task exists

The objects: a task led by the commune (document, coordinating agency, a timeline event, a pending
extension request, an attachment row), the commune itself as `agency_id`, a separate target user
as `user_id` (never one of the role users, so a password reset in the matrix logs nobody out),
and a valid password-reset token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass, field

from sqlalchemy import inspect, select, text

ROLES = ("anonymous", "admin", "monitor", "leader", "focal_own", "focal_parent", "focal_other")

# Outcomes.
ALLOW = "allow"  # GET: 2xx, or 3xx not to the login page; POST: anything but 401/403/404/5xx
LOGIN = "login"  # anonymous: 302 to the login page (401 under /api/)
FORBIDDEN = "403"
HIDDEN = "404"  # refused without revealing that the object exists
REFUSED = "403/404"  # refused, either way
SKIP = "skip"  # not an application route (static files)

_STAFF = {"admin": ALLOW, "monitor": ALLOW, "leader": ALLOW}
_ALL_FOCAL = ("focal_own", "focal_parent", "focal_other")


def _kind(anonymous=LOGIN, admin=ALLOW, monitor=ALLOW, leader=ALLOW, focal_own=ALLOW, focal_parent=ALLOW,
          focal_other=ALLOW) -> dict[str, str]:
    return dict(anonymous=anonymous, admin=admin, monitor=monitor, leader=leader, focal_own=focal_own,
                focal_parent=focal_parent, focal_other=focal_other)


KINDS: dict[str, dict[str, str]] = {
    # Login, password reset: anyone, logged in or not.
    "public": _kind(anonymous=ALLOW),
    # Any logged-in user.
    "everyone": _kind(),
    # Any logged-in user, acting on their own account only (nothing in the URL names another user).
    "own-user": _kind(),
    # Admins, monitors and leaders (reports, read-only overviews); focal points are refused.
    "reader+": _kind(focal_own=FORBIDDEN, focal_parent=FORBIDDEN, focal_other=FORBIDDEN),
    # Admins and monitors.
    "monitor+": _kind(leader=FORBIDDEN, focal_own=FORBIDDEN, focal_parent=FORBIDDEN, focal_other=FORBIDDEN),
    # Admins only.
    "admin": _kind(monitor=FORBIDDEN, leader=FORBIDDEN, focal_own=FORBIDDEN, focal_parent=FORBIDDEN,
                   focal_other=FORBIDDEN),
    # Reading a task (or anything of it: attachment, export, timeline): staff, its own agency and the
    # agencies above it; another agency gets 404.
    "visible-task": _kind(focal_other=HIDDEN),
    "visible-document": _kind(focal_other=HIDDEN),
    # The lead agency's actions on a task (progress, report completion, extension request).
    "lead-task": _kind(admin=REFUSED, monitor=REFUSED, leader=REFUSED, focal_parent=REFUSED, focal_other=HIDDEN),
    # A monitor's actions on a task (edit, confirm, return, cancel, decide an extension).
    "manage-task": _kind(leader=REFUSED, focal_own=REFUSED, focal_parent=REFUSED, focal_other=REFUSED),
}

RULES: dict[str, str | dict[str, str]] = {
    "static": SKIP,
    "bootstrap.static": SKIP,
    # auth
    "auth.login": "public",
    "auth.logout": "public",
    "auth.set_language": "public",
    "auth.forgot_password": "public",
    "auth.reset_password": "public",
    "auth.change_password": "own-user",
    "auth.logout_everywhere": "own-user",
    # reading
    "dashboard.home": "everyone",
    "tasks.index": "everyone",
    "tasks.show": "visible-task",
    "documents.index": "everyone",
    "documents.show": "visible-document",
    # administration
    "agencies.index": "monitor+",
    "agencies.create": "admin",
    "agencies.edit": "admin",
    "users.index": "admin",
    "users.create": "admin",
    "users.edit": "admin",
    "users.reset_password": "admin",
    "audit.index": "admin",
}

# GET routes that change nothing: the only endpoints allowed to answer GET. A new endpoint that
# accepts GET must be added here (after checking its GET is read-only) or accept only POST.
READ_ONLY_GET = {
    "static", "bootstrap.static",
    "auth.login", "auth.forgot_password", "auth.reset_password", "auth.change_password",
    "dashboard.home", "tasks.index", "tasks.show", "documents.index", "documents.show",
    "agencies.index", "agencies.create", "agencies.edit",
    "users.index", "users.create", "users.edit",
    "audit.index",
}

# Tables whose rows a request may add as a side effect of being refused or answered.
LOG_TABLES = {"audit_log", "login_attempts", "alembic_version"}


def uncovered(app) -> list[str]:
    """Endpoints of the app that RULES does not mention."""
    return sorted({r.endpoint for r in app.url_map.iter_rules()} - set(RULES))


def unsafe_get(app) -> list[str]:
    """Routes that answer GET without being listed as read-only."""
    return sorted(f"{r.endpoint} {r.rule}" for r in app.url_map.iter_rules()
                  if "GET" in r.methods and r.endpoint not in READ_ONLY_GET)


def expectation(endpoint: str, method: str, role: str) -> str:
    rule = RULES[endpoint]
    if rule == SKIP:
        return SKIP
    if isinstance(rule, dict):
        rule = rule.get(method, rule.get("POST" if method != "GET" else "GET"))
    return KINDS[rule][role]


@dataclass
class World:
    users: dict
    task: object
    document: object
    agency: object
    target_user: object
    event: object
    extension: object
    attachment: object
    reset_token: str
    secret: str
    extra: dict = field(default_factory=dict)


def build_world(make, db) -> World:
    """The agencies, users and objects the matrix is played on (committed)."""
    from tracker.attachments.models import Attachment
    from tracker.auth.models import PasswordResetToken
    from tracker.db import utcnow
    from tracker.tasks import operations
    from tracker.tasks.models import TaskEvent

    secret = f"MẬT-{uuid.uuid4().hex[:10]}"
    district = make.agency(code="HUYEN", name="UBND huyện Thử", kind="district")
    commune = make.agency(code="XA", name="UBND xã Thử", kind="commune", parent=district)
    other = make.agency(code="KHAC", name="Sở Khác")
    coordinating = make.agency(code="PHOIHOP", name="Sở Phối Hợp")
    users = {
        "admin": make.user("admin", agency=None, email="admin@matrix.vn"),
        "monitor": make.user("monitor", agency=None, email="monitor@matrix.vn"),
        "leader": make.user("leader", agency=None, email="leader@matrix.vn"),
        "focal_own": make.user("focal", agency=commune, email="own@matrix.vn"),
        "focal_parent": make.user("focal", agency=district, email="parent@matrix.vn"),
        "focal_other": make.user("focal", agency=other, email="other@matrix.vn"),
    }
    document = make.document(title=f"Văn bản {secret}")
    task = make.task(lead=commune, document=document, title=f"Nhiệm vụ {secret}", coordinating=[coordinating],
                     content=f"Nội dung {secret}")
    make.task(lead=other, title="Nhiệm vụ của sở khác")  # the outsider has a task of its own
    target = make.user("monitor", agency=None, email="target@matrix.vn")
    extension = operations.request_extension(users["focal_own"], task, new_deadline=task.deadline + dt.timedelta(days=30),
                                             reason=f"Lý do {secret}", on=task.assigned_on)
    event = db.session.scalar(select(TaskEvent).where(TaskEvent.task_id == task.id).order_by(TaskEvent.id))
    attachment = Attachment(task_id=task.id, original_name=f"{secret}.pdf", stored_name=uuid.uuid4().hex,
                            content_type="application/pdf", size=4, sha256="0" * 64)
    db.session.add(attachment)
    token = secrets.token_urlsafe(32)
    db.session.add(PasswordResetToken(user_id=target.id, token_hash=hashlib.sha256(token.encode()).hexdigest(),
                                      expires_at=utcnow() + dt.timedelta(hours=1)))
    db.session.commit()
    return World(users=users, task=task, document=document, agency=commune, target_user=target, event=event,
                 extension=extension, attachment=attachment, reset_token=token, secret=secret)


# URL arguments: name -> the value taken from the world. Add one when a route needs a new argument.
PARAMS = {
    "task_id": lambda w: w.task.id,
    "document_id": lambda w: w.document.id,
    "agency_id": lambda w: w.agency.id,
    "user_id": lambda w: w.target_user.id,
    "event_id": lambda w: w.event.id,
    "extension_id": lambda w: w.extension.id,
    "request_id": lambda w: w.extension.id,
    "attachment_id": lambda w: w.attachment.id,
    "token": lambda w: w.reset_token,
    "code": lambda w: "en",
}


def url_for_rule(rule, world: World) -> str:
    missing = [arg for arg in rule.arguments if arg not in PARAMS and arg not in (rule.defaults or {})]
    if missing:
        raise LookupError(
            f"{rule.endpoint} ({rule.rule}) needs URL argument(s) {missing}: add a builder to PARAMS in "
            "tests/security/matrix.py (an object of the task's agency, created in build_world)."
        )
    values = {arg: PARAMS[arg](world) for arg in rule.arguments if arg in PARAMS}
    return rule.build(values, append_unknown=False)[1]


def fingerprint(db) -> dict[str, str]:
    """A digest of every row of every table but the logs: equal before and after = nothing changed."""
    engine = db.engine
    digests = {}
    with engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            if table in LOG_TABLES:
                continue
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()  # table names come from the schema
            digests[table] = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
    return digests
