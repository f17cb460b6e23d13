"""What is stored of a secret handed to a user (an API token, a calendar feed URL, a password reset
link): its SHA-256, so a leaked database does not leak usable secrets."""

from __future__ import annotations

import hashlib


def hash_secret(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
