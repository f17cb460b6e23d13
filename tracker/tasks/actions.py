"""The workflow actions offered on a task page: who is shown which form, and what each form does.

Showing a form is a convenience; every action is re-checked by its operation in
`tracker.tasks.operations` (permission, transition, version), which the view calls inside one
transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.attachments import storage
from tracker.core import mail, once
from tracker.core.errors import DomainError, NotFound
from tracker.core.text import N_, NC_
from tracker.db import db
from tracker.tasks import forms, operations, permissions
from tracker.tasks.models import ExtensionRequest, Task, TaskEvent
from tracker.tasks.operations import TRANSITIONS


def _lead(user, task) -> bool:
    return permissions.is_lead_focal(user, task)


def _coord(user, task) -> bool:
    return permissions.is_coordinating_focal(user, task)


def _manage(user, task) -> bool:
    return permissions.can_manage(user)


def _manage_or_lead(user, task) -> bool:
    return permissions.can_manage(user) or permissions.is_lead_focal(user, task)


@dataclass(frozen=True)
class Action:
    name: str
    label: str  # the button / panel title (DOMAIN.md "Words on the screen")
    submit: str
    form: type
    may: Callable  # (user, task) -> bool: the role may take this action on this task at all
    operation: str  # the key of operations.TRANSITIONS that says from which statuses
    style: str = "outline-primary"
    versioned: bool = False
    files: bool = False
    needs_extension: bool = False
    danger: bool = False


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action(
            "progress",
            NC_("action", "Cập nhật tiến độ"),
            NC_("action", "Lưu tiến độ"),
            forms.ProgressForm,
            _lead,
            "post_progress",
            style="primary",
            files=True,
        ),
        Action(
            "report",
            NC_("action", "Báo cáo hoàn thành"),
            NC_("action", "Gửi báo cáo hoàn thành"),
            forms.ReportForm,
            _lead,
            "report_completion",
            style="success",
            versioned=True,
            files=True,
        ),
        Action(
            "extension",
            NC_("action", "Đề nghị gia hạn"),
            NC_("action", "Gửi đề nghị gia hạn"),
            forms.ExtensionRequestForm,
            _lead,
            "request_extension",
        ),
        Action(
            "contribution",
            NC_("action", "Ý kiến phối hợp"),
            NC_("action", "Gửi ý kiến phối hợp"),
            forms.ContributionForm,
            _coord,
            "post_contribution",
            style="primary",
            files=True,
        ),
        Action(
            "confirm",
            NC_("action", "Xác nhận hoàn thành"),
            NC_("action", "Xác nhận hoàn thành"),
            forms.ConfirmForm,
            _manage,
            "confirm_completion",
            style="success",
            versioned=True,
        ),
        Action(
            "return",
            NC_("action", "Trả lại"),
            NC_("action", "Trả lại báo cáo"),
            forms.ReasonForm,
            _manage,
            "return_report",
            style="outline-danger",
            versioned=True,
        ),
        Action(
            "recall",
            NC_("action", "Thu hồi báo cáo"),
            NC_("action", "Thu hồi báo cáo"),
            forms.ReasonForm,
            _manage_or_lead,
            "recall_report",
            style="outline-secondary",
            versioned=True,
        ),
        Action(
            "redo",
            NC_("action", "Yêu cầu thực hiện lại"),
            NC_("action", "Yêu cầu thực hiện lại"),
            forms.ReasonForm,
            _manage,
            "request_redo",
            style="outline-danger",
            versioned=True,
        ),
        Action(
            "approve",
            NC_("action", "Đồng ý gia hạn"),
            NC_("action", "Đồng ý gia hạn"),
            forms.ApproveExtensionForm,
            _manage,
            "approve_extension",
            style="success",
            needs_extension=True,
        ),
        Action(
            "reject",
            NC_("action", "Không đồng ý gia hạn"),
            NC_("action", "Không đồng ý gia hạn"),
            forms.RejectExtensionForm,
            _manage,
            "reject_extension",
            style="outline-danger",
            needs_extension=True,
        ),
        Action(
            "remind",
            NC_("action", "Đôn đốc"),
            NC_("action", "Gửi đôn đốc"),
            forms.RemindForm,
            _manage,
            "remind",
            style="outline-reminder",
        ),
        Action(
            "cancel",
            NC_("action", "Dừng nhiệm vụ"),
            NC_("action", "Dừng nhiệm vụ"),
            forms.ReasonForm,
            _manage,
            "cancel_task",
            style="outline-danger",
            versioned=True,
            danger=True,
        ),
    )
}


def pending_extension(task: Task) -> ExtensionRequest | None:
    return db.session.scalar(
        select(ExtensionRequest).where(
            ExtensionRequest.task_id == task.id, ExtensionRequest.status == "pending"
        )
    )


def last_event_id(task: Task) -> int:
    return db.session.scalar(select(func.max(TaskEvent.id)).where(TaskEvent.task_id == task.id)) or 0


def available(user, task: Task, pending: ExtensionRequest | None) -> list[str]:
    """The actions this user is offered on this task now (in display order)."""
    if task.is_section or task.is_series:
        return []
    out = []
    for action in ACTIONS.values():
        if not action.may(user, task) or task.status not in TRANSITIONS[action.operation]:
            continue
        if action.needs_extension and pending is None:
            continue
        if action.name == "extension" and (
            pending is not None or task.deadline_kind != "date" or not task.deadline
        ):
            continue
        out.append(action.name)
    return out


def can_edit(user, task: Task) -> bool:
    return permissions.can_manage(user) and not task.is_section


def blank_form(name: str, task: Task, pending: ExtensionRequest | None, seen_event: int):
    """The form of an action as first shown (not filled from the request)."""
    action = ACTIONS[name]
    data = {}
    if action.versioned:
        data = {"version": task.version, "seen_event": seen_event}
    if action.needs_extension and pending is not None:
        data["request_id"] = pending.id
    if name == "progress":
        data["percent"] = task.progress
    data["form_key"] = once.new_key()
    return action.form(formdata=None, prefix=name, data=data)


def submitted_form(name: str):
    return ACTIONS[name].form(prefix=name)


def int_or_none(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _extension_request(task: Task, form) -> ExtensionRequest:
    req = db.session.get(ExtensionRequest, int_or_none(form.request_id.data) or 0)
    if req is None or req.task_id != task.id:
        raise NotFound(_("Không tìm thấy đề nghị gia hạn này; có thể nó đã được xử lý."))
    return req


# What the user is told when an action is done (and again when the same form arrives twice), in
# the user's language where it is said (`done_message`).
DONE = {
    "progress": N_("Đã cập nhật tiến độ."),
    "report": N_("Đã gửi báo cáo hoàn thành. Cán bộ theo dõi sẽ xem xét và xác nhận."),
    "extension": N_("Đã gửi đề nghị gia hạn. Thời hạn hiện tại vẫn giữ nguyên cho đến khi được đồng ý."),
    "contribution": N_(
        "Đã gửi ý kiến phối hợp; cơ quan chủ trì sẽ thấy ý kiến này trong diễn biến nhiệm vụ."
    ),
    "confirm": N_("Đã xác nhận hoàn thành nhiệm vụ."),
    "return": N_("Đã trả lại báo cáo; cơ quan chủ trì sẽ thấy lý do trả lại."),
    "recall": N_("Đã thu hồi báo cáo hoàn thành; nhiệm vụ trở lại trạng thái đang thực hiện."),
    "redo": N_("Đã yêu cầu thực hiện lại nhiệm vụ."),
    "approve": N_("Đã đồng ý gia hạn; thời hạn mới có hiệu lực, thời hạn ban đầu vẫn được lưu."),
    "reject": N_("Đã không đồng ý gia hạn; thời hạn giữ nguyên."),
    "cancel": N_("Đã dừng nhiệm vụ."),
}


def perform(name: str, form, user, task: Task) -> str:
    """Run the operation of action `name` with the form's data; returns the success message.
    Raises DomainError (nothing is committed by this function)."""
    action = ACTIONS[name]
    # A form sent again (double click, resent request) does nothing: the first one's result stands.
    done = mail.reminder_outcome() if name == "remind" else _(DONE[name])
    if not once.claim(form.form_key.data, user_id=user.id, action=f"task.{name}", message=done):
        return done
    version = int_or_none(form.version.data) if action.versioned else None
    if action.versioned and version is None:
        raise DomainError(_("Biểu mẫu thiếu thông tin phiên bản; hãy tải lại trang rồi thử lại."))
    uploads = storage.check_uploads(form.files.data) if action.files else []
    event = None
    if name == "progress":
        event = operations.post_progress(user, task, text=form.text.data, percent=form.percent.data)
        message = done
    elif name == "report":
        event = operations.report_completion(
            user,
            task,
            completed_on=form.completed_on.data,
            result_ref=(form.result_ref.data or "").strip(),
            note=(form.note.data or "").strip(),
            expected_version=version,
        )
        message = done
    elif name == "extension":
        operations.request_extension(
            user,
            task,
            new_deadline=form.new_deadline.data,
            reason=form.reason.data,
            accept_day_off=bool(form.accept_day_off.data),
        )
        message = done
    elif name == "contribution":
        event = operations.post_contribution(user, task, text=form.text.data)
        message = done
    elif name == "confirm":
        operations.confirm_completion(user, task, comment=form.comment.data or "", expected_version=version)
        message = done
    elif name == "return":
        operations.return_report(user, task, reason=form.reason.data, expected_version=version)
        message = done
    elif name == "recall":
        operations.recall_report(user, task, reason=form.reason.data, expected_version=version)
        message = done
    elif name == "redo":
        operations.request_redo(user, task, reason=form.reason.data, expected_version=version)
        message = done
    elif name == "approve":
        req = _extension_request(task, form)
        operations.approve_extension(
            user,
            req,
            comment=form.comment.data or "",
            new_deadline=form.new_deadline.data,
            accept_day_off=bool(form.accept_day_off.data),
        )
        message = done
    elif name == "reject":
        operations.reject_extension(user, _extension_request(task, form), comment=form.comment.data)
        message = done
    elif name == "remind":
        operations.remind(user, [task], message=form.message.data)
        message = done
    elif name == "cancel":
        operations.cancel_task(user, task, reason=form.reason.data, expected_version=version)
        message = done
    else:  # pragma: no cover - ACTIONS and this function are kept together
        raise NotFound(_("Thao tác không tồn tại."))
    if uploads:
        storage.store_all(uploads, actor=user, task=task, event=event)
        message += " " + _("Đã đính kèm %(n)s tệp.", n=len(uploads))
    return message
