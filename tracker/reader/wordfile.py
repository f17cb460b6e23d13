"""The text of a Word file (.docx), for the reader (`sources.document_text` is the entry point).

Word's automatic numbering ("1.", "a)", bullets) is not in the paragraphs' text; it is written
back here from the numbering definitions, so the reader sees "III.", "2.", "b)", "-" as in a
typed document. Tables become rows between "|", which the reader reads as task tables.
"""

from __future__ import annotations

import io
import zipfile

from tracker.core import limits
from tracker.core.errors import FileError

__all__ = ["docx_text"]

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]
_LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese documents skip f, j, w, z and put đ after d


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = _LETTERS[(n - 1) % len(_LETTERS)]
        return letter.upper() if fmt == "upperLetter" else letter
    return str(n)


def docx_text(name: str, data: bytes) -> str:
    """The text of a .docx: its paragraphs and tables in document order, Word's numbering written
    back. A table row becomes one line, its cells between "|" ("| 1 | Rà soát… | Sở Tư pháp |"), so
    the reader sees it as a table pasted as text; a cell merged down from the row above repeats
    that row's text, and a row of one cell across the table is a line of its own (a heading)."""
    import docx
    from docx.oxml.ns import qn

    # What the file unpacks to and the length of its text, bounded before python-docx reads it.
    archive = limits.open_archive(name, data, kind="docx")
    limits.scan_document(name, archive)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise FileError(f"Tệp «{name}» không phải văn bản Word (.docx) hoặc đã bị hỏng.") from None
    reader = _Reader(_numbering(document, qn), _style_numbering(document, qn), qn)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            text = reader.paragraph(block)
            if text:
                lines.append(text)
            lines.append("")
        elif block.tag == qn("w:tbl"):
            lines.extend(reader.table(block))
            lines.append("")
    return "\n".join(lines)


def _span(value: str | None) -> int:
    """A cell's width in grid columns, within reason (a forged huge span must not allocate)."""
    try:
        return min(max(int(value or 1), 1), 64)
    except ValueError:
        return 1


class _Reader:
    """Paragraph and table text with the numbering counters of one document."""

    def __init__(self, levels, styles, qn):
        self.levels, self.styles, self.qn = levels, styles, qn
        self.counters: dict[tuple[str, int], int] = {}

    def paragraph(self, p) -> str:
        qn = self.qn
        text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
        marker = _marker(p, self.levels, self.styles, self.counters, qn)
        return f"{marker} {text}".strip() if marker else text

    def cell(self, tc) -> str:
        qn = self.qn
        parts = [self.paragraph(p) for p in tc.iterchildren(qn("w:p"))]
        for nested in tc.iterchildren(qn("w:tbl")):
            parts.append(" ".join(self.table(nested)).replace("|", " "))
        return " ".join(" ".join(x for x in parts if x).split()).replace("|", "/")

    def table(self, tbl) -> list[str]:
        """One line per row; merged cells resolved (see `docx_text`)."""
        qn = self.qn
        above: dict[int, str] = {}
        out = []
        for tr in tbl.iterchildren(qn("w:tr")):
            cells: list[str] = []
            column = 0
            for tc in tr.iterchildren(qn("w:tc")):
                props = tc.find(qn("w:tcPr"))
                span_el = props.find(qn("w:gridSpan")) if props is not None else None
                span = _span(span_el.get(qn("w:val")) if span_el is not None else None)
                merge = props.find(qn("w:vMerge")) if props is not None else None
                if merge is not None and merge.get(qn("w:val")) != "restart":
                    text = above.get(column, "")  # merged down: the text of the cell above
                else:
                    text = self.cell(tc)
                above[column] = text
                cells.append(text)
                cells.extend([""] * (span - 1))
                column += span
            filled = [c for c in cells if c]
            if not filled:
                continue
            if len(tr.findall(qn("w:tc"))) == 1:
                out.append(filled[0])  # one cell across the table: a heading
            else:
                out.append("| " + " | ".join(cells) + " |")
        return out


def _numbering(document, qn) -> dict[tuple[str, int], tuple[str, str]]:
    """(numId, level) -> (numFmt, lvlText) from the document's numbering definitions."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, AttributeError, NotImplementedError):
        return {}
    abstract = {}
    for node in root.iter(qn("w:abstractNum")):
        levels = {}
        for lvl in node.iter(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            text = lvl.find(qn("w:lvlText"))
            levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                fmt.get(qn("w:val")) if fmt is not None else "decimal",
                text.get(qn("w:val")) if text is not None else "%1.",
            )
        abstract[node.get(qn("w:abstractNumId"))] = levels
    out = {}
    for num in root.iter(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for level, spec in abstract.get(ref.get(qn("w:val")), {}).items():
            out[(num.get(qn("w:numId")), level)] = spec
    return out


def _style_numbering(document, qn) -> dict[str, tuple[str, int]]:
    """styleId -> (numId, level) for the paragraph styles that number ("List Number", "List Bullet")."""
    out: dict[str, tuple[str, int]] = {}
    based: dict[str, str] = {}
    for style in document.styles.element.iter(qn("w:style")):
        sid = style.get(qn("w:styleId"))
        parent = style.find(qn("w:basedOn"))
        if parent is not None:
            based[sid] = parent.get(qn("w:val"))
        props = style.find(qn("w:pPr"))
        num = props.find(qn("w:numPr")) if props is not None else None
        if num is not None and num.find(qn("w:numId")) is not None:
            ilvl = num.find(qn("w:ilvl"))
            out[sid] = (
                num.find(qn("w:numId")).get(qn("w:val")),
                int(ilvl.get(qn("w:val"))) if ilvl is not None else 0,
            )
    for sid in list(based):
        seen, cur = set(), sid
        while cur not in out and cur in based and cur not in seen:
            seen.add(cur)
            cur = based[cur]
        if cur in out:
            out.setdefault(sid, out[cur])
    return out


def _marker(paragraph, levels, styles, counters, qn) -> str:
    props = paragraph.find(qn("w:pPr"))
    num = props.find(qn("w:numPr")) if props is not None else None
    num_id = num.find(qn("w:numId")) if num is not None else None
    if num_id is None:
        style = props.find(qn("w:pStyle")) if props is not None else None
        sid = style.get(qn("w:val")) if style is not None else None
        if sid not in styles:
            return ""
        key = styles[sid]
    else:
        ilvl = num.find(qn("w:ilvl"))
        key = (num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0)
    if key[0] == "0":
        return ""  # numbering switched off
    fmt, text = levels.get(key, ("bullet", "-"))
    if fmt == "bullet" or fmt == "none":
        return "-"
    counters[key] = counters.get(key, 0) + 1
    for deeper in [k for k in counters if k[0] == key[0] and k[1] > key[1]]:
        del counters[deeper]  # a new item restarts the levels below it
    out = text
    for level in range(key[1] + 1):
        n = counters.get((key[0], level), 1)
        level_fmt = levels.get((key[0], level), ("decimal", ""))[0]
        out = out.replace(f"%{level + 1}", _format(n, level_fmt))
    return out.strip()
