"""Text laid out on pages (a PDF's text layer, or what OCR read on a scan) back into plain text.

A page gives pieces of text with their boxes; a document typed in Word reads as paragraphs, so
this puts the pieces back into lines, drops what the page repeats (running headers and footers,
page numbers) and joins the lines a paragraph was broken into when it was laid out:

- a line ends its paragraph when the first word of the next line would have fitted on it (a
  word processor only moves a word to the next line when it does not fit);
- a wider gap than the usual line spacing is a blank line;
- a word cut by a hyphenation at the end of a line is joined again;
- a table's lines (pieces far apart, starting at the same columns) become its rows.

The result reads like the text of the .docx the PDF was made from, which is what the reader
(`programme.read_programme`) expects. Pure: no PDF or OCR library here.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from tracker.agencies.names import fold

__all__ = ["Page", "Run", "assemble"]


@dataclass
class Run:
    """A piece of text on one line, with its box (top < bottom: y grows down the page)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass
class Page:
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)


@dataclass
class _Line:
    x0: float
    top: float
    x1: float
    bottom: float
    runs: list[Run]
    row: str | None = None  # a table's row, its cells between "|" (see `_tables`)

    @property
    def text(self) -> str:
        return self.row if self.row is not None else " ".join(r.text for r in self.runs)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2

    def char_width(self) -> float:
        chars = sum(len(r.text) for r in self.runs)
        return max((sum(r.x1 - r.x0 for r in self.runs)) / max(chars, 1), 0.5)


_SOFT_HYPHENS = "\u00ad\u0002\ufffe"
_PAGE_NUMBER = re.compile(r"[-–—\s]*(?:trang\s*)?\d{1,4}(?:\s*(?:/|tren)\s*\d{1,4})?[-–—\s]*")
# The start of a numbered item or a bullet ("II.", "3.3.", "a)", "(2)", "-", "+").
_MARKER = re.compile(
    r"[*_#]*(?:[IVX]{1,4}\.|\d{1,2}(?:\.\d{1,2}){0,4}\.|\d{1,2}\)|[a-zđ]\)|\(\d{1,2}\)|[-–—+•])[*_]*\s"
)
_BAND = 0.12  # the top and bottom 12 % of a page: where running headers and footers sit


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\r", " ").replace("\n", " ")
    return " ".join(text.split(" ")).strip(" ")


def _lines(page: Page) -> list[_Line]:
    """The page's runs grouped into lines (runs whose boxes share their middle), top to bottom."""
    lines: list[_Line] = []
    for run in sorted(page.runs, key=lambda r: ((r.top + r.bottom) / 2, r.x0)):
        run.text = _clean(run.text)
        if not run.text.strip():
            continue
        centre = (run.top + run.bottom) / 2
        last = lines[-1] if lines else None
        if last is not None and (last.top <= centre <= last.bottom or run.top <= last.centre <= run.bottom):
            last.runs.append(run)
            last.x0, last.x1 = min(last.x0, run.x0), max(last.x1, run.x1)
            last.top, last.bottom = min(last.top, run.top), max(last.bottom, run.bottom)
        else:
            lines.append(_Line(run.x0, run.top, run.x1, run.bottom, [run]))
    for line in lines:
        line.runs = _merged(sorted(line.runs, key=lambda r: r.x0), line.char_width())
    return lines


def _merged(runs: list[Run], width: float) -> list[Run]:
    """Runs of one line closer than a character or so are one run (a change of font splits a
    line into runs); a wider gap separates the cells of a table row."""
    out = [runs[0]]
    for run in runs[1:]:
        last = out[-1]
        gap = run.x0 - last.x1
        if gap < 1.5 * width:
            glue = " " if gap > 0.15 * width and not last.text.endswith(" ") else ""
            out[-1] = Run(
                last.x0,
                min(last.top, run.top),
                max(last.x1, run.x1),
                max(last.bottom, run.bottom),
                last.text + glue + run.text,
            )
        else:
            out.append(run)
    return out


# ── tables ────────────────────────────────────────────────────────────────────────────────
def _tables(lines: list[_Line]) -> list[_Line]:
    """A table's lines as its rows: the lines from one with cells far apart down to the last
    whose pieces all start at the columns found; a row ends where the step to the next line is
    wider than the step between the lines of a cell (each line a row when all steps are alike).
    The reader then sees "| 1 | Rà soát … | Sở Tư pháp | Quý III/2024 |", as a table pasted as text."""
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        if len(lines[i].runs) < 2:
            out.append(lines[i])
            i += 1
            continue
        block, columns = _block(lines, i)
        out.extend(_rows(block, columns))
        i += len(block)
    return out


def _block(lines: list[_Line], start: int) -> tuple[list[_Line], list[float]]:
    width = lines[start].char_width()
    columns = sorted(r.x0 for r in lines[start].runs)
    block = [lines[start]]
    for line in lines[start + 1 :]:
        step = line.top - block[-1].top
        if step > 3 * max(block[-1].height, 1) + 2 * width:
            break  # a gap wider than a row's padding: the table is over
        starts = [r.x0 for r in line.runs]
        known = [x for x in starts if any(abs(x - c) <= 2 * width for c in columns)]
        if len(line.runs) == 1 and not known:
            break  # a paragraph under the table
        if any(r.x0 + width < c < r.x1 - width for r in line.runs for c in columns):
            break  # a line across a column's start: the text goes on below the table
        columns = sorted({*columns, *(x for x in starts if x not in known)})
        block.append(line)
    return block, _clustered(columns, width)


def _clustered(xs: list[float], width: float) -> list[float]:
    out: list[float] = []
    for x in sorted(xs):
        if not out or x - out[-1] > 2 * width:
            out.append(x)
    return out


def _rows(block: list[_Line], columns: list[float]) -> list[_Line]:
    if len(columns) < 2:
        return block
    steps = [b.top - a.top for a, b in zip(block, block[1:], strict=False)]
    usual = min(steps) if steps else 0.0
    groups: list[list[_Line]] = [[block[0]]]
    for line, step in zip(block[1:], steps, strict=True):
        if step > 1.35 * usual:
            groups.append([line])
        else:
            groups[-1].append(line)
    if all(len(g) > 1 for g in groups) and len(groups) == 1:
        groups = [[line] for line in block]  # no wider step anywhere: each line is a row
    width = block[0].char_width()
    out = []
    for group in groups:
        cells: list[list[str]] = [[] for _ in columns]
        for line in group:
            for run in line.runs:
                column = max(j for j, c in enumerate([-1e9, *columns[1:]]) if run.x0 >= c - 2 * width)
                cells[column].append(run.text.replace("|", "/"))
        row = "| " + " | ".join(" ".join(c) for c in cells) + " |"
        first, last = group[0], group[-1]
        out.append(_Line(first.x0, first.top, max(x.x1 for x in group), last.bottom, first.runs, row=row))
    return out


def _key(line: _Line) -> str:
    return re.sub(r"\d+", "#", " ".join(fold(line.text).split()))


def _drop_running(pages: list[tuple[Page, list[_Line]]], spacing: float) -> None:
    """Remove running headers and footers (the same line at the same place on most pages) and
    page numbers (a number alone). Only a page's outermost line is one, in the page's top or
    bottom band and set apart from the text by more than a line's spacing; twice, for a header
    of two lines."""
    for _pass in range(2):
        ends = [(page, lines, _outer(page, lines, spacing)) for page, lines in pages]
        seen: dict[tuple[str, int], int] = {}
        for _page, _lines, outer in ends:
            for line in outer:
                if any(c.isalnum() for c in line.text):
                    key = (_key(line), round(line.top / 4))
                    seen[key] = seen.get(key, 0) + 1
        count = len(pages)
        repeated = {k for k, n in seen.items() if n >= 2 and (n >= count / 2 if count > 2 else n == count)}
        for _page, lines, outer in ends:
            for line in outer:
                if _PAGE_NUMBER.fullmatch(fold(line.text)) or (_key(line), round(line.top / 4)) in repeated:
                    lines.remove(line)


def _outer(page: Page, lines: list[_Line], spacing: float) -> list[_Line]:
    """The first and the last line of a page, when each stands apart in its band."""
    apart = 1.4 * spacing if spacing else 0.0
    out = []
    if lines and lines[0].bottom < page.height * _BAND:
        if len(lines) == 1 or lines[1].top - lines[0].top > apart:
            out.append(lines[0])
    if len(lines) > 1 and lines[-1].top > page.height * (1 - _BAND):
        if lines[-1].top - lines[-2].top > apart:
            out.append(lines[-1])
    return out


def _right_edges(pages: list[tuple[Page, list[_Line]]]) -> list[float]:
    """Where each page's lines end at the right margin. A page of few or short lines (the last
    one) takes the usual margin of the document instead of its own longest line."""
    own = [max((x.x1 for x in lines), default=0.0) for _page, lines in pages]
    full = [edge for edge, (_page, lines) in zip(own, pages, strict=True) if len(lines) >= 8]
    usual = statistics.median(full) if full else max(own, default=0.0)
    return [
        max(edge, usual) if page.width >= usual else edge for edge, (page, _l) in zip(own, pages, strict=True)
    ]


def _spacing(pages: list[tuple[Page, list[_Line]]]) -> float:
    """The usual distance from one line to the next."""
    steps = []
    for _page, lines in pages:
        for a, b in zip(lines, lines[1:], strict=False):
            step = b.top - a.top
            if 0 < step < 3 * a.height:
                steps.append(step)
    return statistics.median(steps) if steps else 0.0


def _first_word(line: _Line) -> float:
    """The width of the first word of `line`, from its share of the line's characters."""
    text = line.runs[0].text
    word = text.split(" ", 1)[0]
    run = line.runs[0]
    return (run.x1 - run.x0) * len(word) / max(len(text), 1)


def _joint(prev: _Line, cur: _Line, right: float, spacing: float, same_page: bool) -> str:
    """What goes between two consecutive lines: " " (the same paragraph), "" (a word cut by a
    hyphen), "\n" (a new line) or "\n\n" (a blank line)."""
    if same_page and spacing and cur.top - prev.top > 1.6 * spacing:
        return "\n\n"
    if prev.row is not None or cur.row is not None or len(prev.runs) > 1 or len(cur.runs) > 1:
        return "\n"  # a row of a table or of a two-column heading: its lines stay lines
    width = prev.char_width()
    fitted = prev.x1 + width + _first_word(cur) <= right - width / 2
    if fitted:
        return "\n"
    if _MARKER.match(cur.runs[0].text) and prev.runs[-1].text.rstrip("*_ ")[-1:] in ".;:!?":
        return "\n"  # "…theo quy định." then "5. Về…": a new item, though the line was full
    tail = prev.runs[-1].text
    if tail[-1:] in _SOFT_HYPHENS:
        return ""
    if re.search(r"[A-Za-z]-$", tail) and re.match(r"[a-z]", cur.runs[0].text):
        return ""  # "infor-" + "mation": a Latin word hyphenated (Vietnamese words are not)
    return " "


def assemble(pages: list[Page]) -> str:
    """The text of laid-out pages, as a word processor's paragraphs (see the module's docstring)."""
    laid = [(page, _tables(_lines(page))) for page in pages]
    spacing = _spacing(laid)
    _drop_running(laid, spacing)
    rights = _right_edges(laid)
    out: list[str] = []
    prev: _Line | None = None
    prev_page = -1
    for index, ((_page, lines), right) in enumerate(zip(laid, rights, strict=True)):
        for line in lines:
            text = line.text
            if prev is not None:
                joint = _joint(prev, line, right, spacing, index == prev_page)
                if joint == "" and out[-1][-1:] in _SOFT_HYPHENS + "-":
                    out[-1] = out[-1][:-1]
                out.append(joint)
            out.append(text)
            prev, prev_page = line, index
    return "".join(out).strip() + "\n"
