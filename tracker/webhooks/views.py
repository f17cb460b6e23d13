"""The admins' webhook pages: register, see the delivery log, switch off, delete."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from tracker.core.access import roles_required
from tracker.core.forms import ConfirmForm, save_or_keep
from tracker.db import db
from tracker.webhooks import hooks, operations
from tracker.webhooks.forms import WebhookForm
from tracker.webhooks.models import Webhook, WebhookDelivery

bp = Blueprint("webhooks", __name__, url_prefix="/admin/webhooks")
# Deliveries queued by any request (pages or API) are sent once its response is out.
bp.after_app_request(hooks.send_queued_after_response)


def _me():
    return current_user._get_current_object()


def _webhooks_page(form=None, new_hook=None, status=200):
    hooks = db.session.scalars(select(Webhook).order_by(Webhook.created_at.desc(), Webhook.id.desc())).all()
    return render_template(
        "webhooks/index.html",
        hooks=hooks,
        form=form or WebhookForm(),
        confirm=ConfirmForm(),
        new_hook=new_hook,
    ), status


@bp.route("/")
@roles_required("admin")
def webhooks_index():
    return _webhooks_page()


@bp.route("/", methods=["POST"])
@roles_required("admin")
def webhooks_create():
    form = WebhookForm()
    if form.validate_on_submit():
        outcome = save_or_keep(
            form,
            lambda: operations.create_webhook(_me(), url=form.url.data, events=form.events.data or []),
            default="url",
        )
        if outcome.ok:
            return _webhooks_page(new_hook=outcome.value)
    return _webhooks_page(form=form, status=422)


@bp.route("/<int:hook_id>")
@roles_required("admin")
def webhook_show(hook_id: int):
    hook = db.get_or_404(Webhook, hook_id)
    deliveries = db.session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.webhook_id == hook.id)
        .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
        .limit(200)
    ).all()
    return render_template("webhooks/show.html", hook=hook, deliveries=deliveries, confirm=ConfirmForm())


@bp.route("/<int:hook_id>/toggle", methods=["POST"])
@roles_required("admin")
def webhook_toggle(hook_id: int):
    hook = db.get_or_404(Webhook, hook_id)
    if ConfirmForm().validate_on_submit():
        operations.set_active(_me(), hook, not hook.active)
        flash(_("Đã bật webhook.") if hook.active else _("Đã tắt webhook."), "success")
    return redirect(url_for("webhooks.webhook_show", hook_id=hook.id))


@bp.route("/<int:hook_id>/delete", methods=["POST"])
@roles_required("admin")
def webhook_delete(hook_id: int):
    hook = db.get_or_404(Webhook, hook_id)
    if ConfirmForm().validate_on_submit():
        operations.delete_webhook(_me(), hook)
        flash(_("Đã xóa webhook và nhật ký gửi của nó."), "success")
    return redirect(url_for("webhooks.webhooks_index"))
