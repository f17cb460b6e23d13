"""Registering and correcting a document (monitors and admins)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tracker.agencies.models import Agency
from tracker.core import boundary
from tracker.core.access import roles_required
from tracker.core.errors import DomainError
from tracker.core.forms import put_error
from tracker.db import db
from tracker.documents import files, operations
from tracker.documents.forms import DocumentForm
from tracker.documents.models import Document
from tracker.documents.views import bp
from tracker.tasks.permissions import get_document_or_404
from tracker.tasks.rules import LEAD_KINDS


def province_choices() -> list[tuple[int, str]]:
    """Provinces: the top agencies of the tree that have agencies able to lead tasks below them."""
    agencies = db.session.scalars(select(Agency)).all()
    roots = {
        int(a.path.strip("/").split("/")[0]) for a in agencies if a.kind in LEAD_KINDS and a.path.strip("/")
    }
    provinces = sorted((a for a in agencies if a.id in roots and a.parent_id is None), key=lambda a: a.name)
    return [(0, _("— Không gắn với tỉnh —"))] + [(a.id, a.name) for a in provinces]


def _issuers() -> list[str]:
    return list(
        db.session.scalars(
            select(Document.issuer).where(Document.issuer != "").distinct().order_by(Document.issuer)
        )
    )


def _default_province(choices) -> int:
    agency = current_user.agency
    if agency is not None and agency.path.strip("/"):
        root = int(agency.path.strip("/").split("/")[0])
        if any(pid == root for pid, _ in choices):
            return root
    return choices[1][0] if len(choices) == 2 else 0


def _values(form: DocumentForm) -> dict:
    return dict(
        symbol=form.symbol.data or "",
        kind=form.kind.data,
        issued_on=form.issued_on.data,
        title=form.title.data or "",
        issuer=form.issuer.data or "",
        issuer_level=form.issuer_level.data,
        province=db.session.get(Agency, form.province_id.data) if form.province_id.data else None,
        is_urgent=form.is_urgent.data,
    )


def _save(form: DocumentForm, document: Document | None) -> Document | None:
    """Run the operation and store the file in the request's transaction; None (errors on the form)
    if refused."""
    actor = current_user._get_current_object()

    def save():
        # The file is checked before anything is written, so a wrong file refuses the whole form
        # (a file written for a transaction that then fails is removed by the storage).
        upload = files.check_file(form.file.data)
        saved = document
        try:
            if saved is None:
                saved = operations.register_document(actor, **_values(form))
            else:
                operations.update_document(actor, saved, **_values(form))
            if upload is not None:
                files.store_document_file(actor, saved, upload)
            db.session.flush()
        except IntegrityError as e:
            # Two monitors registering the same number at the same moment: the database refuses the second.
            raise DomainError(_("Số, ký hiệu này vừa được đăng ký. Hãy kiểm tra lại."), field="symbol") from e
        return saved

    outcome = boundary.attempt(save)
    if outcome.ok:
        return outcome.value
    put_error(form, outcome.error.field, outcome.error.message)
    return None


def _render(form: DocumentForm, document: Document | None):
    if form.errors or any(f.errors for f in form):
        status = 422
    else:
        status = 200
    return render_template(
        "documents/form.html",
        form=form,
        document=document,
        issuers=_issuers(),
        current_files=files.document_files(document) if document else [],
        human_size=files.human_size,
        accept=files.ACCEPT,
    ), status


@bp.route("/new", methods=["GET", "POST"])
@roles_required("admin", "monitor")
def create():
    form = DocumentForm()
    form.province_id.choices = province_choices()
    if request.method == "GET":
        form.province_id.data = _default_province(form.province_id.choices)
    if form.validate_on_submit():
        document = _save(form, None)
        if document is not None:
            flash(
                _(
                    "Đã đăng ký văn bản %(symbol)s. Bây giờ hãy thêm các nhiệm vụ của văn bản.",
                    symbol=document.symbol,
                ),
                "success",
            )
            return redirect(url_for("documents.show", document_id=document.id))
    return _render(form, None)


@bp.route("/<int:document_id>/edit", methods=["GET", "POST"])
@roles_required("admin", "monitor")
def edit(document_id: int):
    document = get_document_or_404(document_id)
    form = DocumentForm(obj=document)
    form.province_id.choices = province_choices()
    if request.method == "GET":
        form.province_id.data = document.province_id or 0
    if form.validate_on_submit():
        if _save(form, document) is not None:
            flash(_("Đã lưu văn bản %(symbol)s.", symbol=document.symbol), "success")
            return redirect(url_for("documents.show", document_id=document.id))
    return _render(form, document)


@bp.route("/<int:document_id>/publish", methods=["POST"])
@roles_required("admin", "monitor")
def publish(document_id: int):
    """The switch on the document page: publish on /cong-khai/ (publish=1) or withdraw (publish=0)."""
    document = get_document_or_404(document_id)
    published = request.form.get("publish") == "1"
    if operations.set_published(current_user, document, published):
        if published:
            flash(
                _("Đã công khai văn bản %(symbol)s trên trang Công khai.", symbol=document.symbol), "success"
            )
        else:
            flash(_("Đã thôi công khai văn bản %(symbol)s.", symbol=document.symbol), "success")
    return redirect(url_for("documents.show", document_id=document.id))
