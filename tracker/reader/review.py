"""The review screen's logic (pure): the form's fields onto the proposal's items, what needs a
look, and what still stops the document from being created.

Each item gets a `uid` (stable while codes change on a split or a merge); the form's fields
are named `<uid>-<field>`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from flask_babel import gettext as _

from tracker.agencies.models import ISSUER_KINDS
from tracker.agencies.names import normalize
from tracker.agencies.registry import Registry
from tracker.core.dates import parse_user_date
from tracker.documents.models import DOCUMENT_KINDS, ISSUER_LEVELS
from tracker.reader import proposal as P
from tracker.tasks.deadlines import DeadlineError, parse_deadline
from tracker.tasks.models import AREAS, PERIODS

__all__ = [
    "apply_form",
    "assign_uids",
    "attention",
    "blocking",
    "candidates",
    "deadline_text",
    "guess_kind",
    "leads_of",
    "passage",
    "read_header",
    "remember",
    "suggest_code",
]

_PERIOD_WORDS = {
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "half_yearly": "6 tháng một lần",
    "yearly": "hằng năm",
}


def assign_uids(items: list[dict]) -> None:
    used = {it["uid"] for it, _depth in P.walk(items) if it.get("uid")}
    counter = itertools.count(1)
    for it, _depth in P.walk(items):
        if not it.get("uid"):
            uid = next(f"i{n}" for n in counter if f"i{n}" not in used)
            it["uid"] = uid
            used.add(uid)
        it.setdefault("except", [])


def deadline_text(item: dict) -> str:
    """The deadline as the form shows it: dd/mm/yyyy, "Định kỳ hằng quý", or "" (Thường xuyên)."""
    if item["deadline_kind"] == "date" and item["deadline"]:
        return dt.date.fromisoformat(item["deadline"]).strftime("%d/%m/%Y")
    if item["deadline_kind"] == "periodic":
        return f"Định kỳ {_PERIOD_WORDS.get(item['period'], '')}".strip()
    return ""


def leads_of(item: dict, registry: Registry, province: str | None) -> list[str]:
    """The agency codes the item's leads reach: groups expanded, the exceptions left out, a
    merged agency replaced by the one that took over its duties."""
    out: list[str] = []
    for ref in item["lead"]:
        if ref.startswith("@"):
            codes = [a.code for a in registry.members(ref[1:], province)]
        else:
            current = registry.current(ref)
            codes = [current.code] if current is not None and current.active else []
        out.extend(c for c in codes if c not in item.get("except", []) and c not in out)
    return out


def attention(item: dict, registry: Registry) -> list[str]:
    """Why an included item deserves a look (shown beside it, counted at the top)."""
    if not item["include"] or not item["task"]:
        return []
    notes = []
    if not item["lead"]:
        notes.append(_("Chưa có cơ quan chủ trì"))
    unmatched = [n for n in item["unmatched"] if n not in item.get("unknown_lead", [])]
    if unmatched:  # (a lead not found is shown with what to do about it, not here)
        notes.append(_("Không tìm thấy trong danh mục: %(names)s", names="; ".join(unmatched)))
    for ref in item["lead"]:
        agency = registry.get(ref) if not ref.startswith("@") else None
        if agency is not None and not agency.active:
            current = registry.current(ref)
            if current is not None and current.active:
                notes.append(
                    _(
                        "«%(name)s» đã ngừng hoạt động; giao cho «%(current)s»",
                        name=agency.name,
                        current=current.name,
                    )
                )
            else:
                notes.append(_("«%(name)s» đã ngừng hoạt động", name=agency.name))
    if (
        item["deadline_phrase"]
        and item["deadline_kind"] == "ongoing"
        and not _ongoing_words(item["deadline_phrase"])
    ):
        notes.append(_("Thời hạn «%(phrase)s» chưa rõ ngày", phrase=item["deadline_phrase"]))
    return notes


def _ongoing_words(phrase: str) -> bool:
    from tracker.agencies.names import fold

    return any(w in fold(phrase) for w in ("thuong xuyen", "tu nam", "lien tuc", "hang ngay", "hang tuan"))


def apply_form(
    items: list[dict], form, registry: Registry, province: str | None, year: int | None
) -> dict[str, str]:
    """Take the edited fields of every item from the posted form; returns errors by uid."""
    errors: dict[str, str] = {}
    matcher = registry.matcher(province)
    for it, _depth in P.walk(items):
        uid = it["uid"]
        if f"{uid}-shown" not in form:
            continue  # not on the page (nothing to take)
        was_included = it["include"]
        it["include"] = form.get(f"{uid}-include") == "1"
        if f"{uid}-kind" in form:
            it["task"] = form[f"{uid}-kind"] == "task"
        elif it["include"] and not was_included and not it["children"]:
            it["task"] = True  # a part left out, taken in: a task of its own
        title = (form.get(f"{uid}-title") or "").strip()
        if title:
            it["title"] = title[:2000]
        if not it["task"]:
            continue
        leads = [ref for ref in form.getlist(f"{uid}-lead") if ref in P.GROUPS or registry.get(ref)]
        added = form.get(f"{uid}-lead-add") or ""
        if added and (added in P.GROUPS or registry.get(added)) and added not in leads:
            leads.append(added)
        it["lead"] = leads
        if added or leads:
            it["unmatched"] = [u for u in it["unmatched"] if u not in it["written"]]
            it["unknown_lead"] = []  # the monitor chose the lead: nothing left to map
        if f"{uid}-members-shown" in form:
            reach = set()
            for ref in leads:
                if ref.startswith("@"):
                    reach |= {a.code for a in registry.members(ref[1:], province)}
            it["except"] = sorted(reach - set(form.getlist(f"{uid}-member")))
        coordinating = [ref for ref in form.getlist(f"{uid}-coord") if ref in P.GROUPS or registry.get(ref)]
        for name in (form.get(f"{uid}-coord-add") or "").split(";"):
            if not name.strip():
                continue
            hit = registry.get(name.strip()) or matcher.match(name)
            if hit is None:
                errors[uid] = _(
                    "Không tìm thấy cơ quan phối hợp «%(name)s» trong danh mục.", name=name.strip()
                )
            elif hit.code not in coordinating:
                coordinating.append(hit.code)
        it["coordinating"] = [c for c in coordinating if c not in leads]
        area = form.get(f"{uid}-area")
        if area in AREAS:
            it["area"] = area
        written = (form.get(f"{uid}-deadline") or "").strip()
        if written != deadline_text(it):
            try:
                found = parse_deadline(written or None, year=year)
            except DeadlineError as exc:
                errors[uid] = _("Thời hạn: %(problem)s.", problem=exc)
            else:
                it["deadline_kind"], it["period"] = found.kind, found.period
                it["deadline"] = found.date.isoformat() if found.date else None
                it["deadline_phrase"] = written or None
    return errors


def blocking(
    items: list[dict], registry: Registry, province: str | None, issued_on: dt.date | None
) -> list[tuple[str, str]]:
    """What stops the creation: (uid, message) for every such item, not just the first."""
    out = []
    tasks = 0
    for it, _depth in P.walk(items):
        if not it["include"] or not it["task"]:
            continue
        tasks += 1
        label = _("Mục %(code)s", code=it["code"]) if it["code"] else _("Một mục")
        if not it["lead"]:
            out.append((it["uid"], _("%(item)s: chưa có cơ quan chủ trì.", item=label)))
        elif not leads_of(it, registry, province):
            out.append(
                (
                    it["uid"],
                    _(
                        "%(item)s: các cơ quan chủ trì đã chọn không còn cơ quan nào đang hoạt động.",
                        item=label,
                    ),
                )
            )
        if it["deadline_kind"] == "date" and not it["deadline"]:
            out.append((it["uid"], _("%(item)s: thời hạn chưa có ngày.", item=label)))
        if it["deadline_kind"] == "periodic" and it["period"] not in PERIODS:
            out.append((it["uid"], _("%(item)s: nhiệm vụ định kỳ chưa có chu kỳ.", item=label)))
        if (
            issued_on
            and it["deadline_kind"] == "date"
            and it["deadline"]
            and dt.date.fromisoformat(it["deadline"]) < issued_on
        ):
            out.append(
                (
                    it["uid"],
                    _(
                        "%(item)s: thời hạn %(day)s trước ngày ban hành văn bản.",
                        item=label,
                        day=deadline_text(it),
                    ),
                )
            )
    if not tasks:
        out.append(("", _("Chưa chọn nhiệm vụ nào để tạo.")))
    return out


def read_header(form, provinces: list[str]) -> tuple[dict, dict[str, str]]:
    """The document's fields from the form, and the errors by field."""
    errors: dict[str, str] = {}
    header = {
        "symbol": " ".join((form.get("symbol") or "").split()),
        "kind": form.get("kind") or "plan",
        "issuer": (form.get("issuer") or "").strip(),
        "issuer_level": form.get("issuer_level") or "committee",
        "province": form.get("province") or None,
        "issued_on": None,
        "title": " ".join((form.get("title") or "").split()),
        "urgent": form.get("urgent") == "1",
    }
    if not header["symbol"]:
        errors["symbol"] = _("Hãy nhập số, ký hiệu văn bản.")
    if header["kind"] not in DOCUMENT_KINDS:
        errors["kind"] = _("Loại văn bản không hợp lệ.")
    if header["issuer_level"] not in ISSUER_LEVELS:
        errors["issuer_level"] = _("Cấp ban hành không hợp lệ.")
    if header["province"] not in provinces:
        errors["province"] = _("Hãy chọn tỉnh của văn bản.")
    written = (form.get("issued_on") or "").strip()
    if not written:
        errors["issued_on"] = _("Hãy nhập ngày ban hành.")
    else:
        try:
            header["issued_on"] = parse_user_date(written).isoformat()
        except ValueError as exc:
            errors["issued_on"] = str(exc)
    return header, errors


# ── the source passage, and the leads the registry does not know ─────────────────────────
PASSAGE_LIMIT = 1500


def passage(item: dict, text: str) -> str:
    """The words of the document the item was read from (its `source` span in the text read),
    or the item's own text when the reader gave no span."""
    span = item.get("source")
    if span and 0 <= span[0] < span[1] <= len(text):
        words = text[span[0] : span[1]].strip()
    else:
        words = item["text"]
    return words if len(words) <= PASSAGE_LIMIT else words[: PASSAGE_LIMIT - 1].rstrip() + "…"


def candidates(name: str, registry: Registry, province: str | None, limit: int = 3) -> list[tuple]:
    """(agency, similarity in %) of the agencies that may lead a task and whose name or alias
    is closest to `name`, best first; only those at least half alike."""
    out = []
    for ref, ratio in registry.matcher(province).similar(name):
        agency = registry.get(ref.code)
        if agency is None or not agency.active or agency.kind in ISSUER_KINDS or ratio < 0.5:
            continue
        out.append((agency, round(ratio * 100)))
        if len(out) == limit:
            break
    return out


def remember(items: list[dict], name: str, code: str) -> int:
    """Every item whose lead was written `name` (the same words, once normalised) is given the
    agency `code` as lead; returns how many items changed."""
    wanted = normalize(name)
    changed = 0
    for it, _depth in P.walk(items):
        hits = [n for n in it.get("unknown_lead", []) if normalize(n) == wanted]
        if not hits:
            continue
        if code not in it["lead"]:
            it["lead"].append(code)
        it["unknown_lead"] = [n for n in it["unknown_lead"] if n not in hits]
        it["unmatched"] = [n for n in it["unmatched"] if n not in hits]
        it["coordinating"] = [c for c in it["coordinating"] if c != code]
        changed += 1
    return changed


_KIND_HEADS = (
    ("commune", r"^(?:uy ban nhan dan|ubnd) (?:xa|phuong|thi tran|dac khu)\b"),
    ("district", r"^(?:uy ban nhan dan|ubnd) (?:huyen|thi xa|thanh pho|quan)\b"),
    ("organisation", r"^(?:uy ban mat tran|mat tran|hoi |lien doan|tinh doan|doan thanh nien)"),
    ("public_unit", r"^(?:trung tam|truong|benh vien|ban quan ly du an|dai phat thanh|bao )"),
    (
        "central",
        r"^(?:cuc |chi cuc|kho bac|ngan hang|bao hiem xa hoi|cong an|thue|hai quan|bo chi huy|tap doan|tong cong ty)",
    ),
)


def guess_kind(name: str) -> str:
    """The kind of agency a name says ("UBND xã …" a commune, "Trung tâm …" a public unit…);
    a department when it says nothing else."""
    words = normalize(name)
    for kind, pattern in _KIND_HEADS:
        if re.search(pattern, words):
            return kind
    return "department"


def suggest_code(name: str, registry: Registry) -> str:
    """A free agency code from the initials of `name` ("Sở Du lịch" -> "SDL", then "SDL-2";
    "Sở Văn hóa và Thể thao" -> "SVHTT")."""
    words = [w for w in normalize(name).split() if w[0].isalnum() and w != "va"]  # "và" is no initial
    initials = "".join(w[0] for w in words).upper()[:12] or "CQ"
    code, n = initials, 1
    while registry.get(code) is not None:
        n += 1
        code = f"{initials}-{n}"
    return code
