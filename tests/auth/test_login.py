"""Logging in and out: what a civil servant relies on, and what an attacker tries."""

from tracker.users.models import User


def test_a_user_logs_in_with_email_and_password_and_sees_the_dashboard(client, auth, make, db):
    make.user("monitor", email="theodoi@test.vn")
    db.session.commit()
    response = auth.login("THEODOI@test.vn", follow=True)
    assert response.status_code == 200
    assert "Tổng quan" in response.get_data(as_text=True)


def test_a_wrong_password_and_an_unknown_account_get_the_same_message(client, auth, make, db):
    make.user("monitor", email="a@test.vn")
    db.session.commit()
    wrong = auth.login("a@test.vn", password="sai-mat-khau").get_data(as_text=True)
    unknown = auth.login("khong-co@test.vn").get_data(as_text=True)
    assert "Thư điện tử hoặc mật khẩu không đúng." in wrong
    assert "Thư điện tử hoặc mật khẩu không đúng." in unknown


def test_pages_need_a_login(client):
    response = client.get("/tasks/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_next_only_redirects_within_the_site(client, auth, make, db):
    make.user("monitor", email="m@test.vn")
    db.session.commit()
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"):
        response = client.post(
            f"/login?next={target}", data={"email": "m@test.vn", "password": "mat-khau-thu-nghiem"}
        )
        assert response.status_code == 302
        assert response.headers["Location"] == "/", target
        client.post("/logout")
    response = client.post(
        "/login?next=/tasks/", data={"email": "m@test.vn", "password": "mat-khau-thu-nghiem"}
    )
    assert response.headers["Location"] == "/tasks/"


def test_a_deactivated_user_is_logged_out_and_cannot_log_in_again(client, auth, make, db):
    from tracker.users.operations import update_user

    admin = make.user("admin", agency=None, email="admin@test.vn")
    user = make.user("monitor", email="m2@test.vn")
    db.session.commit()
    auth.login(user)
    assert client.get("/tasks/").status_code == 200
    update_user(
        admin, user, email=user.email, full_name=user.full_name, role="monitor", agency=None, active=False
    )
    db.session.commit()
    assert client.get("/tasks/").status_code == 302  # the open session ended
    response = auth.login(user, follow=True)
    assert "Thư điện tử hoặc mật khẩu không đúng." in response.get_data(as_text=True)


def test_logout_is_a_post_and_ends_the_session(client, auth, make, db):
    make.user("monitor", email="m3@test.vn")
    db.session.commit()
    auth.login("m3@test.vn")
    assert client.get("/logout").status_code == 405
    auth.logout()
    assert client.get("/tasks/").status_code == 302


def test_changing_the_password_logs_out_other_sessions(app, make, db):
    user = make.user("monitor", email="m4@test.vn")
    db.session.commit()
    first, second = app.test_client(), app.test_client()
    for c in (first, second):
        c.post("/login", data={"email": "m4@test.vn", "password": "mat-khau-thu-nghiem"})
    response = first.post(
        "/account/password",
        data={
            "current": "mat-khau-thu-nghiem",
            "new": "mot-mat-khau-moi-dai",
            "confirm": "mot-mat-khau-moi-dai",
        },
    )
    assert response.status_code == 302
    assert first.get("/tasks/").status_code == 200
    assert second.get("/tasks/").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash != ""


def test_a_common_password_is_refused(client, auth, make, db):
    make.user("monitor", email="m5@test.vn")
    db.session.commit()
    auth.login("m5@test.vn")
    response = client.post(
        "/account/password",
        data={"current": "mat-khau-thu-nghiem", "new": "password123", "confirm": "password123"},
    )
    assert "quá phổ biến" in response.get_data(as_text=True)


def test_csrf_is_required_on_forms(app_config, make, db):
    from tracker import create_app

    app = create_app(app_config | {"WTF_CSRF_ENABLED": True})
    with app.app_context():
        make.user("monitor", email="m6@test.vn")
        db.session.commit()
        response = app.test_client().post(
            "/login", data={"email": "m6@test.vn", "password": "mat-khau-thu-nghiem"}
        )
        assert response.status_code in (200, 400)
        assert "Location" not in response.headers
        db.session.remove()
        db.engine.dispose()
