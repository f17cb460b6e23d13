"""The reminder pages: the outbox log (monitors), the settings (monitors), one's own choice to receive."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.agencies.models import ISSUER_KINDS, Agency
from tracker.core import boundary
from tracker.core.access import roles_required
from tracker.core.dates import parse_user_date
from tracker.core.forms import save_or_keep
from tracker.core.params import bounded_int, page_number
from tracker.db import db
from tracker.reminders import mailer, operations, outbox, settings
from tracker.reminders.forms import ConfirmForm, PreferenceForm, SettingsForm, SwitchForm
from tracker.reminders.models import (
    MESSAGE_KINDS,
    MESSAGE_STATUSES,
    SWITCH_KINDS,
    OutboxMessage,
    ReminderRun,
    ReminderSwitch,
)

bp = Blueprint("reminders", __name__, url_prefix="/reminders")


def _day(value) -> dt.date | None:
    try:
        return parse_user_date(value) if value else None
    except ValueError:
        return None


def _agencies():
    return db.session.scalars(
        select(Agency).where(Agency.kind.not_in(ISSUER_KINDS)).order_by(Agency.is_active.desc(), Agency.name)
    ).all()


@bp.route("/outbox", endpoint="outbox")
@roles_required("admin", "monitor")
def outbox_log():
    args = {
        "agency": bounded_int(request.args.get("agency")),
        "status": request.args.get("status") if request.args.get("status") in MESSAGE_STATUSES else "",
        "kind": request.args.get("kind") if request.args.get("kind") in MESSAGE_KINDS else "",
        "day_from": _day(request.args.get("day_from")),
        "day_to": _day(request.args.get("day_to")),
    }
    stmt = select(OutboxMessage).options(selectinload(OutboxMessage.agency))
    if args["agency"]:
        stmt = stmt.where(OutboxMessage.agency_id == args["agency"])
    if args["status"]:
        stmt = stmt.where(OutboxMessage.status == args["status"])
    if args["kind"]:
        stmt = stmt.where(OutboxMessage.kind == args["kind"])
    if args["day_from"]:
        stmt = stmt.where(OutboxMessage.day >= args["day_from"])
    if args["day_to"]:
        stmt = stmt.where(OutboxMessage.day <= args["day_to"])
    pagination = db.paginate(
        stmt.order_by(OutboxMessage.day.desc(), OutboxMessage.id.desc()),
        page=page_number(request.args.get("page")),
        per_page=current_app.config["TRACKER_PAGE_SIZE"],
        error_out=False,
    )
    totals = dict(
        db.session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all()
    )
    runs = db.session.scalars(select(ReminderRun).order_by(ReminderRun.day.desc()).limit(5)).all()
    query_args = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in args.items() if v}
    return render_template(
        "reminders/outbox.html",
        pagination=pagination,
        messages=pagination.items,
        args=args,
        query_args=query_args,
        agencies=_agencies(),
        statuses=MESSAGE_STATUSES,
        kinds=MESSAGE_KINDS,
        totals=totals,
        runs=runs,
        smtp=mailer.describe(current_app.config),
        confirm=ConfirmForm(),
        not_configured=_(outbox.NOT_CONFIGURED),
    )


@bp.route("/outbox/<int:message_id>")
@roles_required("admin", "monitor")
def message(message_id: int):
    row = db.get_or_404(OutboxMessage, message_id)
    return render_template(
        "reminders/message.html", m=row, confirm=ConfirmForm(), smtp=mailer.describe(current_app.config)
    )


@bp.route("/outbox/<int:message_id>/html")
@roles_required("admin", "monitor")
def message_html(message_id: int):
    """The HTML part as the recipient sees it, sandboxed: no script runs, nothing is fetched."""
    row = db.get_or_404(OutboxMessage, message_id)
    response = current_app.response_class(row.body_html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
    )
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


@bp.route("/outbox/<int:message_id>/resend", methods=["POST"])
@roles_required("admin", "monitor")
def resend(message_id: int):
    row = db.get_or_404(OutboxMessage, message_id)
    if not ConfirmForm().validate_on_submit():
        flash(_("Phiên làm việc đã hết hạn, hãy thử lại."), "warning")
        return redirect(url_for("reminders.message", message_id=row.id))
    outcome = boundary.attempt(lambda: outbox.resend(current_user._get_current_object(), row))
    if not outcome.ok:
        flash(outcome.message, "danger")
        return redirect(url_for("reminders.message", message_id=message_id))
    # Sent after the commit, as the scheduler would; a failure is recorded on the row and retried.
    boundary.commit_now("the outbox sends only committed messages")
    status = outbox.deliver(message_id)
    row = db.session.get(OutboxMessage, message_id)
    if status == "sent":
        flash(_("Đã gửi lại thư."), "success")
    elif status == "failed":
        flash(_("Gửi lại không thành công: %(last_error)s", last_error=row.last_error), "danger")
    else:
        flash(_("Thư được đưa lại vào hàng đợi. ") + (row.last_error or ""), "info")
    return redirect(url_for("reminders.message", message_id=message_id))


@bp.route("/settings", methods=["GET", "POST"], endpoint="settings")
@roles_required("admin", "monitor")
def settings_page():
    cfg = settings.load()
    form = SettingsForm()
    if not form.is_submitted():
        for name, value in cfg.as_dict().items():
            getattr(form, name).data = ", ".join(map(str, value)) if name == "days_before" else value
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in cfg.as_dict()}
        outcome = save_or_keep(
            form,
            lambda: operations.update_settings(current_user._get_current_object(), values),
            default="send_at",
        )
        if outcome.ok:
            flash(_("Đã lưu cài đặt nhắc việc. Bộ lập lịch áp dụng giờ mới trong vòng một phút."), "success")
            return redirect(url_for("reminders.settings"))
    switch_form = SwitchForm(prefix="sw")
    switch_form.agency_id.choices = [(a.id, a.name) for a in _agencies() if a.is_active]
    return _settings_page(form, switch_form, cfg)


def _settings_page(form, switch_form, cfg):
    switches = db.session.scalars(
        select(ReminderSwitch)
        .join(Agency)
        .options(selectinload(ReminderSwitch.agency))
        .order_by(Agency.name, ReminderSwitch.kind)
    ).all()
    return render_template(
        "reminders/settings.html",
        form=form,
        switch_form=switch_form,
        switches=switches,
        cfg=cfg,
        smtp=mailer.describe(current_app.config),
        confirm=ConfirmForm(),
    )


@bp.route("/settings/switches", methods=["POST"])
@roles_required("admin", "monitor")
def switch_off():
    switch_form = SwitchForm(prefix="sw")
    switch_form.agency_id.choices = [(a.id, a.name) for a in _agencies() if a.is_active]
    if switch_form.validate_on_submit():
        agency = db.session.get(Agency, switch_form.agency_id.data)
        outcome = save_or_keep(
            switch_form,
            lambda: operations.set_switch(
                current_user._get_current_object(), agency, switch_form.kind.data, False
            ),
            default="agency_id",
        )
        if outcome.ok:
            flash(
                _(
                    "Đã tắt «%(SWITCH_KINDS)s» cho %(name)s.",
                    SWITCH_KINDS=_(SWITCH_KINDS[switch_form.kind.data]),
                    name=agency.name,
                ),
                "success",
            )
            return redirect(url_for("reminders.settings"))
    form = SettingsForm(formdata=None)
    cfg = settings.load()
    for name, value in cfg.as_dict().items():
        getattr(form, name).data = ", ".join(map(str, value)) if name == "days_before" else value
    return _settings_page(form, switch_form, cfg)


@bp.route("/settings/switches/<int:agency_id>/<kind>/on", methods=["POST"])
@roles_required("admin", "monitor")
def switch_on(agency_id: int, kind: str):
    agency = db.get_or_404(Agency, agency_id)
    if ConfirmForm().validate_on_submit():
        outcome = boundary.attempt(
            lambda: operations.set_switch(current_user._get_current_object(), agency, kind, True)
        )
        if outcome.ok:
            flash(_("Đã bật lại nhắc việc cho %(name)s.", name=agency.name), "success")
        else:
            flash(outcome.message, "danger")
    return redirect(url_for("reminders.settings"))


@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    user = current_user._get_current_object()
    form = PreferenceForm()
    if not form.is_submitted():
        form.receive_digest.data = user.receive_digest
    if form.validate_on_submit():
        outcome = save_or_keep(
            form,
            lambda: operations.set_receive_digest(user, form.receive_digest.data),
            default="receive_digest",
        )
        if outcome.ok:
            flash(_("Đã lưu lựa chọn nhận thư nhắc việc."), "success")
            return redirect(url_for("reminders.preferences"))
    return render_template("reminders/preferences.html", form=form, user=user, cfg=settings.load())
