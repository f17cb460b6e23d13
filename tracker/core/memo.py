"""A short-lived memo for figures that are expensive over a million tasks and the same for many
users (the home page counts of monitors and leaders, who all see every task).

An entry holds while the task history is unchanged — every workflow change writes a TaskEvent, so
the highest event id is the version of the data — and at most MAX_AGE seconds (which bounds the
one stale case: two transactions committing out of id order). Each web process keeps its own memo;
it is tied to the engine, so another database (a test's) never sees it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import func, select

from tracker.db import db

MAX_AGE = 60.0
MAX_ENTRIES = 256

_memos: WeakKeyDictionary = WeakKeyDictionary()


def data_version() -> int:
    """The highest task event id: one index lookup."""
    from tracker.tasks.models import TaskEvent

    return db.session.scalar(select(func.max(TaskEvent.id))) or 0


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
