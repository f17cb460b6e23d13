"""The task workflow's verbs. Each checks permission, the transition and the version itself, plays
its effects (`tracker.tasks.effects`: the checks of the step, the task's fields, the rows it writes)
and stores them (`tracker.tasks.recording.store`: event, state, audit, webhook); it flushes, the caller
commits once.

new ──► in_progress ──► reported ──► done
          ▲    │            │
          │    │            └── returned (with reason) ──► in_progress
          │    └── extension requested ──► approved: new deadline / rejected
          └── any open state ──► cancelled (monitor, with reason)

Assigning and editing tasks (create_task, update_task, fan_out, move_lead…) are in
`tracker.tasks.assigning`; they are reached through this module too, the one door of the verbs.

`on` (the business date of the action) defaults to today in Asia/Ho_Chi_Minh; only the seed and the
history importer pass an earlier date, and then in chronological order per task.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.core import once, signals
from tracker.core.dates import today
from tracker.core.errors import DomainError, PermissionDenied
from tracker.core.text import N_
from tracker.db import db
from tracker.tasks import effects, permissions

# The verbs of assigning and the recording helpers, reached as operations.<name>.
from tracker.tasks.assigning import (  # noqa: F401
    check_version,
    create_section,
    create_task,
    create_tasks,
    fan_out,
    move_coordination,
    move_lead,
    require_manage,
    update_task,
)
from tracker.tasks.effects import EDITABLE_FIELDS, TRANSITIONS  # noqa: F401
from tracker.tasks.models import ExtensionRequest, Task, TaskEvent
from tracker.tasks.recording import (  # noqa: F401
    add_event,
    forget_recorded_states,
    record_state,
    recording_in_bulk,
    store,
)
from tracker.workdays.deadlines import check_deadline

_on = effects.business_day


def _require_lead(actor, task: Task) -> None:
    if not permissions.is_lead_focal(actor, task):
        raise PermissionDenied(_("Chỉ đầu mối của cơ quan chủ trì mới được thực hiện thao tác này."))


def _pending(task: Task) -> list[ExtensionRequest]:
    return list(
        db.session.scalars(
            select(ExtensionRequest).where(
                ExtensionRequest.task_id == task.id, ExtensionRequest.status == "pending"
            )
        )
    )


# ---------------------------------------------------------------- lead agency's actions


def post_progress(
    actor,
    task: Task,
    *,
    text: str,
    percent: int | None = None,
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> TaskEvent:
    """The lead agency's focal point posts progress (text and %); a new task becomes in progress."""
    _require_lead(actor, task)
    effects.check_transition(task, "post_progress")
    check_version(task, expected_version)
    return store(actor, task, effects.post_progress(task, text=text, percent=percent, on=_on(on)))


def report_completion(
    actor,
    task: Task,
    *,
    completed_on: dt.date,
    result_ref: str = "",
    note: str = "",
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> TaskEvent:
    """The lead agency reports the task done, with the completion date (the date of the output
    document: not in the future, not before assignment) and the result. → reported."""
    _require_lead(actor, task)
    effects.check_transition(task, "report_completion")
    check_version(task, expected_version)
    done = effects.report_completion(
        task, completed_on=completed_on, result_ref=result_ref, note=note, on=_on(on)
    )
    return store(actor, task, done)


def request_extension(
    actor,
    task: Task,
    *,
    new_deadline: dt.date,
    reason: str,
    on: dt.date | None = None,
    accept_day_off: bool = True,
) -> ExtensionRequest:
    """The lead agency asks for a later deadline, with a reason; a monitor decides. A date on a day
    off is refused with DeadlineOnDayOff unless accept_day_off."""
    _require_lead(actor, task)
    effects.check_transition(task, "request_extension")
    done = effects.request_extension(
        task, new_deadline=new_deadline, reason=reason, on=_on(on), pending=bool(_pending(task))
    )
    check_deadline(new_deadline, accept=accept_day_off, field="new_deadline")
    req = ExtensionRequest(task=task, requested_by_id=actor.id, **done.request)
    db.session.add(req)
    store(actor, task, done)
    return req


def post_contribution(actor, task: Task, *, text: str, on: dt.date | None = None) -> TaskEvent:
    """A coordinating agency's focal point posts its contribution (ý kiến phối hợp)."""
    if not permissions.is_coordinating_focal(actor, task):
        raise PermissionDenied(_("Chỉ đầu mối của cơ quan phối hợp mới gửi được ý kiến phối hợp."))
    return store(actor, task, effects.post_contribution(task, text=text, on=_on(on)))


# ---------------------------------------------------------------- monitor's actions


def confirm_completion(
    actor, task: Task, *, comment: str = "", on: dt.date | None = None, expected_version: int | None = None
) -> TaskEvent:
    """A monitor confirms a reported completion (→ done), keeping the agency's completion date."""
    require_manage(actor)
    effects.check_transition(task, "confirm_completion")
    check_version(task, expected_version)
    return store(actor, task, effects.confirm_completion(task, comment=comment, on=_on(on)))


def _back_to_work(actor, task: Task, action: str, reason: str, on: dt.date | None) -> TaskEvent:
    return store(actor, task, effects.back_to_work(task, action=action, reason=reason, on=_on(on)))


def return_report(
    actor, task: Task, *, reason: str, on: dt.date | None = None, expected_version: int | None = None
) -> TaskEvent:
    """A monitor returns a reported completion with a reason (→ in progress)."""
    require_manage(actor)
    check_version(task, expected_version)
    return _back_to_work(actor, task, "return_report", reason, on)


def recall_report(
    actor, task: Task, *, reason: str, on: dt.date | None = None, expected_version: int | None = None
) -> TaskEvent:
    """A report is withdrawn before confirmation (by a monitor, or by the lead agency itself)."""
    if not (permissions.can_manage(actor) or permissions.is_lead_focal(actor, task)):
        raise PermissionDenied(_("Bạn không có quyền thu hồi báo cáo này."))
    check_version(task, expected_version)
    return _back_to_work(actor, task, "recall_report", reason, on)


def request_redo(
    actor, task: Task, *, reason: str, on: dt.date | None = None, expected_version: int | None = None
) -> TaskEvent:
    """A monitor asks for confirmed work to be redone (done → in progress), with a reason."""
    require_manage(actor)
    check_version(task, expected_version)
    return _back_to_work(actor, task, "request_redo", reason, on)


def _decided(actor, req: ExtensionRequest) -> None:
    req.decided_by_id = actor.id
    req.decided_at = dt.datetime.now(dt.UTC)


def approve_extension(
    actor,
    req: ExtensionRequest,
    *,
    comment: str = "",
    new_deadline: dt.date | None = None,
    on: dt.date | None = None,
    accept_day_off: bool = True,
) -> TaskEvent:
    """A monitor approves an extension: the new date becomes the deadline in force; the original stays.
    A date on a day off is refused with DeadlineOnDayOff unless accept_day_off."""
    require_manage(actor)
    task = req.task
    if req.status == "pending":
        check_deadline(new_deadline or req.requested_deadline, accept=accept_day_off, field="new_deadline")
    done = effects.approve_extension(task, req, new_deadline=new_deadline, comment=comment, on=_on(on))
    _decided(actor, req)
    return store(actor, task, done)


def reject_extension(actor, req: ExtensionRequest, *, comment: str, on: dt.date | None = None) -> TaskEvent:
    """A monitor rejects an extension request, with a reason; the deadline stays."""
    require_manage(actor)
    done = effects.reject_extension(req.task, req, comment=comment, on=_on(on))
    _decided(actor, req)
    return store(actor, req.task, done)


def cancel_task(
    actor, task: Task, *, reason: str, on: dt.date | None = None, expected_version: int | None = None
) -> TaskEvent:
    """A monitor stops a task that is no longer needed, with a reason (→ cancelled); its pending
    extension requests are rejected."""
    require_manage(actor)
    effects.check_transition(task, "cancel_task")
    check_version(task, expected_version)
    return store(actor, task, effects.cancel_task(task, reason=reason, on=_on(on), pending=_pending(task)))


def remind(actor, tasks: Sequence[Task], *, message: str, on: dt.date | None = None) -> list[TaskEvent]:
    """A monitor sends a manual reminder (đôn đốc) to the lead agency of each task; logged on the
    timeline and queued as e-mail like the automatic ones."""
    require_manage(actor)
    day = _on(on)
    if day >= today():
        # Sent once: the same text on the same task and day is not e-mailed again (a resent form,
        # two monitors at once). A past day's reminder (history import, seed) is never e-mailed.
        tasks = [task for task in tasks if not _claim_reminder(actor, task, message, day)]
        if not tasks:
            raise DomainError(_(ALREADY_REMINDED), field="message")
    events = [store(actor, task, effects.remind(task, message=message, on=day)) for task in tasks]
    signals.tasks_reminded.send(actor, tasks=tasks, message=message.strip(), on=on)
    return events


ALREADY_REMINDED = N_("Nhiệm vụ đã được đôn đốc hôm nay với cùng nội dung; thư đôn đốc không gửi lại.")


def _reminder_key(task: Task, message: str, day: dt.date) -> str:
    digest = hashlib.sha256(message.strip().encode()).hexdigest()[:24]
    return f"remind:{task.id}:{day.isoformat()}:{digest}"


def already_reminded(task: Task, message: str, day: dt.date | None = None) -> bool:
    """This text was sent as a reminder on this task that day (today by default)."""
    return once.used(_reminder_key(task, message, day or today()))


def _claim_reminder(actor, task: Task, message: str, day: dt.date) -> bool:
    """True when this reminder was sent before (skip it). The claim (a UNIQUE key) holds under
    concurrency: of two requests at once, the one that loses is rolled back with ALREADY_REMINDED."""
    key = _reminder_key(task, message, day)
    return not once.claim(
        key, user_id=getattr(actor, "id", None), action="task.remind", message=_(ALREADY_REMINDED)
    )
