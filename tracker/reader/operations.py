"""Creating a reviewed programme: the document and its task tree, through the workflow's verbs."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.agencies.models import Agency
from tracker.agencies.registry import Registry, load_registry
from tracker.audit import log as audit
from tracker.core.errors import DomainError, PermissionDenied
from tracker.db import db
from tracker.documents.models import Document
from tracker.tasks import operations as workflow
from tracker.tasks import permissions
from tracker.tasks.models import Task


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def create_programme(
    actor, header: dict, items: list[dict], reg: Registry | None = None
) -> tuple[Document, int]:
    """Create the document and, in one step, every included item of the reviewed proposal:
    headings as sections, tasks one per lead agency (a group expands to the active agencies of
    its kind in the document's province, less those the monitor unticked). Monitors only.
    Returns the document and the number of tasks created."""
    from tracker.reader import proposal as P
    from tracker.reader import review

    if not permissions.can_manage(actor):
        raise PermissionDenied(_("Chỉ cán bộ theo dõi mới tạo được văn bản và nhiệm vụ."))
    reg = reg or load_registry()
    province = header.get("province")
    issued_on = (
        dt.date.fromisoformat(header["issued_on"])
        if isinstance(header["issued_on"], str)
        else header["issued_on"]
    )
    problems = review.blocking(items, reg, province, issued_on)
    if problems:
        if len(problems) > 1:
            raise DomainError(
                _("%(problem)s (và %(n)s vấn đề khác)", problem=problems[0][1], n=len(problems) - 1)
            )
        raise DomainError(problems[0][1])
    if db.session.scalar(select(Document.id).where(Document.symbol == header["symbol"])) is not None:
        raise DomainError(
            _("Văn bản số %(symbol)s đã có trong hệ thống.", symbol=header["symbol"]), field="symbol"
        )
    agencies = {a.code: a for a in db.session.scalars(select(Agency))}
    document = Document(
        symbol=header["symbol"],
        kind=header["kind"],
        issuer=header.get("issuer") or "",
        issuer_level=header.get("issuer_level") or "committee",
        province=agencies.get(province or ""),
        issued_on=issued_on,
        title=header.get("title") or "",
        is_urgent=bool(header.get("urgent")),
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(document)
    db.session.flush()
    created = 0

    def has_tasks(item: dict) -> bool:
        return any(c["include"] and (c["task"] or has_tasks(c)) for c in item["children"])

    def walk(nodes: list[dict], parent: Task | None) -> None:
        nonlocal created
        for position, item in enumerate(nodes, start=1):
            if not item["include"]:
                continue
            if not item["task"]:
                if has_tasks(item):
                    section = workflow.create_section(
                        actor,
                        document,
                        code=item["code"],
                        title=item["title"],
                        parent=parent,
                        content=item["text"],
                        position=position,
                    )
                    walk(item["children"], section)
                continue
            coordinating: list[Agency] = []
            for ref in item["coordinating"]:
                codes = [a.code for a in reg.members(ref[1:], province)] if ref.startswith("@") else [ref]
                for code in codes:
                    current = reg.current(code)
                    if current is not None and current.active and agencies[current.code] not in coordinating:
                        coordinating.append(agencies[current.code])
            first = None
            for code in review.leads_of(item, reg, province):
                task = workflow.create_task(
                    actor,
                    document,
                    title=item["title"] or P.summarise(item["text"]),
                    lead_agency=agencies[code],
                    coordinating=[a for a in coordinating if a.code != code],
                    parent=parent,
                    code=item["code"],
                    content=item["text"],
                    area=item["area"] or "other",
                    assigned_on=issued_on,
                    deadline_kind=item["deadline_kind"],
                    deadline=_day(item["deadline"]),
                    period=item["period"],
                    deadline_phrase=item["deadline_phrase"],
                    expected_output=item.get("output") or "",
                    priority="urgent" if header.get("urgent") else item.get("priority", "normal"),
                    position=position,
                )
                first = first or task
                created += 1
            walk(item["children"], first or parent)

    walk(items, None)
    audit.record(
        "import.programme",
        document,
        actor=actor if getattr(actor, "id", None) else None,
        symbol=document.symbol,
        tasks=created,
    )
    return document, created
