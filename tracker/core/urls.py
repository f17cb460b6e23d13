"""Addresses given out of the application (e-mails, feeds, webhooks, the API): TRACKER_BASE_URL."""

from __future__ import annotations

from flask import current_app


def absolute_url(path: str) -> str:
    """`path` (from url_for) on the address users reach the application at."""
    return current_app.config["BASE_URL"].rstrip("/") + path
