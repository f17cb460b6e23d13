"""Quản trị → Thể thức văn bản báo cáo: the letterhead of the Word / PDF report (admins only)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.core.access import roles_required
from tracker.core.forms import save_or_keep
from tracker.letterhead import operations, settings
from tracker.letterhead.forms import LetterheadForm

bp = Blueprint("letterhead", __name__, url_prefix="/admin/letterhead")


@bp.route("/", methods=["GET", "POST"], endpoint="settings")
@roles_required("admin")
def settings_page():
    current = settings.load()
    form = LetterheadForm()
    if not form.is_submitted():
        for name, value in current.as_dict().items():
            getattr(form, name).data = "\n".join(value) if name == "recipients" else value
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in settings.FIELDS}
        outcome = save_or_keep(
            form,
            lambda: operations.update_letterhead(current_user._get_current_object(), values),
            default="issuing_body",
        )
        if outcome.ok:
            flash(
                _("Đã lưu thể thức văn bản báo cáo. Các bản Word, PDF tải từ nay dùng thể thức mới."),
                "success",
            )
            return redirect(url_for("letterhead.settings"))
    status = 422 if form.is_submitted() else 200
    return render_template("letterhead/settings.html", form=form, current=current), status
