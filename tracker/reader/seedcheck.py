"""The seed documents through the reader: the reader's proposal plus a reviewer's corrections
must give exactly the hand-checked seed (`seed/documents/*.yaml`), so the two cannot drift.

    python -m tracker.reader.seedcheck            # the extraction table (docs/import-extraction.md)
    python -m tracker.reader.seedcheck --write    # regenerate seed/corrections/*.yaml from the seed

The corrections (`seed/corrections/<document>.yaml`) list only what a reviewer changed in the
review screen: the document's fields the heading did not give, the items split or merged, the
items left out or taken in, and per item the fields changed (a short title is always typed by
the reviewer). Regenerating them after a change of the reader shows, in the diff, exactly what
the reader now does better or worse.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from tracker.agencies.names import fold
from tracker.agencies.registry import Registry, infos_from_seed
from tracker.documents.docinfo import guess_document
from tracker.reader import proposal as P
from tracker.reader.programme import read_programme

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "seed"
CORRECTIONS_DIR = SEED_DIR / "corrections"
DOCUMENT_FIELDS = ("symbol", "kind", "issuer", "issuer_level", "province", "issued_on", "title", "urgent")
# Item fields compared, in the order the corrections list them.
ITEM_FIELDS = (
    "code",
    "include",
    "task",
    "title",
    "text",
    "lead",
    "coordinating",
    "area",
    "deadline_kind",
    "deadline",
    "period",
    "deadline_phrase",
    "output",
    "priority",
)


def texts_dir() -> Path | None:
    """The source documents: $TRACKER_SEED_TEXTS, else `shared/seeds` beside the checkout."""
    env = os.environ.get("TRACKER_SEED_TEXTS")
    if env:
        return Path(env) if Path(env).is_dir() else None
    for parent in ROOT.parents:
        if (parent / "shared" / "seeds").is_dir():
            return parent / "shared" / "seeds"
    return None


def source_text(name: str) -> str | None:
    """The text of a source document by its file name (or its "001" prefix), or None."""
    folder = texts_dir()
    if folder is None:
        return None
    path = folder / name
    if not path.exists():
        found = sorted(folder.glob(f"{name}_*.txt"))
        if not found:
            return None
        path = found[0]
    return path.read_text(encoding="utf-8")


def registry() -> Registry:
    return Registry(infos_from_seed(yaml.safe_load((SEED_DIR / "agencies.yaml").read_text(encoding="utf-8"))))


def seed_documents() -> list[Path]:
    return sorted((SEED_DIR / "documents").glob("*.yaml"))


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def guessed_header(text: str, reg: Registry) -> dict:
    """The document fields the review screen proposes from the text's heading."""
    guess = guess_document(text)
    province = None
    if guess["province_name"]:
        hit = reg.matcher().match(guess["province_name"])
        province = hit.code if hit else None
    return {
        "symbol": guess["symbol"],
        "kind": guess["kind"],
        "issuer": guess["issuer"],
        "issuer_level": guess["issuer_level"],
        "province": province,
        "issued_on": guess["issued_on"],
        "title": guess["title"],
        "urgent": guess["urgent"],
    }


def proposal(text: str, reg: Registry, province: str | None, urgent: bool) -> list[dict]:
    """What the reader proposes for `text`, matching the agencies of `province`."""
    return P.propose(read_programme(text, reg.matcher(province)), urgent=urgent)


def corrected(data: dict, text: str, corrections: dict, reg: Registry) -> tuple[dict, list[dict]]:
    """The document header and items after the reviewer's corrections."""
    header = guessed_header(text, reg) | (corrections.get("document") or {})
    if isinstance(header["issued_on"], str):
        header["issued_on"] = dt.date.fromisoformat(header["issued_on"])
    items = proposal(text, reg, header["province"], bool(header["urgent"]))
    return header, P.apply_corrections(items, corrections)


def _value(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def make_corrections(data: dict, text: str, reg: Registry, edits: list[dict] | None = None) -> dict:
    """The corrections that turn the reader's proposal into the seed `data` (edits given)."""
    guess = guessed_header(text, reg)
    document = {k: data.get(k) for k in DOCUMENT_FIELDS if _value(data.get(k)) != _value(guess.get(k))}
    items = P.apply_corrections(
        proposal(text, reg, data.get("province"), bool(data.get("urgent"))), {"edits": edits or []}
    )
    wanted = {n["code"]: n for n in _seed_walk(data.get("tasks"))}
    fixes: dict[str, dict] = {}
    for item, _depth in P.walk(items):
        want = wanted.get(item["code"])
        if want is None:
            if item["include"]:
                fixes[item["code"]] = {"include": False}
            continue
        target = _as_item(want)
        fix = {k: target[k] for k in ITEM_FIELDS if k in target and _norm(item.get(k)) != _norm(target[k])}
        if fix:
            fixes[item["code"]] = fix
    missing = set(wanted) - {i["code"] for i, _ in P.walk(items)}
    if missing:
        raise ValueError(f"the seed has items the reader does not: {sorted(missing)}")
    out: dict = {}
    if document:
        out["document"] = {k: _value(v) for k, v in document.items()}
    if edits:
        out["edits"] = edits
    out["items"] = fixes
    return out


def _norm(value):
    if value in (None, "", []):
        return None
    return _value(value)


def _as_item(node: dict) -> dict:
    """A seed node as item fields (to compare with the proposal's)."""
    if node.get("section"):
        return {"include": True, "task": False, "title": node["title"], "text": node.get("content", "")}
    kind = node.get("deadline_kind") or ("date" if node.get("deadline") else "ongoing")
    return {
        "include": True,
        "task": True,
        "title": node["title"],
        "text": node.get("content", ""),
        "lead": list(node.get("lead") or []),
        "coordinating": list(node.get("coordinating") or []),
        "area": node.get("area") or "other",
        "deadline_kind": kind,
        "deadline": _value(node.get("deadline")) if kind != "ongoing" else None,
        "period": node.get("period"),
        "deadline_phrase": node.get("deadline_phrase"),
        "output": node.get("output") or "",
        "priority": node.get("priority") or "normal",
    }


def _seed_walk(nodes):
    for node in nodes or []:
        yield node
        yield from _seed_walk(node.get("children"))


def corrections_path(seed_path: Path) -> Path:
    return CORRECTIONS_DIR / seed_path.name


# ── measuring the reader ────────────────────────────────────────────────────────────────
@dataclass
class Figures:
    """How much of a hand-checked document the reader finds by itself (before any review)."""

    document: str
    items: int  # tasks in the seed (before fan-out)
    found: int  # of those, proposed as a task with the same wording
    extra: int  # tasks proposed that the seed leaves out
    leads: int  # found items whose lead agencies (codes and groups) are right
    deadlines: int  # found items whose deadline (kind, date, period) is right
    coordinating: int  # found items whose coordinating agencies are right
    sections: int  # headings of the seed the reader also proposes as headings
    seed_sections: int


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text or ""))[:80]


def measure(data: dict, text: str, reg: Registry) -> Figures:
    items = proposal(text, reg, data.get("province"), bool(data.get("urgent")))
    proposed = [i for i, _ in P.walk(items)]
    by_text = {}
    for item in proposed:
        if item["task"]:
            by_text.setdefault(_key(item["text"]), item)
            by_text.setdefault(_key(item["text"].split("\n", 1)[-1]), item)
            by_text.setdefault(_key(item["text"].split(":", 1)[-1]), item)  # "Sở Tài chính: Căn cứ…"
    tasks = [n for n in _seed_walk(data.get("tasks")) if not n.get("section")]
    sections = [n for n in _seed_walk(data.get("tasks")) if n.get("section")]
    found = leads = deadlines = coordinating = 0
    matched = set()
    for node in tasks:
        item = by_text.get(_key(node.get("content", "")))
        if item is None:
            continue
        found += 1
        matched.add(id(item))
        want = _as_item(node)
        leads += sorted(item["lead"]) == sorted(want["lead"]) and not item["unmatched"]
        deadlines += (item["deadline_kind"], item["deadline"], item["period"]) == (
            want["deadline_kind"],
            want["deadline"],
            want["period"],
        )
        coordinating += sorted(item["coordinating"]) == sorted(want["coordinating"])
    codes = {i["code"]: i for i in proposed}
    heads = sum(1 for s in sections if s["code"] in codes and not codes[s["code"]]["task"])
    extra = sum(1 for i in proposed if i["task"] and i["include"] and id(i) not in matched)
    name = data.get("symbol", "")
    return Figures(name, len(tasks), found, extra, leads, deadlines, coordinating, heads, len(sections))


def report_figures(text: str, reg: Registry) -> tuple[int, list[str]]:
    """For a report (003): how many items the reader proposes as tasks, and their codes."""
    items = proposal(text, reg, "KH", False)
    codes = [i["code"] for i, _ in P.walk(items) if i["task"] and i["include"]]
    return len(codes), codes


def _dump(data: dict, header: str) -> str:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
    return header + body


def main(argv: list[str]) -> int:
    reg = registry()
    write = "--write" in argv
    rows = []
    for path in seed_documents():
        data = load(path)
        text = source_text(data["source"])
        if text is None:
            print(f"{path.name}: source text {data['source']} not found", file=sys.stderr)
            return 1
        if write:
            old = load(corrections_path(path)) if corrections_path(path).exists() else {}
            fixes = make_corrections(data, text, reg, old.get("edits"))
            CORRECTIONS_DIR.mkdir(exist_ok=True)
            header = (
                f"# Corrections a reviewer made to the reader's proposal for {data['symbol']}\n"
                f"# (source: {data['source']}); reader + these = {path.relative_to(ROOT)}.\n"
                "# Regenerate with `python -m tracker.reader.seedcheck --write` (see that module).\n"
            )
            corrections_path(path).write_text(_dump(fixes, header), encoding="utf-8")
        rows.append(measure(data, text, reg))
    for f in rows:
        print(f)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
