"""The one mail sender: through the configured SMTP server, or — with none configured — a logged,
audited no-op; a server that is down raises MailError for the caller (the outbox) to retry."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.security.conftest import free_port
from tracker.audit.models import AuditEntry
from tracker.core import mail


def test_a_message_reaches_the_smtp_server_with_text_and_html(app, smtp):
    with app.test_request_context():
        assert (
            mail.send_message(
                ["daumoi@stc.test.vn"], "Nhắc việc: sắp đến hạn", "Nội dung thư", "<p>Nội dung <b>thư</b></p>"
            )
            is True
        )
    assert len(smtp.messages) == 1
    received = smtp.messages[0]
    assert received["to"] == ["daumoi@stc.test.vn"]
    assert received["message"]["Subject"] == "Nhắc việc: sắp đến hạn"
    assert "no-reply@tracker.local" in received["message"]["From"]
    text, html = smtp.bodies()
    assert text.strip() == "Nội dung thư"
    assert "<b>thư</b>" in html


def test_without_an_smtp_server_nothing_is_sent_and_the_audit_log_says_so(app, db):
    app.config["SMTP_HOST"] = None
    with app.test_request_context():
        assert mail.send_message(["a@test.vn"], "Chủ đề", "bí mật-123") is False
        db.session.commit()
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "mail.not_configured"))
    assert entry.details == {"to": ["a@test.vn"], "subject": "Chủ đề"}  # never the body


def test_a_server_that_is_down_raises_mail_error(app):
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port(), SMTP_TIMEOUT=2)
    with app.test_request_context(), pytest.raises(mail.MailError):
        mail.send_message(["a@test.vn"], "Chủ đề", "Nội dung")


def test_starttls_refused_by_the_server_raises_mail_error(app, smtp):
    app.config["SMTP_SECURITY"] = "starttls"  # the loopback server offers no STARTTLS
    with app.test_request_context(), pytest.raises(mail.MailError):
        mail.send_message(["a@test.vn"], "Chủ đề", "Nội dung")
    assert smtp.messages == []
