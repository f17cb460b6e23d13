"""Vietnamese-aware matching of agency names ("Sở KH&ĐT" is "Sở Kế hoạch và Đầu tư").

Documents write the same agency many ways: with or without diacritics, old or new tone
placement ("Uỷ"/"Ủy", "Hoà"/"Hòa"), abbreviated ("UBND", "Sở TT&TT"), with or without the
province. Everything here compares *folded* text: lower case, no diacritics, "đ" -> "d",
abbreviations expanded, punctuation dropped. Pure standard library.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["AgencyMatcher", "AgencyRef", "Token", "clean_name", "fold", "name_key", "normalize", "tokenize"]


def _invisible(ch: str) -> bool:
    """A character that shows nothing: a format character (zero-width space and joiners, soft
    hyphen, byte order mark, bidi marks and overrides), a control character, or a filler."""
    return unicodedata.category(ch) in ("Cf", "Cc") or ch in "\u115f\u1160\u3164\uffa0"


def clean_name(text: str | None) -> str:
    """The one stored form of an agency's name: NFC, invisible characters removed, every run of
    spaces (any Unicode space) made one space, trimmed. "Sở Tư pháp" typed in decomposed Unicode,
    with a trailing space or with a zero-width space inside is stored as "Sở Tư pháp"; a name made
    only of invisible characters is empty (and refused by the operation)."""
    text = unicodedata.normalize("NFC", text or "")
    if not text.isascii() or not text.isprintable():
        text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or not _invisible(ch))
    return " ".join(text.split())


def name_key(text: str | None) -> str:
    """What two agency names must not share: the clean name without case nor diacritics
    ("Sở Tư pháp", "SỞ TƯ PHÁP" and "So Tu Phap" are one name)."""
    return fold(clean_name(text))


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """One character folded: lower case, base letter only ("Ở" -> "o", "Đ" -> "d")."""
    if ch in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFD", ch)
    # Combining marks (tones, hooks, breves) vanish; a lone combining mark folds to "".
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fold(text: str) -> str:
    """Fold `text` for comparison: lower case, diacritics stripped, "đ" -> "d".

    Tone placement variants ("hoà"/"hòa", "uỷ"/"ủy") fold to the same letters, which is
    why matching never compares accented text directly.
    """
    return unicodedata.normalize("NFC", text).translate(_FOLDED)


class _Folded(dict):
    """Code point -> `_fold_char` of it, filled as characters are met (for str.translate)."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _fold_char(chr(code))
        return value


_FOLDED = _Folded()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)` without NFC, plus for each folded character its index in `text`.

    The offsets let callers cut the words "as written" out of the original text after
    searching the folded one.
    """
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for c in _fold_char(ch):
            chars.append(c)
            offsets.append(i)
    return "".join(chars), offsets


# Abbreviations in folded form, expanded to the folded full words. Order matters: longer
# forms first ("ubmttq" before "mttq", "dvsncl" before "dvsn").
_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"ubmttq\s*vn|ubmttqvn", "uy ban mat tran to quoc viet nam"),
    (r"ubmttq", "uy ban mat tran to quoc"),
    (r"mttq\s*vn|mttqvn", "mat tran to quoc viet nam"),
    (r"mttq", "mat tran to quoc"),
    (r"ubnd", "uy ban nhan dan"),
    (r"hdnd", "hoi dong nhan dan"),
    (r"kh\s*&\s*dt|khdt", "ke hoach va dau tu"),
    (r"tt\s*&\s*tt|tttt", "thong tin va truyen thong"),
    (r"kh\s*&\s*cn|khcn", "khoa hoc va cong nghe"),
    (r"ld\s*-?\s*tb\s*&\s*xh|ldtbxh", "lao dong thuong binh va xa hoi"),
    (r"gd\s*&\s*dt|gddt", "giao duc va dao tao"),
    (r"nn\s*&\s*ptnt|nnptnt", "nong nghiep va phat trien nong thon"),
    (r"ptnt", "phat trien nong thon"),
    (r"vh\s*,\s*tt\s*&\s*dl|vhttdl", "van hoa the thao va du lich"),
    (r"vh\s*&\s*tt|vhtt", "van hoa va the thao"),
    (r"tn\s*&\s*mt|tnmt", "tai nguyen va moi truong"),
    (r"nn\s*&\s*mt|nnmt", "nong nghiep va moi truong"),
    (r"bch\s*qs|bchqs", "bo chi huy quan su"),
    # A department's short name after "Sở" ("Sở TC", "Sở TP"): only there, "TP" is "thành phố".
    (r"(?<=so )tc", "tai chinh"),
    (r"(?<=so )nv", "noi vu"),
    (r"(?<=so )xd", "xay dung"),
    (r"(?<=so )yt", "y te"),
    (r"(?<=so )ct", "cong thuong"),
    (r"(?<=so )tp", "tu phap"),
    (r"(?<=so )ngv", "ngoai vu"),
    (r"(?<=so )dt", "dan toc"),
    (r"pt\s*[-&]\s*th|ptth", "phat thanh va truyen hinh"),
    (r"gtvt", "giao thong van tai"),
    (r"dvsncl", "don vi su nghiep cong lap"),
    (r"dvsn", "don vi su nghiep"),
    (r"nhnn", "ngan hang nha nuoc"),
    (r"kbnn", "kho bac nha nuoc"),
    (r"bhxh", "bao hiem xa hoi"),
    (r"bql", "ban quan ly"),
    (r"qlda", "quan ly du an"),
    (r"kkt", "khu kinh te"),
    (r"cchc", "cai cach hanh chinh"),
    (r"tthc", "thu tuc hanh chinh"),
    (r"tp\.?", "thanh pho"),
    (r"tx\.?", "thi xa"),
    (r"vp", "van phong"),
    (r"tw", "trung uong"),
)
_ABBR_RE = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(f"(?P<a{i}>{pattern})" for i, (pattern, _) in enumerate(_ABBREVIATIONS))
    + r")(?![a-z0-9])"
)
_TOKEN_RE = re.compile(r"[a-z0-9]+|[^\sa-z0-9]")


class Token(NamedTuple):
    """A folded word (or one punctuation character) and where it was in the original."""

    text: str
    start: int
    end: int
    word: bool


def tokenize(text: str) -> list[Token]:
    """Split `text` into folded words and punctuation, abbreviations expanded.

    An abbreviation becomes several tokens sharing the abbreviation's span ("UBND" ->
    uy, ban, nhan, dan), so a match can always be cut out of `text` as written.
    """
    folded, offsets = fold_with_offsets(text)

    def span(a: int, b: int) -> tuple[int, int]:
        start, end = offsets[a], offsets[b - 1] + 1
        # Keep trailing combining marks of decomposed (NFD) input inside the span.
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        return start, end

    tokens: list[Token] = []
    pos = 0
    for m in _ABBR_RE.finditer(folded):
        tokens.extend(_plain_tokens(folded, pos, m.start(), span))
        start, end = span(m.start(), m.end())
        expansion = _ABBREVIATIONS[int(m.lastgroup[1:])][1]
        tokens.extend(Token(w, start, end, True) for w in expansion.split())
        pos = m.end()
    tokens.extend(_plain_tokens(folded, pos, len(folded), span))
    return tokens


def _plain_tokens(folded: str, a: int, b: int, span) -> list[Token]:
    out = []
    for m in _TOKEN_RE.finditer(folded, a, b):
        start, end = span(m.start(), m.end())
        out.append(Token(m.group(), start, end, m.group()[0].isalnum()))
    return out


def normalize(text: str) -> str:
    """The comparable form of a name: folded words, abbreviations expanded, no punctuation.

    >>> normalize("Sở KH&ĐT") == normalize("Sở Kế hoạch và Đầu tư")
    True
    """
    return " ".join(t.text for t in tokenize(text) if t.word)


@dataclass(frozen=True)
class AgencyRef:
    """What the matcher knows of an agency: its code, full name, kind and other names."""

    code: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


def _variants(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Looser keys for whole-name matching: without a leading "sở", a trailing "tỉnh", "và".

    "Nội vụ" (written in a list "các Sở: Nội vụ, …") and "Sở Nội vụ tỉnh" then find
    "Sở Nội vụ"; "Sở Kế hoạch - Đầu tư" finds "Sở Kế hoạch và Đầu tư".
    """
    out = {words}
    if len(words) > 2 and words[0] == "so":
        out.add(words[1:])
    for w in list(out):
        if len(w) > 2 and w[-1] == "tinh":
            out.add(w[:-1])
    for w in list(out):
        without_and = tuple(x for x in w if x != "va")
        if len(without_and) >= 2:
            out.add(without_and)
    return out


# Heads that start the name of an agency the registry may not know ("Sở Du lịch", "Cục Thuế").
_UNKNOWN_HEADS: tuple[tuple[str, ...], ...] = tuple(
    tuple(head.split())
    for head in (
        "uy ban nhan dan|chi cuc|kho bac|ngan hang|cong an|van phong|trung tam|thanh tra|tinh doan"
        # central bodies, the Party's, state groups, associations ("Đảng ủy Chính phủ", "Tập đoàn
        # Điện lực Việt Nam", "Viện kiểm sát nhân dân tối cao", "Hội Chữ thập đỏ Việt Nam")
        "|dang uy|quan uy|tinh uy|thanh uy|tap doan|tong cong ty|cong ty|thong tan xa|hoc vien|vien|toa an"
        "|kiem toan|lien minh|lien hiep|lien doan|hiep hoi|hoi|doan|uy ban|bo chi huy|bo tu lenh"
        "|pho thu tuong|tong thu ky|thuong truc|cong thong tin|hai quan|thue"
        "|so|bo|cuc|vu|dai|bao|ban"
    ).split("|")
)
# Lower-case words that belong to such a name ("Viện kiểm sát nhân dân tối cao", "Hội nông dân
# tỉnh", "Công an thành phố", "Ngân hàng Chính sách xã hội").
_NAME_WORDS = set(
    "kiem sat nhan dan toi cao nong doanh nghiep lao dong tinh thanh pho quoc gia chinh xa hoi "
    "khu vuc cap trung uong truyen hinh tieng noi phat thanh".split()
)
# Two-syllable words whose second syllable goes on a name begun in capitals ("Khu kinh tế",
# "Trung tâm Xúc tiến đầu tư", "Viện Khoa học công nghệ").
_NAME_PAIRS = {
    tuple(pair.split())
    for pair in (
        # nouns only: "đầu tư", "phát triển", "thông tin" also start a sentence's verb
        "kinh te|cong nghe|du lich|thuong mai|moi truong|van hoa|the thao|dan toc|ton giao|phap luat"
        "|cong nghiep|nong nghiep|khoa hoc|ky thuat|an ninh|quoc phong|tai chinh|xa hoi|nhan dan"
        "|nong thon|giao duc|y te|dan su|hanh chinh|chinh sach|thap do"  # "Hội Chữ thập đỏ"
    ).split("|")
}
# Heads whose names may hold a comma ("Bộ Văn hóa, Thể thao và Du lịch", "Vụ Kế hoạch, Tài chính").
_COMMA_HEADS = {("so",), ("bo",), ("vu",), ("cuc",), ("bao",)}  # "Báo và Phát thanh, Truyền hình"
# Words that may follow a head without being a name ("Báo cáo", "Ban hành", "Bộ phận").
_NOT_AFTER_HEAD = {"bao": {"cao"}, "ban": {"hanh", "chi", "thuong", "can"}, "bo": {"phan", "chinh"}}
# First syllables of verbs that end a name the registry does not know ("Tỉnh đoàn Khánh Hòa tổ chức…").
_VERB_STARTS = set(
    "to san chu phoi chi trien tiep theo khan co thuc tham la xay nghien huong quan don ra de ban bao gui "
    "thong dang cung giai ho kiem tang nang dam hoan tong lam duoc ket trinh ky da se phat".split()
)
_LOCAL_UNITS = (("thanh", "pho"), ("thi", "xa"), ("thi", "tran"), ("huyen",), ("xa",), ("phuong",), ("tinh",))


def _broken(text: str, tokens: list[Token], j: int) -> bool:
    """Whether a line break stands between token `j - 1` and token `j`."""
    return j > 0 and "\n" in text[tokens[j - 1].end : tokens[j].start]


def _starts_head(tokens: list[Token], j: int) -> bool:
    words = tuple(t.text for t in tokens[j : j + 4])
    return any(words[: len(head)] == head for head in _UNKNOWN_HEADS)


def _capitalised(text: str, tok: Token) -> bool:
    return text[tok.start : tok.end][:1].isupper()


class AgencyMatcher:
    """Finds agencies of a registry by the names documents use for them."""

    _MAX_WORDS = 16  # the longest name considered when scanning a sentence

    def __init__(self, agencies: Iterable[AgencyRef]):
        """Index `agencies` by every name and alias, normalised, and by their loose variants."""
        self.agencies: list[AgencyRef] = list(agencies)
        self._by_code: dict[str, AgencyRef] = {}
        self._exact: dict[tuple[str, ...], AgencyRef] = {}
        loose: dict[tuple[str, ...], set[str]] = {}
        self._loose: dict[tuple[str, ...], AgencyRef] = {}
        self._names: list[tuple[str, AgencyRef]] = []
        for agency in self.agencies:
            self._by_code.setdefault(agency.code.upper(), agency)
            for name in (agency.name, *agency.aliases):
                words = tuple(normalize(name).split())
                if not words:
                    continue
                self._exact.setdefault(words, agency)  # the first agency wins a duplicate name
                self._names.append((" ".join(words), agency))
                for variant in _variants(words):
                    loose.setdefault(variant, set()).add(agency.code)
                    self._loose.setdefault(variant, agency)
        # A loose key shared by two agencies says nothing: drop it.
        for key, codes in loose.items():
            if len(codes) > 1:
                del self._loose[key]
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in self._exact:
            self._by_first.setdefault(words[0], []).append(words)
        for keys in self._by_first.values():
            keys.sort(key=len, reverse=True)

    def match(self, name: str) -> AgencyRef | None:
        """The agency called `name` (its code, name or an alias, after normalisation), or None."""
        if not name or not name.strip():
            return None
        by_code = self._by_code.get(name.strip().upper())
        if by_code is not None:
            return by_code
        words = tuple(normalize(name).split())
        if not words:
            return None
        if words in self._exact:
            return self._exact[words]
        for variant in sorted(_variants(words), key=len, reverse=True):
            if variant in self._exact:
                return self._exact[variant]
            if variant in self._loose:
                return self._loose[variant]
        return None

    def suggest(self, name: str, limit: int = 3) -> list[AgencyRef]:
        """Agencies whose names are close to `name` (for "did you mean"), best first."""
        return [agency for agency, ratio in self.similar(name) if ratio >= 0.6][:limit]

    def similar(self, name: str) -> list[tuple[AgencyRef, float]]:
        """Every agency with the similarity (0–1) of its closest name or alias to `name`, best first."""
        wanted = normalize(name)
        if not wanted:
            return []
        best: dict[str, tuple[float, AgencyRef]] = {}
        for known, agency in self._names:
            ratio = difflib.SequenceMatcher(None, wanted, known).ratio()
            if ratio > best.get(agency.code, (0.0, agency))[0]:
                best[agency.code] = (ratio, agency)
        return [(agency, ratio) for ratio, agency in sorted(best.values(), key=lambda pair: -pair[0])]

    def find_all(self, text: str) -> list[tuple[str, AgencyRef | None]]:
        """Agency mentions in `text`, left to right: (the words as written, the agency or None).

        Known names are matched longest first; a capitalised "Sở …", "Cục …", "UBND huyện …"
        the registry does not know comes back with None.
        """
        tokens = tokenize(text)
        found: list[tuple[str, AgencyRef | None]] = []
        i = 0
        while i < len(tokens):
            hit = self.longest_at(tokens, i)
            if hit is not None:
                agency, end = hit
                found.append((text[tokens[i].start : tokens[end - 1].end], agency))
                i = end
                continue
            end = self.unknown_at(text, tokens, i)
            if end is not None:
                found.append((text[tokens[i].start : tokens[end - 1].end], None))
                i = end
                continue
            i += 1
        return found

    def longest_at(
        self, tokens: list[Token], i: int, prefix: tuple[str, ...] = ()
    ) -> tuple[AgencyRef, int] | None:
        """The longest known name starting at token `i` (after `prefix`, e.g. ("so",)).

        Returns the agency and the index of the first token after the name, or None.
        """
        words: list[str] = []
        j = i
        # Collect the next words, skipping nothing: names never contain punctuation we keep,
        # except the hyphen and comma of a few official names ("Lao động - Thương binh").
        positions: list[int] = []
        while j < len(tokens) and len(words) < self._MAX_WORDS:
            tok = tokens[j]
            if tok.word:
                words.append(tok.text)
                positions.append(j)
            elif tok.text not in "-,&":
                break
            j += 1
        if not words or tokens[i].word is False:
            return None
        seq = (*prefix, *words)
        for key in self._by_first.get(seq[0], ()):
            if len(key) <= len(seq) and seq[: len(key)] == key and len(key) > len(prefix):
                return self._exact[key], positions[len(key) - len(prefix) - 1] + 1
        return None

    def unknown_at(self, text: str, tokens: list[Token], i: int) -> int | None:
        """End index of an agency-like name the registry does not know, starting at token `i`.

        Vietnamese names capitalise the first syllable of each word ("Sở Du lịch"); a
        lower-case syllable belongs to the name only right after a capitalised one, which
        is where "Sở Xây dựng chủ trì" stops.
        """
        if not tokens[i].word or not _capitalised(text, tokens[i]):
            return None
        if i > 0 and tokens[i - 1].text == "cac":
            return None  # "các Sở" is a group, not one agency
        for head in _UNKNOWN_HEADS:
            if tuple(t.text for t in tokens[i : i + len(head)]) == head:
                break
        else:
            return None
        j = i + len(head)
        if j < len(tokens) and tokens[j].text in _NOT_AFTER_HEAD.get(head[0], ()):
            return None
        if head == ("bo",) and text[tokens[i].start : tokens[i].end] not in ("Bộ", "BỘ"):
            return None  # "Bố trí", "Bổ sung": no ministry
        if head == ("uy", "ban", "nhan", "dan"):
            for unit in _LOCAL_UNITS:
                if tuple(t.text for t in tokens[j : j + len(unit)]) == unit:
                    j += len(unit)
                    break
            else:
                return None
            if unit in (("tinh",), ("thanh", "pho")) and not (
                j < len(tokens)
                and tokens[j].word
                and _capitalised(text, tokens[j])
                and not _broken(text, tokens, j)
            ):
                return None  # "UBND tỉnh", "UBND Thành phố" alone: the issuer, never a lead
        elif head == ("dang", "uy") and tuple(t.text for t in tokens[j : j + 3]) == ("cac", "co", "quan"):
            j += 3  # "Đảng ủy các cơ quan Đảng Trung ương"
        elif head == ("cong", "thong", "tin") and tuple(t.text for t in tokens[j : j + 2]) == ("dien", "tu"):
            j += 2  # "Cổng thông tin điện tử tỉnh"
        elif not (
            j < len(tokens)
            and tokens[j].word
            and (
                _capitalised(text, tokens[j])
                or tokens[j].text in _NAME_WORDS
                # "Báo và Phát thanh, Truyền hình tỉnh" (the merged provincial media body)
                or (
                    head == ("bao",)
                    and tokens[j].text == "va"
                    and j + 1 < len(tokens)
                    and _capitalised(text, tokens[j + 1])
                )
            )
        ):
            return None
        # After "UBND huyện" only a capitalised name may follow ("UBND tỉnh thông báo" stops).
        prev_capital = head != ("uy", "ban", "nhan", "dan")
        while j < len(tokens) and j - i < self._MAX_WORDS:
            tok = tokens[j]
            if (
                _broken(text, tokens, j)
                and j > i + len(head) + 1
                and _capitalised(text, tok)
                # "Bộ Nông nghiệp và\nMôi trường", "Liên minh Hợp tác xã Việt\nNam": the name goes on
                and tokens[j - 1].text != "va"
                and (tokens[j - 1].text, tok.text) != ("viet", "nam")
                # "Báo và Phát thanh\nTruyền hình Lai Châu": the media body's name goes on
                and (tokens[j - 2].text, tokens[j - 1].text, tok.text) != ("phat", "thanh", "truyen")
            ):
                break  # a name runs on past a line break only into a lower-case word ("Bộ Công\nan")
            if not tok.word:
                if (
                    tok.text == "-"
                    and tokens[j - 1].word
                    and j + 1 < len(tokens)
                    and tokens[j + 1].word
                    and _capitalised(text, tokens[j + 1])
                    and not _broken(text, tokens, j + 1)
                ):
                    j += 1  # "Tập đoàn Công nghiệp - Viễn thông Quân đội"
                    continue
                if (
                    tok.text == ","
                    and head in _COMMA_HEADS
                    and j + 1 < len(tokens)
                    and tokens[j + 1].word
                    and _capitalised(text, tokens[j + 1])
                    and tokens[j + 1].text not in _VERB_STARTS
                    and not _starts_head(tokens, j + 1)
                    and self.longest_at(tokens, j + 1) is None
                ):
                    j += 1  # "Bộ Văn hóa, Thể thao và Du lịch"
                    continue
                break
            if tok.text == "va" and j + 1 < len(tokens) and _starts_head(tokens, j + 1):
                break  # "Bộ Tài chính và Ngân hàng Nhà nước": two agencies
            if _capitalised(text, tok) or tok.text == "tinh":
                prev_capital = _capitalised(text, tok)
            elif tok.text == "va" and j + 1 < len(tokens) and _capitalised(text, tokens[j + 1]):
                prev_capital = False
            elif tok.text in _NAME_WORDS and (
                tok.text not in _VERB_STARTS or (j + 1 < len(tokens) and tokens[j + 1].text in _NAME_WORDS)
            ):
                prev_capital = False  # "Viện kiểm sát nhân dân", not "Sở Y tế kiểm tra"
            elif (tokens[j - 1].text, tok.text) in _NAME_PAIRS and not prev_capital:
                pass  # "Ban Quản lý Khu kinh tế": the second syllable of a word of the name
            elif (
                not prev_capital
                and j + 1 < len(tokens)
                and (tok.text, tokens[j + 1].text) in _NAME_PAIRS
                and not _broken(text, tokens, j + 1)
            ):
                j += 1  # "Trung tâm Xúc tiến đầu tư": a whole lower-case word of the name
            elif prev_capital and (
                tok.text not in _VERB_STARTS
                # "Viễn thông Quân đội": a verb's syllable inside a name goes on to a capital
                or (
                    j + 1 < len(tokens)
                    and tokens[j + 1].word
                    and _capitalised(text, tokens[j + 1])
                    and not _broken(text, tokens, j + 1)
                )
            ):
                prev_capital = False
            else:
                break
            j += 1
        while j > i + len(head) and tokens[j - 1].text in ("va", ","):
            j -= 1
        return j
