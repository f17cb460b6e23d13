"""Login throttling: guessing passwords is stopped per account and address, per account and per
address, in the database (so every worker sees it), without telling which accounts exist."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.conftest import IsolatedClient
from tests.security.conftest import client_from, login
from tracker.audit.models import AuditEntry
from tracker.auth.models import LoginAttempt

WRONG = "Thư điện tử hoặc mật khẩu không đúng."
LOCKED = "Tạm khóa đăng nhập"


def _fail(client, email, times):
    for _ in range(times):
        response = login(client, email, password="sai-mat-khau-roi")
        assert response.status_code in (200, 429)
    return response


def _age(db, delta: dt.timedelta) -> None:
    """Time passes for the stored failures (moved back by `delta`)."""
    for attempt in db.session.scalars(select(LoginAttempt)):
        attempt.at = attempt.at - delta
    db.session.commit()


def _actions(db, email=None):
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    return [(e.action, e.ip) for e in entries if email is None or e.details.get("email") == email]


def test_five_wrong_passwords_lock_the_account_for_that_address_even_for_the_right_password(app, make, db):
    make.user("monitor", email="a@test.vn")
    db.session.commit()
    attacker = client_from(app, "127.0.0.9")
    fifth = _fail(attacker, "a@test.vn", 5)
    page = fifth.get_data(as_text=True)
    assert WRONG in page and LOCKED in page and "15 phút" in page
    response = login(attacker, "a@test.vn")  # the right password, now refused unchecked
    assert response.status_code == 429
    assert LOCKED in response.get_data(as_text=True)
    assert attacker.get("/tasks/").status_code == 302
    db.session.expire_all()
    assert _actions(db, "a@test.vn") == [("auth.login_failed", "127.0.0.9")] * 5 + [
        ("auth.lockout", "127.0.0.9"),
        ("auth.login_throttled", "127.0.0.9"),
    ]


def test_the_user_at_another_address_is_not_locked_out_by_one_attacker(app, make, db):
    make.user("monitor", email="b@test.vn")
    db.session.commit()
    _fail(client_from(app, "127.0.0.9"), "b@test.vn", 6)
    office = client_from(app, "127.0.0.20")
    assert login(office, "b@test.vn").status_code == 302
    assert office.get("/tasks/").status_code == 200


def test_an_unknown_account_locks_exactly_like_a_real_one(app, make, db):
    make.user("monitor", email="real@test.vn")
    db.session.commit()
    real = _fail(client_from(app, "127.0.0.9"), "real@test.vn", 6)
    ghost = _fail(client_from(app, "127.0.0.9"), "ghost@test.vn", 6)
    assert real.status_code == ghost.status_code == 429
    assert real.get_data(as_text=True).replace("real@test.vn", "X") == ghost.get_data(as_text=True).replace(
        "ghost@test.vn", "X"
    )


def test_a_lock_ends_when_the_failures_leave_the_window(app, make, db):
    make.user("monitor", email="c@test.vn")
    db.session.commit()
    client = client_from(app, "127.0.0.9")
    _fail(client, "c@test.vn", 5)
    assert login(client, "c@test.vn").status_code == 429
    # Sixteen minutes pass for the stored failures.
    _age(db, dt.timedelta(minutes=16))
    assert login(client, "c@test.vn").status_code == 302


def test_failures_spread_over_many_addresses_lock_the_account_everywhere(app, make, db):
    make.user("monitor", email="d@test.vn")
    db.session.commit()
    for n in range(4):  # each address stops at 5 for this account: 20 in all
        _fail(client_from(app, f"127.0.1.{n}"), "d@test.vn", 5)
    response = login(client_from(app, "127.0.0.20"), "d@test.vn")
    assert response.status_code == 429
    assert LOCKED in response.get_data(as_text=True)


def test_one_address_trying_many_accounts_is_locked(app, make, db):
    make.user("monitor", email="e@test.vn")
    for n in range(20):
        make.user("focal", email=f"nguoi{n}@test.vn")
    db.session.commit()
    sprayer = client_from(app, "127.0.0.9")
    for n in range(20):
        _fail(sprayer, f"nguoi{n}@test.vn", 1)
    assert login(sprayer, "e@test.vn").status_code == 429
    assert login(client_from(app, "127.0.0.20"), "e@test.vn").status_code == 302


def test_a_successful_login_forgets_that_addresss_earlier_failures(app, make, db):
    make.user("monitor", email="f@test.vn")
    db.session.commit()
    client = client_from(app, "127.0.0.9")
    _fail(client, "f@test.vn", 4)
    assert login(client, "f@test.vn").status_code == 302
    client.post("/logout")
    _fail(client, "f@test.vn", 4)
    assert login(client, "f@test.vn").status_code == 302


def test_the_lock_holds_across_workers(app, app_config, make, db):
    from tracker import create_app

    make.user("monitor", email="g@test.vn")
    db.session.commit()
    _fail(client_from(app, "127.0.0.9"), "g@test.vn", 5)
    other_worker = create_app(app_config)
    other_worker.test_client_class = IsolatedClient  # a fresh context per request
    try:
        client = other_worker.test_client()
        client.environ_base["REMOTE_ADDR"] = "127.0.0.9"
        with other_worker.app_context():
            assert login(client, "g@test.vn").status_code == 429
    finally:
        with other_worker.app_context():
            db.session.remove()
            db.engine.dispose()


def test_old_failures_are_pruned(app, make, db):
    client = client_from(app, "127.0.0.9")
    _fail(client, "h@test.vn", 2)
    _age(db, dt.timedelta(hours=2))
    _fail(client, "h@test.vn", 1)
    db.session.expire_all()
    assert len(db.session.scalars(select(LoginAttempt)).all()) == 1


def test_behind_a_reverse_proxy_the_client_address_is_the_forwarded_one(app_config, make, db):
    from tracker import create_app

    proxied = create_app(app_config | {"TRACKER_PROXIES": 1})
    proxied.test_client_class = IsolatedClient
    try:
        with proxied.app_context():
            make.user("monitor", email="p@test.vn")
            db.session.commit()
            client = proxied.test_client()
            login(client, "p@test.vn", password="sai-mat-khau", headers={"X-Forwarded-For": "127.0.0.77"})
            assert _actions(db, "p@test.vn") == [("auth.login_failed", "127.0.0.77")]
    finally:
        with proxied.app_context():
            db.session.remove()
            db.engine.dispose()


def test_without_a_configured_proxy_a_forged_forwarded_header_is_ignored(app, make, db):
    make.user("monitor", email="q@test.vn")
    db.session.commit()
    login(app.test_client(), "q@test.vn", password="sai-mat-khau", headers={"X-Forwarded-For": "127.0.0.99"})
    assert _actions(db, "q@test.vn") == [("auth.login_failed", "127.0.0.1")]
