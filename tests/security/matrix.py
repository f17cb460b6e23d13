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
TOKEN = "401"  # a state-changing API call without a Bearer token: 401 whoever is logged in
SKIP = "skip"  # not an application route (static files)

_STAFF = {"admin": ALLOW, "monitor": ALLOW, "leader": ALLOW}
_ALL_FOCAL = ("focal_own", "focal_parent", "focal_other")


def _kind(
    anonymous=LOGIN,
    admin=ALLOW,
    monitor=ALLOW,
    leader=ALLOW,
    focal_own=ALLOW,
    focal_parent=ALLOW,
    focal_other=ALLOW,
) -> dict[str, str]:
    return dict(
        anonymous=anonymous,
        admin=admin,
        monitor=monitor,
        leader=leader,
        focal_own=focal_own,
        focal_parent=focal_parent,
        focal_other=focal_other,
    )


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
    "admin": _kind(
        monitor=FORBIDDEN,
        leader=FORBIDDEN,
        focal_own=FORBIDDEN,
        focal_parent=FORBIDDEN,
        focal_other=FORBIDDEN,
    ),
    # Reading a task (or anything of it: attachment, export, timeline): staff, its own agency and the
    # agencies above it; another agency gets 404.
    "visible-task": _kind(focal_other=HIDDEN),
    "visible-document": _kind(focal_other=HIDDEN),
    # An agency in the focal point's scope (its own and those below it).
    "visible-agency": _kind(focal_other=HIDDEN),
    # Something that belongs to one user (the focal point of the task's agency): only they may touch it.
    "owner": _kind(admin=HIDDEN, monitor=HIDDEN, leader=HIDDEN, focal_parent=HIDDEN, focal_other=HIDDEN),
    # An import belongs to the monitor who started it: other monitors/admins get 404, others 403.
    "own-import": _kind(
        admin=HIDDEN, leader=FORBIDDEN, focal_own=FORBIDDEN, focal_parent=FORBIDDEN, focal_other=FORBIDDEN
    ),
    # Anyone holding the secret URL (a calendar feed): what it shows is its owner's view.
    "secret-url": _kind(anonymous=ALLOW),
    # The API: Bearer token, or a browser session for reading; anonymous gets 401.
    "api-public": _kind(anonymous=ALLOW),
    # A state-changing API call: never with a browser session, only with a token.
    "api-write": _kind(
        anonymous=TOKEN,
        admin=TOKEN,
        monitor=TOKEN,
        leader=TOKEN,
        focal_own=TOKEN,
        focal_parent=TOKEN,
        focal_other=TOKEN,
    ),
    # The lead agency's actions on a task (progress, report completion, extension request).
    "lead-task": _kind(
        admin=REFUSED, monitor=REFUSED, leader=REFUSED, focal_parent=REFUSED, focal_other=HIDDEN
    ),
    # The public programme page of a document that is not published: no one learns it exists.
    "unpublished-document": _kind(
        anonymous=HIDDEN,
        admin=HIDDEN,
        monitor=HIDDEN,
        leader=HIDDEN,
        focal_own=HIDDEN,
        focal_parent=HIDDEN,
        focal_other=HIDDEN,
    ),
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
    "tasks.export_xlsx": "everyone",
    "tasks.print_view": "everyone",
    "notifications.index": "everyone",
    "notifications.open": "owner",
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
    "agencies.merge": "admin",
    "agencies.rename": "admin",
    "webhooks.webhooks_index": "admin",
    "webhooks.webhooks_create": "admin",
    "webhooks.webhook_show": "admin",
    "webhooks.webhook_toggle": "admin",
    "webhooks.webhook_delete": "admin",
    # tasks
    "tasks.edit": "manage-task",
    "tasks.act": "lead-task",  # played with action=progress
    "tasks.queue": "monitor+",
    "tasks.bulk": "monitor+",
    "tasks.bulk_apply": "monitor+",
    "attachments.download": "visible-task",
    # documents
    "documents.create": "monitor+",
    "documents.edit": "monitor+",
    "documents.add_section": "monitor+",
    "documents.add_task": "monitor+",
    "documents.fan_out": "monitor+",
    "documents.file": "visible-document",
    # reports: everyone, scoped to what the user may see
    "reports.index": "everyone",
    "reports.rows": "everyone",  # the screen's next rows, scoped like the page
    "reports.trend_chart": "everyone",  # the screen's chart of the last quarters, scoped like the page
    "reports.print_view": "everyone",
    "reports.export_excel": "everyone",
    "reports.export_word": "everyone",
    "reports.export_pdf_file": "everyone",
    # the letterhead of the reports that go out
    "letterhead.settings": "admin",
    # the agency score (everyone, scoped: a focal point its own agency and those below it)
    "scores.index": "everyone",
    "scores.agency": "visible-agency",
    "scores.export": "everyone",
    "scores.settings_page": "admin",
    # the public programme page: anyone, without login; a document that is not published is 404
    "public.index": "public",
    "public.sitemap": "public",
    "public.document": "unpublished-document",
    "documents.publish": "monitor+",
    # reminders
    "reminders.outbox": "monitor+",
    "reminders.message": "monitor+",
    "reminders.message_html": "monitor+",
    "reminders.resend": "monitor+",
    "reminders.settings": "monitor+",
    "reminders.switch_off": "monitor+",
    "reminders.switch_on": "monitor+",
    "reminders.preferences": "own-user",
    # Quản trị → Ngày nghỉ lễ: monitors read, admins change; the task form's working-day arithmetic.
    "workdays.index": "monitor+",
    "workdays.add": "admin",
    "workdays.edit": {"GET": "admin", "POST": "admin"},
    "workdays.delete": "admin",
    "workdays.load_official": "admin",
    "workdays.working_days": "monitor+",
    # imports
    "imports.index": "monitor+",
    "imports.upload": "monitor+",
    "reader.programme": "monitor+",
    "imports.template": "monitor+",
    "reader.review": "own-import",
    "imports.show": "own-import",
    "imports.status": "own-import",
    "imports.errors_csv": "own-import",
    "imports.confirm": "own-import",
    "imports.discard": "own-import",
    # personal API tokens and calendar feeds
    "api_tokens.index": "own-user",
    "api_tokens.create": "own-user",
    "api_tokens.create_calendar": "own-user",
    "api_tokens.revoke": "owner",
    "api_tokens.revoke_calendar": "owner",
    "calendar.feed": "secret-url",
    # the REST API (reads with a session; writes only with a token)
    "api.openapi": "api-public",
    "api.docs": "api-public",
    "api.me": "everyone",
    "api.agencies": "everyone",
    "api.agency": "visible-agency",
    "api.users": "admin",
    "api.user_detail": "admin",
    "api.documents": "everyone",
    "api.document": "visible-document",
    "api.tasks": "everyone",
    "api.task": "visible-task",
    "api.task_events": "visible-task",
    "api.task_progress": "visible-task",
    "api.task_contributions": "visible-task",
    "api.extension_requests": "visible-task",
    "api.task_attachments": "visible-task",
    "api.attachment": "visible-task",
    "api.attachment_content": "visible-task",
    "api.summary": "everyone",
    "api.by_agency": "everyone",
    "api.score": "everyone",
    **{
        f"api.{name}": "api-write"
        for name in (
            "create_task",
            "update_task",
            "post_progress",
            "post_contribution",
            "report_completion",
            "request_extension",
            "approve_extension",
            "reject_extension",
            "confirm",
            "return_report",
            "recall",
            "redo",
            "cancel",
            "remind",
            "remind_many",
            "upload_attachment",
        )
    },
}

# GET routes that change nothing: the only endpoints allowed to answer GET. A new endpoint that
# accepts GET must be added here (after checking its GET is read-only) or accept only POST.
READ_ONLY_GET = {
    "tasks.export_xlsx",
    "tasks.print_view",
    # A user's own notifications: opening them marks them read (the user's view of them, like a
    # mail client's), nothing of the tasks' data changes.
    "notifications.index",
    "notifications.open",
    "static",
    "bootstrap.static",
    "auth.login",
    "auth.forgot_password",
    "auth.reset_password",
    "auth.change_password",
    "dashboard.home",
    "tasks.index",
    "tasks.show",
    "documents.index",
    "documents.show",
    "agencies.index",
    "agencies.create",
    "agencies.edit",
    "users.index",
    "users.create",
    "users.edit",
    "audit.index",
    "agencies.merge",
    "agencies.rename",
    "webhooks.webhooks_index",
    "webhooks.webhook_show",
    "tasks.edit",
    "tasks.queue",
    "attachments.download",
    "documents.create",
    "documents.edit",
    "documents.add_section",
    "documents.add_task",
    "documents.fan_out",
    "documents.file",
    "reports.index",
    "reports.rows",
    "reports.trend_chart",
    "reports.print_view",
    "reports.export_excel",
    "reports.export_word",
    "reports.export_pdf_file",
    "letterhead.settings",
    "scores.index",
    "scores.agency",
    "scores.export",
    "scores.settings_page",
    "public.index",
    "public.sitemap",
    "public.document",
    "reminders.outbox",
    "reminders.message",
    "reminders.message_html",
    "reminders.settings",
    "reminders.preferences",
    "workdays.index",
    "workdays.edit",
    "workdays.working_days",
    "imports.index",
    "reader.programme",
    "imports.template",
    "reader.review",
    "imports.show",
    "imports.status",
    "imports.errors_csv",
    "api_tokens.index",
    "calendar.feed",
    "api.openapi",
    "api.docs",
    "api.me",
    "api.agencies",
    "api.agency",
    "api.users",
    "api.user_detail",
    "api.documents",
    "api.document",
    "api.tasks",
    "api.task",
    "api.task_events",
    "api.task_progress",
    "api.task_contributions",
    "api.extension_requests",
    "api.task_attachments",
    "api.attachment",
    "api.attachment_content",
    "api.summary",
    "api.by_agency",
    "api.score",
}

# Tables whose rows a request may add as a side effect of being refused or answered.
LOG_TABLES = {"audit_log", "login_attempts", "alembic_version"}
# Bookkeeping columns a read may touch (when a secret URL was last fetched).
LOG_COLUMNS = {"calendar_feeds": {"last_fetched_at"}, "notifications": {"read_at"}}  # when seen, not data


def uncovered(app) -> list[str]:
    """Endpoints of the app that RULES does not mention."""
    return sorted({r.endpoint for r in app.url_map.iter_rules()} - set(RULES))


def unsafe_get(app) -> list[str]:
    """Routes that answer GET without being listed as read-only."""
    return sorted(
        f"{r.endpoint} {r.rule}"
        for r in app.url_map.iter_rules()
        if "GET" in r.methods and r.endpoint not in READ_ONLY_GET
    )


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
    task = make.task(
        lead=commune,
        document=document,
        title=f"Nhiệm vụ {secret}",
        coordinating=[coordinating],
        content=f"Nội dung {secret}",
    )
    make.task(lead=other, title="Nhiệm vụ của sở khác")  # the outsider has a task of its own
    target = make.user("monitor", agency=None, email="target@matrix.vn")
    extension = operations.request_extension(
        users["focal_own"],
        task,
        new_deadline=task.deadline + dt.timedelta(days=30),
        reason=f"Lý do {secret}",
        on=task.assigned_on,
    )
    event = db.session.scalar(select(TaskEvent).where(TaskEvent.task_id == task.id).order_by(TaskEvent.id))
    attachment = Attachment(
        task_id=task.id,
        original_name=f"{secret}.pdf",
        stored_name=uuid.uuid4().hex,
        content_type="application/pdf",
        size=4,
        sha256="0" * 64,
    )
    db.session.add(attachment)
    extra = _build_extra(db, users, task, document, commune, attachment, secret)
    token = secrets.token_urlsafe(32)
    db.session.add(
        PasswordResetToken(
            user_id=target.id,
            token_hash=hashlib.sha256(token.encode()).hexdigest(),
            expires_at=utcnow() + dt.timedelta(hours=1),
        )
    )
    from tracker.notifications.models import Notification

    extra["notification"] = Notification(
        user_id=users["focal_own"].id, kind="assigned", task_id=task.id, text="Nhiệm vụ mới"
    )
    db.session.add(extra["notification"])
    db.session.commit()
    return World(
        users=users,
        task=task,
        document=document,
        agency=commune,
        target_user=target,
        event=event,
        extension=extension,
        attachment=attachment,
        reset_token=token,
        secret=secret,
        extra=extra,
    )


def _write_file(path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _build_extra(db, users, task, document, commune, attachment, secret) -> dict:
    """The objects the newer routes point at: files on disk, an outbox message, webhooks, a token,
    calendar feeds, import jobs."""
    from pathlib import Path

    from flask import current_app

    from tracker.api.tokens import create_token
    from tracker.attachments.models import Attachment
    from tracker.feeds.operations import create_feed
    from tracker.imports.jobs import Job
    from tracker.reminders.models import OutboxMessage
    from tracker.webhooks.models import Webhook

    upload = Path(current_app.config["UPLOAD_DIR"])
    content = b"%PDF-1.4 matrix"
    # The task attachment's bytes, where the task page stores them (sharded by the first two characters).
    _write_file(upload / attachment.stored_name[:2] / attachment.stored_name, content)
    doc_file = Attachment(
        document_id=document.id,
        original_name=f"{secret}-van-ban.pdf",
        stored_name=uuid.uuid4().hex,
        content_type="application/pdf",
        size=len(content),
        sha256="1" * 64,
    )
    db.session.add(doc_file)
    # A document's file: the same storage, the same layout (attachments.storage).
    _write_file(upload / doc_file.stored_name[:2] / doc_file.stored_name, content)
    message = OutboxMessage(
        kind="manual",
        day=task.assigned_on,
        agency_id=commune.id,
        recipients=["own@matrix.vn"],
        subject=f"Đôn đốc {secret}",
        body_text=f"Nhắc {secret}",
        body_html=f"<p>Nhắc {secret}</p>",
        message_id=f"<{uuid.uuid4().hex}@matrix.vn>",
        task_ids=[task.id],
        status="failed",
        attempts=1,
        created_by_id=users["monitor"].id,
    )
    db.session.add(message)
    hooks = {}
    for name in ("show", "toggle", "delete"):
        hooks[name] = Webhook(
            url="http://127.0.0.1:9/hook",
            secret="bí-mật-webhook",
            events=["task.created"],
            active=False,
            created_by_id=users["admin"].id,
        )
        db.session.add(hooks[name])
    api_token, _ = create_token(users["focal_own"], users["focal_own"], name="Khóa thử")
    revocable_feed, _ = create_feed(users["focal_own"], name="Lịch thử")
    # The feed a stranger reads by its secret URL is the outsider's: it must not show the commune's task.
    _, feed_secret = create_feed(users["focal_other"], name="Lịch của sở khác")
    db.session.flush()
    monitor = users["monitor"].id
    jobs = {
        name: Job.create("tasks", monitor, "nhiem-vu.csv", b"ma;ten\n")
        for name in ("show", "confirm", "discard")
    }
    programme = Job.create("programme", monitor, "chuong-trinh.txt", "1. Việc thử".encode())
    programme.save_preview(
        {
            "header": {
                "symbol": "",
                "kind": "plan",
                "issuer": "",
                "issuer_level": "committee",
                "title": "Chương trình thử",
                "urgent": False,
                "issued_on": None,
                "province": None,
            },
            "items": [],
        }
    )
    programme.update(stage="review")
    from tracker.workdays.operations import add_days

    calendar_days = {
        name: add_days(None, first=dt.date(2031, 3, day), kind="holiday", name=f"Ngày nghỉ thử {name}")[0]
        for name, day in (("edit", 4), ("delete", 5))
    }
    return {
        "document_file": doc_file,
        "message": message,
        "hooks": hooks,
        "api_token": api_token,
        "revocable_feed": revocable_feed,
        "feed_secret": feed_secret,
        "jobs": {k: j.token for k, j in jobs.items()} | {"programme": programme.token},
        "calendar_days": calendar_days,
    }


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
    "action": lambda w: "progress",
    "message_id": lambda w: w.extra["message"].id,
    "hook_id": lambda w: w.extra["hooks"]["show"].id,
    "token_id": lambda w: w.extra["api_token"].id,
    "feed_id": lambda w: w.extra["revocable_feed"].id,
    "secret": lambda w: w.extra["feed_secret"],
    "day_id": lambda w: w.extra["calendar_days"]["edit"].id,
    "notification_id": lambda w: w.extra["notification"].id,
}

# The same argument name meaning another object for some endpoints (each destructive POST gets its own
# object, so a later route still finds its own).
OVERRIDES = {
    "documents.file": {"attachment_id": lambda w: w.extra["document_file"].id},
    "webhooks.webhook_toggle": {"hook_id": lambda w: w.extra["hooks"]["toggle"].id},
    "webhooks.webhook_delete": {"hook_id": lambda w: w.extra["hooks"]["delete"].id},
    "imports.show": {"token": lambda w: w.extra["jobs"]["show"]},
    "imports.status": {"token": lambda w: w.extra["jobs"]["show"]},
    "imports.errors_csv": {"token": lambda w: w.extra["jobs"]["show"]},
    "imports.confirm": {"token": lambda w: w.extra["jobs"]["confirm"]},
    "imports.discard": {"token": lambda w: w.extra["jobs"]["discard"]},
    "reader.review": {"token": lambda w: w.extra["jobs"]["programme"]},
    "imports.template": {"kind": lambda w: "tasks"},
    "reminders.switch_on": {"kind": lambda w: "all"},
    "workdays.delete": {"day_id": lambda w: w.extra["calendar_days"]["delete"].id},
    "scores.export": {"fmt": lambda w: "xlsx"},
}


# Query strings some routes need to answer at all (the report endpoints take a period or documents).
QUERIES = {
    "api.summary": "?from=2024-01-01&to=2024-12-31",
    "api.by_agency": "?from=2024-01-01&to=2024-12-31",
    "workdays.working_days": "?start=2025-01-24&n=10",
    "reports.rows": "?block=agency&agency_page=2",
}


def url_for_rule(rule, world: World) -> str:
    params = PARAMS | OVERRIDES.get(rule.endpoint, {})
    missing = [arg for arg in rule.arguments if arg not in params and arg not in (rule.defaults or {})]
    if missing:
        raise LookupError(
            f"{rule.endpoint} ({rule.rule}) needs URL argument(s) {missing}: add a builder to PARAMS in "
            "tests/security/matrix.py (an object of the task's agency, created in build_world)."
        )
    values = {arg: params[arg](world) for arg in rule.arguments if arg in params}
    return rule.build(values, append_unknown=False)[1] + QUERIES.get(rule.endpoint, "")


def fingerprint(db) -> dict[str, str]:
    """A digest of every row of every table but the logs: equal before and after = nothing changed."""
    engine = db.engine
    digests = {}
    with engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            if table in LOG_TABLES:
                continue
            skip = LOG_COLUMNS.get(table, set())
            columns = ", ".join(
                f'"{c["name"]}"' for c in inspect(conn).get_columns(table) if c["name"] not in skip
            )
            rows = conn.execute(text(f'SELECT {columns} FROM "{table}"')).all()  # names come from the schema
            digests[table] = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
    return digests
