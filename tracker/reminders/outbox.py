"""The outbox: every reminder e-mail is a row, pending → sent / failed (retried with back-off).

* A digest is claimed by inserting its row (`digest_key` UNIQUE) in its own transaction, before
  anything is sent: of two runs of the same day, in one process or several, one insert wins.
* A row is handed to the mail server by one process only: a conditional UPDATE moves it to
  `sending` first (a row left `sending` by a crashed process is taken up again after a while).
* With no mail server configured, rows stay `pending` with a note saying so; nothing pretends to
  have been sent.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from tracker.audit import log as audit
from tracker.core import boundary
from tracker.core.dates import today
from tracker.core.errors import DomainError, PermissionDenied
from tracker.core.text import N_
from tracker.db import db, utcnow
from tracker.reminders import mailer
from tracker.reminders.compose import Composed, compose_manual
from tracker.reminders.digests import agency_recipients, monitor_recipients
from tracker.reminders.models import OutboxMessage
from tracker.tasks import permissions
from tracker.users.models import User

log = logging.getLogger("tracker.reminders")

NOT_CONFIGURED = N_("Chưa cấu hình máy chủ thư: thư nhắc việc được giữ lại trong hộp thư đi, chưa gửi đi.")
NO_RECIPIENTS = N_(
    "Không có địa chỉ nhận thư: cơ quan chưa khai báo thư điện tử và không có đầu mối nhận thư."
)
# Minutes to wait after the 1st, 2nd… failed attempt; after MAX_ATTEMPTS the row stays failed.
BACKOFF_MINUTES = (5, 15, 60, 240, 720)
MAX_ATTEMPTS = 6
# A row `sending` for longer than this was left by a process that died while sending.
SENDING_TIMEOUT = dt.timedelta(minutes=15)


def backoff(attempts: int) -> dt.timedelta | None:
    """The wait before the next attempt after `attempts` failed ones; None once it is time to give up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return dt.timedelta(minutes=BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1])


def _row(composed: Composed, now: dt.datetime, actor=None) -> OutboxMessage:
    return OutboxMessage(
        kind=composed.kind,
        digest_key=composed.digest_key,
        day=composed.day,
        agency_id=composed.agency_id,
        recipients=composed.recipients,
        cc=list(composed.cc),
        subject=composed.subject,
        body_text=composed.body_text,
        body_html=composed.body_html,
        message_id=composed.message_id,
        task_ids=composed.task_ids,
        status="pending",
        attempts=0,
        next_attempt_at=now,
        last_error="",
        created_at=now,
        created_by_id=getattr(actor, "id", None),
    )


def claim(composed: Composed, now: dt.datetime | None = None) -> OutboxMessage | None:
    """Insert a digest's row and commit it; None when another run has already claimed this digest.
    Commits the session: call it from a job or the CLI, never inside a request's unit of work."""
    boundary.commit_now("each digest is claimed in a transaction of its own")
    row = _row(composed, now or utcnow())
    db.session.add(row)
    try:
        boundary.commit_now("the digest's claim (unique key) is stored before it is sent")
    except IntegrityError:
        db.session.rollback()
        return None
    return row


def queue_manual_reminder(actor, tasks: Sequence, message: str) -> list[OutboxMessage]:
    """Queue one e-mail per lead agency for a manual reminder (đôn đốc); called by tasks.operations.remind.
    Goes to the agency's addresses and all its active focal points (a deliberate reminder, not the
    digest they may have opted out of). Flushes; the caller commits; the scheduler delivers."""
    by_agency = defaultdict(list)
    for task in tasks:
        if task.lead_agency is not None:
            by_agency[task.lead_agency].append(task)
    rows = []
    now = utcnow()
    for agency, agency_tasks in by_agency.items():
        recipients = list(agency.email_list) + list(
            db.session.scalars(
                select(User.email)
                .where(User.agency_id == agency.id, User.role == "focal", User.active.is_(True))
                .order_by(User.email)
            )
        )
        composed = compose_manual(
            actor, agency, agency_tasks, message, today(), list(dict.fromkeys(recipients))
        )
        row = _row(composed, now, actor)
        db.session.add(row)
        rows.append(row)
    db.session.flush()
    return rows


def _due_clause(now: dt.datetime):
    return or_(
        and_(
            OutboxMessage.status == "pending",
            or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
        ),
        and_(
            OutboxMessage.status == "failed",
            OutboxMessage.next_attempt_at.isnot(None),
            OutboxMessage.next_attempt_at <= now,
        ),
        and_(OutboxMessage.status == "sending", OutboxMessage.claimed_at < now - SENDING_TIMEOUT),
    )


def _take(row_id: int, now: dt.datetime) -> bool:
    """Move one due row to `sending` (committed); False when it is not due or another process has it."""
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == row_id, _due_clause(now))
        .values(status="sending", claimed_at=now, attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    boundary.commit_now("a row is marked sending before it is sent (no second sender)")
    return result.rowcount == 1


def deliver(row_id: int, now: dt.datetime | None = None) -> str | None:
    """Try to send one row now; returns its new status, or None when it was not ours to send."""
    config = current_app.config
    now = now or utcnow()
    if not mailer.is_configured(config):
        _note_not_configured([row_id])
        return None
    if not _take(row_id, now):
        return None
    row = db.session.get(OutboxMessage, row_id)
    db.session.refresh(row)
    if not row.recipients:
        row.status, row.last_error, row.next_attempt_at = "failed", NO_RECIPIENTS, None
        boundary.commit_now("the row's outcome is stored")
        return row.status
    try:
        refused = mailer.send(
            config, mailer.build(row, config["MAIL_FROM"]), [*row.recipients, *(row.cc or [])]
        )
    except (OSError, mailer.smtplib.SMTPException) as e:
        wait = backoff(row.attempts)
        row.status = "failed"
        row.last_error = _error_text(e)[:2000]
        row.next_attempt_at = now + wait if wait else None
        log.warning("Outbox message %s failed (attempt %s): %s", row.id, row.attempts, row.last_error)
    else:
        row.status, row.sent_at, row.next_attempt_at = "sent", now, None
        row.last_error = (_("Máy chủ từ chối: ") + ", ".join(sorted(refused))) if refused else ""
        log.info("Outbox message %s sent to %s", row.id, ", ".join(row.recipients))
    boundary.commit_now("the row's outcome is stored once it is sent")
    return row.status


def _error_text(e: Exception) -> str:
    if isinstance(e, mailer.smtplib.SMTPResponseException):
        detail = (
            e.smtp_error.decode("utf-8", "replace") if isinstance(e.smtp_error, bytes) else str(e.smtp_error)
        )
        return _("Máy chủ thư trả lời %(smtp_code)s: %(detail)s", smtp_code=e.smtp_code, detail=detail)
    if isinstance(e, mailer.smtplib.SMTPRecipientsRefused):
        return _("Máy chủ thư từ chối mọi người nhận: ") + ", ".join(
            f"{addr} ({code})" for addr, (code, _msg) in e.recipients.items()
        )
    if not isinstance(e, mailer.smtplib.SMTPException):  # OSError: refused, timed out, unreachable
        return _("Không kết nối được máy chủ thư: %(e)s", e=e)
    return f"{type(e).__name__}: {e}"


def _note_not_configured(row_ids=None) -> int:
    stmt = update(OutboxMessage).where(
        OutboxMessage.status == "pending", OutboxMessage.last_error != NOT_CONFIGURED
    )
    if row_ids is not None:
        stmt = stmt.where(OutboxMessage.id.in_(row_ids))
    result = db.session.execute(
        stmt.values(last_error=NOT_CONFIGURED).execution_options(synchronize_session=False)
    )
    boundary.commit_now("the rows say why they wait")
    return result.rowcount


def deliver_pending(now: dt.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Send every due row (new ones, retries whose time has come); counts by outcome."""
    now = now or utcnow()
    counts = {"sent": 0, "failed": 0, "pending": 0}
    if not mailer.is_configured(current_app.config):
        _note_not_configured()
        counts["pending"] = db.session.scalar(
            select(db.func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "pending")
        )
        return counts
    ids = db.session.scalars(
        select(OutboxMessage.id).where(_due_clause(now)).order_by(OutboxMessage.id).limit(limit)
    ).all()
    boundary.commit_now("each row is then sent in transactions of its own")
    for row_id in ids:
        status = deliver(row_id, now)
        if status in counts:
            counts[status] += 1
    return counts


def resend(actor, row: OutboxMessage) -> OutboxMessage:
    """A monitor asks for a pending or failed message to be sent again now (its Message-ID stays, so
    a mail client shows one message). Recipients are looked up again when there were none. Flushes."""
    if not permissions.can_manage(actor):
        raise PermissionDenied(_("Chỉ cán bộ theo dõi mới gửi lại được thư nhắc việc."))
    if not row.can_resend:
        raise DomainError(_("Chỉ gửi lại được thư đang chờ gửi hoặc gửi lỗi."))
    if not mailer.is_configured(current_app.config):
        raise DomainError(_(NOT_CONFIGURED))
    if not row.recipients:
        if row.kind == "weekly":
            row.recipients = monitor_recipients()
        elif row.agency is not None:
            row.recipients = agency_recipients(row.agency)
    row.status = "pending"
    row.next_attempt_at = utcnow()
    row.last_error = ""
    audit.record("reminders.resend", row, actor=actor, subject=row.subject)
    db.session.flush()
    return row
