"""The migrations build exactly the schema the models describe."""

import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tracker.db import db as sqla
from tracker.tasks.search import include_object


def test_models_and_migrations_agree(app, db):
    with sqla.engine.connect() as conn, warnings.catch_warnings():
        # An index on an expression (tracker.tasks.search.EXPRESSION_INDEXES) is not reflected.
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        warnings.filterwarnings("ignore", message="autogenerate skipping metadata-specified expression-based")
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        diff = compare_metadata(context, sqla.metadata)
    assert diff == []


def test_the_audit_log_cannot_be_changed(app, db, make):
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from tracker.audit import log as audit

    audit.record("test.entry", actor=None)
    db.session.commit()
    with pytest.raises(DBAPIError):
        db.session.execute(text("UPDATE audit_log SET action = 'forged'"))
        db.session.commit()
    db.session.rollback()
    with pytest.raises(DBAPIError):
        db.session.execute(text("DELETE FROM audit_log"))
        db.session.commit()
    db.session.rollback()
