"""The reader measured on a labelled development set: 30 real documents of many provinces and
of the central government (`shared/corpus`, beside the checkout, or $TRACKER_CORPUS).

    python -m tracker.reader.score              # the per-document table (also `make bench-reader`)
    python -m tracker.reader.score --draft NN   # a draft label file from the reader (to correct by hand)

The labels (`seed/corpus_labels/<file>.yaml`) are written as the seed writes tasks
(`seed/README.md`): per task its place (`code`), its wording (`content`, the first words are
enough), the `lead` and `coordinating` agencies and the deadline (`deadline_kind`, `deadline`,
`period`). Agencies are written by name, as the document names them, because most of them are
not in the tracker's registry (ministries, other provinces' departments); a fan-out group is
written as the seed writes it ("@department", "@commune", …). A label's `request: true` marks
"Đề nghị X…" (the document asks a body it does not command).

Per document and overall: tasks found (recall: labelled tasks the reader proposes as a task
with the same wording; precision: proposed tasks that are labelled), leads right and deadlines
right (of the found tasks). Documents listed in `HELD_BACK` were not looked at while tuning
the reader; their figures are reported apart.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from tracker.agencies.names import fold, normalize
from tracker.reader import proposal as P
from tracker.reader import seedcheck
from tracker.reader.programme import read_programme
from tracker.reader.seedcheck import ROOT


@functools.cache
def registry():
    return seedcheck.registry()


LABELS_DIR = ROOT / "seed" / "corpus_labels"
# Not looked at while tuning: one of each kind of issuer and layout.
HELD_BACK = ("03", "07", "13", "19", "24", "29")


def corpus_dir() -> Path | None:
    """The corpus texts: $TRACKER_CORPUS, else `shared/corpus` beside the checkout."""
    env = os.environ.get("TRACKER_CORPUS")
    if env:
        return Path(env) if Path(env).is_dir() else None
    for parent in ROOT.parents:
        if (parent / "shared" / "corpus").is_dir():
            return parent / "shared" / "corpus"
    return None


def label_files() -> list[Path]:
    return sorted(LABELS_DIR.glob("*.yaml"))


def _key(text: str) -> str:
    """Letters and digits only, folded: line breaks, markdown and bullets do not matter."""
    return re.sub(r"[^a-z0-9]", "", fold(text or ""))


def agency_key(name: str) -> str:
    """A lead or coordinating agency as compared: a group key, else its normalised name
    without a leading "các", without the office holder ("Bộ trưởng Bộ Y tế" = "Bộ Y tế") and
    without the province ("Sở Tài chính tỉnh Sơn La" = "Sở Tài chính")."""
    name = (name or "").strip()
    if name.startswith("@"):
        return name
    text = " ".join(normalize(name).split())
    text = re.sub(
        r"^(?:dong chi |ong |ba )?(?:bo truong|thu truong|chu tich|giam doc|thong doc) (?=bo |uy ban |so |ngan hang )",
        "",
        text,
    )
    if text.startswith("uy ban nhan dan cac "):
        text = text[len("uy ban nhan dan ") :]  # "UBND các tỉnh, thành phố" = "các tỉnh, thành phố"
    text = re.sub(r"^cac ", "", text)
    if not text.startswith(("uy ban nhan dan", "tinh thanh pho", "tinh ")):
        text = re.sub(r" (?:tinh|thanh pho)(?: [a-z ]+)?$", "", text)  # "Công an tỉnh (Sơn La)"
    return text


def same_agencies(got: list[str], want: list[str]) -> bool:
    """Whether the reader's leads are the labelled ones: the same keys, where a name of three
    words or more may stop short of the label's or go on past it ("… các tỉnh, thành phố" and
    "… các tỉnh, thành phố trực thuộc trung ương")."""
    a, b = sorted({agency_key(n) for n in got}), sorted({agency_key(n) for n in want})
    if a == b:
        return True
    if len(a) != len(b):
        return False
    rest = list(b)
    for x in a:
        hit = next((y for y in rest if x == y or _extends(x, y) or _extends(y, x)), None)
        if hit is None:
            return False
        rest.remove(hit)
    return True


def _extends(short: str, long: str) -> bool:
    return len(short.split()) >= 3 and not short.startswith("@") and long.startswith(short + " ")


def reader_items(text: str) -> list[dict]:
    """The reader's proposal for a corpus document (the matcher of no province: any province's
    document names its own bodies, which the registry mostly does not know), each item with
    its agencies as the document names them (`lead_names`, `coordinating_names`)."""
    nodes = read_programme(text, registry().matcher(None))
    items = P.propose(nodes)

    def walk_nodes(ns):
        for n in ns:
            yield n
            yield from walk_nodes(n.children)

    for (item, _), node in zip(P.walk(items), walk_nodes(nodes), strict=True):
        item["lead_names"] = _names(node.lead)
        item["coordinating_names"] = _names(node.coordinating)
    return items


def _names(mentions) -> list[str]:
    return [f"@{m.group}" if m.group else " ".join(m.name.split()) for m in mentions]


def item_agencies(item: dict, key: str) -> list[str]:
    """The agencies of a proposed item by name (group keys for groups), as the labels write them."""
    return list(item[f"{key}_names"])


@dataclass
class Row:
    document: str
    held_back: bool
    labelled: int
    proposed: int
    found: int
    leads: int
    deadlines: int
    misses: list[str]

    @property
    def extra(self) -> int:
        return self.proposed - self.found


def _same_deadline(item: dict, label: dict) -> bool:
    kind = label.get("deadline_kind") or ("date" if label.get("deadline") else "ongoing")
    want = label.get("deadline")
    want = want.isoformat() if isinstance(want, dt.date) else want
    if item["deadline_kind"] != kind:
        return False
    if kind == "date":
        return item["deadline"] == want
    if kind == "periodic":
        return item["period"] == label.get("period")
    return True


def score_document(labels: dict, text: str) -> Row:
    items = [i for i, _ in P.walk(reader_items(text)) if i["task"] and i["include"]]
    keys = [(_key(i["text"]), i) for i in items]
    used: set[int] = set()
    found = leads = deadlines = 0
    misses = []
    for label in labels.get("tasks") or []:
        want = _key(label["content"])[:60]
        hit = next((i for k, i in keys if id(i) not in used and want and want in k[: len(want) + 400]), None)
        if hit is None:
            misses.append(f"missed {label['code']}: {label['content'][:60]}")
            continue
        used.add(id(hit))
        found += 1
        got_leads = sorted({agency_key(n) for n in item_agencies(hit, "lead")})
        want_leads = sorted({agency_key(n) for n in label.get("lead") or []})
        if same_agencies(got_leads, want_leads):
            leads += 1
        else:
            misses.append(f"lead {label['code']} ({hit['code']}): {got_leads} != {want_leads}")
        if _same_deadline(hit, label):
            deadlines += 1
        else:
            misses.append(
                f"deadline {label['code']} ({hit['code']}): {hit['deadline_kind']} {hit['deadline']} "
                f"{hit['period']} != {label.get('deadline_kind')} {label.get('deadline')} {label.get('period')}"
            )
    for _k, i in keys:
        if id(i) not in used:
            misses.append(f"extra {i['code']}: {i['text'][:60]!r}")
    name = labels["source"][:2]
    return Row(
        name, name in HELD_BACK, len(labels.get("tasks") or []), len(items), found, leads, deadlines, misses
    )


def score_all() -> list[Row] | None:
    folder = corpus_dir()
    if folder is None:
        return None
    rows = []
    for path in label_files():
        labels = yaml.safe_load(path.read_text(encoding="utf-8"))
        source = folder / labels["source"]
        if not source.exists():
            return None
        rows.append(score_document(labels, source.read_text(encoding="utf-8")))
    return rows


@dataclass
class Totals:
    labelled: int
    proposed: int
    found: int
    leads: int
    deadlines: int

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.proposed if self.proposed else 1.0

    @property
    def lead_rate(self) -> float:
        return self.leads / self.found if self.found else 1.0

    @property
    def deadline_rate(self) -> float:
        return self.deadlines / self.found if self.found else 1.0


def totals(rows: list[Row]) -> Totals:
    return Totals(
        *(sum(getattr(r, f) for r in rows) for f in ("labelled", "proposed", "found", "leads", "deadlines"))
    )


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f} %" if b else "–"


def table(rows: list[Row]) -> str:
    out = []
    for title, part in (
        ("tuning", [r for r in rows if not r.held_back]),
        ("held back", [r for r in rows if r.held_back]),
    ):
        out.append(f"\n### {title} ({len(part)} documents)\n")
        out.append(
            "| doc | labelled | proposed | found (recall) | precision | leads right | deadlines right |"
        )
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        for r in part + [None]:
            if r is None:
                t = totals(part)
                name, r = "**all**", Row("", False, t.labelled, t.proposed, t.found, t.leads, t.deadlines, [])
            else:
                name = f"`{r.document}`"
            out.append(
                f"| {name} | {r.labelled} | {r.proposed} | {r.found} ({_pct(r.found, r.labelled)}) | "
                f"{_pct(r.found, r.proposed)} | {r.leads} ({_pct(r.leads, r.found)}) | "
                f"{r.deadlines} ({_pct(r.deadlines, r.found)}) |"
            )
    return "\n".join(out)


# ── drafting labels from the reader (then corrected by reading the text) ────────────────
def draft(text: str, source: str) -> dict:
    tasks = []
    for item, _ in P.walk(reader_items(text)):
        if not (item["task"] and item["include"]):
            continue
        content = " ".join(item["text"].split())
        tasks.append(
            {
                "code": item["code"],
                "content": content[:100],
                "lead": item_agencies(item, "lead"),
                "coordinating": item_agencies(item, "coordinating"),
                "deadline_kind": item["deadline_kind"],
                "deadline": item["deadline"],
                "period": item["period"],
            }
        )
    return {"source": source, "tasks": tasks}


def main(argv: list[str]) -> int:
    folder = corpus_dir()
    if folder is None:
        print("corpus not found (shared/corpus beside the checkout, or $TRACKER_CORPUS)", file=sys.stderr)
        return 1
    if argv[:1] == ["--draft"]:
        for prefix in argv[1:]:
            (path,) = folder.glob(f"{prefix}_*.txt")
            data = draft(path.read_text(encoding="utf-8"), path.name)
            LABELS_DIR.mkdir(exist_ok=True)
            out = LABELS_DIR / f"{path.stem}.yaml"
            out.write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
            )
        return 0
    rows = score_all() or []
    print(table(rows))
    if "-v" in argv:
        for r in rows:
            for miss in r.misses:
                print(r.document, miss)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
