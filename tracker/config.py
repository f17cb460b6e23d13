"""Configuration: safe embedded defaults, overridden by TRACKER_* environment variables."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def _instance_secret(instance_path: Path) -> str:
    """A secret key generated once and kept in the instance folder (never a constant in the code)."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Opened exclusively with 0600 so two workers starting at once cannot both write a different key.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_config(instance_path: Path) -> dict:
    """Build the configuration mapping from the environment."""
    env = os.environ
    instance_path.mkdir(parents=True, exist_ok=True)
    database_url = env.get("TRACKER_DATABASE_URL") or f"sqlite:///{instance_path / 'tracker.sqlite3'}"
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://") :]
    upload_dir = env.get("TRACKER_UPLOAD_DIR") or str(instance_path / "uploads")
    https = _bool(env.get("TRACKER_HTTPS"))
    return {
        "SECRET_KEY": env.get("TRACKER_SECRET_KEY") or _instance_secret(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "UPLOAD_DIR": upload_dir,
        "MAX_CONTENT_LENGTH": int(env.get("TRACKER_MAX_UPLOAD_MB", "20")) * 1024 * 1024,
        "BASE_URL": (env.get("TRACKER_BASE_URL") or "http://127.0.0.1:5000").rstrip("/"),
        # The programme reader's OCR of scanned documents (Debian: tesseract-ocr, tesseract-ocr-vie).
        "TESSERACT": env.get("TRACKER_TESSERACT") or "tesseract",
        "OCR_LANG": env.get("TRACKER_OCR_LANG") or "vie",
        "TIMEZONE": "Asia/Ho_Chi_Minh",
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Ho_Chi_Minh",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "LANGUAGES": ["vi", "en"],
        "BOOTSTRAP_SERVE_LOCAL": True,
        "BOOTSTRAP_BOOTSWATCH_THEME": None,
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_DURATION": 14 * 24 * 3600,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "TRACKER_HTTPS": https,
        # Reverse proxies in front of the app (nginx = 1): their X-Forwarded-For gives the client's
        # address for the audit log and the login throttle. 0 = none; never more than really exist.
        "TRACKER_PROXIES": int(env.get("TRACKER_PROXIES", "0")),
        "TRACKER_PAGE_SIZE": int(env.get("TRACKER_PAGE_SIZE", "50")),
        # Seconds a rendered task list body is reused by the users who see the same tasks, while no
        # task, agency, document or user has changed (tracker/core/memo.py); 0 = render every time.
        "TRACKER_PAGE_CACHE": int(env.get("TRACKER_PAGE_CACHE", "30")),
        # Seconds an import's claim and its job live without a sign of life from the process running
        # them (renewed every third of it): past it the import is taken as dead (tracker/imports/locks.py).
        "IMPORT_LEASE_SECONDS": float(env.get("TRACKER_IMPORT_LEASE_SECONDS", "60")),
        # Mail: with no SMTP host, messages stay in the outbox (visible in the UI) and are never pretended sent.
        "SMTP_HOST": env.get("TRACKER_SMTP_HOST") or None,
        "SMTP_PORT": int(env.get("TRACKER_SMTP_PORT", "25")),
        "SMTP_USER": env.get("TRACKER_SMTP_USER") or None,
        "SMTP_PASSWORD": env.get("TRACKER_SMTP_PASSWORD") or None,
        "SMTP_SECURITY": (env.get("TRACKER_SMTP_SECURITY") or "none").lower(),
        "SMTP_TIMEOUT": float(env.get("TRACKER_SMTP_TIMEOUT", "20")),
        "MAIL_FROM": env.get("TRACKER_MAIL_FROM") or "Theo doi nhiem vu <no-reply@tracker.local>",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    }
