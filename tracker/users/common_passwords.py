"""The list of common passwords that are refused (shipped as data in common_passwords.txt:
a local list, then the 10.000 most common passwords; see scripts/build_common_passwords.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def _load() -> frozenset[str]:
    path = Path(__file__).with_name("common_passwords.txt")
    return frozenset(
        line.strip().lower()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def is_common(password: str) -> bool:
    return password.strip().lower() in _load()
