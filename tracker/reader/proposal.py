"""The reader's proposal as a monitor reviews it: editable items, before anything is saved.

`propose` turns the reader's nodes (`programme.read_programme`) into plain, JSON-ready items;
the review screen edits them (lead agencies, deadlines, include/exclude, merge, split) and
`operations.create_programme` writes the items that are included. The same items, written in
the seed's format (`to_seed`), are what `seed/documents/*.yaml` hold: the seed is the reader's
proposal plus the reviewer's corrections (`apply_corrections`), and a test keeps them equal.

An item:

    {"code": "III.2.b.1", "text": "…the full wording…", "title": "…a short name…",
     "include": True,          # created when saved
     "task": True,             # a task (with a lead) or a heading that only groups (False)
     "proposed": True,         # what the reader said (task or not), for display
     "lead": ["SKHDT"],        # agency codes and groups ("@department", "@district" …)
     "coordinating": ["STC"], "unmatched": ["Sở Du lịch"],   # names the registry does not know
     "written": "Sở Kế hoạch và Đầu tư",                      # the lead as the document writes it
     "unknown_lead": ["Sở Du lịch"],  # leads as written that the registry does not know (to map)
     "request": False,                # "Đề nghị X…": the document asks, it does not assign
     "source": [1520, 1688],          # where the item's passage is in the text read (or None)
     "area": "the_che", "deadline_kind": "date", "deadline": "2022-12-31", "period": None,
     "deadline_phrase": "trước ngày 31/12/2022", "priority": "normal", "output": "",
     "children": […]}
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator

from tracker.agencies.names import fold
from tracker.core.text import N_
from tracker.reader.programme import Node

__all__ = [
    "GROUPS",
    "apply_corrections",
    "canonical",
    "find",
    "guess_area",
    "merge",
    "normalise",
    "propose",
    "split",
    "summarise",
    "to_seed",
    "walk",
]

# Fan-out groups as the seed writes them, and how the review screen names them.
GROUPS = {
    "@department": N_("Các sở, ban, ngành"),
    "@district": N_("UBND các huyện, thị xã, thành phố"),
    "@commune": N_("UBND các xã, phường, thị trấn"),
    "@public_unit": N_("Các đơn vị sự nghiệp công lập"),
    "@central": N_("Các cơ quan ngành dọc"),
    "@organisation": N_("Các tổ chức chính trị - xã hội"),
}

# The area of a section, from the words of its heading (folded); the first one written wins.
_AREA_WORDS: tuple[tuple[str, str], ...] = (
    ("the_che", r"the che|van ban quy pham|moi truong dau tu"),
    ("tthc", r"thu tuc hanh chinh|tthc|mot cua"),
    ("to_chuc_bo_may", r"to chuc bo may|bo may|don vi su nghiep"),
    ("cong_vu", r"cong vu|can bo, cong chuc|cong chuc|vi tri viec lam"),
    ("tai_chinh_cong", r"tai chinh cong|dau tu cong|ngan sach"),
    ("chinh_quyen_so", r"chinh quyen dien tu|chinh quyen so|chuyen doi so|dien tu|so hoa"),
    ("chi_dao_dieu_hanh", r"chi dao|dieu hanh|lanh dao|quan triet|kiem tra|tuyen truyen"),
)


def summarise(text: str, limit: int = 120) -> str:
    """A short name for an item: its first sentence, cut at a word within `limit` characters."""
    first = (text or "").strip().split("\n", 1)[0].strip()
    first = re.sub(r"^[-–•+*]\s*", "", first).rstrip(":").strip()
    sentence = re.split(r"(?<=[.;])\s", first, maxsplit=1)[0].rstrip(".;").strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def guess_area(own: str, headings: list[str]) -> str:
    """The area of an item: from the nearest heading above it that names one, else its own words."""
    for text in [*headings, own]:
        folded = fold((text or "").split("\n", 1)[0])
        hits = [(m.start(), area) for area, words in _AREA_WORDS for m in [re.search(words, folded)] if m]
        if hits:
            return min(hits)[1]
    return "other"


def _agencies(mentions) -> tuple[list[str], list[str]]:
    """(codes and "@group" keys, names the registry does not know) of a node's mentions."""
    refs: list[str] = []
    unknown: list[str] = []
    for m in mentions:
        ref = m.agency or (f"@{m.group}" if getattr(m, "group", None) else None)
        if ref is None:
            unknown.append(m.name)
        elif ref not in refs:
            refs.append(ref)
    return refs, unknown


def _source(node: Node) -> list[int] | None:
    span = getattr(node, "source", None)
    if not span or len(span) != 2 or span[0] is None or span[1] is None:
        return None
    return [int(span[0]), int(span[1])]


def propose(nodes: list[Node], *, urgent: bool = False) -> list[dict]:
    """The reader's nodes as review items: tasks included, parts that are no tasks left out."""

    def item(node: Node, headings: list[str]) -> dict:
        lead, unknown_lead = _agencies(node.lead)
        coordinating, unknown_coord = _agencies(node.coordinating)
        heads = [node.text] + headings if not node.is_task else headings
        children = [item(c, heads) for c in node.children]
        return {
            "code": node.ref,
            "text": node.text,
            "title": summarise(node.text),
            "include": node.is_task or any(c["include"] for c in children),
            "task": node.is_task,
            "proposed": node.is_task,
            "lead": lead,
            "coordinating": [c for c in coordinating if c not in lead],
            "unmatched": unknown_lead + unknown_coord,
            "written": "; ".join(m.name for m in node.lead),
            "unknown_lead": list(dict.fromkeys(unknown_lead)),
            "request": bool(getattr(node, "request", False)),
            "source": _source(node),
            "area": guess_area(node.text, headings) if node.is_task else "",
            "deadline_kind": node.deadline_kind,
            "deadline": node.deadline.isoformat() if node.deadline else None,
            "period": node.period,
            "deadline_phrase": node.deadline_phrase,
            "priority": "urgent" if urgent else "normal",
            "output": "",
            "children": children,
        }

    return [item(n, []) for n in nodes]


# ── walking and finding ─────────────────────────────────────────────────────────────────
def walk(items: list[dict], depth: int = 0) -> Iterator[tuple[dict, int]]:
    """Every item, in document order, with its depth."""
    for it in items:
        yield it, depth
        yield from walk(it["children"], depth + 1)


def find(items: list[dict], code: str) -> tuple[list[dict], int] | None:
    """(the list holding the item `code`, its index there), or None."""
    for i, it in enumerate(items):
        if it["code"] == code:
            return items, i
        hit = find(it["children"], code)
        if hit:
            return hit
    return None


def _renumber(siblings: list[dict], prefix: str) -> None:
    """Give bullets (siblings numbered 1, 2, 3… by position) their places again after an edit."""
    lasts = [s["code"].rsplit(".", 1)[-1] for s in siblings]
    if not all(x.isdigit() or x == "" for x in lasts):
        return
    for n, sibling in enumerate(siblings, start=1):
        _recode(sibling, f"{prefix}.{n}" if prefix else str(n))


def _recode(item: dict, code: str) -> None:
    old = item["code"]
    item["code"] = code
    for child in item["children"]:
        _recode(child, code + child["code"][len(old) :] if child["code"].startswith(old) else child["code"])


def _parent_code(code: str) -> str:
    return code.rsplit(".", 1)[0] if "." in code else ""


def _fresh(template: dict, code: str, text: str) -> dict:
    new = copy.deepcopy(template)
    new.pop("uid", None)  # a new item: the review screen gives it its own
    new.update(code=code, text=text, title=summarise(text), children=[], include=True, task=True)
    if not new.get("area"):
        new["area"] = template.get("area") or "other"
    return new


def split(items: list[dict], code: str) -> list[str]:
    """Split an item's paragraphs into items of their own; returns the new codes.

    A heading with bullets under it whose first paragraph was written without a bullet mark
    ("Các sở…:" then a paragraph, then "- …"): the paragraphs become its first bullets. An item
    without children: each further paragraph becomes an item right after it. One paragraph is
    split at its sentences.
    """
    hit = find(items, code)
    if hit is None:
        return []
    siblings, index = hit
    item = siblings[index]
    paras = [p for p in item["text"].split("\n") if p.strip()]
    if len(paras) < 2:
        paras = [s for s in re.split(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])", item["text"].strip()) if s.strip()]
    if len(paras) < 2:
        return []
    head, rest = paras[0], paras[1:]
    item["text"] = head
    item["title"] = summarise(head)
    if item["children"]:
        new = [_fresh(item, f"{code}.0", p) for p in rest]
        item["children"][:0] = new
        item["task"] = False
        _renumber(item["children"], code)
    else:
        parent = _parent_code(code)
        new = [_fresh(item, f"{code}-{n}", p) for n, p in enumerate(rest, start=2)]
        siblings[index + 1 : index + 1] = new
        _renumber(siblings, parent)
    return [n["code"] for n in new]


def merge(items: list[dict], code: str) -> str | None:
    """Merge an item into the item before it (its wording, agencies and children); returns
    the code of the item merged into, or None when there is none before it."""
    hit = find(items, code)
    if hit is None or hit[1] == 0:
        return None
    siblings, index = hit
    item, before = siblings[index], siblings[index - 1]
    before["text"] = f"{before['text']}\n{item['text']}".strip()
    for key in ("lead", "coordinating", "unmatched", "unknown_lead"):
        before[key] = list(dict.fromkeys(before.get(key, []) + item.get(key, [])))
    spans = [s for s in (before.get("source"), item.get("source")) if s]
    before["source"] = [min(s[0] for s in spans), max(s[1] for s in spans)] if spans else None
    before["request"] = bool(before.get("request") or item.get("request"))
    if before["deadline_kind"] == "ongoing" and item["deadline_kind"] != "ongoing":
        for key in ("deadline_kind", "deadline", "period", "deadline_phrase"):
            before[key] = item[key]
    before["include"] = before["include"] or item["include"]
    before["children"].extend(item["children"])
    for child in item["children"]:
        _recode(child, before["code"] + child["code"][len(item["code"]) :])
    del siblings[index]
    _renumber(siblings, _parent_code(code))
    return before["code"]


def normalise(items: list[dict]) -> None:
    """After an edit: an item with an included descendant is included (as a heading when it
    was left out itself), so nothing is created without the place it belongs to."""

    def visit(it: dict) -> bool:
        below = any([visit(c) for c in it["children"]])
        if below and not it["include"]:
            it["include"], it["task"] = True, False
        return it["include"]

    for it in items:
        visit(it)


# ── the seed's format ───────────────────────────────────────────────────────────────────
def to_seed(items: list[dict]) -> list[dict]:
    """The included items as the seed files write tasks (seed/README.md): sections and tasks."""
    out = []
    for it in items:
        if not it["include"]:
            continue
        children = to_seed(it["children"])
        if not it["task"]:
            if children:
                out.append(
                    {
                        "code": it["code"],
                        "title": it["title"],
                        "section": True,
                        "content": it["text"],
                        "children": children,
                    }
                )
            continue
        node = {
            "code": it["code"],
            "title": it["title"],
            "content": it["text"],
            "lead": list(it["lead"]),
            "coordinating": list(it["coordinating"]),
            "area": it["area"] or "other",
            "deadline_kind": it["deadline_kind"],
            "deadline": it["deadline"],
            "period": it["period"],
            "deadline_phrase": it["deadline_phrase"],
            "output": it.get("output") or "",
            "priority": it["priority"],
            "children": children,
        }
        out.append(node)
    return out


def canonical(nodes) -> list[dict]:
    """Seed nodes without empty values and with dates as text, so two trees compare equal."""
    out = []
    for node in nodes or []:
        clean = {}
        for key, value in node.items():
            if key == "children":
                value = canonical(value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            if value in (None, "", [], False):
                continue
            clean[key] = value
        if clean.get("deadline_kind") == "ongoing":
            clean.pop("deadline", None)
        out.append(clean)
    return out


# ── corrections ─────────────────────────────────────────────────────────────────────────
EDITABLE = (
    "title",
    "text",
    "include",
    "task",
    "lead",
    "coordinating",
    "area",
    "deadline_kind",
    "deadline",
    "period",
    "deadline_phrase",
    "priority",
    "output",
    "code",
)


def apply_corrections(items: list[dict], corrections: dict) -> list[dict]:
    """Apply a reviewer's corrections: first the edits in order (`split`, `merge`), then the
    fields of each item (by code after the edits). Returns the corrected copy.

        edits: [{split: III.6.a}, {merge: 2.3}]
        items: {III.1.a: {title: …, lead: ["@department", "@district"]}, V.1.a: {include: false}}
    """
    items = copy.deepcopy(items)
    for edit in corrections.get("edits") or []:
        ((verb, code),) = edit.items()
        done = split(items, str(code)) if verb == "split" else merge(items, str(code))
        if not done:
            raise ValueError(f"cannot {verb} {code}")
    for code, fields in (corrections.get("items") or {}).items():
        hit = find(items, str(code))
        if hit is None:
            raise ValueError(f"no item {code}")
        siblings, index = hit
        unknown = set(fields) - set(EDITABLE) - {"content"}
        if unknown:
            raise ValueError(f"{code}: cannot correct {sorted(unknown)}")
        for key, value in fields.items():
            if isinstance(value, dt.date):
                value = value.isoformat()
            if key == "content":
                key = "text"
            if key == "code":
                _recode(siblings[index], str(value))
            else:
                siblings[index][key] = value
    return items
