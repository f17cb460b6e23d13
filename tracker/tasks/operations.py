"""The task workflow's verbs. Each checks permission and the transition itself, writes the task's
event (who, when, old → new) and its reportable state, and flushes; the caller commits once.

new ──► in_progress ──► reported ──► done
          ▲    │            │
          │    │            └── returned (with reason) ──► in_progress
          │    └── extension requested ──► approved: new deadline / rejected
          └── any open state ──► cancelled (monitor, with reason)

`on` (the business date of the action) defaults to today in Asia/Ho_Chi_Minh; only the seed and the
history importer pass an earlier date, and then in chronological order per task.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from tracker.agencies.models import Agency
from tracker.audit import log as audit
from tracker.core import signals
from tracker.core.dates import fmt_date
from tracker.core.errors import DomainError, InvalidTransition, PermissionDenied, StaleObject
from tracker.db import db
from tracker.documents.models import Document
from tracker.tasks import effects, permissions
from tracker.tasks.effects import TRANSITIONS  # noqa: F401  (the transition table; tasks.actions reads it here)
from tracker.tasks.models import ExtensionRequest, Task, TaskEvent, TaskState
from tracker.workdays.deadlines import check_deadline

EDITABLE_FIELDS = (
    "title",
    "content",
    "area",
    "deadline_kind",
    "period",
    "deadline",
    "expected_output",
    "priority",
    "code",
)


# ---------------------------------------------------------------- helpers


_check_transition = effects.check_transition


def _check_version(task: Task, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != task.version:
        raise StaleObject(
            "Nhiệm vụ vừa được người khác cập nhật sau khi bạn mở biểu mẫu. "
            "Hãy xem lại các thay đổi bên dưới rồi lưu lại.",
            current=task,
        )


def _require_manage(actor) -> None:
    if not permissions.can_manage(actor):
        raise PermissionDenied("Chỉ cán bộ theo dõi mới được thực hiện thao tác này.")


def _require_lead(actor, task: Task) -> None:
    if not permissions.is_lead_focal(actor, task):
        raise PermissionDenied("Chỉ đầu mối của cơ quan chủ trì mới được thực hiện thao tác này.")


_on = effects.business_day


def add_event(
    task: Task,
    actor,
    kind: str,
    changes: dict | None = None,
    comment: str = "",
    on: dt.date | None = None,
    at: dt.datetime | None = None,
) -> TaskEvent:
    """Append a timeline event; `changes` maps field -> (old, new)."""
    event = TaskEvent(**effects.event_values(task.id, actor, kind, changes, comment, on))
    if at is not None:
        event.at = at
    db.session.add(event)
    return event


# In bulk (an import of thousands of rows, see `recording_in_bulk`), the open TaskState of each task
# this transaction has read or written is kept, so recording a history of many steps does not flush
# and query before every step. Cleared at every commit and rollback: never trusted across transactions.
_STATE_CACHE = "tracker.open_task_states"
_BULK = "tracker.recording_in_bulk"


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget_states(session, *args) -> None:
    session.info.pop(_STATE_CACHE, None)


@contextmanager
def recording_in_bulk():
    """Within it, the operations do not flush before recording each state: the versions of the
    changed tasks are bumped at the next flush instead of at each step, so only a caller that
    checks no version (an import) may use it."""
    db.session.info[_BULK] = True
    try:
        yield
    finally:
        db.session.info.pop(_BULK, None)


def forget_recorded_states() -> None:
    """Drop the kept states (a bulk caller that has flushed and expunged its batch: they are stale)."""
    db.session.info.pop(_STATE_CACHE, None)


def _open_state(task: Task) -> TaskState | None:
    cache = db.session.info.setdefault(_STATE_CACHE, {})
    if db.session.info.get(_BULK) and task.id in cache:
        state = cache[task.id]
        if state is None or (state in db.session and state.task_id == task.id and state.valid_to is None):
            return state
    db.session.flush()
    state = db.session.scalar(
        select(TaskState).where(TaskState.task_id == task.id, TaskState.valid_to.is_(None))
    )
    cache[task.id] = state
    return state


def record_state(task: Task, on: dt.date) -> None:
    """Make the task's reportable state from day `on` equal its current fields (see TaskState)."""
    if task.is_section or task.is_series:
        return
    current = _open_state(task)
    values = {k: getattr(task, k) for k in effects.STATE_FIELDS}
    start = effects.next_span(current, values, on, task.assigned_on)
    if start is None:
        return
    state = TaskState(task_id=task.id, valid_from=start, **values)
    db.session.add(state)
    db.session.info.setdefault(_STATE_CACHE, {})[task.id] = state


def _touch(task: Task, on: dt.date) -> None:
    task.last_update_on = on


_validate_fields = effects.validate_fields


def _refresh_search(task: Task) -> None:
    task.search_text = effects.search_text(task.code, task.title, task.content)


# ---------------------------------------------------------------- creating


def create_section(
    actor,
    document: Document,
    *,
    code: str,
    title: str,
    parent: Task | None = None,
    content: str = "",
    position: int = 0,
) -> Task:
    """A heading of the document grouping tasks (no lead, not counted). Monitors only."""
    _require_manage(actor)
    section = Task(
        document=document,
        parent=parent,
        **effects.section_fields(
            issued_on=document.issued_on,
            code=code,
            title=title,
            content=content,
            position=position,
            created_by_id=getattr(actor, "id", None),
        ),
    )
    db.session.add(section)
    db.session.flush()
    audit.record("task.create_section", section, actor=actor, document=document.symbol, code=code)
    return section


def create_task(
    actor,
    document: Document,
    *,
    title: str,
    lead_agency: Agency,
    coordinating: Iterable[Agency] = (),
    parent: Task | None = None,
    code: str = "",
    content: str = "",
    area: str = "other",
    assigned_on: dt.date | None = None,
    deadline_kind: str = "date",
    deadline: dt.date | None = None,
    period: str | None = None,
    deadline_phrase: str | None = None,
    expected_output: str = "",
    priority: str = "normal",
    position: int = 0,
    occurrences_until: dt.date | None = None,
    accept_day_off: bool = True,
) -> Task:
    """Assign a task to one lead agency. Monitors only. A periodic task becomes a series whose
    occurrences (one per period, each with its own deadline and status) are created up to
    `occurrences_until` (default: the end of next year). With accept_day_off=False (the pages and the
    API until the person confirms), a deadline on a day off is refused with DeadlineOnDayOff."""
    task = _new_task(
        actor,
        document,
        title=title,
        lead_agency=lead_agency,
        coordinating=coordinating,
        parent=parent,
        code=code,
        content=content,
        area=area,
        assigned_on=assigned_on,
        deadline_kind=deadline_kind,
        deadline=deadline,
        period=period,
        deadline_phrase=deadline_phrase,
        expected_output=expected_output,
        priority=priority,
        position=position,
    )
    check_deadline(task.deadline, accept=accept_day_off)
    db.session.add(task)
    db.session.flush()
    _task_created(actor, task, deadline, occurrences_until)
    return task


def create_tasks(actor, specs: Sequence[dict]) -> list[Task]:
    """Many tasks at once (an import): each checked, and its event and state recorded, exactly as
    `create_task` does, but inserted together in one flush instead of one flush per task. Each
    spec holds create_task's keyword arguments, `document` included. Monitors only."""
    _require_manage(actor)
    built = [(_new_task(actor, **spec), spec) for spec in specs]
    db.session.add_all([task for task, _spec in built])
    db.session.flush()
    for task, spec in built:
        _task_created(actor, task, spec.get("deadline"), spec.get("occurrences_until"))
    return [task for task, _spec in built]


def _new_task(
    actor,
    document: Document,
    *,
    title: str,
    lead_agency: Agency,
    coordinating: Iterable[Agency] = (),
    parent: Task | None = None,
    code: str = "",
    content: str = "",
    area: str = "other",
    assigned_on: dt.date | None = None,
    deadline_kind: str = "date",
    deadline: dt.date | None = None,
    period: str | None = None,
    deadline_phrase: str | None = None,
    expected_output: str = "",
    priority: str = "normal",
    position: int = 0,
    occurrences_until: dt.date | None = None,
) -> Task:
    """The checks of create_task, and the new Task (not added to the session)."""
    _require_manage(actor)
    fields = effects.new_task_fields(
        issued_on=document.issued_on,
        title=title,
        lead_agency=lead_agency,
        code=code,
        content=content,
        area=area,
        assigned_on=assigned_on,
        deadline_kind=deadline_kind,
        deadline=deadline,
        period=period,
        deadline_phrase=deadline_phrase,
        expected_output=expected_output,
        priority=priority,
        position=position,
        created_by_id=getattr(actor, "id", None),
    )
    coordinating = [a for a in coordinating if a.id != lead_agency.id]
    return Task(
        document=document,
        parent=parent,
        lead_agency=lead_agency,
        coordinating_agencies=coordinating,
        **fields,
    )


def _task_created(
    actor, task: Task, first_deadline: dt.date | None, occurrences_until: dt.date | None
) -> None:
    """After a new task's INSERT: its "created" event, its first state, its occurrences, the audit."""
    db.session.info.setdefault(_STATE_CACHE, {})[task.id] = None  # a new task has no state yet
    lead = task.lead_agency
    add_event(
        task,
        actor,
        "created",
        {"status": (None, "new"), "lead_agency": (None, lead.code)},
        on=task.assigned_on,
    )
    record_state(task, task.assigned_on)
    if task.deadline_kind == "periodic":
        from tracker.tasks.periodic import extend_occurrences

        extend_occurrences(task, until=occurrences_until, actor=actor, first_deadline=first_deadline)
    audit.record("task.create", task, actor=actor, document=task.document.symbol, lead=lead.code)
    signals.task_changed.send(task, kind="assigned")


def fan_out(actor, document: Document, leads: Sequence[Agency], **fields) -> list[Task]:
    """One directive to many lead agencies: one task per agency, each its own task."""
    if not leads:
        raise DomainError("Chọn ít nhất một cơ quan chủ trì.", field="lead_agency")
    return [create_task(actor, document, lead_agency=agency, **fields) for agency in leads]


def update_task(
    actor,
    task: Task,
    expected_version: int | None,
    *,
    lead_agency: Agency | None = None,
    coordinating: Iterable[Agency] | None = None,
    comment: str = "",
    on: dt.date | None = None,
    accept_day_off: bool = True,
    **fields,
) -> dict:
    """Edit a task's content, agencies, area, deadline, output, priority. Monitors only.
    Refused with StaleObject if the task changed since `expected_version`, with DeadlineOnDayOff if
    the deadline moves to a day off and accept_day_off is False. Returns the changes."""
    _require_manage(actor)
    _check_version(task, expected_version)
    on = _on(on)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    merged = {k: getattr(task, k) for k in EDITABLE_FIELDS} | fields
    _validate_fields(merged)
    if (merged["deadline_kind"] == "periodic") != (task.deadline_kind == "periodic"):
        # A periodic task is a series whose occurrences are the counted tasks: turning a task into one
        # (or back) would make it vanish from, or appear in, the reports without a history.
        raise DomainError(
            "Không đổi được nhiệm vụ thường thành nhiệm vụ định kỳ hoặc ngược lại. Hãy dừng "
            "nhiệm vụ này (nêu lý do) và giao nhiệm vụ mới với thời hạn đúng.",
            field="deadline_kind",
        )
    if merged["deadline_kind"] == "ongoing":
        fields["deadline"] = None
        merged["deadline"] = None
    if merged["deadline_kind"] == "date" and merged["deadline"] and merged["deadline"] < task.assigned_on:
        raise DomainError("Thời hạn không thể trước ngày giao nhiệm vụ.", field="deadline")
    if merged["deadline"] != task.deadline:
        check_deadline(merged["deadline"], accept=accept_day_off)
    changes: dict = {}
    for key, new in fields.items():
        old = getattr(task, key)
        if isinstance(new, str):
            new = new.strip() if key in ("title", "code") else new
        if old != new:
            changes[key] = (old, new)
            setattr(task, key, new)
    if lead_agency is not None and lead_agency.id != task.lead_agency_id:
        if task.is_section:
            raise DomainError("Mục của văn bản không có cơ quan chủ trì.")
        if not lead_agency.is_active:
            raise DomainError(f"Cơ quan «{lead_agency.name}» đã ngừng hoạt động.", field="lead_agency")
        changes["lead_agency"] = (task.lead_agency, lead_agency)
        task.lead_agency = lead_agency
    if coordinating is not None:
        new_set = [a for a in coordinating if a.id != task.lead_agency_id]
        old_codes = sorted(a.code for a in task.coordinating_agencies)
        new_codes = sorted(a.code for a in new_set)
        if old_codes != new_codes:
            changes["coordinating"] = (", ".join(old_codes), ", ".join(new_codes))
            task.coordinating_agencies = new_set
    if not changes:
        return {}
    if "deadline" in changes and task.original_deadline is None:
        task.original_deadline = task.deadline
    _refresh_search(task)
    _touch(task, on)
    add_event(task, actor, "edited", changes, comment, on=on)
    record_state(task, on)
    audit.record(
        "task.update", task, actor=actor, changes={k: [str(o), str(n)] for k, (o, n) in changes.items()}
    )
    return changes


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
    _check_transition(task, "post_progress")
    _check_version(task, expected_version)
    on = _on(on)
    changes = effects.progress(task, text=text, percent=percent, on=on)
    event = add_event(task, actor, "progress", changes, text.strip(), on=on)
    record_state(task, on)
    return event


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
    _check_transition(task, "report_completion")
    _check_version(task, expected_version)
    on = _on(on)
    changes = effects.report(task, completed_on=completed_on, result_ref=result_ref, note=note, on=on)
    event = add_event(task, actor, "reported", changes, note, on=on)
    record_state(task, on)
    audit.record("task.report", task, actor=actor, completed_on=completed_on)
    signals.task_changed.send(task, kind="reported")
    return event


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
    _check_transition(task, "request_extension")
    on = _on(on)
    if task.deadline_kind != "date" or task.deadline is None:
        raise DomainError("Chỉ nhiệm vụ có thời hạn cụ thể mới đề nghị gia hạn được.")
    if not (reason or "").strip():
        raise DomainError("Hãy nêu lý do đề nghị gia hạn.", field="reason")
    if new_deadline is None or new_deadline <= task.deadline:
        raise DomainError(
            f"Thời hạn đề nghị phải sau thời hạn hiện tại ({fmt_date(task.deadline)}).", field="new_deadline"
        )
    pending = db.session.scalar(
        select(ExtensionRequest).where(
            ExtensionRequest.task_id == task.id, ExtensionRequest.status == "pending"
        )
    )
    if pending is not None:
        raise DomainError("Nhiệm vụ này đã có một đề nghị gia hạn đang chờ xử lý.")
    check_deadline(new_deadline, accept=accept_day_off, field="new_deadline")
    req = ExtensionRequest(
        task=task,
        requested_by_id=actor.id,
        current_deadline=task.deadline,
        requested_deadline=new_deadline,
        reason=reason.strip(),
        status="pending",
    )
    db.session.add(req)
    _touch(task, on)
    add_event(task, actor, "extension_requested", {"deadline": (task.deadline, new_deadline)}, reason, on=on)
    return req


def post_contribution(actor, task: Task, *, text: str, on: dt.date | None = None) -> TaskEvent:
    """A coordinating agency's focal point posts its contribution (ý kiến phối hợp)."""
    if not permissions.is_coordinating_focal(actor, task):
        raise PermissionDenied("Chỉ đầu mối của cơ quan phối hợp mới gửi được ý kiến phối hợp.")
    _check_transition(task, "post_contribution")
    if not (text or "").strip():
        raise DomainError("Hãy ghi nội dung ý kiến phối hợp.", field="text")
    return add_event(task, actor, "contribution", {}, text.strip(), on=_on(on))


# ---------------------------------------------------------------- monitor's actions


def confirm_completion(
    actor, task: Task, *, comment: str = "", on: dt.date | None = None, expected_version: int | None = None
) -> TaskEvent:
    """A monitor confirms a reported completion (→ done), keeping the agency's completion date."""
    _require_manage(actor)
    _check_transition(task, "confirm_completion")
    _check_version(task, expected_version)
    on = _on(on)
    event = add_event(task, actor, "confirmed", effects.confirm(task, on=on), comment, on=on)
    record_state(task, on)
    audit.record("task.confirm", task, actor=actor)
    signals.task_changed.send(task, kind="confirmed")
    return event


def _back_to_work(actor, task: Task, action: str, kind: str, reason: str, on: dt.date | None) -> TaskEvent:
    _check_transition(task, action)
    if not (reason or "").strip():
        raise DomainError("Hãy nêu lý do.", field="reason")
    on = _on(on)
    old = task.status
    changes = {"status": (old, "in_progress"), "completed_on": (task.completed_on, None)}
    task.status = "in_progress"
    task.completed_on = None
    task.reported_on = None
    task.confirmed_on = None
    task.returned_reason = reason.strip()
    if old == "done":
        changes["progress"] = (task.progress, min(task.progress, 90))
        task.progress = min(task.progress, 90)
    _touch(task, on)
    event = add_event(task, actor, kind, changes, reason.strip(), on=on)
    record_state(task, on)
    audit.record(f"task.{kind}", task, actor=actor, reason=reason)
    return event


def return_report(
    actor, task: Task, *, reason: str, on: dt.date | None = None, expected_version: int | None = None
) -> TaskEvent:
    """A monitor returns a reported completion with a reason (→ in progress)."""
    _require_manage(actor)
    _check_version(task, expected_version)
    event = _back_to_work(actor, task, "return_report", "returned", reason, on)
    signals.task_changed.send(task, kind="returned")
    return event


def recall_report(
    actor, task: Task, *, reason: str, on: dt.date | None = None, expected_version: int | None = None
) -> TaskEvent:
    """A report is withdrawn before confirmation (by a monitor, or by the lead agency itself)."""
    if not (permissions.can_manage(actor) or permissions.is_lead_focal(actor, task)):
        raise PermissionDenied("Bạn không có quyền thu hồi báo cáo này.")
    _check_version(task, expected_version)
    return _back_to_work(actor, task, "recall_report", "recalled", reason, on)


def request_redo(
    actor, task: Task, *, reason: str, on: dt.date | None = None, expected_version: int | None = None
) -> TaskEvent:
    """A monitor asks for confirmed work to be redone (done → in progress), with a reason."""
    _require_manage(actor)
    _check_version(task, expected_version)
    return _back_to_work(actor, task, "request_redo", "redo_requested", reason, on)


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
    _require_manage(actor)
    task = req.task
    if req.status != "pending":
        raise InvalidTransition("Đề nghị gia hạn này đã được xử lý.")
    _check_transition(task, "approve_extension")
    on = _on(on)
    new_deadline = new_deadline or req.requested_deadline
    if task.deadline and new_deadline <= task.deadline:
        raise DomainError("Thời hạn mới phải sau thời hạn hiện tại.", field="new_deadline")
    check_deadline(new_deadline, accept=accept_day_off, field="new_deadline")
    req.status = "approved"
    req.decided_by_id = actor.id
    req.decided_at = dt.datetime.now(dt.UTC)
    req.decision_note = comment or ""
    if task.original_deadline is None:
        task.original_deadline = task.deadline
    old = task.deadline
    task.deadline = new_deadline
    task.extension_count += 1
    _touch(task, on)
    event = add_event(task, actor, "extension_approved", {"deadline": (old, new_deadline)}, comment, on=on)
    record_state(task, on)
    audit.record("task.extension_approve", task, actor=actor, deadline=new_deadline)
    return event


def reject_extension(actor, req: ExtensionRequest, *, comment: str, on: dt.date | None = None) -> TaskEvent:
    """A monitor rejects an extension request, with a reason; the deadline stays."""
    _require_manage(actor)
    if req.status != "pending":
        raise InvalidTransition("Đề nghị gia hạn này đã được xử lý.")
    if not (comment or "").strip():
        raise DomainError("Hãy nêu lý do không đồng ý.", field="comment")
    req.status = "rejected"
    req.decided_by_id = actor.id
    req.decided_at = dt.datetime.now(dt.UTC)
    req.decision_note = comment.strip()
    audit.record("task.extension_reject", req.task, actor=actor)
    return add_event(req.task, actor, "extension_rejected", {}, comment.strip(), on=_on(on))


def cancel_task(
    actor, task: Task, *, reason: str, on: dt.date | None = None, expected_version: int | None = None
) -> TaskEvent:
    """A monitor stops a task that is no longer needed, with a reason (→ cancelled)."""
    _require_manage(actor)
    _check_transition(task, "cancel_task")
    _check_version(task, expected_version)
    on = _on(on)
    changes = effects.cancel(task, reason=reason, on=on)
    for req in db.session.scalars(
        select(ExtensionRequest).where(
            ExtensionRequest.task_id == task.id, ExtensionRequest.status == "pending"
        )
    ):
        req.status = "rejected"
        req.decision_note = "Nhiệm vụ đã dừng."
    event = add_event(task, actor, "cancelled", changes, reason.strip(), on=on)
    record_state(task, on)
    audit.record("task.cancel", task, actor=actor, reason=reason)
    return event


def remind(actor, tasks: Sequence[Task], *, message: str, on: dt.date | None = None) -> list[TaskEvent]:
    """A monitor sends a manual reminder (đôn đốc) to the lead agency of each task; logged on the
    timeline and queued as e-mail like the automatic ones."""
    _require_manage(actor)
    if not (message or "").strip():
        raise DomainError("Hãy ghi nội dung đôn đốc.", field="message")
    events = []
    for task in tasks:
        _check_transition(task, "remind")
        events.append(add_event(task, actor, "reminder", {}, message.strip(), on=_on(on)))
    signals.tasks_reminded.send(actor, tasks=tasks, message=message.strip(), on=on)
    return events
