"""Editing a task (monitors), with optimistic locking.

The form carries the task's version, the last timeline event the user saw, and the values it opened
with. A save after someone else changed the task is refused: the page shows what the other person
changed (old → new), keeps what this user typed in the fields they edited, takes the other
person's values in the fields they did not touch, and flags the fields both changed.
"""

from __future__ import annotations

import datetime as dt
import json

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from tracker.agencies.models import Agency
from tracker.audit.views.words import field_label
from tracker.core import boundary
from tracker.core.access import refuse
from tracker.core.dates import fmt_date
from tracker.core.errors import PermissionDenied, StaleObject
from tracker.db import db
from tracker.tasks import actions, operations, rules
from tracker.tasks.forms import TaskEditForm
from tracker.tasks.models import AREAS, DEADLINE_KINDS, PERIODS, PRIORITIES, Task
from tracker.tasks.permissions import get_task_or_404
from tracker.tasks.views import bp
from tracker.tasks.views.task import task_events


def _agencies(task: Task) -> list[Agency]:
    """Active agencies that can lead or coordinate, plus the task's own even if now inactive."""
    own = [task.lead_agency_id] + [a.id for a in task.coordinating_agencies]
    return db.session.scalars(
        select(Agency)
        .where(or_(rules.lead_clause(), Agency.id.in_([i for i in own if i])))
        .order_by(Agency.kind, Agency.name)
    ).all()


def _set_choices(form: TaskEditForm, task: Task) -> dict[int, Agency]:
    agencies = _agencies(task)
    choices = [
        (a.id, a.name if a.is_active else _("%(name)s (đã ngừng hoạt động)", name=a.name)) for a in agencies
    ]
    form.lead_agency.choices = choices
    form.coordinating.choices = choices
    kinds = dict(DEADLINE_KINDS)
    if task.is_series:
        # A series keeps its kind and period (its occurrences are built from them).
        kinds = {"periodic": kinds["periodic"]}
        form.period.choices = [
            (task.period, _(PERIODS[task.period]) if task.period in PERIODS else task.period)
        ]
    else:
        kinds.pop("periodic")
    form.deadline_kind.choices = [(k, _(v)) for k, v in kinds.items()]
    return {a.id: a for a in agencies}


def _task_values(task: Task) -> dict:
    return {
        "title": task.title,
        "code": task.code or "",
        "content": task.content or "",
        "lead_agency": task.lead_agency_id,
        "coordinating": sorted(a.id for a in task.coordinating_agencies),
        "area": task.area,
        "deadline_kind": task.deadline_kind,
        "deadline": task.deadline,
        "period": task.period or "",
        "expected_output": task.expected_output or "",
        "priority": task.priority,
    }


def _norm(value):
    """A JSON-able, comparable form of a field value."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return sorted(int(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip().replace("\r\n", "\n")
    return value


def _normalised(values: dict) -> dict:
    return {k: _norm(values.get(k)) for k in TaskEditForm.EDIT_FIELDS}


def _form_values(form: TaskEditForm) -> dict:
    return {k: getattr(form, k).data for k in TaskEditForm.EDIT_FIELDS}


def _display(field: str, value, agencies: dict[int, Agency]) -> str:
    if value in ("", None, []):
        return "—"
    if field == "lead_agency":
        a = agencies.get(int(value)) or db.session.get(Agency, int(value))
        return a.name if a else str(value)
    if field == "coordinating":
        names = []
        for i in value:
            a = agencies.get(int(i)) or db.session.get(Agency, int(i))
            names.append(a.name if a else str(i))
        return "; ".join(names)
    if field == "deadline":
        return fmt_date(dt.date.fromisoformat(value) if isinstance(value, str) else value)
    labels = {"area": AREAS, "deadline_kind": DEADLINE_KINDS, "period": PERIODS, "priority": PRIORITIES}
    label = labels.get(field, {}).get(value)
    return _(label) if label else str(value)


def _fresh_form(task: Task) -> TaskEditForm:
    values = _task_values(task)
    form = TaskEditForm(
        formdata=None,
        data=values
        | {
            "version": task.version,
            "seen_event": actions.last_event_id(task),
            "original": json.dumps(_normalised(values)),
        },
    )
    return form


def _edit_kwargs(form: TaskEditForm, task: Task, agencies: dict[int, Agency]) -> dict:
    """The arguments of operations.update_task, with the rules of deadline kinds for this form."""
    kind = form.deadline_kind.data
    fields = {
        "title": " ".join((form.title.data or "").split()),
        "code": (form.code.data or "").strip(),
        "content": (form.content.data or "").replace("\r\n", "\n"),
        "area": form.area.data,
        "expected_output": (form.expected_output.data or "").strip(),
        "priority": form.priority.data,
    }
    # Which kinds a task may switch to is the operation's rule (tasks.rules.check_kind_change).
    fields["deadline_kind"] = kind
    fields["period"] = (form.period.data or None) if kind == "periodic" else task.period
    if not task.is_series:
        fields["deadline"] = form.deadline.data if kind == "date" else None
    return dict(
        # Who may lead is the operation's rule too: an agency not offered is passed on for it to refuse.
        lead_agency=agencies.get(form.lead_agency.data) or db.session.get(Agency, form.lead_agency.data or 0),
        coordinating=[agencies[i] for i in form.coordinating.data or [] if i in agencies],
        comment=(form.comment.data or "").strip(),
        accept_day_off=bool(form.accept_day_off.data),
        **fields,
    )


def _merge_stale(form: TaskEditForm, task: Task, agencies: dict[int, Agency]) -> list[dict]:
    """After a refused stale save: keep the user's edits, take the other person's values elsewhere.
    Returns the rows «field: when you opened → now (yours)» of the fields changed meanwhile."""
    try:
        original = json.loads(form.original.data or "{}")
    except ValueError:
        original = {}
    current_raw = _task_values(task)
    current = _normalised(current_raw)
    mine = _normalised(_form_values(form))
    rows = []
    for name in TaskEditForm.EDIT_FIELDS:
        field = getattr(form, name)
        if name not in original or current[name] == original[name]:
            continue
        touched = mine[name] != original[name]
        conflict = touched and mine[name] != current[name]
        rows.append(
            {
                "label": field_label(name),
                "before": _display(name, original[name], agencies),
                "now": _display(name, current[name], agencies),
                "mine": _display(name, mine[name], agencies),
                "conflict": conflict,
            }
        )
        if not touched:
            field.data = current_raw[name] if name != "period" else (current_raw[name] or "")
            field.raw_data = None
        elif conflict:
            field.errors = list(field.errors) + [
                _(
                    "Người khác cũng vừa sửa ô này thành: %(value)s. Ô vẫn giữ nội dung bạn nhập; "
                    "hãy chọn giá trị đúng.",
                    value=_display(name, current[name], agencies),
                )
            ]
    form.version.data = task.version
    form.seen_event.data = actions.last_event_id(task)
    form.original.data = json.dumps(current)
    return rows


def _render(task, form, *, error=None, stale_rows=None, stale_events=None, status=200):
    return render_template(
        "tasks/edit.html", task=task, form=form, error=error, stale_rows=stale_rows, stale_events=stale_events
    ), status


@bp.route("/<int:task_id>/edit", methods=["GET", "POST"])
@login_required
def edit(task_id: int):
    task = get_task_or_404(task_id)
    if not actions.can_edit(current_user, task):
        refuse(403, workflow_action="edit", task=task.id)
    form = TaskEditForm() if request.method == "POST" else _fresh_form(task)
    agencies = _set_choices(form, task)
    if not request.method == "POST":
        return _render(task, form)
    if not form.validate():
        return _render(
            task, form, error=_("Chưa lưu được: hãy kiểm tra lại các ô được đánh dấu."), status=422
        )
    try:
        version = int(form.version.data)
    except (TypeError, ValueError):
        version = -1
    outcome = boundary.attempt(
        lambda: operations.update_task(current_user, task, version, **_edit_kwargs(form, task, agencies))
    )
    error = outcome.error
    if isinstance(error, PermissionDenied):
        refuse(403, workflow_action="edit", task=task.id)
    if isinstance(error, StaleObject):
        seen = actions.int_or_none(form.seen_event.data)
        since = task_events(task, after=seen if seen is not None else actions.last_event_id(task))
        rows = _merge_stale(form, task, agencies)
        return _render(
            task,
            form,
            status=409,
            stale_rows=rows,
            stale_events=since,
            error=_(
                "Nhiệm vụ vừa được người khác cập nhật sau khi bạn mở biểu mẫu, nên chưa lưu thay đổi của bạn. "
                "Những gì đã thay đổi được liệt kê bên dưới. Các ô bạn đã sửa vẫn giữ nội dung bạn nhập; "
                "các ô khác đã lấy giá trị mới. Hãy kiểm tra rồi bấm «Lưu thay đổi» lần nữa."
            ),
        )
    if error is not None:
        field = getattr(form, error.field, None) if error.field else None
        if field is not None:
            field.errors = list(field.errors) + [_(error.message)]
        return _render(task, form, error=_(error.message), status=error.http_status)
    changes = outcome.value
    if changes:
        flash(
            _("Đã lưu thay đổi (%(fields)s).", fields=", ".join(field_label(k) for k in changes)), "success"
        )
    else:
        flash(_("Không có thay đổi nào để lưu."), "info")
    return redirect(url_for("tasks.show", task_id=task.id, _anchor="main"))
