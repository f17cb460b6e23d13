"""The text of an uploaded programme: a Word file (.docx), or plain text / Markdown.

Word's automatic numbering ("1.", "a)", bullets) is not in the paragraphs' text; it is written
back here from the numbering definitions, so the reader sees "III.", "2.", "b)", "-" as in a
typed document. Tables become tab-separated rows, which the reader reads as task tables.
"""

from __future__ import annotations

import codecs
import io
import zipfile

from tracker.core.errors import FileError

__all__ = ["document_text"]

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


def document_text(filename: str, data: bytes) -> str:
    """The text of a .docx, .txt or .md upload; FileError with a Vietnamese message otherwise."""
    name = filename or "tệp"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not data.strip():
        raise FileError(f"Tệp «{name}» rỗng.")
    if data[:4] == b"PK\x03\x04":
        return _docx_text(name, data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise FileError(
            f"Tệp «{name}» là văn bản Word 97–2003 (.doc). Hãy lưu lại dưới dạng .docx rồi tải lên, "
            "hoặc dán nội dung vào ô văn bản."
        )
    if data[:5] == b"%PDF-":
        raise FileError(
            f"Tệp «{name}» là tệp PDF. Hãy mở tệp, sao chép toàn bộ nội dung và dán vào ô văn bản."
        )
    if ext in ("docx", "doc", "xlsx", "pdf"):
        raise FileError(f"Tệp «{name}» bị hỏng hoặc không phải văn bản Word.")
    try:
        return codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError:
        raise FileError(
            f"Tệp «{name}» không dùng bảng mã UTF-8. Hãy lưu lại dạng UTF-8 hoặc dán nội dung vào ô văn bản."
        ) from None


def _docx_text(name: str, data: bytes) -> str:
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise FileError(f"Tệp «{name}» không phải văn bản Word (.docx) hoặc đã bị hỏng.") from None
    levels = _numbering(document, qn)
    styles = _style_numbering(document, qn)
    counters: dict[tuple[str, int], int] = {}
    lines: list[str] = []
    body = document.element.body
    for block in body.iterchildren():
        if block.tag == qn("w:p"):
            text = "".join(t.text or "" for t in block.iter(qn("w:t")))
            marker = _marker(block, levels, styles, counters, qn)
            if text.strip() or marker:
                lines.append(f"{marker} {text.strip()}".strip() if marker else text.strip())
            lines.append("")
        elif block.tag == qn("w:tbl"):
            for row in block.iter(qn("w:tr")):
                cells = []
                for cell in row.iter(qn("w:tc")):
                    cells.append(
                        " ".join(
                            "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
                            for p in cell.iter(qn("w:p"))
                        ).strip()
                    )
                lines.append("\t".join(cells))
            lines.append("")
    return "\n".join(lines)


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
