"""Only one scheduler runs the jobs: the leader. Others wait and take over when it dies.

On PostgreSQL the leader holds a session-level advisory lock on a dedicated connection; the server
releases it when that connection ends (process killed, host gone), so a waiting scheduler gets it.
On SQLite (one host by nature) an exclusive `flock` on a file in the instance folder does the same.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

log = logging.getLogger("tracker.scheduler")

# The advisory lock's key: "trak" in ASCII. Advisory locks are per database, so deployments on
# different databases never compete.
ADVISORY_KEY = 0x7472616B


class PostgresLeaderLock:
    def __init__(self, engine):
        # Its own unpooled connection: closing it really ends the session (and frees the lock).
        self.engine = create_engine(engine.url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        self.conn = None

    def try_acquire(self) -> bool:
        try:
            if self.conn is None:
                self.conn = self.engine.connect()
            return bool(
                self.conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar()
            )
        except SQLAlchemyError as e:
            log.warning("Cannot reach the database for the leader lock: %s", e)
            self._drop()
            return False

    def still_held(self) -> bool:
        """The lock is still ours (False when the connection was lost, e.g. a database restart)."""
        if self.conn is None:
            return False
        try:
            held = self.conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                    "AND classid = 0 AND objid = :k AND objsubid = 1 AND granted"
                ),
                {"k": ADVISORY_KEY},
            ).scalar()
            return bool(held)
        except SQLAlchemyError:
            self._drop()
            return False

    def release(self) -> None:
        if self.conn is not None:
            try:
                self.conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
            except SQLAlchemyError:
                pass
            self._drop()
        self.engine.dispose()

    def _drop(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            except SQLAlchemyError:  # already broken: nothing left to close
                pass
            self.conn = None


class FileLeaderLock:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.fd: int | None = None

    def try_acquire(self) -> bool:
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd
        return True

    def still_held(self) -> bool:
        return self.fd is not None

    def release(self) -> None:
        import fcntl

        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def leader_lock(app, engine):
    """The lock that fits the application's database."""
    if engine.dialect.name == "postgresql":
        return PostgresLeaderLock(engine)
    return FileLeaderLock(Path(app.config.get("INSTANCE_PATH") or app.instance_path) / "scheduler.lock")
