"""A short-lived memo for what is expensive over a million tasks and the same for many users: the
home page counts (every monitor and leader sees every task; the focal points of one agency see the
same tasks), and the rendered body of a task list page (`fragment`).

An entry holds while the data is unchanged and at most MAX_AGE seconds. The version of the data is
the highest id of `data_versions`, a row that the write path adds when a transaction that changed
one of the watched tables commits. The domains declare their tables (`watch(...)`: tasks and their
events, states and coordinators, agencies, documents); the session notes every change to them —
objects flushed, and INSERT/UPDATE/DELETE statements run through it — and adds the row in the same
transaction just before it commits. A writer that bypasses the session (the bulk COPY of an import
or of the synthetic data) calls `changed()` or `bump()` itself. Nothing depends on a class name or
on an audit entry being written. A login does not change the version.

MAX_AGE bounds the one stale case: two transactions committing out of id order. Each web process
keeps its own memo; it is tied to the engine, so another database (a test's) never sees it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from flask import current_app
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy import Connection, delete, event, func, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from tracker.db import UTCDateTime, db, utcnow

MAX_AGE = 60.0
MAX_ENTRIES = 256
FRAGMENT_ENTRIES = 512  # rendered list bodies kept per process (~50 KiB each)
CSRF_SLOT = "\x00csrf\x00"  # where the user's own CSRF token goes back into a shared fragment
KEEP_VERSIONS = 1000  # rows of data_versions kept (older ones are deleted now and then)

_memos: WeakKeyDictionary = WeakKeyDictionary()
_fragments: WeakKeyDictionary = WeakKeyDictionary()


class DataVersion(db.Model):
    """One row per committed transaction that changed what the shared pages show."""

    __tablename__ = "data_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


# ------------------------------------------------------------------ the write path


WATCHED: set[str] = set()  # names of the tables whose changes the shared pages show
_CHANGED = "tracker.data_changed"


def watch(*tables) -> None:
    """Declare tables (Table objects) whose changes make the shared pages stale."""
    WATCHED.update(t.name for t in tables)


def changed(session: Session | None = None) -> None:
    """Note that this transaction changed watched data (for writers that bypass the session)."""
    (session or db.session).info[_CHANGED] = True


def bump(connection: Connection) -> None:
    """Add the version row now, on a connection of its own (the bulk loaders), in its transaction."""
    connection.execute(insert(DataVersion.__table__).values(at=utcnow()))


@event.listens_for(Session, "after_flush")
def _note_flushed(session, flush_context):
    if session.info.get(_CHANGED):
        return
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(type(obj), "__table__", None)
        if table is not None and table.name in WATCHED:
            session.info[_CHANGED] = True
            return


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state):
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None and getattr(table, "name", None) in WATCHED:
            state.session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _add_version(session):
    if session.in_nested_transaction():
        return
    session.flush()  # so that what is still pending is noted before deciding
    if not session.info.pop(_CHANGED, False):
        return
    new_id = session.execute(insert(DataVersion.__table__).values(at=utcnow())).inserted_primary_key[0]
    if new_id and new_id % KEEP_VERSIONS == 0:
        session.execute(delete(DataVersion.__table__).where(DataVersion.id <= new_id - KEEP_VERSIONS))


@event.listens_for(Session, "after_rollback")
def _forget(session):
    session.info.pop(_CHANGED, None)
    session.info.pop(_READ_WITH_USER, None)


# ------------------------------------------------------------------ read with the user

# What every page reads besides its user — the data version, the unread notifications — is read in
# the user's own statement at the start of the request (tracker.create_app's user loader): a reused
# page then costs one statement. The packages declare their figure (`read_with_user`); a value holds
# until the session writes, commits or rolls back, after which it is read again.
WITH_USER: dict[str, Callable[[Any], Any]] = {}
_READ_WITH_USER = "tracker.read_with_user"


def read_with_user(name: str):
    """Declare `fn(user_id_column) -> scalar subquery`, read with the user at each request."""

    def register(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
        WITH_USER[name] = fn
        return fn

    return register


def columns_with_user(user_id_column) -> list:
    return [fn(user_id_column).label(name) for name, fn in WITH_USER.items()]


def note_read_with_user(row) -> None:
    """The values of `columns_with_user` as the user's statement returned them (a Row whose first
    element is the user)."""
    values = {name: getattr(row, name) for name in WITH_USER}
    values["user_id"] = row[0].id
    db.session.info[_READ_WITH_USER] = values


def noted(name: str) -> Any:
    """The value read with the user in this transaction, or None (read it yourself)."""
    values = db.session.info.get(_READ_WITH_USER)
    return values.get(name) if values else None


@event.listens_for(Session, "after_flush")
def _forget_read_with_user(session, flush_context):
    session.info.pop(_READ_WITH_USER, None)


@event.listens_for(Session, "after_commit")
def _forget_after_commit(session):
    session.info.pop(_READ_WITH_USER, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_on_write(state):
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info.pop(_READ_WITH_USER, None)


# ------------------------------------------------------------------ the readers


@read_with_user("data_version")
def _version_column(_user_id_column):
    return select(func.max(DataVersion.id)).scalar_subquery()


def data_version() -> int:
    """The version of the data the shared pages show: one index step (read with the user at the
    start of a request: `read_with_user`)."""
    version = noted("data_version")
    if version is not None:
        return version
    return db.session.scalar(select(func.max(DataVersion.id))) or 0


def memoized(key: tuple, compute: Callable[[], Any]) -> Any:
    """compute() once per version of the task history (and per MAX_AGE); the result is shared:
    callers must not change it."""
    memo = _memos.setdefault(db.engine, {})
    version, now = data_version(), time.monotonic()
    hit = memo.get(key)
    if hit is not None and hit[0] == version and now - hit[1] < MAX_AGE:
        return hit[2]
    value = compute()
    if len(memo) >= MAX_ENTRIES:
        memo.clear()
    memo[key] = (version, now, value)
    return value


def fragment(key: tuple, render: Callable[[], str]) -> Markup:
    """A rendered piece of page shared by the users who see the same thing (the caller puts in
    `key` everything the piece depends on besides the data: the user's scope, the query, the
    language, the date). The CSRF token of the user who rendered it is never shared: it is cut out
    when stored and the current user's is put back. TRACKER_PAGE_CACHE = 0 turns this off."""
    max_age = current_app.config.get("TRACKER_PAGE_CACHE", 30)
    if not max_age:
        return _rendered(render())
    cache = _fragments.setdefault(db.engine, OrderedDict())
    version, now = data_version(), time.monotonic()
    hit = cache.get(key)
    if hit is not None and hit[0] == version and now - hit[1] < max_age:
        cache.move_to_end(key)
        return _rendered(hit[2].replace(CSRF_SLOT, generate_csrf()))
    html = str(render())
    token = generate_csrf()
    cache[key] = (version, now, html.replace(token, CSRF_SLOT))
    cache.move_to_end(key)
    while len(cache) > FRAGMENT_ENTRIES:
        cache.popitem(last=False)
    return _rendered(html)


def _rendered(html: str) -> Markup:
    """Output of a Jinja template (autoescaped when it was rendered): inserted as it is."""
    return Markup(html)  # noqa: S704  # nosec B704
