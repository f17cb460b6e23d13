"""Reading deadlines the way Vietnamese documents write them.

"trước ngày 30/9/2021", "Thời hạn hoàn thành: Quý I năm 2023", "trong tháng 3 năm 2024",
"Định kỳ quý, 06 tháng và hàng năm", "thường xuyên"… become a `Deadline`: a fixed date, a
periodic duty, or an ongoing one. Matching runs on folded text (no diacritics, lower case),
so "truoc ngay 30/9/2021" reads the same; the phrase is handed back as written.

Two modes share one scanner. A spreadsheet cell (`parse_deadline`) is all about the
deadline, so bare forms ("năm 2022", "Quý IV/2025", "30/9/2024") count. Inside a longer text
(`find_deadline`) only words that introduce a deadline count ("trước ngày", "chậm nhất",
"thời hạn:", "trong tháng/quý/năm", "đến năm"…), because documents cite other documents by
date ("Nghị quyết số 01/NQ-CP ngày 05/01/2024") and those dates are not deadlines.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass

from flask_babel import gettext as _

from tracker.agencies.names import fold, fold_with_offsets

__all__ = ["Deadline", "DeadlineError", "find_deadline", "parse_date", "parse_deadline"]

PERIODS = ("monthly", "quarterly", "half_yearly", "yearly")  # most frequent first


@dataclass(frozen=True)
class Deadline:
    """A deadline as read from a document or a spreadsheet cell."""

    kind: str  # "date" | "periodic" | "ongoing"
    date: datetime.date | None
    period: str | None  # one of PERIODS, with kind "periodic"
    phrase: str | None  # the words matched, as written
    day_of_period: int | None = None  # "trước ngày 10 hằng tháng" -> 10


class DeadlineError(ValueError):
    """A deadline or date that cannot be read; the message is Vietnamese, for the user."""


# ── building blocks (on folded text) ─────────────────────────────────────────────────────
_B = r"(?<![a-z0-9])"
_E = r"(?![a-z0-9])"
_DMY = r"(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
_WORDY = r"(?P<wd>\d{1,2})\s+thang\s+(?P<wm>\d{1,2})\s*,?\s*nam\s+(?P<wy>\d{4})"
_DM = r"(?P<nd>\d{1,2})\s*/\s*(?P<nm>\d{1,2})(?![\d/.-])"
_DATE = rf"(?:{_ISO}|{_DMY}|{_WORDY})(?![\d/])"
_YEAR_TAIL = r"(?:\s*(?:/|-|,?\s*nam)\s*(?P<y>\d{4}))?(?!\d)"
# Words that put a date right after them ("trước ngày …", "chậm nhất ngày …").
_DATE_INTRO = (
    r"(?:hoan\s+thanh\s+(?:truoc|vao|trong)|xong\s+truoc|cham\s+nhat(?:\s+(?:la|vao|truoc))?"
    r"|han\s+chot(?:\s+la)?|den\s+het|truoc|hoan\s+thanh(?=\s+ngay))"
)
# Words that put a month, quarter or year after them ("trong tháng 3", "đến năm 2025").
_PERIOD_INTRO = (
    r"(?:ngay\s+trong|trong\s+thoi\s+gian|hoan\s+thanh(?:\s+(?:trong|truoc|vao))?"
    r"|xong(?:\s+(?:trong|truoc))?|cham\s+nhat(?:\s+(?:la|vao|trong|truoc))?"
    r"|den\s+het|trong|truoc|den|het|vao)"
)
_Q = r"(?P<q>iv|iii|ii|i|[1-4])"

_RE_INTRO_DATE = re.compile(rf"{_B}(?P<intro>{_DATE_INTRO})\s+(?:(?:het\s+)?ngay\s+)?(?:{_DATE}|{_DM})")
_RE_BARE_DATE = re.compile(rf"{_B}(?P<ngay>ngay\s+)?{_DATE}")
_RE_MONTH = re.compile(
    rf"{_B}(?:(?P<intro>{_PERIOD_INTRO})\s+)?(?:(?:het|cuoi)\s+)?thang\s+(?P<mo>\d{{1,2}}){_YEAR_TAIL}"
)
_RE_QUARTER = re.compile(
    rf"{_B}(?:(?P<intro>{_PERIOD_INTRO})\s+)?(?:(?:het|cuoi)\s+)?(?:quy|q)\s*{_Q}{_E}{_YEAR_TAIL}"
)
_RE_HALF = re.compile(
    rf"{_B}(?:(?P<intro>{_PERIOD_INTRO})\s+)?(?:0?6|sau)\s+thang\s+(?P<h>dau|cuoi)\s+nam"
    rf"(?:\s*[/-]?\s*(?P<y>\d{{4}}))?{_E}"
)
_RE_YEAR = re.compile(rf"{_B}(?:(?P<intro>{_PERIOD_INTRO}|cuoi)\s+)?nam(?:\s+(?P<y>\d{{4}}))?{_E}")
_RE_FROM_YEAR = re.compile(
    rf"{_B}(?:ke\s+)?(?P<tu>tu)\s+nam\s+(?P<y>\d{{4}})(?:\s+tro\s+(?:di|ve\s+sau))?{_E}"
)
# "Từ 01/7/2025", "Từ tháng 11/2025 đến khi kết thúc…": when a duty starts, not when it ends.
_RE_FROM = re.compile(
    rf"{_B}(?P<tu>tu)\s+(?:ngay\s+)?(?:{_DATE}|thang\s+\d{{1,2}}(?:\s*[/-]\s*\d{{4}}|\s+nam\s+\d{{4}})?){_E}"
)
# "(Quý IV) năm 2025 và các năm tiếp theo": from then on, every year.
_RE_ONWARDS = re.compile(
    rf"{_B}(?:(?:quy\s+[ivx1-4]+|thang\s+\d{{1,2}})\s+)?nam\s+\d{{4}}\s+va\s+(?:cac|nhung)\s+nam\s+tiep\s+theo{_E}"
)
# "năm 2026 - 2027", "giai đoạn 2026-2030": a span of years is a horizon, not a deadline.
_RE_SPAN = re.compile(rf"{_B}(?:giai\s+doan\s+|thoi\s+ky\s+|nam\s+)?\d{{4}}\s*-\s*\d{{4}}{_E}")
_P_WORD = r"(?:(?:hang|moi)\s+)?(?:0?6\s+thang|sau\s+thang|nua\s+nam|thang|quy|nam)"
_P_LIST = rf"{_P_WORD}(?:\s*(?:,|va|hoac|/|;|-)\s*{_P_WORD})*"
_RE_PERIODIC = re.compile(rf"{_B}(?:dinh|thuong)\s+ky\s+(?:bao\s+cao\s+)?(?P<list>{_P_LIST}){_E}")
_RE_EVERY = re.compile(rf"{_B}(?P<list>hang\s+(?:thang|quy|nam)(?:\s*(?:,|va|hoac|/)\s*{_P_WORD})*){_E}")
_RE_DAY_OF = re.compile(
    rf"{_B}(?:(?:truoc|cham\s+nhat|vao|han)\s+)?ngay\s+(?P<dd>\d{{1,2}})(?:\s*/\s*(?P<dm>\d{{1,2}}))?"
    rf"\s+(?:cua\s+)?(?:hang|moi)\s+(?P<per>thang|quy|nam){_E}"
)
_RE_ONGOING = re.compile(rf"{_B}(?:thuong\s+xuyen|lien\s+tuc|hang\s+ngay|hang\s+tuan){_E}")
_RE_LABEL = re.compile(
    rf"{_B}(?:thoi\s+han|han\s+chot|thoi\s+gian|tien\s+do)(?:\s+[a-z]+){{0,6}}?\s*:\s*(?P<val>[^\n;]*)"
)
# A date right after a document's number and symbol is the document's date, not a deadline:
# "Kết luận số 91-KL/TU, ngày 18/10/2022", "ban hành ngày 05/01/2024".
_RE_CITATION = re.compile(
    r"(?:\S{0,20}\d\S{0,20}[/-]\S{0,20}[a-z]\S{0,20}\s*,?\s+ngay|(?:ban\s+hanh|ky|thong\s+qua)(?:\s+vao)?(?:\s+ngay)?)\s*$"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_RANK = {"date": 0, "periodic": 1, "ongoing": 2}


@dataclass
class _Found:
    deadline: Deadline | None  # None: understood, but says no year and none was given
    start: int
    end: int
    label: bool = False
    error: str | None = None  # a date that does not exist


def _make_date(y: int, m: int, d: int) -> datetime.date:
    day = f"{d:02d}/{m:02d}/{y}"
    if not 1900 <= y <= 2199:
        raise DeadlineError(_("Ngày %(day)s không hợp lệ", day=day))
    try:
        return datetime.date(y, m, d)
    except ValueError:
        raise DeadlineError(_("Ngày %(day)s không tồn tại", day=day)) from None


def _month_end(y: int, m: int) -> datetime.date:
    if not 1 <= m <= 12:
        raise DeadlineError(_("Tháng %(month)s không tồn tại", month=m))
    _make_date(y, m, 1)  # checks the year
    return datetime.date(y, m, calendar.monthrange(y, m)[1])


def _date_of(m: re.Match) -> datetime.date:
    g = m.groupdict()
    if g.get("iy"):
        return _make_date(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g.get("wy"):
        return _make_date(int(g["wy"]), int(g["wm"]), int(g["wd"]))
    return _make_date(int(g["y"]), int(g["m"]), int(g["d"]))


@functools.lru_cache(maxsize=4096)  # a file of 50.000 rows holds a few thousand dates
def parse_date(text: str) -> datetime.date:
    """A date written "30/9/2024", "30/09/2024", "30-9-2024", "2024-09-30" or "30 tháng 9 năm 2024".

    Raises DeadlineError ("Ngày 31/02/2024 không tồn tại", "Không hiểu ngày «…»").
    """
    raw = unicodedata.normalize("NFC", str(text)).strip()
    # A spreadsheet may hand over a datetime ("2024-09-30 00:00:00"): the time says nothing.
    folded = re.sub(r"[ t]00:00(?::00)?$", "", fold(raw))
    m = re.fullmatch(rf"(?:ngay\s+)?{_DATE}", folded)
    if m is None:
        raise DeadlineError(_("Không hiểu ngày «%(text)s»", text=raw))
    return _date_of(m)


def _before(start: datetime.date) -> datetime.date:
    return start - datetime.timedelta(days=1)


def _period_date(kind: str, m: re.Match, year: int | None) -> datetime.date | None:
    """The last day of the month/quarter/half/year matched (the day before it, after "trước")."""
    y = int(m.group("y")) if m.group("y") else year
    if y is None:
        return None
    intro = (m.group("intro") or "").split()
    before = intro[-1:] == ["truoc"]
    if kind == "month":
        mo = int(m.group("mo"))
        _month_end(y, mo)  # validates the month
        return _before(_make_date(y, mo, 1)) if before else _month_end(y, mo)
    if kind == "quarter":
        q = m.group("q")
        q = _ROMAN.get(q) or int(q)
        return _before(_make_date(y, 3 * q - 2, 1)) if before else _month_end(y, 3 * q)
    if kind == "half":
        return _month_end(y, 6) if m.group("h") == "dau" else _make_date(y, 12, 31)
    return _before(_make_date(y, 1, 1)) if before else _make_date(y, 12, 31)


def _period_of(words: str) -> str:
    """The most frequent period named in a list: "quý, 06 tháng và hàng năm" -> quarterly."""
    found = set()
    for tok in re.finditer(_P_WORD, words):
        t = tok.group()
        if re.search(r"0?6\s+thang|sau\s+thang|nua\s+nam", t):
            found.add("half_yearly")
        elif t.endswith("thang"):
            found.add("monthly")
        elif t.endswith("quy"):
            found.add("quarterly")
        else:
            found.add("yearly")
    return min(found, key=PERIODS.index)


def _char_before(folded: str, pos: int, lo: int = 0) -> str:
    """The first non-blank character before `pos` (not before `lo`), or "" at the start."""
    while pos > lo and folded[pos - 1] in " \t":
        pos -= 1
    return folded[pos - 1] if pos > lo else ""


def _char_after(folded: str, pos: int) -> str:
    while pos < len(folded) and folded[pos] in " \t":
        pos += 1
    return folded[pos] if pos < len(folded) else ""


def _standalone(folded: str, start: int, end: int) -> bool:
    """True when a phrase is a clause of its own (", Quý I/2024." / "(thường xuyên)")."""
    before, after = _char_before(folded, start), _char_after(folded, end)
    return (not before or before in ",;:(–-\n") and (not after or after in ".;),\n")


@dataclass
class _Text:
    """The text being read: as written (NFC), folded, and where each folded char came from."""

    original: str
    folded: str
    offsets: list[int]
    year: int | None

    @classmethod
    def of(cls, text: str, year: int | None) -> _Text:
        original = unicodedata.normalize("NFC", text)
        folded, offsets = fold_with_offsets(original)
        return cls(original, folded, offsets, year)

    def written(self, start: int, end: int) -> str:
        return self.original[self.offsets[start] : self.offsets[end - 1] + 1]


def _scan(t: _Text, lo: int, hi: int, *, cell: bool, spans: bool | None = None) -> list[_Found]:
    """Every deadline phrase in t.folded[lo:hi]; `cell` also accepts the bare forms of a cell."""
    folded, year = t.folded, t.year
    out: list[_Found] = []

    def found(m: re.Match, build) -> None:
        try:
            out.append(_Found(build(m), m.start(), m.end()))
        except DeadlineError as exc:
            out.append(_Found(None, m.start(), m.end(), error=str(exc)))

    def dated(d: datetime.date | None) -> Deadline | None:
        return None if d is None else Deadline("date", d, None, None)

    def every(regex: re.Pattern):
        return regex.finditer(folded, lo, hi)

    for m in every(_RE_INTRO_DATE):
        if m.group("nd"):
            found(m, lambda m: dated(year and _make_date(year, int(m.group("nm")), int(m.group("nd")))))
        else:
            found(m, lambda m: dated(_date_of(m)))
    if cell:
        for m in every(_RE_BARE_DATE):
            date_start = m.end("ngay") if m.group("ngay") else m.start()
            if not _RE_CITATION.search(folded[max(0, date_start - 100) : date_start]):
                found(m, lambda m: dated(_date_of(m)))
    for kind, regex in (
        ("month", _RE_MONTH),
        ("quarter", _RE_QUARTER),
        ("half", _RE_HALF),
        ("year", _RE_YEAR),
    ):
        for m in every(regex):
            if kind == "year" and not m.group("y") and not (cell and m.group("intro")):
                continue  # "trong năm" alone is too common in prose to be a deadline
            if kind == "quarter" and not m.group("y") and not m.group("intro") and not cell:
                continue
            if kind == "year" and re.search(
                r"(?:dinh\s+huong|tam\s+nhin)\s*$", folded[max(0, m.start() - 20) : m.start()]
            ):
                continue  # "định hướng đến năm 2030" is a horizon, not a deadline
            if cell or m.group("intro") or _standalone(folded, m.start(), m.end()):
                found(m, lambda m, kind=kind: dated(_period_date(kind, m, year)))
    # Spans that say when a duty starts or how long a plan runs: nothing inside them is a deadline.
    masks = [
        (m.start(), m.end())
        for regex in (_RE_FROM, _RE_ONWARDS) + ((_RE_SPAN,) if (not cell if spans is None else spans) else ())
        for m in every(regex)
        if regex is not _RE_FROM or t.written(m.start("tu"), m.end("tu")) in ("Từ", "từ", "tu")
    ]
    for m in every(_RE_FROM_YEAR):
        # Folding makes "điện tử năm 2024" look like "từ năm 2024": check the word as written.
        if t.written(m.start("tu"), m.end("tu")).lower() in ("từ", "tu"):
            out.append(_Found(Deadline("ongoing", None, None, None), m.start(), m.end()))
    for m in every(_RE_PERIODIC):
        out.append(_Found(Deadline("periodic", None, _period_of(m.group("list")), None), m.start(), m.end()))
    for m in every(_RE_DAY_OF):
        period = {"thang": "monthly", "quy": "quarterly", "nam": "yearly"}[m.group("per")]
        day = int(m.group("dd"))
        # "ngày 15/12 hằng năm" names a day of the year: no single day-of-period number for it.
        dop = day if 1 <= day <= 31 and not m.group("dm") else None
        out.append(_Found(Deadline("periodic", None, period, None, dop), m.start(), m.end()))
    for m in every(_RE_EVERY):
        before = _char_before(folded, m.start(), lo)
        # In prose "hằng năm" is often an adjective ("kế hoạch sử dụng đất hằng năm"); it is a
        # duty's rhythm when it opens a clause or follows "báo cáo".
        after_report = re.search(
            r"(?:bao\s+cao|thuc\s+hien)\s*$", folded[max(lo, m.start() - 20) : m.start()]
        )
        if cell or not before or before in ".;:,(\n–-" or after_report:
            rhythm = Deadline("periodic", None, _period_of(m.group("list")), None)
            out.append(_Found(rhythm, m.start(), m.end()))
    for m in every(_RE_ONGOING):
        if cell or _standalone(folded, m.start(), m.end()):
            out.append(_Found(Deadline("ongoing", None, None, None), m.start(), m.end()))
    # "từ năm 2023" says when the duty starts, not when it ends: its "năm 2023" is no deadline.
    starts = [(f.start, f.end) for f in out if f.deadline is not None and f.deadline.kind == "ongoing"]
    out = [f for f in out if not any(a <= f.start and f.end <= b for a, b in masks)]
    out = [
        f
        for f in out
        if not any(a <= f.start and f.end <= b and (f.start, f.end) != (a, b) for a, b in starts)
    ]
    if not cell and year:
        # "đến năm 2030", "năm 2045" in prose, years beyond the document's next three: a plan's
        # horizon or a cited plan's, not the task's deadline.
        out = [
            f
            for f in out
            if not (f.deadline and f.deadline.kind == "date" and f.deadline.date.year - year >= 4)
        ]
    rhythms = [f.start for f in out if f.deadline is not None and f.deadline.kind == "periodic"]
    if rhythms:
        # "Định kỳ hàng tháng (trước ngày 16 hàng tháng), 6 tháng (trước ngày 16/6)": a day without
        # a year after a rhythm in the same sentence is a day of that rhythm, not a deadline.
        out = [
            f
            for f in out
            if not (
                f.deadline is not None
                and f.deadline.kind == "date"
                and re.fullmatch(r".*\d{1,2}\s*/\s*\d{1,2}", folded[f.start : f.end])
                and any(r < f.start and "." not in folded[r : f.start] for r in rhythms)
            )
        ]
    # "… hằng năm và định kỳ báo cáo … trước ngày 20/11", "báo cáo … trước ngày 25/12 hàng năm":
    # a day without a year in a sentence that says "hằng năm" comes back every year.
    yearly = []
    for f in out:
        if (f.deadline.kind == "date" if f.deadline is not None else f.error is None) and re.fullmatch(
            r".*\d{1,2}\s*/\s*\d{1,2}", folded[f.start : f.end]
        ):
            a = max(folded.rfind(".", lo, f.start), folded.rfind(";", lo, f.start), lo - 1) + 1
            b = min(
                (x for x in (folded.find(".", f.end, hi), folded.find(";", f.end, hi)) if x != -1), default=hi
            )
            if re.search(r"(?<![a-z])(?:hang|moi) nam(?![a-z])", folded[a:b]):
                yearly.append(f)
    out = [
        _Found(Deadline("periodic", None, "yearly", None), f.start, f.end, f.label)
        if any(f is y for y in yearly)
        else f
        for f in out
    ]
    if not cell:
        for m in every(_RE_LABEL):
            for labelled in _scan(t, m.start("val"), m.end("val"), cell=True, spans=True):
                labelled.label = True
                out.append(labelled)
    return out


def _best(found: list[_Found], t: _Text) -> Deadline | None:
    usable = [f for f in found if f.deadline is not None]
    if not usable:
        return None
    # A labelled deadline ("Thời hạn: …") beats the rest; then a date beats a rhythm beats
    # "ongoing"; then the first one written; then the longest.
    f = min(usable, key=lambda f: (not f.label, _RANK[f.deadline.kind], f.start, -f.end))
    d = f.deadline
    return Deadline(d.kind, d.date, d.period, t.written(f.start, f.end).strip(" ,;:.("), d.day_of_period)


def parse_deadline(text: str | None, *, year: int | None = None) -> Deadline:
    """Read a whole "Thời hạn" cell: empty -> ongoing; a date; or a deadline phrase.

    `year` is the year to assume for phrases that leave it out ("trong Quý III",
    "6 tháng cuối năm"), normally the year the task was assigned. Raises DeadlineError
    with a Vietnamese message when nothing in the cell is understood.
    """
    if text is None or not str(text).strip() or str(text).strip() in {"-", "–", "—"}:
        return Deadline("ongoing", None, None, None)
    t = _Text.of(str(text).strip(), year)
    original, stripped = t.original, t.folded.strip(" .;:")
    if re.fullmatch(r"(?:ngay\s+)?" + _DATE, stripped):
        return Deadline("date", parse_date(original), None, original)
    if re.fullmatch(r"\d{4}", stripped):
        return Deadline("date", _make_date(int(stripped), 12, 31), None, original)
    m = re.fullmatch(r"(?:thang\s+)?(\d{1,2})\s*/\s*(\d{4})", stripped)
    if m:
        return Deadline("date", _month_end(int(m.group(2)), int(m.group(1))), None, original)
    # A bare rhythm ("6 tháng và hằng năm", "Hàng quý"); a lone "Năm" or "Quý" says nothing.
    m = re.fullmatch(rf"(?:(?:dinh|thuong)\s+ky\s+)?{_P_LIST}", stripped)
    if m and re.search(r"hang|moi|ky|6\s+thang|sau\s+thang|nua\s+nam", stripped):
        return Deadline("periodic", None, _period_of(stripped), original)
    found = _scan(t, 0, len(t.folded), cell=True)
    best = _best(found, t)
    if best is not None:
        return best
    errors = [f.error for f in found if f.error]
    if errors:
        raise DeadlineError(errors[0])
    if found:
        raise DeadlineError(_("Thời hạn «%(text)s» không ghi năm", text=original))
    raise DeadlineError(_("Không hiểu thời hạn «%(text)s»", text=original))


def find_deadline(sentence: str | None, *, year: int | None = None) -> Deadline | None:
    """The deadline stated somewhere in `sentence`, or None.

    Only introduced dates count ("trước ngày …", "chậm nhất …", "Thời hạn: …", "trong
    tháng/quý/năm …", "đến năm …"), plus periodic phrases ("định kỳ quý", a clause opening
    with "hằng năm"), "từ năm 2023" (ongoing) and a stand-alone "thường xuyên". Dates of
    cited documents are never taken. `year` completes phrases without one.
    """
    if not sentence or not sentence.strip():
        return None
    t = _Text.of(sentence, year)
    return _best(_scan(t, 0, len(t.folded), cell=False), t)
