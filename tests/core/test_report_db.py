"""Reports may read from a read-only replica (TRACKER_REPORT_DATABASE_URL)."""

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tracker import create_app
from tracker.bench import floor
from tracker.core.report_db import bind_options, report_engine
from tracker.db import db as sqla


def test_without_a_replica_reports_read_the_main_database(app):
    assert report_engine() is sqla.engine


def test_a_configured_replica_is_used_and_refuses_writes(app_config, make, db):
    make.task(deadline=dt.date(2024, 6, 30))
    db.session.commit()
    url = app_config["SQLALCHEMY_DATABASE_URI"]
    replica_app = create_app({**app_config, "SQLALCHEMY_BINDS": {"reports": bind_options(url)}})
    with replica_app.app_context():
        engine = report_engine()
        assert engine is not sqla.engine
        with engine.connect() as conn:
            assert floor.summary(conn, dt.date(2024, 7, 1))["total"] == 1
        with engine.connect() as conn, pytest.raises(DBAPIError):
            conn.execute(text("DELETE FROM task_states"))
            conn.commit()
        for e in sqla.engines.values():
            e.dispose()
