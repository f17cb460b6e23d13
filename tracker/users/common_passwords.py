"""The list of common passwords that are refused (shipped as data in common_passwords.txt)."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def _load() -> frozenset[str]:
    path = Path(__file__).with_name("common_passwords.txt")
    return frozenset(line.strip().lower() for line in path.read_text().splitlines() if line.strip())


def is_common(password: str) -> bool:
    return password.strip().lower() in _load()
