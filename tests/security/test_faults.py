"""Faults: the database locked or gone while a user saves. The user gets a clear Vietnamese
page or message, keeps what they typed where the form can hold it, and nothing is half-written."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, func, select, text

from tests.conftest import IS_PG, TEST_PASSWORD, IsolatedClient
from tests.security.conftest import free_port, login
from tracker.audit.models import AuditEntry
from tracker.users.models import User

BUSY = "Chưa lưu được: cơ sở dữ liệu đang bận"
DOWN = "Cơ sở dữ liệu tạm thời không truy cập được"
NEW = "Cầu-Trần-Phú-lộng-gió"


@pytest.fixture
def fault_app(app_config):
    """The app with a short wait for locks (200 ms instead of 15 s), so a held lock fails fast."""
    from tracker import create_app
    from tracker.db import db as sqla

    config = dict(app_config)
    if IS_PG:
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "pool_pre_ping": True,
            "connect_args": {"options": "-c lock_timeout=200"},
        }
    else:
        config["SQLITE_BUSY_TIMEOUT_MS"] = 200
    app = create_app(config)
    app.test_client_class = IsolatedClient  # a fresh context per request
    with app.app_context():
        yield app
        sqla.session.remove()
        sqla.engine.dispose()


@contextmanager
def locked_database(url: str):
    """Another process holds the write lock: SQLite BEGIN EXCLUSIVE (readers go on, in WAL mode);
    PostgreSQL: the users table locked in EXCLUSIVE mode (reads go on, writes wait)."""
    if IS_PG:
        engine = create_engine(url)
        conn = engine.connect()
        trans = conn.begin()
        conn.execute(text("LOCK TABLE users IN EXCLUSIVE MODE"))
        try:
            yield
        finally:
            trans.rollback()
            conn.close()
            engine.dispose()
    else:
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()


def _count(db, model, *where):
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_password_change_while_the_database_is_locked_says_so_and_changes_nothing(
    fault_app, database_url, make, db
):
    user = make.user("monitor", email="lock@test.vn")
    db.session.commit()
    client = fault_app.test_client()
    login(client, user)
    form = {"current": TEST_PASSWORD, "new": NEW, "confirm": NEW}
    with locked_database(database_url):
        response = client.post("/account/password", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert BUSY in page and 'name="current"' in page  # the form again, with the reason
    assert _count(db, AuditEntry, AuditEntry.action == "auth.password_change") == 0
    assert client.get("/tasks/").status_code == 200  # still logged in, old session intact
    assert client.post("/account/password", data=form).status_code == 302  # once the lock is gone
    assert login(fault_app.test_client(), "lock@test.vn", password=NEW).status_code == 302


def test_a_new_account_typed_while_the_database_is_locked_stays_in_the_form(
    fault_app, database_url, make, db
):
    admin = make.user("admin", agency=None, email="admin@test.vn")
    agency = make.agency(code="STP", name="Sở Tư pháp")
    db.session.commit()
    client = fault_app.test_client()
    login(client, admin)
    form = {
        "email": "nguyen.van.a@stp.test.vn",
        "full_name": "Nguyễn Văn Á",
        "role": "focal",
        "agency_id": str(agency.id),
        "active": "y",
    }
    with locked_database(database_url):
        response = client.post("/admin/users/new", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and BUSY in page
    assert 'value="nguyen.van.a@stp.test.vn"' in page and 'value="Nguyễn Văn Á"' in page
    assert f'<option selected value="{agency.id}">' in page
    assert _count(db, User, User.email == "nguyen.van.a@stp.test.vn") == 0
    assert _count(db, AuditEntry, AuditEntry.action == "user.create") == 0
    assert client.post("/admin/users/new", data=form).status_code == 302
    assert _count(db, User, User.email == "nguyen.van.a@stp.test.vn") == 1


def test_an_account_edit_while_the_database_is_locked_keeps_the_input(fault_app, database_url, make, db):
    admin = make.user("admin", agency=None, email="admin2@test.vn")
    user = make.user("monitor", email="old@test.vn", name="Tên cũ")
    db.session.commit()
    client = fault_app.test_client()
    login(client, admin)
    form = {
        "email": "old@test.vn",
        "full_name": "Tên mới đang gõ",
        "role": "leader",
        "agency_id": "0",
        "active": "y",
    }
    with locked_database(database_url):
        response = client.post(f"/admin/users/{user.id}/edit", data=form)
    assert response.status_code == 503 and 'value="Tên mới đang gõ"' in response.get_data(as_text=True)
    db.session.expire_all()
    changed = db.session.get(User, user.id)
    assert (changed.full_name, changed.role) == ("Tên cũ", "monitor")


def test_a_login_while_the_database_is_locked_fails_clearly_and_logs_nobody_in(
    fault_app, database_url, make, db
):
    make.user("monitor", email="login-lock@test.vn")
    db.session.commit()
    client = fault_app.test_client()
    with locked_database(database_url):
        response = login(client, "login-lock@test.vn")
    assert response.status_code == 503 and DOWN in response.get_data(as_text=True)
    assert client.get("/tasks/").status_code == 302  # no session without an audited login
    assert _count(db, AuditEntry, AuditEntry.action == "auth.login") == 0


def _gone_url() -> str:
    if IS_PG:
        return f"postgresql+psycopg://tracker:tracker@127.0.0.1:{free_port()}/gone?connect_timeout=2"
    return "sqlite:////nonexistent-tracker-dir/gone/tracker.sqlite3"


def test_when_the_database_is_gone_every_page_says_so_clearly(app, app_config, make, db):
    """A logged-in user whose database disappears (the same secret key, a database that cannot be
    opened: a directory that does not exist, or a port nobody listens on)."""
    from tracker import create_app
    from tracker.db import db as sqla

    make.user("monitor", email="gone@test.vn")
    db.session.commit()
    client = app.test_client()
    login(client, "gone@test.vn")
    session_cookie = client.get_cookie("session").value
    broken = create_app(app_config | {"SQLALCHEMY_DATABASE_URI": _gone_url()})
    broken.test_client_class = IsolatedClient  # each request its own context, as in production
    try:
        user_browser = broken.test_client()
        user_browser.set_cookie("session", session_cookie)
        visitor = broken.test_client()
        answers = [
            user_browser.get("/tasks/"),
            user_browser.post(
                "/account/password", data={"current": TEST_PASSWORD, "new": NEW, "confirm": NEW}
            ),
            visitor.post("/login", data={"email": "gone@test.vn", "password": TEST_PASSWORD}),
        ]
        for response in answers:
            page = response.get_data(as_text=True)
            assert response.status_code == 503, (response.request.path, response.headers.get("Location"))
            assert DOWN in page and "chưa được lưu" in page
            assert "Traceback" not in page and "OperationalError" not in page
    finally:
        with broken.app_context():
            sqla.session.remove()
            sqla.engine.dispose()


def test_a_reset_link_request_with_the_mail_server_down_gets_the_same_answer(app, client, make, db):
    make.user("monitor", email="smtpdown@test.vn")
    db.session.commit()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port(), SMTP_TIMEOUT=2)
    response = client.post("/password/forgot", data={"email": "smtpdown@test.vn"}, follow_redirects=True)
    assert response.status_code == 200
    assert "Nếu địa chỉ này có tài khoản" in response.get_data(as_text=True)
    from tracker.auth.recovery import send_queued
    from tracker.core.boundary import run_job

    assert run_job(app, send_queued) == {"pending": 1}  # tried again a little later
    assert _count(db, AuditEntry, AuditEntry.action == "mail.failed") == 1


def test_a_save_over_someone_elses_newer_change_is_refused_clearly(app_config, make, db):
    """Optimistic locking: a view whose change to a task, changed meanwhile by another worker, is
    committed at the request's boundary gets a clear 409 page, and the other worker's change stays."""
    from sqlalchemy import update

    from tracker import create_app
    from tracker.db import db as sqla
    from tracker.tasks.models import Task

    app = create_app(app_config)
    app.test_client_class = IsolatedClient

    @app.route("/_test/rename/<int:task_id>", methods=["POST"])
    def _rename(task_id):
        task = sqla.session.get(Task, task_id)
        other_worker = create_engine(
            app_config["SQLALCHEMY_DATABASE_URI"].replace("postgresql://", "postgresql+psycopg://")
        )
        with other_worker.begin() as conn:
            conn.execute(
                update(Task)
                .where(Task.id == task_id)
                .values(title="Tên do người khác sửa", version=Task.version + 1)
            )
        other_worker.dispose()
        task.title = "Tên của tôi"  # written when the request commits, after the view returned
        return "saved"

    with app.app_context():
        task = make.task(title="Tên gốc")
        user = make.user("monitor", email="stale@test.vn")
        db.session.commit()
        client = app.test_client()
        login(client, user)
        response = client.post(f"/_test/rename/{task.id}")
        assert response.status_code == 409
        assert "vừa được người khác cập nhật" in response.get_data(as_text=True)
        db.session.expire_all()
        assert db.session.get(Task, task.id).title == "Tên do người khác sửa"
        sqla.session.remove()
        sqla.engine.dispose()
