"""The database the reports read: a read-only replica when TRACKER_REPORT_DATABASE_URL is set.

Report queries are long aggregates over the whole state history; on a busy PostgreSQL they belong on
a streaming replica. With the URL set, Flask-SQLAlchemy holds a second engine under the bind key
`reports`, opened read-only (PostgreSQL: `default_transaction_read_only`; SQLite: `mode=ro`). A
report query uses `report_engine()` (or `report_session()`) instead of `db.session`; without the URL
both are the main database. Figures read from a replica lag the primary by the replication delay
(normally below a second), which is harmless for reports as of a past cut-off.
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tracker.db import db

BIND_KEY = "reports"


def bind_options(url: str) -> dict:
    """SQLALCHEMY_BINDS entry for the report database at `url`, opened read-only."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("postgresql"):
        return {
            "url": url,
            "pool_pre_ping": True,
            "connect_args": {"options": "-c default_transaction_read_only=on"},
        }
    if url.startswith("sqlite:///") and "mode=ro" not in url:
        path = url[len("sqlite:///") :]
        return {"url": f"sqlite:///file:{path}?mode=ro&uri=true"}
    return {"url": url}


def report_engine() -> Engine:
    """The engine report queries run on (the replica when configured)."""
    return db.engines.get(BIND_KEY) or db.engine


@contextmanager
def report_session():
    """An ORM session on the report engine, for report code written with select(Model)."""
    session = Session(bind=report_engine())
    try:
        yield session
    finally:
        session.close()
