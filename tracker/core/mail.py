"""Sending one e-mail through the configured SMTP server: the ONE place the application talks SMTP.

Configuration (tracker/config.py): SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD,
SMTP_SECURITY (none / starttls / ssl), SMTP_TIMEOUT, MAIL_FROM. With no SMTP_HOST nothing is sent:
the call is logged and an audit entry "mail.not_configured" is added (committed by the caller),
and nothing is raised. A failure to send raises MailError, so a caller with an outbox can retry.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app
from flask_babel import gettext as _

from tracker.core import signals
from tracker.core.text import N_

logger = logging.getLogger(__name__)


class MailError(Exception):
    """The SMTP server could not be reached or refused the message."""


def is_configured(config=None) -> bool:
    """A mail server is configured (TRACKER_SMTP_HOST): e-mails are sent, not only kept."""
    config = current_app.config if config is None else config
    return bool(config.get("SMTP_HOST"))


# What a monitor is told after a manual reminder (đôn đốc): the e-mail is queued in the outbox, and
# without a mail server it waits there — the message says so instead of "sent".
REMINDER_QUEUED = N_("Đã xếp thư đôn đốc vào hàng gửi đến cơ quan chủ trì.")
REMINDER_HELD = N_("Đã ghi thư đôn đốc vào hộp thư đi; chưa gửi được vì máy chủ thư chưa được cấu hình.")


def reminder_outcome() -> str:
    """The message shown once a reminder's e-mails are in the outbox (see REMINDER_QUEUED/HELD)."""
    return _(REMINDER_QUEUED if is_configured() else REMINDER_HELD)


def build_message(to: list[str], subject: str, text: str, html: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="tracker.local")
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def send_message(to: list[str], subject: str, text: str, html: str | None = None) -> bool:
    """Send one message; True when the server accepted it, False when no server is configured."""
    config = current_app.config
    recipients = [address for address in to if address]
    if not recipients:
        return False
    if not is_configured(config):
        logger.warning("No SMTP server configured; not sent: %r to %s", subject, recipients)
        # The subject and addresses only: a body may hold a secret link.
        signals.noted.send("mail.not_configured", actor=None, to=recipients, subject=subject)
        return False
    message = build_message(recipients, subject, text, html)
    host, port = config["SMTP_HOST"], int(config.get("SMTP_PORT") or 25)
    timeout = float(config.get("SMTP_TIMEOUT") or 20)
    security = (config.get("SMTP_SECURITY") or "none").lower()
    context = ssl.create_default_context()
    try:
        if security == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        else:
            server = smtplib.SMTP(host, port, timeout=timeout)
        with server:
            if security == "starttls":
                server.starttls(context=context)
            if config.get("SMTP_USER"):
                server.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
            server.send_message(message)
    except (smtplib.SMTPException, OSError) as e:
        logger.warning("Sending %r to %s failed: %s", subject, recipients, e)
        raise MailError(str(e)) from e
    logger.info("Sent %r to %s", subject, recipients)
    return True
