"""The task list (/tasks/) and its filter choices."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, current_app, g, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required
from markupsafe import Markup, escape
from sqlalchemy import func, select

from tracker.agencies.models import ISSUER_KINDS, Agency
from tracker.audit import log as audit
from tracker.core.dates import today
from tracker.core.memo import fragment
from tracker.db import db
from tracker.documents.models import Document
from tracker.reports import task_list
from tracker.tasks import permissions, search
from tracker.tasks.models import AREAS, CATEGORIES, STATUSES
from tracker.tasks.queries import SORTS, TaskFilter, paginate_tasks, task_query, with_list_options
from tracker.tasks.ui import LIST_COLOURS, list_colour
from tracker.tasks.views import bp


@bp.app_template_global("task_colour")
def _task_colour(task) -> str:
    return list_colour(task)


@bp.app_template_global("task_list_url")
def task_list_url(args: dict) -> str:
    """The task list's address with these filter arguments (TaskFilter.to_args): what a report's
    thousands of figures link to, the list's path looked up once per request."""
    base = g.get("_task_list_path")
    if base is None:
        base = g._task_list_path = url_for("tasks.index")
    return f"{base}?{urlencode(args, doseq=True)}" if args else base


@bp.app_template_filter("highlight")
def _highlight(text, q=""):
    return search.highlight(text, q)


@bp.app_template_filter("excerpt")
def _excerpt(text, q=""):
    return search.excerpt(text, q)


@bp.app_template_global("option_tags")
def option_tags(items, selected) -> Markup:
    """The <option>s of a filter list from (id, label) rows, `selected` marked: hundreds of agencies
    and documents, written here in one pass rather than three template expressions each."""
    html = "".join(
        f'<option value="{int(id_)}" {"selected" if selected == id_ else ""}>{escape(label)}</option>'
        for id_, label in items
    )
    return Markup(html)  # noqa: S704  # nosec B704 - ids are integers, every label is escaped


@bp.app_context_processor
def _list_colours():
    return {"LIST_COLOURS": LIST_COLOURS}


# At most this many agencies and documents in each filter list: a national instance has tens of
# thousands of both, which would make every list page megabytes long. The selected one is always
# offered; documents beyond the newest are filtered from their own page ("Xem dạng danh sách").
FILTER_CHOICES_MAX = 300


def filter_choices(flt: TaskFilter | None = None):
    """Documents and agencies offered in the filter form (only what the user may see): the agencies
    highest in the tree first, the newest documents first, at most FILTER_CHOICES_MAX of each."""
    # Rows of (id, name) and (id, symbol), not ORM objects: a list is all the form needs.
    agency_scope = select(Agency.id, Agency.name)
    document_scope = select(Document.id, Document.symbol)
    if current_user.sees_everything:
        agency_scope = agency_scope.where(Agency.kind.not_in(ISSUER_KINDS))
    else:
        agency_scope = agency_scope.where(Agency.id.in_(permissions.scope_agency_ids(current_user)))
        # The ids first, from the agency's own tasks (a few hundred): given as a list, the database
        # reads those documents by key instead of hashing the agency's and scanning every document.
        visible_docs = list(db.session.scalars(permissions.visible_document_ids(current_user))) or [-1]
        document_scope = document_scope.where(Document.id.in_(visible_docs))
    agencies = db.session.execute(
        agency_scope.order_by(func.length(Agency.path), Agency.name, Agency.id).limit(FILTER_CHOICES_MAX)
    ).all()
    documents = db.session.execute(
        document_scope.order_by(Document.issued_on.desc(), Document.id.desc()).limit(FILTER_CHOICES_MAX)
    ).all()
    if flt is not None:
        agencies = _with_selected(agencies, agency_scope, Agency, {flt.lead, flt.coord} - {None})
        documents = _with_selected(documents, document_scope, Document, {flt.document} - {None})
    return agencies, documents


def _with_selected(items: list, scope, model, wanted: set[int]) -> list:
    missing = wanted - {item.id for item in items}
    if missing:
        items = list(items) + list(db.session.execute(scope.where(model.id.in_(missing))))
    return items


@bp.route("/")
@login_required
def index():
    flt = TaskFilter.from_args(request.args)
    can_bulk = permissions.can_manage(current_user)
    # The body is the same for every user who sees the same tasks (a department's focal points, all
    # monitors): rendered once and reused while nothing changes (tracker.core.memo.fragment).
    key = (
        "tasks.index",
        permissions.scope_key(current_user),
        can_bulk,
        str(get_locale()),
        today(),
        request.query_string,
    )

    def render_body() -> str:
        per_page = current_app.config["TRACKER_PAGE_SIZE"]
        pagination = paginate_tasks(
            with_list_options(task_query(current_user, flt)), page=flt.page, per_page=per_page
        )
        agencies, documents = filter_choices(flt)
        return render_template(
            "tasks/_index_body.html",
            pagination=pagination,
            tasks=pagination.items,
            flt=flt,
            agencies=agencies,
            documents=documents,
            statuses=STATUSES,
            categories=CATEGORIES,
            areas=AREAS,
            sorts=SORTS,
            can_bulk=can_bulk,
        )

    return render_template("tasks/index.html", body=fragment(key, render_body))


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/export.xlsx")
@login_required
def export_xlsx():
    """The list as filtered (the same arguments as the page), as an Excel workbook: only the tasks
    this user may see (tracker.reports.task_list)."""
    flt = TaskFilter.from_args(request.args)
    body = task_list.to_bytes(current_user, flt)
    audit.record("tasks.export_xlsx", actor=current_user._get_current_object(), filter=flt.to_args(page=1))
    name = f"nhiem-vu-{today():%d-%m-%Y}.xlsx"
    return Response(
        body,
        mimetype=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


@bp.route("/print")
@login_required
def print_view():
    """The list as filtered, every row on one page laid out for the printer."""
    flt = TaskFilter.from_args(request.args)
    tasks, cut = task_list.rows(current_user, flt)
    return render_template(
        "tasks/print.html",
        tasks=tasks,
        cut=cut,
        limit=task_list.EXPORT_MAX,
        flt=flt,
        filters=task_list.describe(flt),
        on=today(),
    )
