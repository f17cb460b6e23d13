"""The unit of work: one transaction per request, command, scheduler job or background job.

Operations flush, never commit. Whoever runs them — a page or an API call, a CLI command, a
scheduler job, the import job — commits once, at its boundary, and rolls back on any error, the
way indico's `RH.process` does:

- a request: `TrackerFlask.dispatch_request` commits after the view returned and before the
  response is built; any exception rolls back (and drops the flash messages the request queued,
  so "Đã lưu" is never shown for something that was not saved). A view that catches a failure to
  show it on its form calls `attempt()` (or `core.forms.save_or_keep`), which rolls back and marks
  the request so that nothing more is committed at its end;
- a CLI command, a scheduler job, the import job: `unit_of_work()` (or the `command` wrapper that
  create_app puts around every command of the application).

A failure becomes the message the user is shown in one place, `failure()`: a DomainError as the
operation raised it, a lost race on a task's version (StaleDataError) as StaleObject (409), the
database busy or unreachable (OperationalError) as DatabaseBusy (503). Pages render it (the error
page, or the form kept as typed), the API as JSON (`tracker.api.errors`), the CLI as its message.

A few writes need a transaction of their own; each is explicit and says why (grep `apart(` and
`commit_now(`): `apart()` for what stands whatever becomes of the request — a refusal's audit
entry, a form refused for its CSRF token, an API token's rate count: what the request wrote so far
is rolled back, the block is committed on its own — and `commit_now()` where something must not
happen before the data is stored: a login before its session cookie exists, a resent e-mail before
the outbox sends it, and the steps of the outbox and webhook deliveries (claimed, then sent, then
their outcome stored, so a second sender never sends twice). What must happen after the commit
happens after it: webhook deliveries once the response is out (`tracker.webhooks.hooks`), e-mails
from the outbox (`tracker.reminders.outbox`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flask import Flask, g, has_request_context, session
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from tracker.core.errors import DomainError, StaleObject
from tracker.core.text import N_
from tracker.db import db

logger = logging.getLogger(__name__)

STALE_MESSAGE = N_(
    "Dữ liệu vừa được người khác cập nhật trong lúc bạn lưu; thay đổi của bạn chưa được ghi. "
    "Hãy tải lại trang, xem các thay đổi mới rồi thực hiện lại."
)
DATABASE_BUSY = N_(
    "Chưa lưu được: cơ sở dữ liệu đang bận hoặc tạm thời không truy cập được. "
    "Thông tin bạn nhập vẫn còn trên biểu mẫu; hãy thử lưu lại sau ít phút."
)

_ROLLED_BACK = "_tracker_rolled_back"


class DatabaseBusy(DomainError):
    """The database was locked or unreachable while saving: nothing was written, try again."""

    code = "unavailable"
    http_status = 503


def failure(error: BaseException) -> DomainError | None:
    """The DomainError a failure is shown as, or None for an error that is not the user's to read
    (a bug: it becomes the 500 page)."""
    if isinstance(error, DomainError):
        return error
    if isinstance(error, StaleDataError):
        return StaleObject(STALE_MESSAGE)
    if isinstance(error, OperationalError):
        logger.warning("Save refused by the database: %s", error.orig)
        return DatabaseBusy(DATABASE_BUSY)
    return None


# ------------------------------------------------------------------ commit and rollback


def commit() -> None:
    """Commit the unit of work; a lost race found at the last flush becomes StaleObject."""
    try:
        db.session.commit()
    except StaleDataError as e:
        db.session.rollback()
        raise StaleObject(STALE_MESSAGE) from e


def rollback() -> None:
    """Undo what the unit of work wrote. In a request, nothing more is committed at its end: a view
    that shows a refusal on its form leaves the database as it found it."""
    db.session.rollback()
    if has_request_context():
        setattr(g, _ROLLED_BACK, True)


def commit_now(reason: str) -> None:
    """Commit what the request has written so far, before something that must not happen unless it
    is stored (`reason` says what; it is there for the reader). The request goes on in a new
    transaction, committed at its end as usual."""
    commit()


@contextmanager
def apart(reason: str) -> Iterator[None]:
    """A write that stands whatever becomes of the request (`reason` says why): what the request
    wrote so far is rolled back — a refused request writes nothing — and the block is committed on
    its own. A database failure here is logged, not raised: the refusal stands without its record."""
    db.session.rollback()
    try:
        yield
        db.session.commit()
    except OperationalError:
        db.session.rollback()
        logger.warning("Could not store %s", reason)


@contextmanager
def unit_of_work() -> Iterator[None]:
    """A command's, a job's or a thread's one transaction: committed when the block ends normally,
    rolled back on any error (which goes on up; a lost race on a task's version as StaleObject)."""
    try:
        yield
        commit()
    except StaleDataError as e:
        db.session.rollback()
        raise StaleObject(STALE_MESSAGE) from e
    except BaseException:
        db.session.rollback()
        raise


# ------------------------------------------------------------------ views that keep their form


@dataclass
class Outcome:
    """What `attempt` did: `value` when it succeeded, else `error` (rolled back) and its status."""

    ok: bool
    value: Any = None
    error: DomainError | None = None

    @property
    def message(self) -> str | None:
        return self.error.message if self.error else None

    @property
    def status(self) -> int:
        """The status of the page shown again: a refused input is a page like any other (200)."""
        if self.error is None or self.error.http_status == 422:
            return 200
        return self.error.http_status


def attempt(fn: Callable[[], Any]) -> Outcome:
    """Run fn() (which calls operations; it does not commit). On a failure the user can read
    (`failure`), roll back and return it; any other error goes on up to the boundary."""
    try:
        value = fn()
        # Written now, not at the boundary's commit: a lock, a lost race or a refused row is this
        # attempt's failure, shown on the form, and the commit that follows has nothing left to fail on.
        db.session.flush()
        return Outcome(True, value=value)
    except (DomainError, StaleDataError, OperationalError) as e:
        rollback()
        return Outcome(False, error=failure(e))


# ------------------------------------------------------------------ the request boundary


class TrackerFlask(Flask):
    """Flask whose every view runs in one transaction, committed when the view returns."""

    def dispatch_request(self):
        flashes = len(session.get("_flashes", ())) if "_flashes" in session else 0
        try:
            rv = super().dispatch_request()
            if g.pop(_ROLLED_BACK, False):
                db.session.rollback()
            else:
                commit()
        except BaseException:
            db.session.rollback()
            if "_flashes" in session and len(session["_flashes"]) > flashes:
                session["_flashes"] = session["_flashes"][:flashes]
            raise
        return rv


# ------------------------------------------------------------------ scheduler jobs and commands


def run_job(app: Flask, fn: Callable, *args) -> Any:
    """A scheduler job: fn(*args) in its own application context, as one unit of work."""
    with app.app_context():
        try:
            with unit_of_work():
                return fn(*args)
        finally:
            db.session.remove()


def command(callback: Callable) -> Callable:
    """A CLI command's callback run as one unit of work; a DomainError becomes its message."""
    import click

    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            with unit_of_work():
                return callback(*args, **kwargs)
        except DomainError as e:
            raise click.ClickException(e.message) from e

    return run


def wrap_commands(cmd) -> None:
    """Put `command` around a click command and, for a group, around each of its commands."""
    import click

    if getattr(cmd, "_tracker_unit_of_work", False):
        return
    if cmd.callback is not None:
        cmd.callback = command(cmd.callback)
    cmd._tracker_unit_of_work = True
    if isinstance(cmd, click.Group):
        for sub in cmd.commands.values():
            wrap_commands(sub)
