"""What a document's heading says about it: number and symbol, kind, date, title, issuer.

Used to fill the document form of the review screen; the monitor checks and completes it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from tracker.agencies.names import fold

__all__ = ["guess_document", "guess_kind"]

# The kind a heading names (folded, as a whole line), first match wins.
_KINDS: tuple[tuple[str, str], ...] = (
    ("chuong trinh hanh dong", "action_programme"),
    ("chuong trinh", "action_programme"),
    ("ke hoach", "plan"),
    ("thong bao", "conclusion_notice"),
    ("ket luan", "conclusion"),
    ("quyet dinh", "decision"),
    ("chi thi", "directive"),
    ("nghi quyet", "resolution"),
    ("bao cao", "report"),
)
# The kind a symbol's abbreviation names ("92/TB-UBND" -> TB).
_SYMBOL_KINDS = {
    "KL": "conclusion",
    "TB": "conclusion_notice",
    "KH": "plan",
    "CTR": "action_programme",
    "CTHD": "action_programme",
    "QD": "decision",
    "CT": "directive",
    "NQ": "resolution",
    "BC": "report",
}
_ISSUERS: tuple[tuple[str, str, str], ...] = (
    # (folded heading line, issuer as written in the form, issuer level)
    (r"uy ban nhan dan (tinh|thanh pho) (.+)", "UBND {0} {1}", "committee"),
    (r"hoi dong nhan dan (tinh|thanh pho) (.+)", "HĐND {0} {1}", "council"),
    (r"tinh uy (.+)", "Tỉnh ủy {0}", "party"),
)


def guess_kind(symbol: str, heading: str = "") -> str:
    """The kind of a document from its heading ("KẾ HOẠCH") or its symbol ("110/KH-UBND")."""
    head = fold(heading).strip(" *#:")
    for words, kind in _KINDS:
        if head.startswith(words):
            return kind
    abbrev = re.search(r"[/-]([A-ZĐa-zđ]+)[-/]", symbol or "")
    if abbrev:
        key = fold(abbrev.group(1)).upper()
        if key in _SYMBOL_KINDS:
            return _SYMBOL_KINDS[key]
        if "UBND" in (symbol or "").upper():
            return "official_letter"
    return "official_letter" if "UBND-" in (symbol or "").upper() else "plan"


def _clean(line: str) -> str:
    return re.sub(r"[*#_]+", "", line).strip()


def guess_document(text: str) -> dict:
    """Fields of the document form guessed from the first lines of `text` (missing ones empty).

    Keys: symbol, kind, issued_on (date or None), title, issuer, issuer_level, urgent, province_name.
    """
    lines = [_clean(x) for x in unicodedata.normalize("NFC", text or "").splitlines()[:60]]
    lines = [x for x in lines if x]
    out = {
        "symbol": "",
        "kind": "",
        "issued_on": None,
        "title": "",
        "issuer": "",
        "issuer_level": "committee",
        "urgent": False,
        "province_name": "",
    }
    kind_line = None
    for i, line in enumerate(lines):
        folded = fold(line)
        if kind_line is not None and i > kind_line + 6:
            break  # past the heading: the body's dates and names are not the document's
        m = re.match(r"so\s*:\s*(.+)", folded)
        if m and not out["symbol"]:
            symbol = line[len(line) - len(m.group(1)) :].strip()
            symbol = re.sub(r"\s*/\s*", "/", symbol)
            out["symbol"] = symbol if re.search(r"\d", symbol.split("/")[0]) else ""
        m = re.search(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})", folded)
        if m and out["issued_on"] is None and kind_line is None:
            try:
                out["issued_on"] = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                pass
        if folded.strip() == "khan" or folded.startswith("hoa toc"):
            out["urgent"] = True
        for pattern, issuer, level in _ISSUERS:
            m = re.fullmatch(pattern, folded)
            if m and not out["issuer"] and kind_line is None and len(line) < 60:
                # The province name as written: the end of the line (or the next line).
                name = line[-len(m.group(m.lastindex)) :] if m.lastindex else ""
                if level == "party":
                    out["issuer"] = f"Tỉnh ủy {name}".strip()
                else:
                    unit = "tỉnh" if m.group(1) == "tinh" else "thành phố"
                    out["issuer"] = issuer.format(unit, name.title() if name.isupper() else name)
                    out["province_name"] = name.title() if name.isupper() else name
                out["issuer_level"] = level
        if (
            kind_line is None
            and any(fold(line).strip(" :") == w or fold(line).startswith(w + " ") for w, _k in _KINDS)
            and len(line) < 60
            and line.upper() == line
        ):
            kind_line = i
        if folded.startswith("v/v ") and not out["title"]:
            title = [line]
            for nxt in lines[i + 1 : i + 4]:
                if fold(nxt).startswith(("kinh gui", "so:", "khan")) or nxt.endswith(":"):
                    break
                title.append(nxt)
            out["title"] = " ".join(title)
    if not out["province_name"]:
        m = re.search(r"^([A-ZĐÀ-Ỹ][\wÀ-ỹ]+(?: [A-ZĐÀ-Ỹ][\wÀ-ỹ]+)*), ngày", "\n".join(lines), re.M)
        if m:
            out["province_name"] = m.group(1)
    if kind_line is not None:
        out["kind"] = guess_kind(out["symbol"], lines[kind_line])
        if not out["title"]:
            title = []
            for nxt in lines[kind_line + 1 : kind_line + 6]:
                if len(nxt) > 160 or fold(nxt).startswith(("kinh gui", "can cu", "thuc hien", "ngay ")):
                    break
                title.append(nxt)
            out["title"] = " ".join(title)
    else:
        out["kind"] = guess_kind(out["symbol"])
    if out["province_name"] and not out["issuer"]:
        out["issuer"] = f"UBND tỉnh {out['province_name']}"
    return out
