"""Documents: the list, a document's page with its task tree, and its file.

Registering and editing documents are in `documents/manage.py`, adding tasks in `documents/assign.py`
(same blueprint)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.agencies.forms import agency_choices
from tracker.agencies.models import Agency
from tracker.attachments import storage
from tracker.attachments.models import Attachment
from tracker.core.access import refuse
from tracker.core.dates import today
from tracker.core.params import bounded_int
from tracker.core.text import matches
from tracker.db import db
from tracker.documents import files
from tracker.documents.models import DOCUMENT_KINDS, Document
from tracker.tasks.classification import category_condition, countable_clause
from tracker.tasks.models import PERIODS, Task, TaskEvent
from tracker.tasks.permissions import get_document_or_404, scope_agency_ids, visible_tasks_clause
from tracker.tasks.tree import BUCKETS, TreeFilter, agencies_text, build_tree, count_text, totals

bp = Blueprint("documents", __name__, url_prefix="/documents")


def _per_document(*conditions) -> dict[int, int]:
    return dict(
        db.session.execute(
            select(Task.document_id, func.count())
            .where(visible_tasks_clause(current_user), countable_clause(), *conditions)
            .group_by(Task.document_id)
        ).all()
    )


@bp.route("/")
@login_required
def index():
    q = (request.args.get("q") or "").strip()[:100]
    kind = request.args.get("kind") if request.args.get("kind") in DOCUMENT_KINDS else ""
    stmt = select(Document).order_by(Document.issued_on.desc(), Document.id.desc())
    if not current_user.sees_everything:
        visible = select(Task.document_id).where(visible_tasks_clause(current_user), countable_clause())
        stmt = stmt.where(Document.id.in_(visible))
    if kind:
        stmt = stmt.where(Document.kind == kind)
    documents = db.session.scalars(stmt.options(selectinload(Document.province))).all()
    if q:
        documents = [d for d in documents if matches(q, d.symbol, d.title, d.issuer)]
    counts = _per_document()
    done = _per_document(Task.status == "done")
    overdue = _per_document(category_condition(Task, "overdue", today()))
    return render_template(
        "documents/index.html",
        documents=documents,
        counts=counts,
        done=done,
        overdue=overdue,
        kinds=DOCUMENT_KINDS,
        q=q,
        kind=kind,
    )


def _tree_filter(document: Document) -> tuple[TreeFilter, Agency | None]:
    lead = None
    lead_id = bounded_int(request.args.get("lead"))
    if lead_id:
        lead = db.session.get(Agency, lead_id)
    flt = TreeFilter(
        lead_path=lead.path if lead is not None else None,
        bucket=request.args.get("status") if request.args.get("status") in (*BUCKETS, "due_soon") else "",
    )
    return flt, lead


def _moved_from(document: Document) -> dict[int, str]:
    """task id -> the name of the agency that led it before a merge moved it (the first such)."""
    rows = db.session.execute(
        select(TaskEvent.task_id, TaskEvent.changes)
        .join(Task, Task.id == TaskEvent.task_id)
        .where(Task.document_id == document.id, TaskEvent.kind == "lead_moved")
        .order_by(TaskEvent.at, TaskEvent.id)
    ).all()
    codes: dict[int, str] = {}
    for task_id, changes in rows:
        old = (changes or {}).get("lead_agency") or [None]
        if old[0]:
            codes.setdefault(task_id, old[0])
    if not codes:
        return {}
    names = dict(
        db.session.execute(select(Agency.code, Agency.name).where(Agency.code.in_(set(codes.values())))).all()
    )
    return {task_id: names.get(code, code) for task_id, code in codes.items()}


@bp.route("/<int:document_id>")
@login_required
def show(document_id: int):
    document = get_document_or_404(document_id)
    stmt = (
        select(Task)
        .where(Task.document_id == document.id)
        .options(selectinload(Task.lead_agency), selectinload(Task.coordinating_agencies))
    )
    if not current_user.sees_everything:
        # Sections are kept (pruned below if empty); tasks only if visible.
        stmt = stmt.where(Task.is_section.is_(True) | visible_tasks_clause(current_user))
    tasks = db.session.scalars(stmt).all()
    flt, lead = _tree_filter(document)
    on = today()
    tree = build_tree(tasks, flt, on)
    by_bucket = totals(tasks, on)
    # The lead agencies of this document's tasks, for the filter (a focal point: those of its scope).
    lead_ids = {t.lead_agency_id for t in tasks if t.lead_agency_id}
    leads = db.session.scalars(select(Agency).where(Agency.id.in_(lead_ids))).all() if lead_ids else []
    if not current_user.sees_everything:
        scope = set(db.session.scalars(scope_agency_ids(current_user)))
        leads = [a for a in leads if a.id in scope]
    shown = sum(n.total for n in tree) if flt.active else None
    moved_from = _moved_from(document)
    return render_template(
        "documents/show.html",
        document=document,
        tree=tree,
        total=sum(by_bucket.values()),
        by_bucket=by_bucket,
        buckets=BUCKETS,
        flt=flt,
        lead=lead,
        shown=shown,
        lead_choices=agency_choices(leads),
        expand=request.args.get("expand") == "1",
        files=files.document_files(document),
        human_size=files.human_size,
        can_manage=current_user.is_monitor,
        moved_from=moved_from,
        agencies_text=agencies_text,
        count_text=count_text,
        periods=PERIODS,
    )


@bp.route("/<int:document_id>/file")
@bp.route("/<int:document_id>/file/<int:attachment_id>")
@login_required
def file(document_id: int, attachment_id: int | None = None):
    """Download the document's file (the one in force, or an earlier one): whoever may see the document."""
    document = get_document_or_404(document_id)
    if attachment_id is None:
        found = files.document_files(document)
        attachment = found[0] if found else None
    else:
        attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.document_id != document.id or attachment.task_id is not None:
        refuse(404, object="document_file", id=attachment_id, document=document.id)
    return storage.send(
        attachment, missing=lambda: refuse(404, object="document_file", id=attachment.id, missing=True)
    )


# The management routes share this blueprint.
from tracker.documents import assign, manage  # noqa: E402, F401
