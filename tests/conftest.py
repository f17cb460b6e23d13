"""Shared fixtures. The suite runs on SQLite by default and on PostgreSQL when
TRACKER_TEST_DATABASE_URL points at a server (`make test` runs both). The schema is built by the
real Alembic migrations, once per session; each test gets clean tables."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from tracker import create_app
from tracker.core import dates
from tracker.db import db as _db

PG_URL = os.environ.get("TRACKER_TEST_DATABASE_URL", "")
IS_PG = PG_URL.startswith("postgresql")
TEST_PASSWORD = "mat-khau-thu-nghiem"


def _pg_url(url: str) -> str:
    return (
        url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
    )


def _migrate(url: str, instance: Path) -> None:
    from flask_migrate import upgrade

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "INSTANCE_PATH": str(instance),
            "TESTING": True,
            "SECRET_KEY": "test",
        }
    )
    with app.app_context():
        upgrade()
        _db.engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """A migrated database: a SQLite file to copy per test, or the PostgreSQL test database."""
    instance = tmp_path_factory.mktemp("instance")
    if IS_PG:
        url = _pg_url(PG_URL)
        name = url.rsplit("/", 1)[1].split("?")[0]
        admin = create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        _migrate(url, instance)
        return url
    path = tmp_path_factory.mktemp("db") / "template.sqlite3"
    _migrate(f"sqlite:///{path}", instance)
    return path


def _truncate_pg(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        tables = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname='public' AND tablename <> 'alembic_version'"
                )
            )
        ]
        if tables:
            conn.execute(
                text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
            )
    engine.dispose()


@pytest.fixture
def database_url(database_template, tmp_path):
    if IS_PG:
        _truncate_pg(database_template)
        return database_template
    path = tmp_path / "tracker.sqlite3"
    shutil.copy(database_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def app_config(database_url, tmp_path):
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "SMTP_HOST": None,
    }


class IsolatedClient(FlaskClient):
    """Each request runs in its own application context, as it does in production: a fresh `g`
    (so Flask-Login reloads the user) and a fresh database session. Data a test prepares must be
    committed first; what a request changed is seen after `db.session.expire_all()`."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        _db.session.remove()
        _db.engine.dispose()
    dates.freeze_today(None)


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(autouse=True)
def _no_real_mail(monkeypatch):
    """No test may reach a real mail server: only the loopback test server is allowed."""
    import smtplib

    real_init = smtplib.SMTP.__init__

    def guarded(self, host="", port=0, *args, **kwargs):
        if host and host not in ("127.0.0.1", "localhost", "::1"):
            raise AssertionError(f"a test tried to send mail to {host}")
        return real_init(self, host, port, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "__init__", guarded)


@pytest.fixture
def freeze(app):
    """freeze(date) sets the business 'today' for the test."""

    def _freeze(day: dt.date):
        dates.freeze_today(day)
        return day

    yield _freeze
    dates.freeze_today(None)


# ---------------------------------------------------------------- factories

_HASH: dict[str, str] = {}


def _password_hash() -> str:
    if "h" not in _HASH:
        from tracker.users.passwords import hash_password

        _HASH["h"] = hash_password(TEST_PASSWORD)
    return _HASH["h"]


class Factory:
    """Builds agencies, users, documents and tasks through the real operations."""

    def __init__(self, db):
        self.db = db
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n

    def agency(self, code=None, name=None, kind="department", parent=None, emails=""):
        from tracker.agencies.operations import create_agency

        n = self._next()
        agency = create_agency(
            None,
            code=code or f"CQ{n}",
            name=name or f"Cơ quan thử {n}",
            kind=kind,
            parent=parent,
            emails=emails,
        )
        self.db.session.flush()
        return agency

    def user(self, role="focal", agency=None, email=None, name=""):
        from tracker.users.models import User

        n = self._next()
        if role == "focal" and agency is None:
            agency = self.agency()
        user = User(
            email=email or f"user{n}@test.vn",
            role=role,
            agency=agency,
            full_name=name or f"Người dùng {n}",
            password_hash=_password_hash(),
        )
        self.db.session.add(user)
        self.db.session.flush()
        return user

    def document(
        self, symbol=None, issued_on=dt.date(2024, 1, 10), issuer_level="committee", kind="plan", **kw
    ):
        from tracker.documents.models import Document

        n = self._next()
        doc = Document(
            symbol=symbol or f"{n}/KH-UBND",
            kind=kind,
            issuer="UBND tỉnh",
            issuer_level=issuer_level,
            issued_on=issued_on,
            title=kw.pop("title", f"Văn bản thử {n}"),
            **kw,
        )
        self.db.session.add(doc)
        self.db.session.flush()
        return doc

    def monitor(self):
        if not hasattr(self, "_monitor"):
            self._monitor = self.user("monitor", agency=None, email="monitor@test.vn")
        return self._monitor

    def task(self, lead=None, document=None, deadline=dt.date(2024, 6, 30), assigned_on=None, **kw):
        from tracker.tasks.operations import create_task

        if document is None:
            # A document of its own, issued by the day the task is assigned (never after it).
            issued_on = min(dt.date(2024, 1, 10), assigned_on) if assigned_on else dt.date(2024, 1, 10)
            document = self.document(issued_on=issued_on)
        lead = lead or self.agency()
        kw.setdefault("title", f"Nhiệm vụ thử {self._next()}")
        kind = kw.pop("deadline_kind", "date" if deadline else "ongoing")
        task = create_task(
            self.monitor(),
            document,
            lead_agency=lead,
            deadline=deadline,
            deadline_kind=kind,
            assigned_on=assigned_on or document.issued_on,
            **kw,
        )
        self.db.session.flush()
        return task


@pytest.fixture
def make(db):
    return Factory(db)


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, user_or_email, password=TEST_PASSWORD, follow=False):
        email = getattr(user_or_email, "email", user_or_email)
        return self.client.post(
            "/login", data={"email": email, "password": password}, follow_redirects=follow
        )

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)
