"""The audit log: every login, failure and refusal with who, when and from where; admins search
it; nobody changes it; a refused request writes nothing else."""

from __future__ import annotations

import datetime as dt

from flask import abort
from sqlalchemy import func, select

from tests.conftest import IsolatedClient
from tests.security.conftest import client_from, login
from tracker.audit.models import AuditEntry
from tracker.core.dates import LOCAL_TZ
from tracker.users.models import User


def _entries(db, action):
    db.session.expire_all()
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def test_admins_search_the_log_by_actor_action_object_address_and_date(app, make, db):
    admin = make.user("admin", agency=None, email="quantri@test.vn", name="Trần Quản Trị")
    make.user("monitor", email="theodoi@test.vn", name="Lê Theo Dõi")
    db.session.commit()
    login(client_from(app, "127.0.0.7"), "theodoi@test.vn")
    login(client_from(app, "127.0.0.8"), "theodoi@test.vn", password="sai-mat-khau")
    client = client_from(app, "127.0.0.5")
    login(client, admin)

    def rows(**args):
        page = client.get("/admin/audit/", query_string=args)
        assert page.status_code == 200
        return page.get_data(as_text=True)

    everything = rows()
    assert "Đăng nhập sai" in everything and "127.0.0.8" in everything and "Lê Theo Dõi" in everything
    by_actor = rows(actor="theo dõi")
    assert "127.0.0.7" in by_actor and "127.0.0.5" not in by_actor
    by_ip = rows(ip="127.0.0.8")
    assert "Đăng nhập sai" in by_ip and "127.0.0.7" not in by_ip
    by_action = rows(action="auth.login_failed")
    assert "127.0.0.8" in by_action and "127.0.0.7" not in by_action
    theodoi = db.session.scalar(select(User).where(User.email == "theodoi@test.vn"))
    by_object = rows(object=f"User {theodoi.id}")
    assert "127.0.0.7" in by_object and "127.0.0.5" not in by_object
    today = dt.datetime.now(LOCAL_TZ).date()
    assert "127.0.0.7" in rows(date_from=today.isoformat(), date_to=today.isoformat())
    assert "Không có mục nào phù hợp." in rows(date_to=(today - dt.timedelta(days=1)).strftime("%d/%m/%Y"))
    assert "Không hiểu ngày «31/02/2024»" in rows(date_from="31/02/2024")
    assert "Không có mục nào phù hợp." in rows(actor="%")  # wildcards are literal


def test_the_log_is_paginated(app, make, db):
    from tracker.audit import log as audit

    admin = make.user("admin", agency=None, email="qt@test.vn")
    for n in range(60):
        audit.record("test.filler", actor=None, n=n)
    db.session.commit()
    client = app.test_client()
    login(client, admin)
    first = client.get("/admin/audit/?action=test.").get_data(as_text=True)
    assert "Sau »" in first and "page=2" in first
    second = client.get("/admin/audit/?action=test.&page=2").get_data(as_text=True)
    assert second.count("test.filler") >= 10


def test_only_admins_see_the_log_and_it_has_no_way_to_change_it(app, make, db):
    monitor = make.user("monitor", email="m@test.vn")
    db.session.commit()
    client = app.test_client()
    login(client, monitor)
    assert client.get("/admin/audit/").status_code == 403
    methods = {
        m for rule in app.url_map.iter_rules() if rule.endpoint.startswith("audit.") for m in rule.methods
    }
    assert methods <= {"GET", "HEAD", "OPTIONS"}
    refusal = _entries(db, "access.denied")[-1]
    assert refusal.actor_id == monitor.id and refusal.details["status"] == 403
    assert refusal.details["path"] == "/admin/audit/" and refusal.ip == "127.0.0.1"


def test_a_focal_point_asking_for_another_agencys_task_is_refused_and_logged(app, make, db):
    task = make.task(title="Nhiệm vụ của cơ quan khác")
    outsider = make.user("focal")
    db.session.commit()
    client = app.test_client()
    login(client, outsider)
    assert client.get(f"/tasks/{task.id}").status_code == 404
    refusal = _entries(db, "access.denied")[-1]
    assert refusal.actor_id == outsider.id
    assert refusal.details.items() >= {"status": 404, "object": "task", "id": task.id}.items()


def test_every_403_is_logged_even_one_raised_outside_the_access_helpers(app_config, make, db):
    from tracker import create_app

    app = create_app(app_config)
    app.test_client_class = IsolatedClient  # a fresh context per request

    @app.route("/_test/forbidden")
    def _forbidden():
        abort(403)

    with app.app_context():
        user = make.user("monitor", email="f@test.vn")
        db.session.commit()
        client = app.test_client()
        with app.app_context():
            login(client, user)
            assert client.get("/_test/forbidden").status_code == 403
        assert [e.details["path"] for e in _entries(db, "access.denied")] == ["/_test/forbidden"]
        db.session.remove()
        db.engine.dispose()


def test_a_refused_request_writes_nothing_but_the_refusal(app_config, make, db):
    """refuse() used to commit whatever the view had changed before the check failed."""
    from tracker import create_app
    from tracker.tasks.permissions import get_task_or_404

    app = create_app(app_config)
    app.test_client_class = IsolatedClient  # a fresh context per request

    @app.route("/_test/half-done")
    def _half_done():
        from flask_login import current_user

        current_user.full_name = "Đã bị sửa trước khi bị từ chối"
        get_task_or_404(task_id)
        return "not reached"

    with app.app_context():
        task = make.task()
        task_id = task.id
        outsider = make.user("focal", email="o@test.vn", name="Tên gốc")
        db.session.commit()
        client = app.test_client()
        with app.app_context():
            login(client, outsider)
            assert client.get("/_test/half-done").status_code == 404
        db.session.expire_all()
        assert db.session.get(User, outsider.id).full_name == "Tên gốc"
        assert len(_entries(db, "access.denied")) == 1
        db.session.remove()
        db.engine.dispose()


def test_logins_and_failures_carry_the_address_and_a_failure_names_no_actor(app, make, db):
    user = make.user("monitor", email="ip@test.vn")
    db.session.commit()
    login(client_from(app, "127.0.0.33"), "ip@test.vn")
    login(client_from(app, "127.0.0.34"), "ip@test.vn", password="sai-mat-khau")
    assert [(e.ip, e.actor_id) for e in _entries(db, "auth.login")] == [("127.0.0.33", user.id)]
    failure = _entries(db, "auth.login_failed")
    # Whoever typed the wrong password is unknown: the account is the object, not the actor.
    assert [(e.ip, e.actor_id, e.object_type, e.object_id) for e in failure] == [
        ("127.0.0.34", None, "User", str(user.id))
    ]
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 2
