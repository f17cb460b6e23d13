"""Text helpers: Vietnamese diacritics folding for search."""

from __future__ import annotations

import unicodedata


def N_(text: str) -> str:
    """Marks a text for the catalog (pybabel extracts `N_`) where it is defined, as plain Vietnamese;
    the page translates it where it shows it (`_(label)` in a template, `gettext` in Python), so the
    exports, the API and the stored data keep the Vietnamese."""
    return text


def NC_(context: str, text: str) -> str:  # noqa: N802 - the catalog's keyword
    """`N_` for a short text that means two things (a button's «Đồng ý gia hạn», an event's): marked
    with its context, shown with `pgettext(context, text)`."""
    return text


def fold_slowly(text: str | None) -> str:
    """The definition of `fold`, one character category at a time."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.lower().split())


class _Stripped(dict):
    """Code point -> the character without its nonspacing marks (NFD, category Mn dropped), filled
    as characters are met, for str.translate. A character whose decomposition holds a combining
    mark of another category (canonical ordering could move it) is left as it is and noted."""

    unsafe: set[str] = set()

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        decomposed = unicodedata.normalize("NFD", ch)
        if any(unicodedata.combining(c) and unicodedata.category(c) != "Mn" for c in decomposed):
            self.unsafe.add(ch)
            value = ch
        else:
            value = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
        self[code] = value
        return value


_STRIPPED = _Stripped({ord("đ"): "d", ord("Đ"): "D"})


def fold(text: str | None) -> str:
    """Lower-case, strip Vietnamese diacritics (đ → d) and collapse spaces: 'Cải cách' -> 'cai cach'.
    (Exactly `fold_slowly`, a character at a time from a table: a search index of a million tasks,
    an import of 50.000 rows fold their text.)"""
    if not text:
        return ""
    if not text.isascii():
        stripped = text.translate(_STRIPPED)
        if _Stripped.unsafe and not _Stripped.unsafe.isdisjoint(text):
            return fold_slowly(text)
        text = stripped
    return " ".join(text.lower().split())


# ---------------------------------------------------------------- one line of text

# Characters a one-line text (a name, a title, a symbol) may not hold: the control characters
# (line breaks, tab, NUL, escape…) and the Unicode line and paragraph separators. A calendar name
# with a line break broke every fetch of its feed; a name in an e-mail header or a file name would
# too.
_LINE_BREAKING = {"Cc", "Zl", "Zp"}
CONTROL_MESSAGE = "không được chứa xuống dòng hay ký tự điều khiển (Tab, Enter…); hãy nhập trên một dòng."


def control_characters(value: str | None) -> list[str]:
    """The characters of `value` a one-line text may not hold (see above), in order, once each."""
    if not value or (value.isprintable() and value.isascii()):
        return []
    found = []
    for ch in value:
        if unicodedata.category(ch) in _LINE_BREAKING and ch not in found:
            found.append(ch)
    return found


def matches(q: str | None, *texts: str | None) -> bool:
    """Every word of `q` is in one of `texts`, whatever the case and diacritics: the filter of the
    short lists (agencies, documents) — matches('so tai', 'Sở Tài chính') is True."""
    words = fold(q).split()
    haystack = " ".join(fold(t) for t in texts if t)
    return all(w in haystack for w in words)
