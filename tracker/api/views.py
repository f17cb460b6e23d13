"""Pages: one's own access tokens and calendar feeds (`api_tokens`)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker.api.forms import FeedForm, TokenForm
from tracker.api.models import ApiToken
from tracker.api.tokens import create_token, revoke_token
from tracker.core.access import refuse
from tracker.core.forms import ConfirmForm, save_or_keep
from tracker.core.params import bounded_int
from tracker.db import db, utcnow
from tracker.feeds.models import CalendarFeed
from tracker.feeds.operations import create_feed, feed_url, revoke_feed

bp = Blueprint("api_tokens", __name__, url_prefix="/account/api")


def _me():
    return current_user._get_current_object()


def _token_form(fresh: bool = False) -> TokenForm:
    # Two forms share the page: prefixes keep their fields (and ids) apart.
    return TokenForm(prefix="token", formdata=None) if fresh else TokenForm(prefix="token")


def _feed_form(fresh: bool = False) -> FeedForm:
    from tracker.tasks.views.listing import filter_choices

    form = FeedForm(prefix="feed", formdata=None) if fresh else FeedForm(prefix="feed")
    agencies, documents = filter_choices()
    form.lead.choices = [(0, _("— Tất cả —"))] + [(a.id, a.name) for a in agencies]
    form.document.choices = [(0, _("— Tất cả —"))] + [(d.id, d.symbol) for d in documents]
    return form


def _render(token_form=None, feed_form=None, new_token=None, new_feed_url=None, status=200):
    me = _me()
    tokens = db.session.scalars(
        select(ApiToken)
        .where(ApiToken.user_id == me.id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ).all()
    feeds = db.session.scalars(
        select(CalendarFeed)
        .where(CalendarFeed.user_id == me.id)
        .order_by(CalendarFeed.created_at.desc(), CalendarFeed.id.desc())
    ).all()
    return render_template(
        "api/tokens.html",
        tokens=tokens,
        feeds=feeds,
        token_form=token_form or _token_form(fresh=True),
        feed_form=feed_form or _feed_form(fresh=True),
        confirm=ConfirmForm(),
        new_token=new_token,
        new_feed_url=new_feed_url,
        now=utcnow(),
        describe=describe_filter,
    ), status


def describe_filter(args: dict) -> str:
    """A feed's stored filter in words: «Cơ quan chủ trì: Sở Tài chính; Trạng thái: Đang thực hiện»."""
    from tracker.agencies.models import Agency
    from tracker.documents.models import Document
    from tracker.tasks.models import AREAS, STATUSES

    parts = []
    if (lead := bounded_int(args.get("lead"))) and (agency := db.session.get(Agency, lead)):
        parts.append(_("Cơ quan chủ trì: %(name)s", name=agency.name))
    if (doc_id := bounded_int(args.get("document"))) and (doc := db.session.get(Document, doc_id)):
        parts.append(_("Văn bản: %(symbol)s", symbol=doc.symbol))
    if args.get("area"):
        parts.append(
            _("Lĩnh vực: %(area)s", area=_(AREAS[args["area"]]) if args["area"] in AREAS else args["area"])
        )
    if args.get("status"):
        statuses = args["status"] if isinstance(args["status"], list) else [args["status"]]
        parts.append(
            _(
                "Trạng thái: %(statuses)s",
                statuses=", ".join(_(STATUSES[x]) if x in STATUSES else x for x in statuses),
            )
        )
    return "; ".join(parts)


@bp.route("/")
@login_required
def index():
    return _render()


@bp.route("/tokens", methods=["POST"])
@login_required
def create():
    form = _token_form()
    if form.validate_on_submit():
        outcome = save_or_keep(
            form,
            lambda: create_token(
                _me(), _me(), name=form.name.data, scope=form.scope.data, days=form.days.data
            ),
            default="name",
        )
        if outcome.ok:
            # Rendered, not flashed: the token must not travel in the session cookie.
            return _render(new_token=outcome.value[1])
    return _render(token_form=form, status=422)


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != _me().id:
        refuse(404, object="api_token", id=token_id)
    if ConfirmForm().validate_on_submit():
        revoke_token(_me(), token)
        flash(
            _(
                "Đã thu hồi khóa «%(name)s». Các chương trình dùng khóa này sẽ không truy cập được nữa.",
                name=token.name,
            ),
            "success",
        )
    return redirect(url_for("api_tokens.index"))


@bp.route("/feeds", methods=["POST"])
@login_required
def create_calendar():
    form = _feed_form()
    if form.validate_on_submit():
        args = {
            "lead": form.lead.data or None,
            "document": form.document.data or None,
            "area": form.area.data or None,
            "status": form.status.data or [],
        }
        outcome = save_or_keep(
            form,
            lambda: create_feed(_me(), name=form.name.data, filter_args={k: v for k, v in args.items() if v}),
            default="name",
        )
        if outcome.ok:
            return _render(new_feed_url=feed_url(outcome.value[1]))
    return _render(feed_form=form, status=422)


@bp.route("/feeds/<int:feed_id>/revoke", methods=["POST"])
@login_required
def revoke_calendar(feed_id: int):
    feed = db.session.get(CalendarFeed, feed_id)
    if feed is None or feed.user_id != _me().id:
        refuse(404, object="calendar_feed", id=feed_id)
    if ConfirmForm().validate_on_submit():
        revoke_feed(_me(), feed)
        flash(_("Đã thu hồi lịch «%(name)s»; địa chỉ cũ không còn dùng được.", name=feed.name), "success")
    return redirect(url_for("api_tokens.index"))
