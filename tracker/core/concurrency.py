"""Turning the database's concurrency failures into the domain's clear errors (no retries).

Tasks carry a version (`version_id_col`): an UPDATE made from a stale copy matches no row and
SQLAlchemy raises StaleDataError at flush or commit. Whoever calls an operation and commits wraps
both in `stale_guard()`, which rolls back and raises `StaleObject` with a Vietnamese message;
views, the API and the CLI already turn a DomainError into a clear answer (409 for StaleObject).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm.exc import StaleDataError

from tracker.core.errors import StaleObject
from tracker.db import db

STALE_MESSAGE = (
    "Dữ liệu vừa được người khác cập nhật trong lúc bạn lưu; thay đổi của bạn chưa được ghi. "
    "Hãy tải lại trang, xem các thay đổi mới rồi thực hiện lại."
)


@contextmanager
def stale_guard() -> Iterator[None]:
    """`with stale_guard(): operation(...); db.session.commit()` — a lost race becomes StaleObject."""
    try:
        yield
    except StaleDataError as e:
        db.session.rollback()
        raise StaleObject(STALE_MESSAGE) from e


def commit() -> None:
    """Commit the request's one transaction; a lost race becomes StaleObject (rolled back)."""
    with stale_guard():
        db.session.commit()
