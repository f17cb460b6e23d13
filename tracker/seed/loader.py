"""Loading the hand-checked seed files (seed/agencies.yaml, seed/documents/*.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from sqlalchemy import select

from tracker.agencies.models import Agency
from tracker.db import db
from tracker.documents.models import Document
from tracker.tasks import operations
from tracker.tasks.models import Task

SEED_DIR = Path(__file__).resolve().parents[2] / "seed"


def read_yaml(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_agencies(path: Path | None = None) -> dict[str, Agency]:
    """Create every agency of the file (all active); returns them by code. Merges listed with
    `successor` are applied later by `apply_reorganisations`, after the history that precedes them."""
    rows = read_yaml(path or SEED_DIR / "agencies.yaml")
    by_code: dict[str, Agency] = {}
    for row in rows:
        aliases = row.get("aliases") or []
        emails = row.get("emails") or []
        agency = Agency(
            code=row["code"],
            name=row["name"],
            kind=row.get("kind", "department"),
            emails="; ".join(emails) if isinstance(emails, list) else str(emails),
            aliases="; ".join(aliases) if isinstance(aliases, list) else str(aliases),
            is_active=True,
        )
        db.session.add(agency)
        by_code[agency.code] = agency
    db.session.flush()
    for row in rows:
        if row.get("parent"):
            by_code[row["code"]].parent = by_code[row["parent"]]
    db.session.flush()
    for agency in sorted(by_code.values(), key=lambda a: _depth(a)):
        agency.refresh_path()
    db.session.flush()
    return by_code


def _depth(agency: Agency) -> int:
    depth, node = 0, agency
    while node.parent is not None:
        depth, node = depth + 1, node.parent
    return depth


def reorganisations(path: Path | None = None) -> list[tuple[str, str, dt.date]]:
    rows = read_yaml(path or SEED_DIR / "agencies.yaml")
    out = []
    for row in rows:
        if row.get("successor"):
            since = row.get("inactive_since") or dt.date(2025, 3, 1)
            out.append((row["code"], row["successor"], since))
    return out


def expand(
    refs, province: Agency | None, by_code: dict[str, Agency], on: dt.date | None = None
) -> list[Agency]:
    """Codes and groups ("@department", "@district" …) to agencies; groups expand to every agency of
    that kind in the document's province that existed on the document's date `on`."""
    gone = {code for code, _new, since in reorganisations() if on is not None and since <= on}
    out: list[Agency] = []
    for ref in refs or []:
        if ref.startswith("@"):
            kind = ref[1:]
            stmt = select(Agency).where(Agency.kind == kind, Agency.is_active.is_(True))
            if province is not None:
                stmt = stmt.where(Agency.path.like(province.path + "%"))
            out.extend(a for a in db.session.scalars(stmt.order_by(Agency.name)).all() if a.code not in gone)
        else:
            out.append(by_code[ref])
    seen, unique = set(), []
    for a in out:
        if a.id not in seen:
            seen.add(a.id)
            unique.append(a)
    return unique


def load_document(actor, path: Path, by_code: dict[str, Agency]) -> tuple[Document, list[Task]]:
    """Create a document and its task tree from a seed file; returns it and its (countable) tasks."""
    data = read_yaml(path)
    province = by_code.get(data.get("province")) if data.get("province") else None
    document = Document(
        symbol=data["symbol"],
        kind=data["kind"],
        issuer=data.get("issuer", ""),
        issuer_level=data.get("issuer_level", "committee"),
        province=province,
        issued_on=data["issued_on"],
        title=data.get("title", ""),
        is_urgent=bool(data.get("urgent")),
        created_by_id=actor.id,
    )
    db.session.add(document)
    db.session.flush()
    tasks: list[Task] = []

    def walk(nodes, parent):
        for position, node in enumerate(nodes or [], start=1):
            if node.get("section"):
                section = operations.create_section(
                    actor,
                    document,
                    code=str(node.get("code", "")),
                    title=node["title"],
                    parent=parent,
                    content=node.get("content", ""),
                    position=position,
                )
                walk(node.get("children"), section)
                continue
            leads = expand(node.get("lead"), province, by_code, document.issued_on)
            coordinating = expand(node.get("coordinating"), province, by_code, document.issued_on)
            kind = node.get("deadline_kind") or ("date" if node.get("deadline") else "ongoing")
            deadline = node.get("deadline")
            if kind == "date" and deadline and deadline < document.issued_on:
                deadline = document.issued_on
            for lead in leads:
                task = operations.create_task(
                    actor,
                    document,
                    title=node["title"],
                    lead_agency=lead,
                    coordinating=[a for a in coordinating if a.id != lead.id],
                    parent=parent,
                    code=str(node.get("code", "")),
                    content=node.get("content", ""),
                    area=node.get("area") or "other",
                    assigned_on=document.issued_on,
                    deadline_kind=kind,
                    deadline=deadline if kind != "ongoing" else None,
                    period=node.get("period"),
                    deadline_phrase=node.get("deadline_phrase"),
                    expected_output=node.get("output") or "",
                    priority=node.get("priority") or ("urgent" if document.is_urgent else "normal"),
                    position=position,
                )
                tasks.append(task)
                if node.get("children"):
                    walk(node.get("children"), task)

    walk(data.get("tasks"), None)
    return document, tasks


def letterheads(path: Path | None = None) -> dict[str, dict]:
    """The letterheads of seed/letterhead.yaml, by province code (KH, BD)."""
    return read_yaml(path or SEED_DIR / "letterhead.yaml")
