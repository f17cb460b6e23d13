"""Headers and cookies: CSP without inline code, no sniffing, no framing, a same-origin referrer,
HSTS and Secure cookies when served over HTTPS, HttpOnly + SameSite=Lax always."""

from __future__ import annotations

import re

import pytest

from tests.conftest import IsolatedClient
from tests.security.conftest import csp_violations, login

CSP_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _csp(response) -> dict:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/login", "/password/forgot", "/no-such-page", "/static/app.css"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    response.close()  # a static file is streamed
    csp = _csp(response)
    for directive, value in CSP_DIRECTIVES.items():
        assert csp[directive] == value, directive
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_login_and_password_pages_are_not_cached(client):
    assert client.get("/login").headers["Cache-Control"] == "no-store"
    assert client.get("/password/forgot").headers["Cache-Control"] == "no-store"


def test_bootstrap_is_loaded_from_our_own_files_without_inline_code(client):
    page = client.get("/login").get_data(as_text=True)
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts and all('src="/' in tag for tag in scripts)
    assert csp_violations(page) == []
    assert csp_violations('<p style="color:red" onclick="x()"><script>alert(1)</script>') != []
    assert 'href="/bootstrap/static/css/bootstrap.min.css"' in page
    assert "cdn" not in page.lower()


def test_cookies_are_httponly_and_lax_and_not_secure_over_http(client, make, db):
    make.user("monitor", email="c@test.vn")
    db.session.commit()
    response = login(client, "c@test.vn", remember=True)
    cookies = response.headers.getlist("Set-Cookie")
    assert {c.split("=", 1)[0] for c in cookies} >= {"session", "remember_token"}
    for cookie in cookies:
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_over_https_there_is_hsts_and_every_cookie_is_secure(monkeypatch, app_config, make, db):
    from tracker import create_app

    monkeypatch.setenv("TRACKER_HTTPS", "1")
    app = create_app(app_config)
    app.test_client_class = IsolatedClient  # a fresh context per request
    with app.app_context():
        make.user("monitor", email="s@test.vn")
        db.session.commit()
        client = app.test_client()
        with app.app_context():
            page = client.get("/login", base_url="https://localhost")
            response = login(client, "s@test.vn", remember=True)
        assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        cookies = response.headers.getlist("Set-Cookie")
        assert len(cookies) >= 2
        for cookie in cookies:
            assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
        db.session.remove()
        db.engine.dispose()
