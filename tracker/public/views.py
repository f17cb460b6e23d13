"""/cong-khai/: the published programmes, for anyone, without login.

Safe for anonymous traffic: the figures are memoised per data version (`public.programme`), the
responses carry Cache-Control (a proxy or a browser may keep them a few minutes), each address is
limited per minute (`tracker.auth.throttle.public_rate_exceeded`), and nothing here touches the
session, so a visitor gets no cookie. The pages use a template of their own (`public/base.html`),
without the menu, the user's name or a CSRF token."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext as _

from tracker.auth.throttle import public_rate_exceeded
from tracker.core.dates import today
from tracker.core.urls import absolute_url
from tracker.public.programme import published_document, published_documents
from tracker.tasks.tree import BUCKETS

bp = Blueprint("public", __name__, url_prefix="/cong-khai")

MAX_AGE = 300  # seconds a browser or a proxy may keep a public page


@bp.before_request
def _throttle():
    wait = public_rate_exceeded(request.remote_addr or "")
    if wait:
        body = render_template(
            "public/message.html",
            title=_("Quá nhiều yêu cầu"),
            message=_(
                "Bạn đã mở quá nhiều trang trong một phút. Vui lòng thử lại sau %(wait)s giây.", wait=wait
            ),
        )
        return Response(body, 429, {"Retry-After": str(wait), "Cache-Control": "no-store"})
    return None


@bp.after_request
def _cacheable(response):
    if response.status_code == 200:
        response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


@bp.route("/")
def index():
    return render_template("public/index.html", documents=published_documents(), on=today())


@bp.route("/<int:document_id>")
def document(document_id: int):
    doc = published_document(document_id)
    if doc is None:
        abort(404)
    return render_template("public/document.html", doc=doc, on=today(), labels=BUCKETS)


@bp.route("/sitemap.xml")
def sitemap():
    documents = published_documents()
    urls = [(absolute_url(url_for(".index")), max((d.published_at for d in documents), default=None))]
    urls += [(absolute_url(url_for(".document", document_id=d.id)), d.published_at) for d in documents]
    xml = render_template("public/sitemap.xml", urls=urls)
    return Response(xml, mimetype="application/xml")
