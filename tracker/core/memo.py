"""A short-lived memo for what is expensive over a million tasks and the same for many users: the
home page counts (every monitor and leader sees every task; the focal points of one agency see the
same tasks), and the rendered body of a task list page (`fragment`).

An entry holds while the data is unchanged and at most MAX_AGE seconds. The version of the data is
the highest task event id — every workflow change writes a TaskEvent — with the highest audit entry
id of each kind of object whose changes write no event but show on these pages (agencies renamed or
merged, documents edited: `data_version`). A login does not change it.
MAX_AGE bounds the one stale case: two transactions committing out of id order. Each web process
keeps its own memo; it is tied to the engine, so another database (a test's) never sees it.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from flask import current_app
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy import func, select

from tracker.db import db

MAX_AGE = 60.0
MAX_ENTRIES = 256
FRAGMENT_ENTRIES = 512  # rendered list bodies kept per process (~50 KiB each)
CSRF_SLOT = "\x00csrf\x00"  # where the user's own CSRF token goes back into a shared fragment

_memos: WeakKeyDictionary = WeakKeyDictionary()
_fragments: WeakKeyDictionary = WeakKeyDictionary()


# Changes that write no task event but show on the cached pages are found in the audit log by the
# kind of object they concern (an agency renamed or merged, a document edited, a section created, a day
# off added: the lists show "còn N ngày làm việc").
AUDITED_KINDS = ("Agency", "Document", "Task", "CalendarDay")


def data_version() -> tuple[int, ...]:
    """(highest task event id, highest audit entry id for each of AUDITED_KINDS): one statement,
    one index step each. Logins and other audit entries leave it unchanged."""
    from tracker.audit.models import AuditEntry
    from tracker.tasks.models import TaskEvent

    latest = [select(func.max(TaskEvent.id)).scalar_subquery()]
    latest += [
        select(func.max(AuditEntry.id)).where(AuditEntry.object_type == kind).scalar_subquery()
        for kind in AUDITED_KINDS
    ]
    return tuple(v or 0 for v in db.session.execute(select(*latest)).one())


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
