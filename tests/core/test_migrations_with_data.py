"""The migrations since the last landed release (0008_page_version) upgrade a database that holds
data: a migration that copies a table referenced by others (SQLite's batch mode) would be refused by
the foreign keys of the rows pointing at it — a deployment's upgrade, not an empty test database."""

from __future__ import annotations

import sqlite3

from flask_migrate import upgrade

from tracker import create_app

LAST_LANDED = "0008_page_version"
VALUES = {"INTEGER": 1, "BOOLEAN": 0, "DATE": "2026-01-05", "DATETIME": "2026-01-05 00:00:00", "JSON": "[]"}


def _fill(conn: sqlite3.Connection, table: str) -> None:
    """One row with a value for every required column (ids 1: the rows of the tables before it)."""
    names, values = [], []
    for _cid, name, kind, notnull, default, pk in conn.execute(f"PRAGMA table_info({table})"):  # noqa: S608
        if pk or not notnull or default is not None:
            continue
        names.append(name)
        kind = kind.upper()
        value = next((v for k, v in VALUES.items() if kind.startswith(k)), "x")
        values.append(f"{table[:3]}-{name}" if value == "x" else value)
    marks = ", ".join("?" for _ in names)
    conn.execute(f"INSERT INTO {table} (id, {', '.join(names)}) VALUES (1, {marks})", values)  # noqa: S608


def test_the_new_migrations_upgrade_a_database_holding_data(tmp_path):
    path = tmp_path / "deployed.sqlite3"
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "x", "INSTANCE_PATH": str(tmp_path)}
    )
    with app.app_context():
        upgrade(revision=LAST_LANDED)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=ON")
    for table in ("agencies", "users", "documents", "tasks", "task_events", "task_states", "outbox_messages"):
        _fill(conn, table)
    conn.commit()
    conn.close()
    with app.app_context():
        upgrade()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM tasks").fetchone() == (1,)
    assert conn.execute("SELECT published_by_id, head_email FROM documents, agencies").fetchone() == (
        None,
        "",
    )
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
