"""A real SMTP server on loopback (aiosmtpd), and helpers to prepare an agency's tasks."""

from __future__ import annotations

import email
import socket
import threading
import time
from dataclasses import dataclass
from email import policy

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.raw, policy=policy.default)

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def text(self) -> str:
        return self.message.get_body(("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(("html",)).get_content()


class Collector:
    """An aiosmtpd handler that keeps what it receives, or refuses it with `refuse` ('451 …', '554 …')."""

    def __init__(self):
        self.received: list[Received] = []
        self.refuse: str | None = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return self.refuse
        with self.lock:
            self.received.append(
                Received(
                    envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content
                )
            )
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.handler = Collector()
        self.controller = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, enable_SMTPUTF8=True)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def refuse(self, reply: str | None):
        self.handler.refuse = reply

    def wait_for(self, count: int, timeout: float = 60) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received) >= count:
                return self.received
            time.sleep(0.1)
        raise AssertionError(f"expected {count} messages, got {len(self.received)}")

    def by_subject_start(self, start: str) -> list[Received]:
        return [r for r in self.received if r.subject.startswith(start)]


@pytest.fixture
def smtp(app):
    """A running SMTP server the application is configured to use."""
    server = SMTPServer().start()
    app.config.update(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=server.port,
        SMTP_SECURITY="none",
        MAIL_FROM="Theo dõi nhiệm vụ <no-reply@tracker.example.vn>",
        BASE_URL="https://theodoi.example.vn",
    )
    yield server
    server.stop()


@pytest.fixture
def down_smtp(app):
    """The application points at a mail server that is not running (yet): `.start()` brings it up."""
    server = SMTPServer()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port, SMTP_SECURITY="none", SMTP_TIMEOUT=5)
    yield server
    server.stop()
