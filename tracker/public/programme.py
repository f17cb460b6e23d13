"""What the public programme page shows of a published document, and nothing more.

Built here as plain values (never the ORM objects, so a template cannot reach a comment, an
attachment, a person or an address through them): for each task its code, title, lead agency,
deadline, status and category as of today; for the document its counts and completion rate. The
tree is the document page's (`tracker.tasks.tree`), the category the one classification
(`tracker.tasks.classification`). Memoised per data version and day (`tracker.core.memo`), so
anonymous traffic costs one index step per request while the data is unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.core import memo
from tracker.core.dates import today
from tracker.db import db
from tracker.documents.models import Document
from tracker.tasks.classification import category_of
from tracker.tasks.models import CATEGORIES, STATUSES, Task
from tracker.tasks.tree import BUCKETS, Node, build_tree, totals


@dataclass(frozen=True)
class PublicTask:
    code: str
    title: str
    lead: str
    deadline: dt.date | None
    deadline_text: str
    status: str
    status_label: str
    category: str | None
    category_label: str
    kind: str  # "section", "task", "series", "group"
    counts: dict
    total: int
    done_share: int
    children: tuple = ()


@dataclass(frozen=True)
class PublicDocument:
    id: int
    symbol: str
    kind_label: str
    title: str
    issuer: str
    issued_on: dt.date
    published_at: dt.datetime
    total: int
    by_bucket: dict
    done: int
    overdue: int
    completion_rate: float
    tree: tuple = field(default_factory=tuple)


def _deadline_text(task: Task) -> str:
    if task.deadline_kind == "ongoing" or (task.deadline is None and not task.is_series):
        return _("Thường xuyên")
    if task.is_series:
        return task.period_label or _("Định kỳ")
    return ""


def _group_deadline(n: Node) -> dt.date | None:
    same = n.same_deadline
    return same.deadline if same is not None else None


def _node(n: Node, on: dt.date) -> PublicTask:
    t = n.task
    lead = ""
    if n.kind == "group":
        lead = n.group_label
    elif t.lead_agency is not None:
        lead = t.lead_agency.name
    category = category_of(t, on) if n.kind in ("task",) and t.is_countable else None
    return PublicTask(
        code=t.code or "",
        title=t.title,
        lead=lead,
        deadline=_group_deadline(n) if n.kind == "group" else t.deadline,
        deadline_text=_deadline_text(n.same_deadline or t) if n.kind == "group" else _deadline_text(t),
        status=t.status,
        status_label="" if n.kind in ("section", "group") else STATUSES.get(t.status, t.status),
        category=category,
        category_label=CATEGORIES.get(category, "") if category else "",
        kind=n.kind,
        counts=dict(n.counts),
        total=n.total,
        done_share=n.done_share,
        children=tuple(_node(c, on) for c in (n.members if n.kind == "group" else n.children)),
    )


def _summary(document: Document, tasks: list[Task], on: dt.date, with_tree: bool) -> PublicDocument:
    by_bucket = totals(tasks, on)
    total = sum(by_bucket.values())
    done = by_bucket.get("done", 0)
    return PublicDocument(
        id=document.id,
        symbol=document.symbol,
        kind_label=document.kind_label,
        title=document.title,
        issuer=document.issuer or document.issuer_level_label,
        issued_on=document.issued_on,
        published_at=document.published_at,
        total=total,
        by_bucket={k: by_bucket.get(k, 0) for k in BUCKETS if by_bucket.get(k)},
        done=done,
        overdue=by_bucket.get("overdue", 0),
        completion_rate=done / total if total else 0.0,
        tree=tuple(_node(n, on) for n in build_tree(tasks, on=on)) if with_tree else (),
    )


def _tasks_of(document_ids: list[int]) -> dict[int, list[Task]]:
    out: dict[int, list[Task]] = {i: [] for i in document_ids}
    if not document_ids:
        return out
    for task in db.session.scalars(
        select(Task).where(Task.document_id.in_(document_ids)).options(selectinload(Task.lead_agency))
    ):
        out[task.document_id].append(task)
    return out


def published_clause():
    return Document.published_at.isnot(None)


def _published() -> list[Document]:
    return list(
        db.session.scalars(
            select(Document).where(published_clause()).order_by(Document.issued_on.desc(), Document.id.desc())
        )
    )


def published_documents() -> list[PublicDocument]:
    """Every published document with its figures as of today (no tree)."""
    on = today()

    def compute():
        documents = _published()
        tasks = _tasks_of([d.id for d in documents])
        return [_summary(d, tasks[d.id], on, with_tree=False) for d in documents]

    return memo.memoized(("public.index", on), compute)


def published_document(document_id: int) -> PublicDocument | None:
    """One published document with its task tree as of today; None if there is no such document or
    it is not published."""
    on = today()

    def compute():
        document = db.session.scalar(select(Document).where(Document.id == document_id, published_clause()))
        if document is None:
            return None
        return _summary(document, _tasks_of([document.id])[document.id], on, with_tree=True)

    return memo.memoized(("public.document", document_id, on), compute)
