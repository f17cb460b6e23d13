"""Who leads and who coordinates, as programme documents say it.

"Sở Xây dựng chủ trì, phối hợp các Sở: Nội vụ, Tài chính…", "Giao Sở Nội vụ theo dõi…",
"Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố:" — this module finds
those agencies (and groups of agencies) in a piece of text. It works on the folded tokens
of `names.tokenize`, so spelling variants and abbreviations do not matter.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tracker.agencies.models import ISSUER_KINDS
from tracker.agencies.names import (
    _NAME_WORDS,
    _VERB_STARTS,
    AgencyMatcher,
    AgencyRef,
    Token,
    fold,
    fold_with_offsets,
    tokenize,
)

__all__ = ["Mention", "TokenText", "coordinating_of", "lead_of", "leads_in", "scan_list", "subject_of"]


@dataclass
class Mention:
    """An agency, or a group of agencies ("các sở, ban, ngành"), as written in the text."""

    name: str
    agency: AgencyRef | None = None
    group: str | None = None  # department | district | commune | central | public_unit | organisation


# Groups, on the token string (folded words and punctuation separated by single spaces).
_GROUPS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (group, re.compile(f"(?:{pattern})(?= |$)"))
    for group, pattern in (
        (
            "central",
            r"(?:cac )?co quan (?:nganh doc|trung uong)(?: trung uong| cua trung uong)?"
            r"(?: (?:cap tinh|tai tinh|tren dia ban(?: tinh)?|dong tren dia ban(?: tinh)?|to chuc theo khu vuc))?"
            r"|cac co quan thue , hai quan , kho bac nha nuoc",
        ),
        (
            "department",
            r"(?:cac )?(?:so , ban , nganh|so , ban nganh|so ban nganh|so , nganh|so nganh|so , ban"
            r"|co quan chuyen mon(?: thuoc uy ban nhan dan(?: cap)? tinh)?"
            r"|co quan(?= , don vi| va don vi| don vi)|so(?= ,| va | :| thuoc| cap|$))"
            r"(?: thuoc tinh| cap tinh| thuoc uy ban nhan dan tinh|(?: cua)? thanh pho|(?: cua)? tinh(?! [a-z]))?",
        ),
        (
            "district",
            r"(?:chu tich )?(?:uy ban nhan dan )?(?:cac huyen , thi xa , thanh pho|cac huyen , thanh pho , thi xa"
            r"|cac huyen , thi xa|cac huyen|cap huyen)(?: thuoc tinh)?|(?:cac )?dia phuong",
        ),
        (
            "commune",
            r"(?:chu tich )?(?:uy ban nhan dan )?(?:cac xa , phuong , thi tran|cac xa , phuong , dac khu"
            r"|cac (?:phuong , xa|xa , phuong)(?: , dac khu)?|cac xa|cap xa"
            r"|(?<=uy ban nhan dan )(?:xa , phuong|phuong , xa)(?: , dac khu)?"
            r"|(?<=ubnd )(?:xa , phuong|phuong , xa)(?: , dac khu)?)",
        ),
        (
            "public_unit",
            r"(?:cac )?don vi su nghiep(?: cong lap)?(?: thuoc (?:uy ban nhan dan )?tinh)?"
            r"|(?<=co quan , )don vi|(?<=co quan va )don vi|(?<=co quan )don vi",
        ),
        (
            "organisation",
            r"(?:cac )?to chuc chinh tri (?:- )?xa hoi(?: tinh)?|(?:cac )?doan the(?: cap tinh| tinh| trung uong)?",
        ),
    )
)
# Bodies named together that the registry cannot hold as one agency nor as a fan-out group: a
# central document's "các bộ, cơ quan ngang bộ…" and "UBND các tỉnh, thành phố". They are read
# as one named (unmatched) lead, under one spelling.
_NAMED: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(f"(?:{pattern})(?= |$)"))
    for name, pattern in (
        (
            "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
            r"(?:bo truong , )?(?:thu truong )?(?:cac )?(?:bo , )?(?:thu truong )?(?:cac )?co quan ngang bo"
            r" , (?:thu truong )?co quan (?:truc )?thuoc chinh phu",
        ),
        ("các bộ, cơ quan ngang bộ", r"(?:bo truong , thu truong |cac )?(?:bo , )?co quan ngang bo"),
        ("các bộ, ngành", r"(?:cac )?bo , nganh(?: trung uong)?"),
        ("các bộ, cơ quan trung ương", r"(?:cac )?bo , co quan trung uong"),
        ("các bộ, cơ quan", r"(?:cac )?bo , co quan(?! ngang| chu quan)"),
        ("cơ quan chủ quản", r"(?:cac )?co quan chu quan"),
        ("các Tập đoàn, Tổng công ty", r"(?:tong giam doc )?(?:cac )?tap doan , tong cong ty(?: nha nuoc)?"),
        ("các cơ quan thanh tra", r"(?:cac )?co quan thanh tra"),
        # The Party's and the forces' addressees named by kind ("Yêu cầu các cấp uỷ, tổ chức đảng,
        # các cơ quan chức năng …", "các lực lượng chức năng").
        ("các cấp uỷ", r"cac cap uy(?: dang)?"),
        ("tổ chức đảng", r"(?:cac )?to chuc (?:co so )?dang"),
        ("các cơ quan chức năng", r"(?:cac )?co quan chuc nang"),
        ("các lực lượng chức năng", r"(?:cac )?luc luong chuc nang"),
        ("các cơ quan truyền thông, báo chí", r"(?:cac )?co quan truyen thong , bao chi"),
        ("các cơ quan báo chí", r"(?:cac )?co quan bao chi"),
        (
            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
            r"(?:chu tich )?(?:uy ban nhan dan )?cac tinh , thanh pho truc thuoc trung uong",
        ),
        ("Ủy ban nhân dân các tỉnh, thành phố", r"(?:chu tich )?(?:uy ban nhan dan )?cac tinh , thanh pho"),
    )
)
# The six cities under the central government: "các tỉnh, thành phố: Hà Nội, …" names their UBND.
_CITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}
# Words that may stand between the names of a list, or before it, without ending it.
_FILLERS: tuple[tuple[str, ...], ...] = (
    ("chu", "tich", "hoi", "dong", "thanh", "vien"),
    ("nguoi", "dung", "dau"),
    ("thu", "truong"),
    ("lanh", "dao"),
    ("chat", "che"),
    ("dong", "chi"),
    ("bi", "thu", "tinh", "uy"),
    ("bo", "truong"),
    ("chu", "tich"),
    ("tong", "giam", "doc"),
    ("giam", "doc"),
    ("thong", "doc"),
    ("cac",),
    ("voi",),
    ("cung",),
    ("nhat", "la"),
    ("he", "thong"),  # "… và hệ thống các cơ quan báo chí"
    ("to", "chuc", "thanh", "vien"),  # "Ủy ban Trung ương MTTQ Việt Nam và các tổ chức thành viên, …"
)
_SEPARATORS = {",", ";", "&", "/", "va", "cung", "hoac"}
_LIST_GO_ON = {(",",), (";",), ("va",)}


class TokenText:
    """A text, its tokens, and the token string the group patterns run on."""

    def __init__(self, text: str):
        self.text = text
        self.tokens: list[Token] = tokenize(text)
        self.starts: list[int] = []
        parts, pos = [], 0
        for tok in self.tokens:
            self.starts.append(pos)
            parts.append(tok.text)
            pos += len(tok.text) + 1
        self.string = " ".join(parts)

    def words(self, i: int, n: int) -> tuple[str, ...]:
        """The `n` folded words from token `i` (fewer at the end; none before the start)."""
        return tuple(t.text for t in self.tokens[i : i + n]) if i >= 0 else ()

    def cut(self, i: int, j: int) -> str:
        return self.text[self.tokens[i].start : self.tokens[j - 1].end]

    def group_at(self, i: int) -> tuple[str, int] | None:
        """The group named from token `i`, and the index of the token after it."""
        best = None
        for group, pattern in _GROUPS:
            m = pattern.match(self.string, self.starts[i])
            if (
                m
                and (m.end() == len(self.string) or self.string[m.end()] == " ")
                and m.end() > self.starts[i]
            ):
                end = bisect.bisect_right(self.starts, m.end())
                if best is None or end > best[1]:
                    best = (group, end)
        return best


def _named_at(t: TokenText, i: int) -> tuple[str, int] | None:
    """A named set of bodies ("các bộ, cơ quan ngang bộ…") from token `i`: its name and end."""
    for name, pattern in _NAMED:
        m = pattern.match(t.string, t.starts[i])
        if m and (m.end() == len(t.string) or t.string[m.end()] == " ") and m.end() > t.starts[i]:
            return name, bisect.bisect_right(t.starts, m.end())
    return None


def _places_at(t: TokenText, i: int) -> tuple[list[Mention], int] | None:
    """Provinces named by their names ("UBND các tỉnh: Đắk Lắk, Khánh Hòa và Lâm Đồng", "Các tỉnh
    Nghệ An, Quảng Ngãi", "Thành phố Hà Nội", "tỉnh Lâm Đồng"): one mention of each one's UBND."""
    j = i
    if t.words(j, 2) == ("chu", "tich"):
        j += 2
    if t.words(j, 4) == ("uy", "ban", "nhan", "dan"):
        j += 4
    if t.words(j, 1) == ("cac",):
        j += 1
    unit = None
    for words in (("tinh", ",", "thanh", "pho"), ("thanh", "pho"), ("tinh",)):
        if t.words(j, len(words)) == words:
            unit, j = words, j + len(words)
            break
    if unit is None or (
        unit == ("tinh",) and j == i + 1 and not t.text[t.tokens[i].start].isupper() and i == 0
    ):
        return None
    if t.words(j, 1) == (":",):
        j += 1
    found: list[Mention] = []
    while j < len(t.tokens):
        k = j
        while k < len(t.tokens) and t.tokens[k].word and t.text[t.tokens[k].start].isupper():
            k += 1
        if k == j or k - j > 4:
            break
        place = t.cut(j, k)
        city = " ".join(tok.text for tok in t.tokens[j:k]) in _CITIES
        found.append(Mention(f"Ủy ban nhân dân {'thành phố' if city else 'tỉnh'} {place}"))
        if (
            t.words(k, 1) in {(",",), ("va",)}
            and k + 1 < len(t.tokens)
            and t.text[t.tokens[k + 1].start].isupper()
        ):
            j = k + 1
            if t.words(j, 2) == ("thanh", "pho") or t.words(j, 1) == ("tinh",):
                break  # "Thành phố Hà Nội, tỉnh Lâm Đồng": the next place is read on its own
            continue
        j = k
        break
    if not found:
        return None
    return found, j


def _verb_at(t: TokenText, k: int) -> bool:
    """Whether the lower-case word `k` starts a verb ("bảo đảm"), not a name's syllable ("Viễn
    thông Việt Nam"): a verb's first syllable followed by another lower-case word."""
    nxt = t.tokens[k + 1] if k + 1 < len(t.tokens) else None
    return t.tokens[k].text in _VERB_STARTS and not (nxt and nxt.word and t.text[nxt.start].isupper())


_LIST_HEADS = {
    ("bo",): "Bộ",
    ("so",): "Sở",
    ("cuc",): "Cục",
    ("tap", "doan"): "Tập đoàn",
    ("tong", "cong", "ty"): "Tổng công ty",
    ("dang", "uy"): "Đảng uỷ",
}


# Official short names with "và" or a comma inside, read whole in a headed list ("các Bộ: Tài
# chính, Nông nghiệp và Môi trường, Văn hóa, Thể thao và Du lịch"), where "," and "và" part names.
_COMPOUND_NAMES = tuple(
    tuple(name.split())
    for name in (
        "nong nghiep va moi truong",
        "nong nghiep va phat trien nong thon",
        "tai nguyen va moi truong",
        "giao duc va dao tao",
        "khoa hoc va cong nghe",
        "van hoa , the thao va du lich",
        "van hoa the thao va du lich",
        "van hoa va the thao",
        "dan toc va ton giao",
        "thong tin va truyen thong",
        "ke hoach va dau tu",
        "lao dong - thuong binh va xa hoi",
        "giao thong van tai",
    )
)
# Kinds that name a body in full: in "các Bộ, cơ quan: Tài chính, …, Tập đoàn Điện lực Việt Nam"
# the last is no ministry.
_OWN_HEADS = (
    ("tap", "doan"),
    ("tong", "cong", "ty"),
    ("ngan", "hang"),
    ("uy", "ban"),
    ("dai",),
    ("thong", "tan", "xa"),
    ("kiem", "toan"),
    ("thanh", "tra"),
    ("van", "phong"),
    ("ban",),
    ("bo",),
    ("so",),
)


def _headed_list_at(
    t: TokenText, i: int, matcher: AgencyMatcher | None = None
) -> tuple[list[Mention], int] | None:
    """Bodies of one kind listed by their own names after the kind: "các Tập đoàn: Bưu chính Viễn
    thông Việt Nam, Công nghiệp - Viễn thông Quân đội", "các Bộ: Nông nghiệp và Môi trường; Xây
    dựng". Only names the registry does not know come here (known ones take the "Sở" prefix)."""
    if t.words(i, 1) != ("cac",):
        return None
    words = next((w for w in _LIST_HEADS if t.words(i + 1, len(w)) == w), None)
    if words is None:
        return None
    head = _LIST_HEADS[words]
    j = i + 1 + len(words)
    # "Các Bộ, cơ quan: Tài chính, Xây dựng…": the kind is the first word ("Các sở, ban, ngành:"
    # is a group, and a group heads its items)
    after = t.tokens[j + 4].start if j + 4 < len(t.tokens) else len(t.text)
    if t.words(j, 4) == (",", "co", "quan", ":") and "\n" not in t.text[t.tokens[j].start : after]:
        j += 3
    if t.words(j, 1) != (":",):
        return None
    j += 1
    line_end = t.text.find("\n", t.tokens[j].start if j < len(t.tokens) else len(t.text))
    line_end = len(t.text) if line_end == -1 else line_end
    semicolons = ";" in t.text[t.tokens[j].start if j < len(t.tokens) else 0 : line_end]
    found: list[Mention] = []
    while j < len(t.tokens):
        group = t.group_at(j) if t.words(j, 1) == ("cac",) else None
        if group:  # "các Đảng uỷ: …; Mặt trận Tổ quốc, các đoàn thể Trung ương; …"
            found.append(Mention(t.cut(j, group[1]), None, group[0]))
            j = group[1]
            if t.words(j, 1) in {(",",), (";",)}:
                j += 1
                continue
            break
        compound = next((c for c in _COMPOUND_NAMES if t.words(j, len(c)) == c), None)
        k, prev_capital = (j + len(compound), False) if compound else (j, False)
        while k < len(t.tokens) and not compound:
            tok = t.tokens[k]
            if tok.text == ";" or (tok.text in {",", "va"} and not semicolons):
                break
            if not tok.word:
                if tok.text != "-":
                    break
            elif t.text[tok.start].isupper():
                prev_capital = True
            elif (
                tok.text == "va"
                or tok.text in _NAME_WORDS  # "Toà án nhân dân tối cao"
                or (prev_capital and not _verb_at(t, k) and tok.text != "cac")
            ):
                prev_capital = False
            else:
                break
            k += 1
        while k > j and t.tokens[k - 1].text == "va":
            k -= 1  # "…; Bộ Nội vụ và các cấp uỷ": the name ends before "và"
        if k == j:
            break
        # (A Party list names the bodies whose committees it means: "các Đảng uỷ: Bộ Nội vụ; …".)
        own = head != "Đảng uỷ" and any(t.words(j, len(w)) == w for w in _OWN_HEADS)
        name = t.cut(j, k) if own else f"{head} {t.cut(j, k)}"
        found.append(Mention(name, matcher.match(name) if matcher else None))
        if k < len(t.tokens) and t.tokens[k].text in {",", ";", "va"}:
            j = k + 1
            continue
        j = k
        break
    return (found, j) if len(found) >= 1 else None


def _skip(t: TokenText, i: int) -> tuple[int, bool]:
    """Skip fillers and separators from token `i`; also say whether a separator was seen."""
    sep = False
    while i < len(t.tokens):
        if t.tokens[i].text in _SEPARATORS:
            sep, i = True, i + 1
            continue
        for filler in _FILLERS:
            if t.words(i, len(filler)) == filler:
                i += len(filler)
                break
        else:
            return i, sep
    return i, sep


def _mention_at(t: TokenText, i: int, matcher: AgencyMatcher, prefix: tuple[str, ...], groups: bool):
    """The longest agency or group starting at token `i`: (Mention, end) or None."""
    options: list[tuple[int, int, Mention]] = []  # (end, preference, mention)
    hit = matcher.longest_at(t.tokens, i)
    if hit:
        options.append((hit[1], 3, Mention(t.cut(i, hit[1]), hit[0])))
    if groups:
        found = t.group_at(i)
        if found:
            options.append((found[1], 2, Mention(t.cut(i, found[1]), None, found[0])))
    if prefix:
        hit = matcher.longest_at(t.tokens, i, prefix)
        if hit:
            # "các Sở: Nội vụ, Tài chính" names "Sở Nội vụ", "Sở Tài chính".
            options.append((hit[1], 1, Mention(f"Sở {t.cut(i, hit[1])}", hit[0])))
    if groups:
        named = _named_at(t, i)
        if named:
            options.append((named[1], 2, Mention(named[0])))
    # A name the registry does not know is read when nothing known starts here, or when what is
    # known is only the issuer's own prefix ("Ủy ban nhân dân tỉnh" of "… tỉnh Hưng Yên").
    external = all(o[2].agency is not None and o[2].agency.kind in ISSUER_KINDS for o in options)
    end = matcher.unknown_at(t.text, t.tokens, i) if not options or external else None
    if end and options and end <= max(o[0] for o in options):
        end = None
    if end:  # only when nothing known starts here: a known name is never cut short by a guess
        options.append((end, 0, Mention(t.cut(i, end))))
    if not options:
        return None
    end, _, mention = max(options, key=lambda o: (o[0], o[1]))
    return mention, end


def scan_list(
    t: TokenText, i: int, matcher: AgencyMatcher, *, prefix: tuple[str, ...] = (), groups: bool = True
) -> tuple[list[Mention], int]:
    """Read a list of agencies/groups from token `i` ("A, B và các C"); stop at the first word
    that is none. Returns the mentions and the index of the token after the last one."""
    found: list[Mention] = []
    end = i
    while end < len(t.tokens):
        start, sep = _skip(t, end)
        if found and not sep and not (t.words(end, 2) == ("cac", "tinh") and _places_at(t, end)):
            break  # "Sở Tài chính xây dựng…": a list goes on only after "," or "và"
        hit, at = None, start
        places = None
        if groups:
            back = start - 1 if t.words(start - 1, 1) == ("cac",) else start  # "…; các Đảng uỷ: …"
            for k in dict.fromkeys((end if found else i, start, back)):
                if k < len(t.tokens):
                    places = places or _places_at(t, k) or _headed_list_at(t, k, matcher)
        if places:
            found.extend(places[0])
            end = places[1]
            continue
        # A group may begin with a word that is also a filler ("các sở…"), so try both places.
        for k in dict.fromkeys((end if found else i, start)):
            if k < len(t.tokens):
                candidate = _mention_at(t, k, matcher, prefix, groups)
                if candidate and (hit is None or candidate[1] > hit[1]):
                    hit, at = candidate, k
        if hit is None:
            if found and sep and t.words(start, 2) == ("don", "vi") and t.words(start + 2, 1) in _LIST_GO_ON:
                end = start + 2  # "Các Sở, ngành, đơn vị, UBND cấp xã": "đơn vị" alone names none
                continue
            break
        mention, end = hit
        if mention.group and at > 0 and t.tokens[at - 1].text == "cac":
            mention.name = t.cut(at - 1, end)  # keep the "các" of "các cơ quan ngành dọc"
        found.append(mention)
    return found, end


def _clause_start(t: TokenText, i: int) -> bool:
    """Whether token `i` opens a sentence or clause (or follows "UBND tỉnh": "UBND tỉnh giao …")."""
    pos = t.tokens[i].start
    while pos > 0 and t.text[pos - 1].isspace() and t.text[pos - 1] != "\n":
        pos -= 1
    return (
        pos == 0
        or t.text[pos - 1] in ".;:\n"
        # "Đối với 10 nhiệm vụ …, yêu cầu các Bộ: …"
        or (t.text[pos - 1] == "," and t.words(i, 2) == ("yeu", "cau"))
        or t.words(i - 5, 5) == ("uy", "ban", "nhan", "dan", "tinh")
        or t.words(i - 6, 6) == ("uy", "ban", "nhan", "dan", "thanh", "pho")
    )


def _asked_by_issuer(t: TokenText, k: int, matcher: AgencyMatcher) -> bool:
    """Whether the words before token `k` ("đề nghị", "yêu cầu", "giao") are an issuer opening the
    clause: "Chính phủ trân trọng đề nghị X …", "UBND Thành phố yêu cầu X …" ask X; the issuer
    only asks."""
    j = k - 2 if t.words(k - 2, 2) == ("tran", "trong") else k
    for i in range(max(0, j - 8), j):
        hit = matcher.longest_at(t.tokens, i)
        if hit and hit[1] == j and _clause_start(t, i):
            agency = hit[0]
            return agency.code in _ISSUERS | {"CP"} or agency.kind == "province"
    return False


def _not_external(mentions: list[Mention], national: bool = False) -> list[Mention]:
    # Chính phủ, Tỉnh ủy, HĐND, UBND tỉnh issue documents (ISSUER_KINDS); they never lead a task of a
    # province's document. A national document (the Government's, a ministry's, the Party's) gives
    # tasks to the ministries and central bodies the registry keeps as "external".
    if national:
        return [
            m
            for m in mentions
            if m.agency is None or m.agency.kind not in ISSUER_KINDS or m.agency.code not in _ISSUERS
        ]
    return [m for m in mentions if m.agency is None or m.agency.kind not in ISSUER_KINDS]


# Bodies that only issue, in any document: the Government and the Prime Minister.
_ISSUERS = {"TTG"}


def _owned(t: TokenText, before: int, start: int) -> bool:
    """Whether the words just before token `before` are a "của A, B" phrase begun after `start`."""
    k = before - 1
    while k > start:
        if t.tokens[k].text == "cua":
            return True
        if t.tokens[k].text in {".", ";", ":"}:
            return False
        k -= 1
    return False


def lead_of(text: str, matcher: AgencyMatcher, *, national: bool = False) -> list[Mention]:
    """The lead agencies `text` names for itself, or [] (the caller may then inherit one).

    In order: "X chủ trì"; "Giao/Đề nghị/Yêu cầu X …" opening a clause; X opening the text
    ("Sở Tư pháp:", "Các sở, ban, ngành…:", "Sở Nội vụ triển khai…"); "Đối với ngành X".
    """
    t = TokenText(text)
    n = len(t.tokens)
    # Where a list of leads may begin: the text's start, after "Giao/Đề nghị/Yêu cầu" opening a clause.
    openings = [0] + [
        k + (1 if t.tokens[k].text == "giao" else 2)
        for k in range(n)
        if (t.tokens[k].text == "giao" or t.words(k, 2) in {("de", "nghi"), ("yeu", "cau")})
        and (_clause_start(t, k) or _asked_by_issuer(t, k, matcher))
    ]
    for k in range(n - 1):
        if t.words(k, 2) == ("chu", "tri"):
            # "Sở Nội vụ (là cơ quan) chủ trì": the agency ends where those words start.
            before = k - 2 if t.words(k - 2, 2) == ("co", "quan") else k
            before = k - 3 if t.words(k - 3, 3) == ("la", "co", "quan") else before
            # "Giao A, B chủ trì": the whole list that ends there leads.
            for start in openings:
                if start < before:
                    found, end = scan_list(t, start, matcher)
                    if end == before and len(_not_external(found, national)) > 1:
                        return _not_external(found, national)
                    if start > 0 and _not_external(found, national) and _owned(t, before, start):
                        # "Giao Quân uỷ Trung ương căn cứ Kết luận … của Bộ Chính trị, Ban Bí thư
                        # chủ trì": the body before "chủ trì" belongs to a "của …" phrase.
                        return _not_external(found, national)
            for j in range(max(0, before - 16), before):
                hit = _mention_at(t, j, matcher, (), False)
                if hit and hit[1] == before:
                    lead = _not_external([hit[0]], national)
                    if lead:
                        return lead
                    break
    # The body that opens the item's first paragraph is its subject, before a request of a later
    # paragraph ("Các bộ, … khẩn trương triển khai…\nĐề nghị các đồng chí Bộ trưởng…").
    first_end = t.text.find("\n")
    if n and first_end != -1:
        found, end = scan_list(t, 0, matcher)
        if _not_external(found, national) and end < n:
            later = [
                k
                for k in range(n)
                if (t.tokens[k].text == "giao" or t.words(k, 2) in {("de", "nghi"), ("yeu", "cau")})
                and _clause_start(t, k)
            ]
            if later and all(t.tokens[k].start > first_end and k >= end for k in later):
                return _not_external(found, national)
    for k in range(n):
        size = (
            1 if t.tokens[k].text == "giao" else 2 if t.words(k, 2) in {("de", "nghi"), ("yeu", "cau")} else 0
        )
        if size and (_clause_start(t, k) or _asked_by_issuer(t, k, matcher)):
            found, _ = scan_list(t, k + size, matcher)
            if _not_external(found, national):
                return _not_external(found, national)
    if n:
        found, _ = scan_list(t, 0, matcher)
        if _not_external(found, national):
            return _not_external(found, national)
    # "Về đề nghị …: Bộ Nội vụ nghiên cứu…": the answer to a request names its lead after the colon.
    if n and t.words(0, 1) == ("ve",):
        colon = next((k for k, tok in enumerate(t.tokens) if tok.text == ":"), None)
        if colon is not None:
            # "Về đề nghị …: Chính phủ đã ban hành …. Các bộ, ngành … hoàn thiện …": what a body has
            # already done ("đã") is no task; the first sentence's subject that acts leads.
            for start in [colon + 1] + [k + 1 for k in range(colon + 1, n) if t.tokens[k].text == "."]:
                found, end = scan_list(t, start, matcher)
                if _not_external(found, national) and t.words(end, 1) != ("da",):
                    return _not_external(found, national)
    # "7. Đối với ngành Nội vụ" heads the duties of Sở Nội vụ.
    first = text.split("\n")[0]
    folded, offsets = fold_with_offsets(first)
    m = re.match(r"\s*doi voi (?:nganh|so|linh vuc) (.{2,60}?)\s*:?\s*$", folded)
    if m:
        agency = matcher.match(f"Sở {first[offsets[m.start(1)] : offsets[m.end(1) - 1] + 1]}")
        if agency is not None:
            return [Mention(first[offsets[m.start()] : offsets[m.end(1) - 1] + 1].strip(), agency)]
    return []


def subject_of(text: str, matcher: AgencyMatcher, *, national: bool = False) -> list[Mention]:
    """The subject named after a leading phrase, for an item that names no lead and inherits none:
    "Đối với 355 nhiệm vụ …, các Bộ, cơ quan ngang Bộ khẩn trương rà soát…", "Căn cứ Kế hoạch
    này, UBND các xã, phường xây dựng…" — the list after a comma of the first sentence, when a
    verb follows it."""
    t = TokenText(text)
    n = len(t.tokens)
    for k in range(n):
        if t.tokens[k].text == "." or (k and t.text[t.tokens[k - 1].end : t.tokens[k].start].count("\n") > 1):
            break
        if t.tokens[k].text != "," or k + 1 >= n:
            continue
        found, end = scan_list(t, k + 1, matcher)
        if _not_external(found, national) and end < n and (_verb_at(t, end) or t.words(end, 1) in _MODALS):
            return _not_external(found, national)
    return []


# Words that stand between a subject and its verb ("… cần tập trung", "… phải", "… khẩn trương").
_MODALS = {("can",), ("phai",), ("tap",), ("nghiem",), ("som",), ("kip",)}


# How the name of a body that heads its duties begins ("Báo và Phát thanh, Truyền hình thành
# phố", "Các chủ rừng là tổ chức", "Cục Di sản văn hóa:", "Thủ trưởng các cơ quan … thuộc Bộ").
_BODY_START = re.compile(
    r"(?:de nghi )?(?:cac |nhung )?(?:truong ban|bao|dai|ban|hoi|hiep hoi|doanh nghiep|to chuc|co so|don vi|chu rung"
    r"|thu truong|nguoi dung dau|luc luong|ho gia dinh|nha dau tu|cong ty|trung tam|tap doan|lien minh"
    r"|lien doan|lien hiep|so|cuc|vu|uy ban|ubnd|cong an|vien|toa an|van phong|thanh tra|co quan)(?![a-z])"
)
_NAME_SPLIT = re.compile(
    r"\s*[,;]\s*(?=(?:Cục|Sở|Bộ|Ban|Báo|Đài|Cổng|Trung tâm|Hội|Liên|Đoàn|Hiệp|Ủy ban|UBND|Công an|Viện|Tòa"
    r"|Văn phòng|Thanh tra|Kho bạc|Ngân hàng|Chi cục|Tập đoàn|Tổng công ty|Công ty)(?![a-zà-ỹđ]))"
)


def heading_names(heading: str, matcher: AgencyMatcher, *, whole: bool) -> list[Mention]:
    """The bodies a heading names when nothing known does: "5. Cục Di sản văn hóa: Chủ trì…"
    (the words before the colon), or, for a heading over bullets (`whole`), the whole short
    heading "7. Báo và Phát thanh, Truyền hình thành phố". Each body by its words as written."""
    first = heading.split("\n", 1)[0].strip()
    name = first.split(":", 1)[0].strip() if ":" in first else (first if whole else "")
    name = re.sub(r"^(?:Đề nghị|đề nghị)\s+", "", name)
    # "Trách nhiệm của đối tượng thực hiện kiểm kê:", "Trách nhiệm của các cơ quan quản lý cấp trên
    # (bao gồm …):" head the duties of those they name, by kind.
    duty = re.match(
        r"\W*trach nhiem cua (?:cac )?((?:doi tuong|co quan|don vi|to chuc|ca nhan)(?: [a-z]+)+)", fold(name)
    )
    if whole and duty and "(" not in name[: duty.end(1)]:
        written = re.sub(r"\s*\(.*$", "", name[duty.start(1) : duty.end(1) + 1]).strip(" .;")
        return [Mention(written)] if len(written.split()) <= 12 else []
    name = re.sub(r"\s*(?:có trách nhiệm|chịu trách nhiệm)\s*$", "", name).strip(" .;*")
    folded = fold(name)
    if not name or len(name.split()) > 25 or not _BODY_START.match(folded):
        return []
    if re.match(r"(?:bao|dai|hoi|vu)(?![a-z])", folded) and name[:1] not in "BĐHV":
        return []
    if re.match(
        r"(?:bao (?:dam|ve|cao)|dai (?:hoi|dien)|to chuc (?:cac|nhung|thuc|trien|tuyen|hoi|lop|tap))(?![a-z])",
        folded,
    ):
        return []  # "Bảo đảm an sinh xã hội", "Đại hội": a heading of work, not a body
    if re.search(r"(?<![a-z])(?:chu tri|phoi hop|(?<!don vi )thuc hien|trien khai|giao)(?![a-z])", folded):
        return []  # a sentence, not a name ("đơn vị thực hiện dịch vụ" is one)
    return [Mention(part) for part in _NAME_SPLIT.split(name) if part.strip()]


_KIND_SPLIT = re.compile(
    r"\s+và\s+(?=(?:các |những )?(?:cơ sở|đơn vị|doanh nghiệp|tổ chức|hộ gia đình|nhà đầu tư|chủ rừng)\s)"
)


def addressed(heading: str, mentions: list[Mention]) -> list[Mention]:
    """Of the bodies a heading names by kind, those a sub-heading "Đối với (các) X…" speaks to:
    "9. Các cơ sở sản xuất … và đơn vị thực hiện dịch vụ…" > "9.1. Đối với các cơ sở sản xuất…"."""
    m = re.match(r"\s*doi voi (?:cac |nhung )?([a-z]+ [a-z]+)", fold(heading))
    if not m:
        return []
    kind = m.group(1)
    # "Các cơ sở sản xuất, kinh doanh và đơn vị thực hiện dịch vụ vệ sinh môi trường": two kinds
    parts = [
        Mention(bit)
        for x in mentions
        if x.agency is None and not x.group
        for bit in _KIND_SPLIT.split(x.name)
    ]
    if len(parts) < 2:
        return []
    return [
        x for x in parts if re.sub(r"^(?:cac |nhung )", "", " ".join(fold(x.name).split())).startswith(kind)
    ]


def leads_in(value: str, matcher: AgencyMatcher, *, national: bool = False) -> list[Mention]:
    """The lead agencies of a "Chủ trì: …" field or a "Cơ quan chủ trì" cell (groups allowed).

    A value naming nothing known comes back as one unmatched mention, so it is not lost.
    """
    found, _ = scan_list(TokenText(value), 0, matcher, prefix=("so",))
    return _not_external(found, national) or ([] if found else [Mention(value.strip())])


def coordinating_of(text: str, matcher: AgencyMatcher, *, field: bool = False) -> list[Mention]:
    """The agencies after "phối hợp (với)" in `text` (or the whole `text`, for a "Phối hợp:"
    field), groups left out. A report's recipient ("báo cáo … (qua Sở Nội vụ)") is never one."""
    t = TokenText(text)
    starts = [0] if field else [k + 2 for k in range(len(t.tokens) - 1) if t.words(k, 2) == ("phoi", "hop")]
    found: list[Mention] = []
    for j in starts:
        prefix: tuple[str, ...] = ("so",) if field else ()
        j, _ = _skip(t, j)
        # "các Sở: Nội vụ, …" and "các: Sở Nội vụ, Thông tin và Truyền thông, …" name sở by their short names.
        if t.words(j - 1, 3) == ("cac", "so", ":"):
            prefix, j = ("so",), j + 2
        elif j < len(t.tokens) and t.tokens[j].text == ":" and t.words(j - 1, 1) == ("cac",):
            prefix, j = ("so",), j + 1
        mentions, _ = scan_list(t, j, matcher, prefix=prefix)
        found.extend(m for m in mentions if m.group is None)
    return found
