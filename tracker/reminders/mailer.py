"""Talking to the mail server: an outbox row becomes a MIME message (text + HTML, UTF-8) sent by SMTP."""

from __future__ import annotations

import smtplib
import ssl
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, make_msgid, parseaddr

from tracker.core import mail
from tracker.db import utcnow


def is_configured(config) -> bool:
    return mail.is_configured(config)


def describe(config) -> str:
    """'smtp.example.vn:587 (starttls)', for the settings and log pages."""
    if not is_configured(config):
        return ""
    return f"{config['SMTP_HOST']}:{config['SMTP_PORT']} ({config.get('SMTP_SECURITY') or 'none'})"


def build(row, mail_from: str) -> MIMEMultipart:
    """The MIME message of an outbox row: multipart/alternative, text then HTML, UTF-8.

    Built with the compat32 classes and `Header` on purpose: the modern `EmailMessage` folds a long
    Vietnamese subject into encoded words separated by bare whitespace, which RFC 2047 decoders drop
    ("Sở Tài chính: 3" arrives as "Sở Tài chính:3"); `Header` keeps every space inside the words."""
    msg = MIMEMultipart("alternative")
    msg["Subject"] = Header(row.subject, "utf-8")
    name, address = parseaddr(mail_from)
    msg["From"] = formataddr((name, address), charset="utf-8") if name else address
    msg["To"] = ", ".join(row.recipients)
    if getattr(row, "cc", None):
        msg["Cc"] = ", ".join(row.cc)
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = row.message_id or make_msgid(domain="tracker.local")
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"
    msg.attach(MIMEText(row.body_text, "plain", "utf-8"))
    msg.attach(MIMEText(row.body_html, "html", "utf-8"))
    return msg


def send(config, msg: MIMEMultipart, recipients: list[str]) -> dict:
    """Send through the configured server; returns the recipients it refused (others got the message).
    Raises smtplib.SMTPException or OSError when nothing was accepted or the server is unreachable."""
    host, port = config["SMTP_HOST"], int(config["SMTP_PORT"])
    timeout = float(config.get("SMTP_TIMEOUT") or 20)
    security = (config.get("SMTP_SECURITY") or "none").lower()
    context = ssl.create_default_context()
    if security == "ssl":
        server = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        server = smtplib.SMTP(host, port, timeout=timeout)
    try:
        server.ehlo()
        if security == "starttls":
            server.starttls(context=context)
            server.ehlo()
        if config.get("SMTP_USER"):
            server.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
        return server.send_message(msg, to_addrs=recipients)
    finally:
        try:
            server.quit()
        except (smtplib.SMTPException, OSError):
            server.close()
