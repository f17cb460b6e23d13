"""A minimal file store for attachments uploaded through the API.

TODO(attachments): unify with `tracker/attachments/storage.py` (written in parallel for the pages)
when both are merged: same directory layout, same limits, one implementation.

Files live in UPLOAD_DIR (outside the web root) under a random name; the original name, type, size
and SHA-256 are kept in the `attachments` row. Nothing a client sends is used as a path.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path

from flask import current_app

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]+")


def upload_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def clean_name(name: str | None) -> str:
    """A display name safe to store and to put in a Content-Disposition header."""
    name = _UNSAFE.sub("_", (name or "").strip()).strip(". ") or "tep-dinh-kem"
    return name[-200:]


def save(stream) -> tuple[str, int, str]:
    """Write an uploaded stream; returns (stored name, size in bytes, sha256)."""
    stored = secrets.token_hex(20)
    digest = hashlib.sha256()
    size = 0
    target = upload_dir() / stored
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        while chunk := stream.read(64 * 1024):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return stored, size, digest.hexdigest()


def path_of(stored_name: str) -> Path:
    # Names come from the database, never from a client; still, nothing that could leave the folder.
    if not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,79}", stored_name or "") or ".." in stored_name:
        raise FileNotFoundError(stored_name)
    return upload_dir() / stored_name


def discard(stored_name: str) -> None:
    try:
        path_of(stored_name).unlink()
    except FileNotFoundError:
        pass
