"""Sessions end when they should: a stolen remember-me cookie is revoked by "Đăng xuất khỏi mọi
thiết bị" and by a password change; a login starts a fresh session."""

from __future__ import annotations

from sqlalchemy import select

from tests.conftest import TEST_PASSWORD
from tests.security.conftest import login
from tracker.audit.models import AuditEntry


def _stolen_remember_cookie(app, email) -> str:
    victim = app.test_client()
    assert login(victim, email, remember=True).status_code == 302
    cookie = victim.get_cookie("remember_token")
    assert cookie is not None, "a remember-me login sets the remember cookie"
    return cookie.value


def _thief(app, cookie_value):
    """Another browser holding only the stolen remember cookie (no session)."""
    thief = app.test_client()
    thief.set_cookie("remember_token", cookie_value)
    return thief


def test_a_remember_me_cookie_alone_logs_in_until_the_user_logs_out_everywhere(app, make, db):
    make.user("monitor", email="owner@test.vn")
    db.session.commit()
    stolen = _stolen_remember_cookie(app, "owner@test.vn")
    assert _thief(app, stolen).get("/tasks/").status_code == 200

    owner = app.test_client()
    login(owner, "owner@test.vn")
    page = owner.get("/account/password").get_data(as_text=True)
    assert "Đăng xuất khỏi mọi thiết bị" in page
    response = owner.post("/account/logout-everywhere")
    assert response.status_code == 302 and "/login" in response.headers["Location"]

    assert _thief(app, stolen).get("/tasks/").status_code == 302
    assert owner.get("/tasks/").status_code == 302  # this session ended too
    db.session.expire_all()
    assert (
        db.session.scalar(select(AuditEntry).where(AuditEntry.action == "auth.logout_everywhere")) is not None
    )


def test_a_stolen_remember_me_cookie_stops_working_after_a_password_change(app, make, db):
    make.user("monitor", email="owner2@test.vn")
    db.session.commit()
    stolen = _stolen_remember_cookie(app, "owner2@test.vn")
    owner = app.test_client()
    login(owner, "owner2@test.vn")
    response = owner.post(
        "/account/password",
        data={"current": TEST_PASSWORD, "new": "Ba-con-meo-trang-2026", "confirm": "Ba-con-meo-trang-2026"},
    )
    assert response.status_code == 302
    assert _thief(app, stolen).get("/tasks/").status_code == 302
    assert owner.get("/tasks/").status_code == 200  # the session that changed it was renewed


def test_logging_out_everywhere_needs_a_post(app, make, db):
    make.user("monitor", email="owner3@test.vn")
    db.session.commit()
    client = app.test_client()
    login(client, "owner3@test.vn")
    assert client.get("/account/logout-everywhere").status_code == 405
    assert client.get("/tasks/").status_code == 200


def test_nothing_from_before_the_login_survives_in_the_session(app, make, db):
    make.user("monitor", email="fix@test.vn")
    db.session.commit()
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["planted_by_attacker"] = "x"
    login(client, "fix@test.vn")
    with client.session_transaction() as sess:
        assert "planted_by_attacker" not in sess
        assert sess["_user_id"].startswith(
            str(db.session.scalar(select(AuditEntry.actor_id).where(AuditEntry.action == "auth.login")))
        )


def test_the_remember_cookie_is_httponly_and_lax(app, make, db):
    make.user("monitor", email="flags@test.vn")
    db.session.commit()
    response = login(app.test_client(), "flags@test.vn", remember=True)
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token="))
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Secure" not in header


def test_cookies_copied_before_logout_open_nothing_after_it(app, make, db):
    make.user("monitor", email="copied@test.vn")
    db.session.commit()
    owner = app.test_client()
    assert login(owner, "copied@test.vn", remember=True).status_code == 302
    session_cookie = owner.get_cookie("session").value
    remember_cookie = owner.get_cookie("remember_token").value
    # Before the logout the copies work, as the owner's own browser does.
    copy = app.test_client()
    copy.set_cookie("session", session_cookie)
    assert copy.get("/tasks/").status_code == 200

    response = owner.post("/logout")
    assert response.status_code == 302 and "/login" in response.headers["Location"]

    with_session = app.test_client()
    with_session.set_cookie("session", session_cookie)
    page = with_session.get("/tasks/")
    assert page.status_code == 302 and "/login" in page.headers["Location"]
    assert with_session.get("/api/v1/me").status_code == 401

    with_remember = app.test_client()
    with_remember.set_cookie("remember_token", remember_cookie)
    assert with_remember.get("/tasks/").status_code == 302
    assert with_remember.get("/api/v1/me").status_code == 401

    both = app.test_client()
    both.set_cookie("session", session_cookie)
    both.set_cookie("remember_token", remember_cookie)
    assert both.get("/tasks/").status_code == 302
    # The owner logs in again and works as before.
    assert login(owner, "copied@test.vn").status_code == 302
    assert owner.get("/tasks/").status_code == 200
