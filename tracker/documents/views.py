"""Documents and their task trees."""

from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.core.access import get_document_or_404
from tracker.db import db
from tracker.documents.models import DOCUMENT_KINDS, Document
from tracker.tasks.models import Task
from tracker.tasks.permissions import visible_tasks_clause
from tracker.tasks.queries import countable_clause

bp = Blueprint("documents", __name__, url_prefix="/documents")


@bp.route("/")
@login_required
def index():
    visible = select(Task.document_id).where(visible_tasks_clause(current_user), countable_clause())
    stmt = select(Document).where(Document.id.in_(visible)).order_by(Document.issued_on.desc(), Document.id.desc())
    if current_user.sees_everything:
        stmt = select(Document).order_by(Document.issued_on.desc(), Document.id.desc())
    documents = db.session.scalars(stmt).all()
    counts = dict(
        db.session.execute(
            select(Task.document_id, func.count())
            .where(visible_tasks_clause(current_user), countable_clause())
            .group_by(Task.document_id)
        ).all()
    )
    done = dict(
        db.session.execute(
            select(Task.document_id, func.count())
            .where(visible_tasks_clause(current_user), countable_clause(), Task.status == "done")
            .group_by(Task.document_id)
        ).all()
    )
    return render_template("documents/index.html", documents=documents, counts=counts, done=done,
                           kinds=DOCUMENT_KINDS)


def build_tree(tasks: list[Task]) -> list[dict]:
    """Nest tasks under their parents, in document order; sections keep only visible descendants."""
    children = defaultdict(list)
    by_id = {t.id: t for t in tasks}
    for t in tasks:
        parent = t.parent_id if t.parent_id in by_id else None
        children[parent].append(t)

    def node(t):
        kids = sorted(children.get(t.id, []), key=lambda x: (x.position, x.code, x.id))
        return {"task": t, "children": [node(k) for k in kids]}

    def prune(n):
        n["children"] = [c for c in (prune(c) for c in n["children"]) if c]
        if n["task"].is_section and not n["children"]:
            return None
        return n

    roots = sorted(children.get(None, []), key=lambda x: (x.position, x.code, x.id))
    return [n for n in (prune(node(r)) for r in roots) if n]


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
        stmt = stmt.where((Task.is_section.is_(True)) | visible_tasks_clause(current_user))
    tasks = db.session.scalars(stmt).all()
    tree = build_tree(tasks)
    countable = [t for t in tasks if t.is_countable]
    by_status = defaultdict(int)
    for t in countable:
        by_status[t.status] += 1
    expand = request.args.get("expand") == "1"
    return render_template("documents/show.html", document=document, tree=tree, total=len(countable),
                           by_status=by_status, expand=expand)
