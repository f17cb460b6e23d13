"""The structure of a document's text: numbered items, bullets, tables, and what is no item.

Used by `programme.read_programme`; nothing here knows agencies or deadlines. The numbering
gives the tree ("III." > "2." > "b)" > "-" bullets), whatever the markdown around it; the
preamble, the recipients list ("Nơi nhận"), the signature and the closing sentence ("./.")
are left out; a task table pasted as text (tabs or " | ") gives one item per row, and one
after the signature becomes an appendix ("PL").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from tracker.agencies.names import fold

__all__ = ["Item", "Layout", "has_body", "read_layout", "refs"]

# ── lines ────────────────────────────────────────────────────────────────────────────────
_MARKERS: tuple[tuple[str, re.Pattern], ...] = (
    (
        "article",
        re.compile(r"Điều\s+(?P<label>\d{1,2})\s*[.:](?:\s+|$)(?P<rest>.*)"),
    ),  # a decision's "Điều 2."
    ("roman", re.compile(r"(?P<label>(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))\s*[.)](?:\s+|$)(?P<rest>.*)")),
    (
        "arabic*",
        re.compile(r"(?P<label>\d{1,2}(?:\.\d{1,2}){1,4})\.?(?:\s+|$)(?P<rest>.*)"),
    ),  # "1.2.", at most 5 deep
    ("arabic", re.compile(r"(?P<label>\d{1,2})\s*[.)](?:\s+|$)(?P<rest>.*)")),
    ("paren", re.compile(r"\((?P<label>\d{1,2})\)\s*(?P<rest>.*)")),
    ("letter", re.compile(r"(?P<label>[a-zđ])\s*\)\s*(?P<rest>.*)")),
    ("dash", re.compile(r"[-–—•·●▪](?P<label>)\s*(?P<rest>\S.*)")),
    ("plus", re.compile(r"\+(?P<label>)\s*(?P<rest>\S.*)")),
    ("star", re.compile(r"\*(?P<label>)\s+(?P<rest>\S.*)")),
)
_NUMBERED = {"roman", "arabic", "letter", "paren", "article"}
_BULLETS = {"dash", "plus", "star"}
_FIELD = re.compile(
    r"(?:[-–—•+*]\s*)?(?P<label>(?:co quan |don vi )?(?:chu tri|phoi hop|thuc hien)|noi dung|thoi gian(?: thuc hien| hoan thanh)?"
    r"|thoi han(?: hoan thanh| ban hanh| thuc hien)?|tien do(?: thuc hien| hoan thanh)?|san pham(?: dau ra)?|ket qua dau ra)\s*:"
)
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_END = re.compile(r"noi nhan\b|(?:tm|kt|tl|q|tuq)\.\s*(?:uy ban|chu tich|giam doc|chanh van phong)")
_CLOSING = re.compile(
    r"(?:tren day la|(?:uy ban nhan dan|ubnd) tinh (?:thong bao|yeu cau)|chu tich (?:uy ban nhan dan|ubnd) tinh yeu cau)"
)
_ISSUED = re.compile(r"(?:ke hoach|chuong trinh(?: hanh dong)?|phuong an|de an)\s*")
_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
# The first words of a body's name, when a heading breaks after them ("Sở\nTài chính").
_BODY_WORDS = re.compile(
    r"(?:de nghi )?(?:cac )?(?:so|ban|bo|cuc|vu|bao(?: va)?|dai|cong an|giam doc|thu truong|uy ban|ubnd|vien"
    r"|toa an|hoi|doan|so [a-z]+|ban [a-z]+|bo [a-z]+|cac)"
)


def _clean(line: str) -> str:
    """A line without markdown/HTML decoration or footnote markers."""
    line = re.sub(r"<(sub|sup)>.*?</\1>|<[^>]+>", "", line)
    line = re.sub(r"^\s*#{1,6}\s+", "", line).replace("**", "").replace("__", "")
    line = line.strip()
    bullet = line.startswith("* ")
    line = line.replace("*", "")
    line = "".join(c for c in line if c not in _SUPERSCRIPTS)
    if not any(c.isalnum() for c in line):
        return ""  # a rule ("---"), a lone "./." or decoration
    return ("* " + line[1:].lstrip() if bullet else line).strip()


def _cells(raw: str) -> list[str] | None:
    """The cells of a table row pasted as text (tab- or "|"-separated), else None."""
    if "\t" in raw:
        cells = raw.rstrip("\r\n").split("\t")
    elif raw.strip().startswith("|") or " | " in raw:
        cells = raw.strip().strip("|").split("|")
    else:
        return None
    if sum(1 for c in cells if c.strip()) < 2:
        return None
    return [_clean(c) for c in cells]  # a markdown rule row ("|---|---|") comes back all empty


def _marker(line: str) -> tuple[str, str, str] | None:
    for kind, pattern in _MARKERS:
        m = pattern.fullmatch(line)
        if m:
            label = m.group("label")
            if kind == "arabic*":
                kind = f"arabic{label.count('.') + 1}"
            return kind, label, m.group("rest").strip()
    return None


def _columns(cells: list[str]) -> dict[str, int] | None:
    """Column roles of a task table's header row, or None when the row is no such header."""
    roles: dict[str, int] = {}
    for i, cell in enumerate(fold(c) for c in cells):
        cell = " ".join(cell.split())
        if re.fullmatch(r"(?:stt|tt|so tt|so thu tu)\.?", cell):
            roles.setdefault("stt", i)
        elif "chu tri" in cell or re.search(r"phu trach|tiep nhan|(?:co quan|don vi) thuc hien", cell):
            roles.setdefault("lead", i)
        elif "phoi hop" in cell:
            roles.setdefault("coordinating", i)
        elif re.search(r"thoi gian|thoi han|tien do", cell):
            roles.setdefault("deadline", i)
        elif re.search(r"san pham|ket qua du kien|ket qua dau ra", cell):
            roles.setdefault("output", i)
        elif re.search(r"noi dung|nhiem vu|cong viec|giai phap|hoat dong|thong tin de xuat", cell):
            roles.setdefault("content", i)
    if "content" in roles and ("lead" in roles or "deadline" in roles):
        return roles
    return None


# ── the tree as read, before agencies and deadlines ──────────────────────────────────────
@dataclass
class Item:
    """An item as read: its numbering, its paragraphs (the heading line first), its children."""

    kind: str  # roman | arabic | arabic2… | paren | letter | dash | plus | star | row | appendix
    label: str
    paras: list[str]
    children: list[Item] = field(default_factory=list)
    cells: dict[str, str] | None = None  # for a table row: role -> cell text


@dataclass
class Layout:
    """A document's items (top level, in order), its own year, and whether it is a report."""

    roots: list[Item]
    year: int | None
    report: bool
    preamble: list[str] = field(default_factory=list)  # the paragraphs before the first item


def read_layout(text: str) -> Layout:
    """The items of `text`, as numbered, with the preamble, recipients and signature left out."""
    reader = _Reader(text or "")
    return Layout(reader.roots, reader.year, reader.report, reader.preamble)


class _Reader:
    """Reads the lines one by one: preamble -> body (items) -> closed (after "Nơi nhận", the
    signature or a closing "./."); after the close only a task table (an appendix) is read."""

    def __init__(self, text: str):
        self.roots: list[Item] = []
        self.stack: list[Item] = []
        self.table: tuple[dict[str, int], list[Item], list[Item] | None] | None = None
        self.last: list[str] | None = None  # the paragraph list a continuation line joins
        self.report = False
        self.preamble: list[str] = []
        self.appendix_title: list[str] = []
        self.appendices = 0
        self.spill: list[str] | None = None  # a table row broken over lines, read so far
        self.closed_rows = False
        self.bullet: str | None = None  # a lone bullet mark waiting for its words
        lines = _cell_tables(unicodedata.normalize("NFC", text).splitlines())
        self.year = _document_year(lines)
        self.state = "preamble"
        # Bullets before the first numbered item are the preamble's (recipients, achievements),
        # unless the document has no numbering at all.
        numbered = False
        for raw in lines:
            line = _clean(raw)
            if _END.match(fold(line)):
                break
            m = _marker(line)
            numbered = numbered or bool(m and m[0].rstrip("0123456789") in _NUMBERED | {"arabic"})
        self.numbered = numbered
        head = [fold(_clean(x)) for x in lines[:40] if x.strip()][:12]
        self.report = "bao cao" in head  # titled "BÁO CÁO": tells what was done, mostly
        for raw in lines:
            self._feed(raw)

    # -- tables --
    def _start_table(self, roles: dict[str, int]) -> None:
        if self.state == "closed":
            # A table after the signature is an appendix ("PHỤ LỤC"): give it a root of its own.
            self.appendices += 1
            title = " ".join(self.appendix_title) or "PHỤ LỤC"
            root = Item("appendix", "PL" if self.appendices == 1 else f"PL{self.appendices}", [title])
            self.roots.append(root)
            siblings = root.children
        else:
            siblings = self.stack[-1].children if self.stack else self.roots
            self.state = "body"
        self.table = (roles, [], siblings)
        self.last = None

    def _row(self, cells: list[str]) -> None:
        roles, stack, siblings = self.table
        get = {role: (cells[i].strip() if i < len(cells) else "") for role, i in roles.items()}
        if not any(get.values()) or all(re.fullmatch(r":?-{2,}:?|", c.strip()) for c in cells):
            return
        stt = get.get("stt", "")
        m = (_marker(stt) or _marker(stt + ".") or _marker(stt + ")")) if stt else None
        if not stt and stack and not any(v for k, v in get.items() if k != "content"):
            stack[-1].paras.append(get.get("content", ""))  # a wrapped cell, pasted as its own row
            return
        kind, label = (m[0], m[1]) if m else ("row", "")
        item = Item(kind, label, [get.get("content", "")], cells=get)
        self._place(item, stack, siblings)

    # -- the main loop --
    def _feed(self, raw: str) -> None:
        if raw.lstrip()[:1] in _SUPERSCRIPTS:
            return  # a footnote the PDF conversion dropped into the text
        if self.table is not None and self.spill is not None:
            # a row of a "|" table broken over lines goes on until a line ends with "|"
            self.spill.append(raw.strip())
            if not raw.rstrip().endswith("|") and len(self.spill) < 12:
                return
            raw, self.spill = " ".join(self.spill), None
        elif (
            self.table is not None
            and self.closed_rows
            and raw.strip().startswith("|")
            and not raw.rstrip().endswith("|")
        ):
            self.spill = [raw.strip()]
            return
        cells = _cells(raw)
        if self.table is not None:
            if cells is not None:
                self._row(cells)
                return
            if not raw.strip():
                return
            self.table = None
        if cells is not None:
            roles = _columns(cells)
            if roles is not None:
                self._start_table(roles)
                self.closed_rows = raw.rstrip().endswith("|")  # "| a | b |": a row ends with "|"
                return
            raw = "  ".join(c for c in cells if c)
        line = _clean(raw)
        if not line:
            if raw.strip() in {"-", "+", "•", "–"} and self.state == "body":
                self.bullet = raw.strip()  # a lone "-": the bullet's words are on the next line
            return
        if self.bullet:
            if not _marker(line):
                line = f"{self.bullet} {line}"
            self.bullet = None
        folded = fold(line)
        if self.state == "closed":
            if _ISSUED.fullmatch(folded) and not self.appendix_title:
                # A decision's signature, then the plan it issues ("KẾ HOẠCH …"): read the plan.
                self.state, self.stack, self.last = "preamble", [], None
                self.preamble = [line]
                return
            if folded.startswith("phu luc"):
                self.appendix_title = [line]
            elif self.appendix_title and len(self.appendix_title) < 4:
                self.appendix_title.append(line)
            return
        if _END.match(folded):
            self.state = "closed"
            return
        if self.state == "body" and line.isupper() and _ISSUED.fullmatch(folded):
            # the plan a decision issues, after its articles without a signature between ("KẾ HOẠCH")
            self.state, self.stack, self.last = "preamble", [], None
            self.preamble = [line]
            return
        m = _marker(line)
        if self.state == "preamble":
            if m is None or (self.numbered and m[0] in _BULLETS):
                self.preamble.append(line)
                return
            self.state = "body"
        if m is not None and not _FIELD.match(folded):
            kind, label, rest = m
            item = Item(kind, label, [rest])
            self._place(item, self.stack, self.roots)
            self.last = item.paras
        elif self.stack:
            top = self.stack[-1].paras
            prev = self.last[-1] if self.last else ""
            first = line[0]
            joins = (
                self.last is not None
                and not _FIELD.match(folded)
                and (
                    first.islower()
                    or (not first.isalpha() and prev[-1:] not in ".:;!?")
                    # a heading in capitals broken over lines ("I. MỤC\nĐÍCH, YÊU CẦU")
                    or (prev.isupper() and line.isupper() and len(prev) + len(line) < 120)
                )
            )
            if joins:  # the PDF conversion broke a sentence ("cải cách hành\n\nchính")
                self.last[-1] = f"{prev} {line}".strip()
            elif _CLOSING.match(folded) or (line.endswith("./.") and not _FIELD.match(folded)):
                self.state = "closed"
                return
            elif (
                len(top) == 1
                and self.last is top
                and not self.stack[-1].cells
                and (
                    (not top[0] and len(line.split()) <= 12 and line[-1:] not in ".;")
                    or (
                        len(top[0].split()) <= 3
                        and top[0][-1:] not in ".:;!?"
                        and _BODY_WORDS.fullmatch(fold(top[0]))
                    )
                )
                and not _FIELD.match(folded)
            ):
                # a heading broken after its first words ("2.1. Sở\nTài chính", "5.\nCông an tỉnh")
                top[0] = f"{top[0]} {line}".strip()
            else:  # an unnumbered paragraph belongs to the item above it
                top.append(line)
                self.last = top
        if self.stack and self.stack[-1].paras[-1].rstrip("*").endswith("./."):
            self.state = "closed"  # the document's last item ends with "./."

    def _place(self, item: Item, stack: list[Item], siblings: list[Item]) -> None:
        """Put `item` in the tree: a sibling of the open item of its kind, else its child."""
        kinds = [open_item.kind for open_item in stack]
        if item.kind in kinds:
            del stack[kinds.index(item.kind) :]
        (stack[-1].children if stack else siblings).append(item)
        stack.append(item)


def _cell_tables(lines: list[str]) -> list[str]:
    """Task tables pasted one cell per line, a lone "|" between cells and two between rows (the
    remains of an HTML table), rewritten one row per line ("| 1 | Nội dung | Sở … | … |") so the
    table reader reads them like any pasted table. Other lone "|" lines stay as they are."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "|":
            out.append(lines[i])
            i += 1
            continue
        cells: list[str] = []
        current: list[str] = []
        last_bar, j = i, i + 1
        while j < len(lines):
            line = lines[j].strip()
            if line == "|":
                cells.append(" ".join(current))
                current, last_bar = [], j
            elif line:
                if j - last_bar > 15:
                    break  # no cell is that long: the table is over
                current.append(line)
            j += 1
        rows: list[list[str]] = [[]]
        for cell in cells:
            if cell:
                rows[-1].append(cell)
            elif rows[-1]:
                rows.append([])
        rows = [r for r in rows if r]
        # The header: a row of short cells naming the columns (the signature block before it is
        # made of the same "|" lines, and stays as it was).
        head = next(
            (
                k
                for k, row in enumerate(rows[:6])
                if len(row) >= 3
                and max(map(len, row)) <= 60
                and _columns([_clean(c) for c in row]) is not None
            ),
            None,
        )
        if head is not None and len(rows) > head + 1:
            for row in rows[:head]:
                out.extend(row)
            # Cells before the header on its row (a title, "PHỤ LỤC") are no columns.
            width = max(set(len(r) for r in rows[head + 1 :]), key=[len(r) for r in rows[head + 1 :]].count)
            if len(rows[head]) > width >= 2:
                out.extend(rows[head][: len(rows[head]) - width])
                rows[head] = rows[head][len(rows[head]) - width :]
            out.extend(
                "| " + " | ".join(c.replace("|", "/") for c in row) + " |"
                for row in rows[head:]
                if len(row) >= 2
            )
            i = last_bar + 1
            continue
        out.append(lines[i])
        i += 1
    return out


def _document_year(lines: list[str]) -> int | None:
    """The year of the document's own date ("Khánh Hòa, ngày 17 tháng 3 năm 2025"), also when the
    date line is broken in two ("*Hà Nội, ngày 24\ntháng 11 năm 2025*")."""
    head = " ".join(fold(_clean(x)) for x in lines[:40])
    m = re.search(r"[a-z], ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+(\d{4})", head)
    if m and 1900 <= int(m.group(1)) <= 2199:
        return int(m.group(1))
    for line in lines[:30]:
        m = re.search(r"ngay(?:\s+\d{1,2})?\s+thang(?:\s+\d{1,2})?\s+nam\s+(\d{4})", fold(line))
        if m and 1900 <= int(m.group(1)) <= 2199:
            return int(m.group(1))
    return None


def refs(items: list[Item], prefix: str) -> list[str]:
    """Dotted places of sibling items, unique among them ("b" written twice becomes "d")."""
    refs: list[str] = []
    used: set[str] = set()
    again: dict[str, int] = {}  # the last suffix given to a place written more than once
    bullets = 0
    for item in items:
        if item.kind in _BULLETS or item.kind == "row":
            bullets += 1
            part = str(bullets)
        elif item.kind.startswith("arabic"):
            part = item.label.split(".")[-1].lstrip("0") or "0"
        else:
            part = item.label
        if part in used and item.kind == "letter" and refs and refs[-1] in _LETTERS:
            # "a) b) c) b)": the second "b" is a typo for "d".
            free = [x for x in _LETTERS[_LETTERS.index(refs[-1]) + 1 :] if x not in used]
            part = free[0] if free else part
        base = part
        while part in used:
            again[base] = again.get(base, 1) + 1
            part = f"{base}-{again[base]}"
        refs.append(part)
        used.add(part)
    return [f"{prefix}.{r}" if prefix else r for r in refs]


def has_body(item: Item) -> bool:
    """Whether an item with children also asks for something itself (beyond its heading)."""
    head = item.paras[0] if item.paras else ""
    if (
        ":" in head
        and head.split(":", 1)[1].strip()
        and not (len(item.paras) == 1 and head.rstrip().endswith(":"))
    ):
        return True  # "d) Sở Tài chính: Căn cứ chức năng…" (not "8. Cục Báo chí: Tham mưu … sau:")
    if head.rstrip().endswith((".", ";")) and len(head) > 80:
        return True
    return any(p and not p.rstrip().endswith(":") and not _FIELD.match(fold(p)) for p in item.paras[1:])
