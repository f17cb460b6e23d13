"""Fixtures of the report tests: the demo province loaded once per module (it takes a while)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import IS_PG, IsolatedClient, _truncate_pg
from tracker import create_app
from tracker.core import dates
from tracker.db import db as _db

DEMO_PASSWORD = "demo-2026"


@pytest.fixture(scope="module")
def demo_app(database_template, tmp_path_factory):
    """An app over a database holding the demo data, shared by the tests of one module (they only
    read it). On PostgreSQL it is the test database, emptied first like the per-test fixtures do."""
    tmp = tmp_path_factory.mktemp("demo")
    if IS_PG:
        _truncate_pg(database_template)
        url = database_template
    else:
        path = tmp / "demo.sqlite3"
        shutil.copy(database_template, path)
        url = f"sqlite:///{path}"
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "INSTANCE_PATH": str(tmp / "instance"),
            "UPLOAD_DIR": str(tmp / "uploads"),
            "SECRET_KEY": "test-secret",
            "WTF_CSRF_ENABLED": False,
            "SMTP_HOST": None,
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["seed", "demo"])
        assert result.exit_code == 0, result.output
        yield app
        _db.session.remove()
        _db.engine.dispose()
    dates.freeze_today(None)


@pytest.fixture
def demo_client(demo_app):
    return demo_app.test_client()


@pytest.fixture
def login(demo_client):
    """login(email) signs a demo user in on `demo_client`."""

    def _login(email: str):
        response = demo_client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        return demo_client

    return _login
