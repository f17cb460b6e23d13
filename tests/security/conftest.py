"""Fixtures of the security suite: a real SMTP server on loopback, clients from other addresses."""

from __future__ import annotations

import re
import socket
import threading
from email import message_from_bytes, policy

import pytest

from tests.conftest import _HASH, TEST_PASSWORD


@pytest.fixture(autouse=True)
def _cheap_test_hashes(monkeypatch):
    """The suite logs in hundreds of times: the test users' Argon2id hash uses light parameters
    (the real verify code runs; production hashes keep the library's defaults)."""
    from argon2 import PasswordHasher

    monkeypatch.setitem(
        _HASH, "h", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(TEST_PASSWORD)
    )


class Inbox:
    """What the loopback SMTP server received: parsed messages, newest last."""

    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.messages.append(
                {
                    "to": list(envelope.rcpt_tos),
                    "message": message_from_bytes(envelope.content, policy=policy.default),
                }
            )
        return "250 OK"

    def bodies(self, index=-1) -> tuple[str, str | None]:
        msg = self.messages[index]["message"]
        text = msg.get_body(preferencelist=("plain",)).get_content()
        html_part = msg.get_body(preferencelist=("html",))
        return text, html_part.get_content() if html_part else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(app):
    """A real SMTP server (aiosmtpd) on 127.0.0.1; the app is configured to send through it."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port, SMTP_SECURITY="none", SMTP_TIMEOUT=5)
    yield inbox
    controller.stop()


def login(client, email, password=TEST_PASSWORD, remember=False, follow=False, headers=None):
    data = {"email": getattr(email, "email", email), "password": password}
    if remember:
        data["remember"] = "y"
    return client.post("/login", data=data, follow_redirects=follow, headers=headers or {})


def client_from(app, address: str):
    """A browser at another address (loopback range: only a WSGI field, no traffic leaves)."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
_STYLE_ATTR = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)


def csp_violations(html: str) -> list[str]:
    """What our CSP (script-src/style-src 'self') would block in a page: inline scripts, inline
    event handlers, <style> blocks, style= attributes, javascript: links."""
    problems = []
    for attrs, body in _SCRIPT.findall(html):
        if "src=" not in attrs or body.strip():
            problems.append(f"inline script: {body.strip()[:60]!r}")
    if _HANDLER.search(html):
        problems.append(f"inline event handler: {_HANDLER.search(html).group(0)[:80]!r}")
    if re.search(r"<style\b", html, re.I):
        problems.append("<style> block")
    if _STYLE_ATTR.search(html):
        problems.append(f"style= attribute: {_STYLE_ATTR.search(html).group(0)[:80]!r}")
    if re.search(r"""href\s*=\s*["']\s*javascript:""", html, re.I):
        problems.append("javascript: link")
    return problems
