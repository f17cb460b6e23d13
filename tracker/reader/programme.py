"""Reading a programme or plan (its text) into a proposed task tree.

The numbering gives the tree ("III." > "2." > "b)" > "-" bullets); headings such as
"b) Sở Kế hoạch và Đầu tư:" give the lead to the bullets under them; each item's own words
give its lead, coordinating agencies and deadline. Parts that are no tasks (aims,
funding, the recipients list, signatures) are kept out or marked `is_task=False`. Nothing
here is final: a monitor reviews the proposal before anything is saved.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from tracker.agencies.names import AgencyMatcher, fold, fold_with_offsets
from tracker.reader.layout import Item, has_body, read_layout, refs
from tracker.reader.mentions import (
    Mention,
    addressed,
    coordinating_of,
    heading_names,
    lead_of,
    leads_in,
    subject_of,
)
from tracker.tasks.deadlines import Deadline, DeadlineError, find_deadline, parse_deadline

__all__ = ["AgencyMention", "Node", "read_programme"]

# Headings of parts that are no tasks: aims, requirements, funding, grounds, results…
_NON_TASK = re.compile(
    r"(?:muc tieu|yeu cau|muc dich|kinh phi|quan diem|can cu|co so|ket qua|danh gia|tinh hinh|kien nghi|de xuat"
    r"|nguon (?:von|kinh phi|luc thuc hien)|pham vi|doi tuong)"
)
# A decision's articles that assign nothing: issuing the plan, entry into force, who executes it.
_FORMAL_ARTICLE = re.compile(
    r"ban hanh kem theo|co hieu luc|chiu trach nhiem thi hanh|thi hanh (?:quyet dinh|nghi quyet)|bai bo|thay the"
)
# In a report, only the outlook ("phương hướng, nhiệm vụ") asks for anything.
_REPORT_TASK = re.compile(r"nhiem vu|phuong huong|giai phap|to chuc thuc hien")


@dataclass
class AgencyMention:
    """An agency as the document writes it, and the code it matched (None if none)."""

    name: str
    agency: str | None
    group: str | None = None  # for a group ("các sở, ban, ngành"): its agency kind


@dataclass
class Node:
    """One item of the document: a task, or a heading/part that only groups others."""

    ref: str
    text: str
    is_task: bool
    lead: list[AgencyMention]
    coordinating: list[AgencyMention]
    deadline: datetime.date | None
    deadline_kind: str
    period: str | None
    deadline_phrase: str | None
    children: list[Node] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    request: bool = False  # "Đề nghị X…": the document asks a body it does not command

    def to_dict(self) -> dict:
        """The node and its children as plain JSON-ready data (dates as "YYYY-MM-DD")."""
        return {
            "ref": self.ref,
            "text": self.text,
            "is_task": self.is_task,
            "lead": [{"name": m.name, "agency": m.agency} for m in self.lead],
            "coordinating": [{"name": m.name, "agency": m.agency} for m in self.coordinating],
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_kind": self.deadline_kind,
            "period": self.period,
            "deadline_phrase": self.deadline_phrase,
            "children": [child.to_dict() for child in self.children],
        }


# ── from items to nodes ──────────────────────────────────────────────────────────────────
def _to_mentions(mentions: list[Mention]) -> list[AgencyMention]:
    """Mentions as the node shows them (code or None), each agency or group once."""
    seen, out = set(), []
    for m in mentions:
        key = m.agency.code if m.agency else (m.group or m.name)
        if key not in seen:
            seen.add(key)
            out.append(AgencyMention(m.name, m.agency.code if m.agency else None, m.group))
    return out


class _Builder:
    """Turns read items into nodes: agencies and deadline from each item's own words."""

    def __init__(
        self,
        matcher: AgencyMatcher,
        year: int | None,
        report: bool,
        scope: tuple[bool, bool] = (False, False),
    ):
        self.matcher, self.year, self.report = matcher, year, report
        # A national document (ministries lead) / a province's after the reform (no districts).
        self.national, self.two_level = scope

    def node(
        self, item: Item, ref: str, inherited: list[Mention], non_task: bool, asked: bool = False
    ) -> Node:
        paras = [p for p in item.paras if p]
        while (
            len(paras) > 1
            and paras[-2].rstrip().endswith((".", ";", ":"))
            and _CLOSING.match(fold(paras[-1]))
        ):
            paras.pop()  # the closing sentence after a section's last item
        text = "\n".join(paras).strip()
        # "Đề nghị Ủy ban MTTQ tỉnh …", "Chính phủ trân trọng đề nghị …": a request, and so are
        # the items under such a heading.
        first = next((p for p in item.paras if p), "")
        request = asked or (not item.cells and bool(_REQUEST.match(fold(first))))
        if item.cells and item.cells.get("output"):
            text = f"{text}\nSản phẩm: {item.cells['output']}".strip()
        head = fold(item.paras[0] if item.paras else "")
        if item.kind == "article" and _FORMAL_ARTICLE.search(fold(" ".join(item.paras))[:400]):
            non_task = (
                True  # "Điều 1. Ban hành kèm theo…", "Điều 3. … chịu trách nhiệm thi hành Quyết định này"
            )
        if self.report and item.kind == "roman" and not _REPORT_TASK.search(head):
            non_task = True  # a report's sections tell what was done, except its "nhiệm vụ" part
        if not item.children and _CLOSING.match(fold(" ".join(item.paras))):
            non_task = True  # "3. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc …"
        opener, assessment = _opener(item), False
        if (item.children or item.kind == "roman") and len(head) <= 80 and _NON_TASK.match(head):
            if opener and re.match(r"danh gia|tinh hinh|ket qua", head) and _ASKS.search(fold(opener)):
                assessment = True  # the section's own words assess; its list asks
            else:
                non_task = True  # "I. MỤC TIÊU, YÊU CẦU", "IV. KINH PHÍ THỰC HIỆN"
        lead, coordinating, deadline = self._agencies_and_deadline(item, text)
        if not item.cells and all(m.agency is None and m.group is None for m in lead):
            head = item.paras[0] if item.paras else ""
            if (
                len(item.paras) > 1
                and ":" not in head
                and len(head.split()) <= 6
                and not head.endswith((".", ";"))
            ):
                head = (
                    f"{head} {item.paras[1]}"  # a heading broken over two lines ("5. Cục\nDi sản văn hóa:")
                )
            # A first line of its own naming bodies, over the paragraphs that say their work ("9.
            # Báo và phát thanh, truyền hình Sơn La, Cổng thông tin điện tử tỉnh\nXây dựng…").
            alone = (
                len(item.paras) > 1
                and len(head.split()) <= 16
                and not head.rstrip().endswith((".", ";", ","))
            )
            named = heading_names(head, self.matcher, whole=bool(item.children) or alone)
            # The heading's own words name the body better than a guess cut short ("Cục Di" of
            # "Cục Di sản văn hóa:"), or name it when nothing else does.
            # But a list the whole text reads past the line's end ("Đài Tiếng nói Việt\nNam, …")
            # already holds every body the line names, whole.
            said = [" ".join(fold(m.name).split()) for m in lead]
            covered = all(any(x.startswith(" ".join(fold(n.name).split())) for x in said) for n in named)
            if (
                named
                and not (covered and len(lead) >= len(named))
                and (not lead or " ".join(fold(named[0].name).split()).startswith(said[0]))
            ):
                lead = named
        if not lead and opener:
            # "…, thành phố Đà Nẵng cần tập trung thực hiện các nhiệm vụ sau đây:" heads the items below
            lead = subject_of(opener, self.matcher, national=self.national) or lead_of(
                opener, self.matcher, national=self.national
            )
        if not lead and inherited:
            lead = addressed(item.paras[0] if item.paras else "", inherited)
        lead = lead or inherited  # the one thing an item takes from the heading above it
        if not lead and not item.cells:
            lead = subject_of(text, self.matcher, national=self.national)
        lead_codes = {m.agency.code for m in lead if m.agency}
        coordinating = [m for m in coordinating if not (m.agency and m.agency.code in lead_codes)]
        places = refs(item.children, ref)
        children = [
            self.node(c, r, lead, non_task, request and not lead_from_child(c))
            for c, r in zip(item.children, places, strict=True)
        ]
        _shared_fields(item.children, children, _to_mentions(lead))
        is_task = (
            not non_task
            and not assessment
            and item.kind != "appendix"
            and bool(text)
            and (not children or has_body(item))
        )
        return Node(
            ref=ref,
            text=text,
            is_task=is_task,
            lead=_to_mentions(lead),
            coordinating=_to_mentions(coordinating),
            deadline=deadline.date,
            deadline_kind=deadline.kind,
            period=deadline.period,
            deadline_phrase=deadline.phrase,
            children=children,
            groups=list(dict.fromkeys(m.group for m in lead if m.group)),
            request=request,
        )

    def _agencies_and_deadline(self, item: Item, text: str):
        cells, fields = item.cells, _fields(text)
        lead_text = (cells or {}).get("lead") or fields.get("chu tri") or fields.get("thuc hien")
        lead = (
            leads_in(lead_text, self.matcher, national=self.national)
            if lead_text
            else lead_of(text, self.matcher, national=self.national)
        )
        if self.national:
            # A national document's "các đoàn thể Trung ương", "các tổ chức chính trị - xã hội" are the
            # central ones, no province's fan-out group.
            lead = [Mention(m.name) if m.group == "organisation" else m for m in lead]
        if self.two_level:
            # After 1 July 2025 a province's "địa phương" are its communes: there are no districts.
            lead = [Mention(m.name, m.agency, "commune") if m.group == "district" else m for m in lead]
        coord_text = (cells or {}).get("coordinating") or fields.get("phoi hop")
        own_coord = coordinating_of(text, self.matcher) if not cells else []
        coordinating = own_coord + (
            coordinating_of(coord_text, self.matcher, field=True) if coord_text else []
        )
        deadline = None
        cell = (cells or {}).get("deadline")
        if cell:
            try:
                deadline = parse_deadline(cell, year=self.year)
            except DeadlineError:
                # Keep the words for the monitor to read, even when they say no date we know.
                deadline = find_deadline(cell, year=self.year) or Deadline("ongoing", None, None, cell)
        deadline = deadline or find_deadline(text, year=self.year) or Deadline("ongoing", None, None, None)
        return lead, coordinating, deadline


# The sentence that opens a section's list asks for work ("… cần tập trung thực hiện tốt một số
# nhiệm vụ, giải pháp sau đây:"), even under a heading of assessment ("I. ĐÁNH GIÁ CHUNG").
_ASKS = re.compile(r"(?:nhiem vu|giai phap)[^.;]*(?:sau day|sau|nhu sau)\s*:\s*$")


# A section's or the document's closing sentence, set after its last item: "UBND tỉnh giao/yêu
# cầu …", "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc …". It is no item's work and
# names no item's lead.
_CLOSING = re.compile(
    r"[*\s]*(?:(?:uy ban nhan dan|ubnd) (?:tinh|thanh pho)(?: [a-z]+){0,3}? (?:giao|yeu cau|de nghi)(?![a-z])"
    r"|trong qua trinh (?:to chuc )?(?:trien khai )?thuc hien(?: [a-z]+){0,3}? ?,? neu (?:co )?"
    r"(?:kho khan|vuong mac|phat sinh))"
)
_REQUEST = re.compile(r"\s*(?:de nghi|[a-z ]{2,40}? tran trong de nghi)(?![a-z])")


def lead_from_child(item: Item) -> bool:
    """Whether an item under a request names a body of its own ("a) Giao Sở …"), so is no request."""
    return bool(re.match(r"\s*(?:giao|yeu cau)\b", fold(item.paras[0] if item.paras else "")))


def _opener(item: Item) -> str | None:
    """The paragraph that opens an item's list of children (its last, ending with a colon), when
    the item has its own paragraphs before the list."""
    if not item.children or len(item.paras) < 2 or item.cells:
        return None
    last = item.paras[-1].rstrip()
    return last if last.endswith(":") else None


_FIELD_ANY = re.compile(
    r"(?:^|(?<=[.;\n]))[ \t]*(?:[-+•][ \t]*)?(?:co quan |don vi )?"
    r"(?P<label>chu tri|phoi hop|thoi gian|thoi han|tien do|san pham|noi dung|(?<=co quan )thuc hien|(?<=don vi )thuc hien)[a-z ]{0,20}?[ \t]*:"
)


def _shared_fields(items: list[Item], nodes: list[Node], inherited: list[AgencyMention]) -> None:
    """Bullets that share the fields written after the last of them ("- Tăng cường…", "- Nâng
    cao…", "Đơn vị thực hiện: Các Sở, ngành…"): a bullet without fields of its own, which only
    inherits its heading's lead, takes the lead and coordinating agencies of the next bullet that
    has them."""
    holder: Node | None = None
    for item, node in reversed(list(zip(items, nodes, strict=True))):
        if item.kind not in ("dash", "plus"):
            holder = None
            continue
        fields = _fields(node.text)
        if fields.get("chu tri") or fields.get("thuc hien"):
            holder = node
        elif holder is not None and not fields and [m.name for m in node.lead] == [m.name for m in inherited]:
            node.lead, node.coordinating = list(holder.lead), list(holder.coordinating)
            node.groups = list(holder.groups)


def _fields(text: str) -> dict[str, str]:
    """The "Chủ trì: …", "Phối hợp: …" fields of a field-per-line layout, by folded label."""
    folded, offsets = fold_with_offsets(text)
    matches = list(_FIELD_ANY.finditer(folded))
    out: dict[str, str] = {}
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(folded)
        newline = folded.find("\n", m.end(), end)
        # A value broken over lines ("Cơ quan chủ trì: Bộ Công\nan.", "…: Các\nSở, ngành") goes on
        # to the next line unless that line is a bullet or the value ended a sentence.
        while newline != -1 and not re.match(
            r"[ \t]*(?:[-+•*]|\d|[a-z]\))", folded[newline + 1 : newline + 4]
        ):
            if folded[:newline].rstrip().endswith((".", ";")):
                break
            newline = folded.find("\n", newline + 1, end)
        end = newline if newline != -1 else end
        a = offsets[m.end()] if m.end() < len(offsets) else len(text)
        b = offsets[end] if end < len(offsets) else len(text)
        out.setdefault(m.group("label"), text[a:b].strip(" \t;."))
    return out


def read_programme(text: str, matcher: AgencyMatcher, *, year: int | None = None) -> list[Node]:
    """Read a programme/plan/notice into a proposed task tree (top-level nodes, in order).

    `year` completes deadline phrases without one ("trong Quý III"); by default it is the
    year of the document's date line, when the text has one.
    """
    layout = read_layout(text or "")
    scope = _scope(text or "", layout.year)
    builder = _Builder(matcher, year if year is not None else layout.year, layout.report, scope)
    places = refs(layout.roots, "")
    addressees = _addressees(layout.preamble, matcher, scope[0])
    nodes = [
        builder.node(item, ref, addressees, False) for item, ref in zip(layout.roots, places, strict=True)
    ]
    _annex_deadline(nodes)
    _unassigned_sections(nodes)
    return nodes


def _unassigned_sections(nodes: list[Node]) -> None:
    """A section that names nobody in a document that assigns its work elsewhere lists contents,
    aims or means ("III. NHIỆM VỤ, GIẢI PHÁP" restated with leads in "V. TỔ CHỨC THỰC HIỆN",
    "IV. KINH PHÍ"): its items are proposed as headings, which the monitor may still take in."""
    if not any(n.lead and n.is_task for n in _walk(nodes)):
        return  # no task names a lead: every item waits for the monitor's choice
    for root in nodes:
        if root.children and not any(n.lead for n in _walk([root])):
            for n in _walk([root]):
                n.is_task = False


def _walk(nodes: list[Node]):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _annex_deadline(nodes: list[Node]) -> None:
    """An annex of tasks without a deadline column takes the deadline of the one item of the body
    that sends to it ("xử lý các kiến nghị … (Phụ lục kèm theo), hoàn thành trước ngày 15/12/2025")."""
    annexes = [n for n in nodes if n.ref.startswith("PL")]
    if not annexes:
        return
    body = [n for n in nodes if not n.ref.startswith("PL")]
    citing = [n for n in _walk(body) if n.is_task and n.deadline_kind == "date" and "phu luc" in fold(n.text)]
    if len(citing) != 1:
        return
    source = citing[0]
    for row in _walk(annexes):
        if row.is_task and row.deadline_kind == "ongoing" and not row.deadline_phrase:
            row.deadline, row.deadline_kind, row.deadline_phrase = (
                source.deadline,
                "date",
                source.deadline_phrase,
            )


_PROVINCIAL = re.compile(r"(?<![a-z])(?:uy ban nhan dan|ubnd)(?! thuong vu)")
_NATIONAL = re.compile(
    r"chinh phu|thu tuong|bo truong|quoc hoi|bo chinh tri|ban bi thu|trung uong|(?<![a-z])bo [a-z]"
)


def _scope(text: str, year: int | None) -> tuple[bool, bool]:
    """(national, two_level) of a document, from its heading and addressees: a national document
    is one no province's committee heads ("CHÍNH PHỦ", "VĂN PHÒNG CHÍNH PHỦ", "Kính gửi: Các đồng
    chí Bộ trưởng", a Party conclusion); a province's document after the 1 July 2025 reform
    speaks of "xã, phường" and "đặc khu", never of districts."""
    lines = [fold(x).strip(" *|#") for x in text.splitlines()[:40] if x.strip(" *|#\t")][:15]
    head = "\n".join(lines)
    national = not _PROVINCIAL.search(head) and bool(_NATIONAL.search(head) or not lines)
    folded = fold(text)
    two_level = (
        not national
        and (year is None or year >= 2025)
        and bool(re.search(r"xa , phuong|xa, phuong|phuong, xa|dac khu", folded))
        and not re.search(r"cac huyen|cap huyen|thi tran", folded)
    )
    return national, two_level


def _addressees(preamble: list[str], matcher: AgencyMatcher, national: bool = False) -> list[Mention]:
    """Whom the numbered items address when they name nobody: the agencies the sentence that
    opens the list asks ("Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành, địa phương … sau:")."""
    if not preamble or not preamble[-1].rstrip().endswith(":"):
        return []
    last = preamble[-1]
    if not re.search(r"\b(?:yeu cau|giao|de nghi)\b", fold(last)):
        return []
    return lead_of(last, matcher, national=national)
