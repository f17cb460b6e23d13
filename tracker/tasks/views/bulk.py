"""Bulk actions on a selection of the task list (monitors): the two steps' pages. What each action
does to each task is in tracker.tasks.bulk."""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from tracker.core import mail
from tracker.core.access import roles_required
from tracker.db import db
from tracker.tasks.bulk import BULK_ACTIONS, MAX_TASKS, Inputs, apply, classify, done_message
from tracker.tasks.classification import countable_clause
from tracker.tasks.forms import BulkForm
from tracker.tasks.models import Task
from tracker.tasks.permissions import visible_tasks_clause
from tracker.tasks.queries import TaskFilter, task_query
from tracker.tasks.views import bp


def _load(ids: list[int]) -> list[Task]:
    if not ids:
        return []
    return db.session.scalars(
        select(Task)
        .where(Task.id.in_(ids), visible_tasks_clause(current_user), countable_clause())
        .options(selectinload(Task.lead_agency), selectinload(Task.document))
        .order_by(Task.deadline.is_(None), Task.deadline, Task.id)
    ).all()


def _ids(values) -> list[int]:
    out = []
    for v in values:
        for part in str(v).split(","):
            if part.strip().isdigit():
                out.append(int(part))
    return list(dict.fromkeys(out))


def _back_args(query: str) -> dict:
    return TaskFilter.from_args(MultiDict(parse_qsl(query or ""))).to_args()


def _render(form, action, tasks, inputs, back, *, error=None, status=200):
    ok, skipped = classify(action, current_user, tasks, inputs)
    return render_template(
        "tasks/bulk_confirm.html",
        form=form,
        action=action,
        action_label=pgettext("action", BULK_ACTIONS[action]),
        ok=ok,
        skipped=skipped,
        back=back,
        error=error,
        too_many=len(tasks) >= MAX_TASKS,
    ), status


@bp.route("/bulk", methods=["POST"])
@roles_required("monitor", "admin")
def bulk():
    """Step 1 → the confirmation page."""
    action = request.form.get("action", "")
    query = request.form.get("filter", "")
    back = _back_args(query)
    if action not in BULK_ACTIONS:
        flash(_("Hãy chọn thao tác cần thực hiện cho các nhiệm vụ đã chọn."), "warning")
        return redirect(url_for("tasks.index", **back))
    if request.form.get("scope") == "filter":
        flt = TaskFilter.from_args(MultiDict(parse_qsl(query)))
        tasks = db.session.scalars(task_query(current_user, flt).limit(MAX_TASKS)).all()
        tasks = _load([t.id for t in tasks])
    else:
        tasks = _load(_ids(request.form.getlist("task_ids"))[:MAX_TASKS])
    if not tasks:
        flash(
            _(
                "Chưa chọn nhiệm vụ nào: hãy đánh dấu các nhiệm vụ trong danh sách, hoặc chọn «tất cả theo bộ lọc»."
            ),
            "warning",
        )
        return redirect(url_for("tasks.index", **back))
    form = BulkForm(formdata=None, data={"action": action, "task_ids": ",".join(str(t.id) for t in tasks)})
    if action == "remind":
        form.message.data = _(
            "Đề nghị cơ quan khẩn trương thực hiện nhiệm vụ được giao và báo cáo kết quả đúng thời hạn."
        )
    return _render(form, action, tasks, Inputs(), query)


@bp.route("/bulk/apply", methods=["POST"])
@roles_required("monitor", "admin")
def bulk_apply():
    """Step 2: preview again with the inputs, or apply in one transaction."""
    form = BulkForm()
    action = form.action.data
    query = request.form.get("filter", "")
    if action not in BULK_ACTIONS:
        flash(_("Thao tác không hợp lệ."), "warning")
        return redirect(url_for("tasks.index", **_back_args(query)))
    tasks = _load(_ids([form.task_ids.data or ""])[:MAX_TASKS])
    valid = form.validate()
    inputs = Inputs(
        message=(form.message.data or "").strip(),
        new_deadline=form.new_deadline.data if valid else None,
        comment=(form.comment.data or "").strip(),
    )
    if not valid:
        return _render(
            form, action, tasks, inputs, query, error=_("Hãy kiểm tra lại các ô được đánh dấu."), status=422
        )
    if action == "remind" and not inputs.message:
        form.message.errors = [_("Hãy ghi nội dung đôn đốc.")]
    if action == "deadline" and inputs.new_deadline is None:
        form.new_deadline.errors = [_("Hãy chọn thời hạn mới.")]
    missing = form.message.errors or form.new_deadline.errors
    if request.form.get("step") != "apply" or missing or not tasks:
        error = _("Hãy điền các ô được đánh dấu trước khi xác nhận.") if missing else None
        return _render(form, action, tasks, inputs, query, error=error, status=422 if missing else 200)
    done, skipped = apply(action, current_user, tasks, inputs)
    if done:
        message = done_message(action, len(done))
        if action == "remind":
            message += " " + mail.reminder_outcome()
        flash(message, "success")
    if skipped:
        shown = "; ".join(f"«{t.title[:60]}»: {reason}" for t, reason in skipped[:10])
        if len(skipped) > 10:
            said = _(
                "Bỏ qua %(n)s nhiệm vụ — %(shown)s; và %(more)s nhiệm vụ khác.",
                n=len(skipped),
                shown=shown,
                more=len(skipped) - 10,
            )
        else:
            said = _("Bỏ qua %(n)s nhiệm vụ — %(shown)s.", n=len(skipped), shown=shown)
        flash(said, "warning")
    return redirect(url_for("tasks.index", **_back_args(query)))
