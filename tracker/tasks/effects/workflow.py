"""The effects of the workflow's steps (the lead agency's, the coordinating agencies', the monitor's)
and of an agency reorganisation on a task."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _

from tracker.agencies.models import Agency
from tracker.core.dates import fmt_date
from tracker.core.errors import DomainError, InvalidTransition
from tracker.tasks import rules
from tracker.tasks.effects.base import BACK_TO_WORK, CANCELLED_NOTE, Effects, _required, check_transition

# ---------------------------------------------------------------- the lead agency's steps


def post_progress(task, *, text: str, percent: int | None, on: dt.date) -> Effects:
    """Text and %; a new task becomes in progress."""
    check_transition(task, "post_progress")
    text = _required(text, _("Hãy ghi nội dung tiến độ."), "text")
    changes = {}
    if percent is not None:
        percent = int(percent)
        if not 0 <= percent <= 100:
            raise DomainError(_("Tỷ lệ tiến độ phải từ 0 đến 100 %."), field="percent")
        if percent != task.progress:
            changes["progress"] = (task.progress, percent)
            task.progress = percent
    if task.status == "new":
        changes["status"] = ("new", "in_progress")
        task.status = "in_progress"
    task.last_update_on = on
    return Effects("progress", on, changes, text, state=True)


def report_completion(task, *, completed_on: dt.date, result_ref: str, note: str, on: dt.date) -> Effects:
    """The completion date (not in the future, not before assignment) and the result. → reported."""
    check_transition(task, "report_completion")
    if completed_on is None:
        raise DomainError(_("Hãy nhập ngày hoàn thành."), field="completed_on")
    if completed_on > on:
        raise DomainError(_("Ngày hoàn thành không thể ở tương lai."), field="completed_on")
    if completed_on < task.assigned_on:
        raise DomainError(
            _(
                "Ngày hoàn thành không thể trước ngày giao nhiệm vụ (%(day)s).",
                day=fmt_date(task.assigned_on),
            ),
            field="completed_on",
        )
    rules.check_length("result_ref", result_ref)
    rules.check_length("note", note)
    changes = {
        "status": (task.status, "reported"),
        "completed_on": (task.completed_on, completed_on),
    }
    if result_ref and result_ref != task.result_ref:
        changes["result_ref"] = (task.result_ref, result_ref)
    task.status = "reported"
    task.completed_on = completed_on
    task.reported_on = on
    task.result_ref = result_ref or task.result_ref
    task.result_note = note or task.result_note
    task.returned_reason = None
    task.last_update_on = on
    return Effects(
        "reported",
        on,
        changes,
        note or "",
        state=True,
        audit="task.report",
        details=dict(completed_on=completed_on),
        hook="reported",
    )


def request_extension(task, *, new_deadline: dt.date, reason: str, on: dt.date, pending: bool) -> Effects:
    """A later deadline asked for, with a reason (`pending`: the task already has a request waiting).
    The request's values are in `Effects.request`; the deadline changes only when approved."""
    check_transition(task, "request_extension")
    if task.deadline_kind != "date" or task.deadline is None:
        raise DomainError(_("Chỉ nhiệm vụ có thời hạn cụ thể mới đề nghị gia hạn được."))
    reason = _required(reason, _("Hãy nêu lý do đề nghị gia hạn."), "reason")
    if new_deadline is None or new_deadline <= task.deadline:
        raise DomainError(
            _("Thời hạn đề nghị phải sau thời hạn hiện tại (%(day)s).", day=fmt_date(task.deadline)),
            field="new_deadline",
        )
    if pending:
        raise DomainError(_("Nhiệm vụ này đã có một đề nghị gia hạn đang chờ xử lý."))
    task.last_update_on = on
    request = dict(
        current_deadline=task.deadline, requested_deadline=new_deadline, reason=reason, status="pending"
    )
    return Effects(
        "extension_requested", on, {"deadline": (task.deadline, new_deadline)}, reason, request=request
    )


def post_contribution(task, *, text: str, on: dt.date) -> Effects:
    """A coordinating agency's contribution (ý kiến phối hợp)."""
    check_transition(task, "post_contribution")
    text = _required(text, _("Hãy ghi nội dung ý kiến phối hợp."), "text")
    return Effects("contribution", on, {}, text)


# ---------------------------------------------------------------- the monitor's steps


def confirm_completion(task, *, comment: str, on: dt.date) -> Effects:
    """→ done, keeping the agency's completion date."""
    check_transition(task, "confirm_completion")
    rules.check_length("comment", comment)
    old_progress = task.progress
    task.status = "done"
    task.confirmed_on = on
    task.progress = 100
    task.last_update_on = on
    return Effects(
        "confirmed",
        on,
        {"status": ("reported", "done"), "progress": (old_progress, 100)},
        comment or "",
        state=True,
        audit="task.confirm",
        hook="confirmed",
    )


def back_to_work(task, *, action: str, reason: str, on: dt.date) -> Effects:
    """return_report, recall_report, request_redo: → in progress, with a reason."""
    check_transition(task, action)
    kind = BACK_TO_WORK[action]
    stripped = (reason or "").strip()
    if not stripped:
        raise DomainError(_("Hãy nêu lý do."), field="reason")
    rules.check_length("reason", stripped)
    old = task.status
    changes = {"status": (old, "in_progress"), "completed_on": (task.completed_on, None)}
    task.status = "in_progress"
    task.completed_on = None
    task.reported_on = None
    task.confirmed_on = None
    task.returned_reason = stripped
    if old == "done":
        changes["progress"] = (task.progress, min(task.progress, 90))
        task.progress = min(task.progress, 90)
    task.last_update_on = on
    return Effects(
        kind,
        on,
        changes,
        stripped,
        state=True,
        audit=f"task.{kind}",
        details=dict(reason=reason),
        hook="returned" if action == "return_report" else None,
    )


def approve_extension(task, request, *, new_deadline: dt.date | None, comment: str, on: dt.date) -> Effects:
    """The new date becomes the deadline in force; the original stays. `request` (an ExtensionRequest,
    or anything with its attributes) is marked approved."""
    if request.status != "pending":
        raise InvalidTransition(_("Đề nghị gia hạn này đã được xử lý."))
    check_transition(task, "approve_extension")
    rules.check_length("comment", comment)
    new_deadline = new_deadline or request.requested_deadline
    if task.deadline and new_deadline <= task.deadline:
        raise DomainError(_("Thời hạn mới phải sau thời hạn hiện tại."), field="new_deadline")
    request.status = "approved"
    request.decision_note = comment or ""
    if task.original_deadline is None:
        task.original_deadline = task.deadline
    old = task.deadline
    task.deadline = new_deadline
    task.extension_count += 1
    task.last_update_on = on
    return Effects(
        "extension_approved",
        on,
        {"deadline": (old, new_deadline)},
        comment or "",
        state=True,
        audit="task.extension_approve",
        details=dict(deadline=new_deadline),
    )


def reject_extension(task, request, *, comment: str, on: dt.date) -> Effects:
    """The request is rejected, with a reason; the deadline stays."""
    if request.status != "pending":
        raise InvalidTransition(_("Đề nghị gia hạn này đã được xử lý."))
    comment = _required(comment, _("Hãy nêu lý do không đồng ý."), "comment")
    request.status = "rejected"
    request.decision_note = comment
    return Effects("extension_rejected", on, {}, comment, audit="task.extension_reject")


def cancel_task(task, *, reason: str, on: dt.date, pending=()) -> Effects:
    """→ cancelled, with the reason; its `pending` extension requests are rejected."""
    check_transition(task, "cancel_task")
    stripped = (reason or "").strip()
    if not stripped:
        raise DomainError(_("Hãy nêu lý do dừng nhiệm vụ."), field="reason")
    rules.check_length("reason", stripped)
    old = task.status
    task.status = "cancelled"
    task.cancel_reason = stripped
    task.last_update_on = on
    for request in pending:
        request.status = "rejected"
        request.decision_note = CANCELLED_NOTE
    return Effects(
        "cancelled",
        on,
        {"status": (old, "cancelled")},
        stripped,
        state=True,
        audit="task.cancel",
        details=dict(reason=reason),
    )


def remind(task, *, message: str, on: dt.date) -> Effects:
    """A manual reminder (đôn đốc) on the timeline (the e-mail is queued by the operation)."""
    check_transition(task, "remind")
    message = _required(message, _("Hãy ghi nội dung đôn đốc."), "message")
    return Effects("reminder", on, {}, message)


# ---------------------------------------------------------------- agencies


def move_lead(task, successor: Agency, *, note: str, on: dt.date) -> Effects:
    """An open task of a merged agency goes to its successor (which stops coordinating it)."""
    check_transition(task, "move_lead")
    rules.check_lead(successor)
    old_code = task.lead_agency.code if task.lead_agency is not None else None
    changes = {"lead_agency": (old_code, successor.code)}
    if any(a.id == successor.id for a in task.coordinating_agencies):
        before = ", ".join(sorted(a.code for a in task.coordinating_agencies))
        task.coordinating_agencies = [a for a in task.coordinating_agencies if a.id != successor.id]
        changes["coordinating"] = (before, ", ".join(sorted(a.code for a in task.coordinating_agencies)))
    task.lead_agency = successor
    task.lead_agency_id = successor.id
    return Effects("lead_moved", on, changes, note, state=True)


def move_coordination(task, old: Agency, successor: Agency, *, note: str, on: dt.date) -> Effects:
    """A merged agency's coordination of an open task goes to its successor (unless it leads it)."""
    check_transition(task, "move_lead")
    before = ", ".join(sorted(a.code for a in task.coordinating_agencies))
    agencies = [a for a in task.coordinating_agencies if a.id != old.id]
    if successor.id != task.lead_agency_id and all(a.id != successor.id for a in agencies):
        agencies.append(successor)
    task.coordinating_agencies = agencies
    return Effects(
        "edited", on, {"coordinating": (before, ", ".join(sorted(a.code for a in agencies)))}, note
    )
