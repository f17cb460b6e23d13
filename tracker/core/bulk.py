"""Appending many rows fast: COPY on PostgreSQL (psycopg's `cursor.copy`), executemany on SQLite.

Shared by the import's batch writer (tracker.imports.batch) and the synthetic data
(tracker.seed.synthetic). Rows written to a table the shared pages show (`core.memo.WATCHED`) move
the pages' data version on: the session's at its commit, or this connection's at `commit()`.

Values are passed as the database stores them — dates as ISO strings, UTC timestamps as
'YYYY-MM-DD HH:MM:SS.ffffff', JSON as text — so no per-value conversion runs in Python. Table and
column names come from the code, never from input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from flask import has_app_context
from sqlalchemy import Connection, func, select, text
from sqlalchemy.exc import DBAPIError

from tracker.core import memo
from tracker.db import db

# Tables whose integer primary key is a sequence on PostgreSQL (reset after explicit ids).
ID_TABLES = ("agencies", "users", "documents", "tasks", "task_events", "task_states", "extension_requests")

_ISO: dict[dt.date, str] = {}


def iso(day: dt.date | None) -> str | None:
    """A date as stored (cached: a data set has a few thousand distinct days)."""
    if day is None:
        return None
    value = _ISO.get(day)
    if value is None:
        value = _ISO[day] = day.isoformat()
    return value


def stamp(day: dt.date, minutes: int) -> str:
    """A UTC timestamp on business day `day`: 08:00 in Asia/Ho_Chi_Minh (01:00 UTC) plus `minutes`."""
    hour, minute = divmod(60 + minutes, 60)
    return f"{iso(day)} {hour:02d}:{minute:02d}:00.000000"


class BulkWriter:
    """Writes batches of rows inside the caller's transaction on `connection`."""

    def __init__(self, connection: Connection):
        self.connection = connection
        self.is_pg = connection.dialect.name == "postgresql"
        self.raw = connection.connection.driver_connection
        self.rows_written = 0
        self._inserts: dict[tuple, str] = {}
        self.replica = False
        self.wrote_watched = False

    def write(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        if not rows:
            return
        if table in memo.WATCHED and not self.wrote_watched:
            self.wrote_watched = True
            if has_app_context():
                memo.changed()  # written in the session's transaction: the version row at its commit
        if self.is_pg:
            from psycopg import sql

            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
            )
            with self.raw.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            statement = self._inserts.get((table, tuple(columns)))
            if statement is None:
                # Exactly the columns given (a compiled insert() would add those with a Python-side
                # default, and ask for more values than a row holds); the others take the table's.
                known = db.metadata.tables[table].columns
                names = ", ".join(f'"{known[c].name}"' for c in columns)
                statement = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'  # noqa: S608  # nosec B608
                self._inserts[(table, tuple(columns))] = statement
            cursor = self.raw.cursor()
            try:
                cursor.executemany(statement, rows)
            finally:
                cursor.close()
        self.rows_written += len(rows)

    def commit(self) -> None:
        # Rows went through the driver connection, outside SQLAlchemy's transaction bookkeeping.
        if self.wrote_watched:
            memo.bump(self.connection)
            self.wrote_watched = False
        self.connection.commit()
        self.raw.commit()

    def next_ids(self) -> dict[str, int]:
        """The first free id of each table (explicit ids let rows refer to each other before insert)."""
        return {name: self._max_id(name) + 1 for name in ID_TABLES}

    def _max_id(self, name: str) -> int:
        return self.connection.execute(select(func.max(db.metadata.tables[name].c.id))).scalar() or 0

    def prepare(self) -> None:
        if self.is_pg:
            # Foreign keys are not re-checked row by row during the load (as pg_restore
            # --disable-triggers does); the generator writes consistent ids, the tests check them on
            # SQLite with foreign keys on. Needs a superuser; otherwise the load is just slower.
            try:
                with self.connection.begin_nested():
                    self.connection.exec_driver_sql("SET session_replication_role = replica")
                self.replica = True
            except DBAPIError:
                self.replica = False
            return
        if not self.is_pg:
            # One loading connection: fewer fsyncs and a larger page cache; WAL keeps readers safe.
            self.connection.exec_driver_sql("PRAGMA synchronous=OFF")
            self.connection.exec_driver_sql("PRAGMA cache_size=-262144")

    def finish(self) -> None:
        """After the load: sequences past the explicit ids (PostgreSQL)."""
        if self.is_pg:
            if self.replica:
                self.connection.exec_driver_sql("RESET session_replication_role")
            for name in ID_TABLES:
                self.connection.execute(
                    text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v)"),
                    {"t": name, "v": max(self._max_id(name), 1)},
                )
        else:
            self.commit()
            self.connection.exec_driver_sql("PRAGMA synchronous=NORMAL")


def analyze(engine) -> None:
    """Fresh planner statistics (and, on PostgreSQL, the visibility map index-only scans need)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE)")
    else:
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
