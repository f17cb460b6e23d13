"""The English catalog: extract the messages, update the .po, compile the .mo — with pybabel.

Vietnamese is the source language (the msgids are the Vietnamese texts); the English texts live in
tracker/translations/en/LC_MESSAGES/messages.po, the one place to translate. Run:
    .venv/bin/python scripts/translations.py            # extract + update + compile, list what lacks English
    .venv/bin/python scripts/translations.py extract    # tracker/translations/messages.pot from babel.cfg
    .venv/bin/python scripts/translations.py update     # merge the .pot into the .po (new msgids empty)
    .venv/bin/python scripts/translations.py compile    # the .mo the app reads (also `make install`)
    .venv/bin/python scripts/translations.py missing    # the msgids with no English yet (exit 1 if any)
A msgid with no English falls back to Vietnamese; tests/core/test_translations.py fails on it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
DIRECTORY = ROOT / "tracker/translations"
POT = DIRECTORY / "messages.pot"
PO = DIRECTORY / "en/LC_MESSAGES/messages.po"
# The names the code calls the gettext functions by: `_` in templates and Python, `_l` for
# lazy_gettext at import time, `N_` for a label kept in Vietnamese where it is defined and
# translated where it is shown (tracker.core.text.N_), `ngettext` for plurals, `pgettext` (and its
# lazy and plural forms) for a short word whose English depends on where it stands (a context first:
# pgettext("field", "Văn bản") is "Document", the menu's _("Văn bản") "Documents").
KEYWORDS = [
    "_",
    "gettext",
    "_l",
    "lazy_gettext",
    "N_",
    "NC_:1c,2",
    "ngettext:1,2",
    "lazy_ngettext:1,2",
    "pgettext:1c,2",
    "lazy_pgettext:1c,2",
    "npgettext:1c,2,3",
]


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
    pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "--no-default-keywords",
        *keywords,
        "--no-location",
        "--sort-output",
        "--project",
        "tracker",
        "-o",
        str(POT),
        str(ROOT),
    )


def update() -> None:
    pybabel(
        "update",
        "-i",
        str(POT),
        "-d",
        str(DIRECTORY),
        "-l",
        "en",
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )


def compile_catalog() -> None:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="en")
    with PO.with_suffix(".mo").open("wb") as fh:
        write_mo(fh, catalog)


def missing() -> list[str]:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="en")
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if not all(strings):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def main(argv: list[str]) -> int:
    steps = argv or ["extract", "update", "compile", "report"]
    for step in steps:
        if step == "extract":
            extract()
        elif step == "update":
            update()
        elif step == "compile":
            compile_catalog()
        elif step in ("report", "missing"):
            lacking = missing()
            for text in lacking:
                print("no English yet:", text)
            if step == "missing" and lacking:
                return 1
        else:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
