"""A backup taken while the application runs restores into a fresh database with the same figures."""

import datetime as dt
import shutil

import pytest
from sqlalchemy import create_engine, func, select, text

from tests.conftest import IS_PG
from tracker.backup import operations
from tracker.bench import floor

AS_OF = (dt.date(2024, 9, 14), dt.date(2026, 6, 30))


def _figures(engine):
    with engine.connect() as conn:
        return (
            [floor.summary(conn, d) for d in AS_OF],
            floor.by_agency(conn, AS_OF[0]),
            conn.execute(text("SELECT COUNT(*) FROM task_events")).scalar(),
        )


def test_a_backup_restored_into_a_fresh_database_gives_the_same_report_figures(runner, db, tmp_path):
    assert runner.invoke(args=["seed", "synthetic", "--tasks", "400", "--agencies", "150"]).exit_code == 0
    before = _figures(db.engine)
    assert before[0][0]["total"] > 0
    target = tmp_path / "tracker.backup"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    if IS_PG:
        if shutil.which("pg_restore") is None:
            pytest.skip("pg_restore is not installed")
        url = db.engine.url
        fresh = url.set(database=f"{url.database}_restore")
        admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{fresh.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{fresh.database}"'))
        try:
            operations.run_pg(*operations.pg_restore_command(fresh, target))
            restored = create_engine(fresh)
            after = _figures(restored)
            restored.dispose()
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{fresh.database}" WITH (FORCE)'))
            admin.dispose()
    else:
        fresh_path = tmp_path / "restored.sqlite3"
        shutil.copy(target, fresh_path)
        restored = create_engine(f"sqlite:///{fresh_path}")
        after = _figures(restored)
        restored.dispose()
    assert after == before


def test_a_backup_never_overwrites_a_file(runner, tmp_path):
    target = tmp_path / "existing.backup"
    target.write_text("older backup")
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code != 0
    assert "đã tồn tại" in result.output
    assert target.read_text() == "older backup"


def test_the_pg_dump_command_keeps_the_password_off_the_command_line(tmp_path):
    from sqlalchemy.engine import make_url

    args, env = operations.pg_dump_command(
        make_url("postgresql+psycopg://u:secret@db.example:5433/tracker"), tmp_path / "t.dump"
    )
    assert "secret" not in " ".join(args)
    assert env == {"PGPASSWORD": "secret"}
    assert "--format=custom" in args and args[-1] == "tracker" and "--port=5433" in args


def test_backing_up_sqlite_while_a_writer_holds_a_transaction_gives_the_committed_state(
    app, db, make, tmp_path
):
    if IS_PG:
        pytest.skip("the SQLite online backup API")
    from tracker.agencies.models import Agency

    make.agency(code="DA-LUU")
    db.session.commit()
    make.agency(code="CHUA-LUU")  # flushed, not committed
    target = tmp_path / "snapshot.sqlite3"
    operations.backup_sqlite(db.engine, target)
    db.session.rollback()
    copy = create_engine(f"sqlite:///{target}")
    with copy.connect() as conn:
        codes = set(conn.execute(select(Agency.code)).scalars())
    copy.dispose()
    assert "DA-LUU" in codes and "CHUA-LUU" not in codes
    assert db.session.scalar(select(func.count()).select_from(Agency)) == 1
