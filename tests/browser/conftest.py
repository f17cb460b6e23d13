"""Browser tests: the app served by a live server in a thread (on a free loopback port, against the
test database), driven in Chromium through Playwright. Minimal on purpose; to be unified with the
workflow branch's version."""

from __future__ import annotations

import shutil
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture
def live_server(app, app_config):
    """The application (a second instance on the same test database, CSRF on as in production)."""
    from tracker import create_app
    from tracker.db import db

    served = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    with served.app_context():
        db.engine.dispose()


@pytest.fixture
def page(live_server):
    """A Chromium page whose relative URLs go to the live server."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server, locale="vi-VN", viewport={"width": 1366, "height": 900})
        context.set_default_timeout(10_000)
        page = context.new_page()
        yield page
        context.close()
        browser.close()


@pytest.fixture
def login(page):
    """login(user_or_email, password=…): sign in through the login form."""
    from tests.conftest import TEST_PASSWORD

    def _login(user, password: str = TEST_PASSWORD):
        page.goto("/login")
        page.fill("input[name=email]", getattr(user, "email", user))
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/login" not in url)
        return page

    return _login
