"""Backing up the database while the application runs.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies a consistent snapshot page by page
while readers and writers carry on; the copy is an ordinary database file — restore by stopping the
application and putting the file in place of the old one. PostgreSQL: `pg_dump --format=custom`
(a consistent snapshot too), restored with `pg_restore` into an empty database.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # nosec B404
from pathlib import Path

from sqlalchemy.engine import URL, Engine


def backup_sqlite(engine: Engine, target: Path, pages_per_step: int = 4096) -> int:
    """Copy the SQLite database of `engine` to `target` (a new file); returns its size in bytes."""
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        destination = sqlite3.connect(target)
        try:
            with destination:
                source.backup(destination, pages=pages_per_step)
        finally:
            destination.close()
    finally:
        raw.close()
    return target.stat().st_size


def pg_dump_command(url: URL, target: Path) -> tuple[list[str], dict[str, str]]:
    """The pg_dump argument list and environment for the database at `url`: the password goes in
    PGPASSWORD, never on the command line (where `ps` would show it)."""
    args = [
        shutil.which("pg_dump") or "pg_dump",
        "--format=custom",
        "--no-owner",
        f"--file={target}",
        f"--host={url.host or 'localhost'}",
        f"--port={url.port or 5432}",
        f"--username={url.username or ''}",
        url.database or "",
    ]
    env = {"PGPASSWORD": url.password} if url.password else {}
    return args, env


def pg_restore_command(url: URL, source: Path) -> tuple[list[str], dict[str, str]]:
    """The pg_restore argument list and environment to load `source` into the (empty) database at `url`."""
    args = [
        shutil.which("pg_restore") or "pg_restore",
        "--no-owner",
        "--exit-on-error",
        f"--host={url.host or 'localhost'}",
        f"--port={url.port or 5432}",
        f"--username={url.username or ''}",
        f"--dbname={url.database or ''}",
        str(source),
    ]
    env = {"PGPASSWORD": url.password} if url.password else {}
    return args, env


def run_pg(args: list[str], env: dict[str, str]) -> None:
    """Run pg_dump / pg_restore; CalledProcessError (with its stderr) when it fails."""
    subprocess.run(args, env={**os.environ, **env}, check=True, capture_output=True, text=True)  # noqa: S603  # nosec B603


def shown(args: list[str]) -> str:
    """The command as a user would type it (the password is in PGPASSWORD, not shown)."""
    return " ".join(args)
