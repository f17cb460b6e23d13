"""What the workflow verbs do to a task, in plain Python: the checks of a transition, the fields a verb
sets, the changes its event records, and how the task's reportable state spans move.

`tracker.tasks.operations` applies these to a `Task` and writes through the ORM; the bulk import
(`tracker.imports.bulk`) applies them to a draft of the same fields and writes its rows in batches.
So there is one definition of "what report_completion writes", whichever path writes it. Nothing here
reads or writes the database; `task` is anything with the Task's attributes.
"""

from __future__ import annotations

import datetime as dt

from tracker.agencies.models import Agency
from tracker.core.dates import fmt_date, today
from tracker.core.errors import DomainError, InvalidTransition
from tracker.core.text import fold
from tracker.tasks.models import AREAS, DEADLINE_KINDS, PERIODS, STATUSES

# The transition table: action -> statuses it may start from. The operations enforce it.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "post_progress": ("new", "in_progress"),
    "report_completion": ("new", "in_progress"),
    "confirm_completion": ("reported",),
    "return_report": ("reported",),
    "recall_report": ("reported",),
    "request_redo": ("done",),
    "request_extension": ("new", "in_progress"),
    "approve_extension": ("new", "in_progress", "reported"),
    "reject_extension": ("new", "in_progress", "reported", "done", "cancelled"),
    "cancel_task": ("new", "in_progress", "reported"),
    "post_contribution": ("new", "in_progress", "reported"),
    "remind": ("new", "in_progress", "reported"),
}

# The task fields a reportable state span (TaskState) holds.
STATE_FIELDS = ("status", "deadline", "completed_on", "lead_agency_id")


def check_transition(task, action: str) -> None:
    if task.is_section:
        raise InvalidTransition("Đây là một mục của văn bản, không phải nhiệm vụ.")
    if task.status not in TRANSITIONS[action]:
        raise InvalidTransition(
            f"Không thể thực hiện thao tác này khi nhiệm vụ đang ở trạng thái «{STATUSES[task.status]}»."
        )


def business_day(on: dt.date | None) -> dt.date:
    return on or today()


def _value(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, Agency):
        return v.code
    return v


def event_values(
    task_id: int, actor, kind: str, changes: dict | None = None, comment: str = "", on: dt.date | None = None
) -> dict:
    """The columns of a timeline event (TaskEvent but `at`); `changes` maps field -> (old, new)."""
    return {
        "task_id": task_id,
        "actor_id": getattr(actor, "id", None),
        "agency_id": getattr(actor, "agency_id", None),
        "on_date": business_day(on),
        "kind": kind,
        "changes": {k: [_value(o), _value(n)] for k, (o, n) in (changes or {}).items()},
        "comment": comment or "",
    }


def search_text(code: str, title: str, content: str) -> str:
    return fold(f"{code} {title} {content}")


# ---------------------------------------------------------------- creating


def validate_fields(fields: dict) -> None:
    if "area" in fields and fields["area"] not in AREAS:
        raise DomainError("Lĩnh vực không hợp lệ.", field="area")
    kind = fields.get("deadline_kind")
    if kind is not None and kind not in DEADLINE_KINDS:
        raise DomainError("Loại thời hạn không hợp lệ.", field="deadline_kind")
    if kind == "date" and not fields.get("deadline"):
        raise DomainError("Nhiệm vụ có thời hạn cần một ngày hết hạn.", field="deadline")
    if kind == "periodic" and fields.get("period") not in PERIODS:
        raise DomainError("Nhiệm vụ định kỳ cần chọn chu kỳ (tháng, quý, 6 tháng, năm).", field="period")
    if fields.get("priority", "normal") not in ("normal", "urgent"):
        raise DomainError("Mức độ ưu tiên không hợp lệ.", field="priority")
    if "title" in fields and not (fields["title"] or "").strip():
        raise DomainError("Tên nhiệm vụ không được để trống.", field="title")


def new_task_fields(
    *,
    issued_on: dt.date,
    title: str,
    lead_agency: Agency | None,
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
    created_by_id: int | None = None,
) -> dict:
    """create_task's checks, and the new task's own columns (not its document, parent, lead agency
    or coordinating agencies, which the caller links). A periodic task is a series: no deadline of
    its own; `deadline` is then its first occurrence's."""
    if lead_agency is None:
        raise DomainError("Mỗi nhiệm vụ cần đúng một cơ quan chủ trì.", field="lead_agency")
    if not lead_agency.is_active:
        raise DomainError(f"Cơ quan «{lead_agency.name}» đã ngừng hoạt động.", field="lead_agency")
    assigned_on = assigned_on or issued_on
    if deadline_kind == "ongoing":
        deadline = None
    validate_fields(
        dict(
            title=title,
            area=area,
            deadline_kind=deadline_kind,
            deadline=deadline,
            period=period,
            priority=priority,
        )
    )
    if deadline_kind == "date" and deadline < assigned_on:
        raise DomainError("Thời hạn không thể trước ngày giao nhiệm vụ.", field="deadline")
    title, content = title.strip(), content or ""
    return dict(
        code=code,
        title=title,
        content=content,
        area=area,
        assigned_on=assigned_on,
        deadline_kind=deadline_kind,
        deadline=deadline if deadline_kind == "date" else None,
        original_deadline=deadline if deadline_kind == "date" else None,
        period=period,
        deadline_phrase=deadline_phrase,
        expected_output=expected_output or "",
        priority=priority,
        status="new",
        progress=0,
        position=position,
        created_by_id=created_by_id,
        search_text=search_text(code, title, content),
    )


def section_fields(
    *,
    issued_on: dt.date,
    code: str,
    title: str,
    content: str = "",
    position: int = 0,
    created_by_id: int | None = None,
) -> dict:
    """create_section's columns: a heading of the document (no lead, not counted)."""
    return dict(
        code=code,
        title=title,
        content=content,
        is_section=True,
        assigned_on=issued_on,
        deadline_kind="ongoing",
        status="new",
        position=position,
        created_by_id=created_by_id,
        search_text=search_text(code, title, content),
    )


# ---------------------------------------------------------------- the verbs' effects
# Each sets the task's fields and returns its event's changes {field: (old, new)}; the caller has
# checked permission and the transition, and records the event and the state.


def progress(task, *, text: str, percent: int | None, on: dt.date) -> dict:
    """post_progress: text and %; a new task becomes in progress."""
    if not (text or "").strip():
        raise DomainError("Hãy ghi nội dung tiến độ.", field="text")
    changes = {}
    if percent is not None:
        percent = int(percent)
        if not 0 <= percent <= 100:
            raise DomainError("Tỷ lệ tiến độ phải từ 0 đến 100 %.", field="percent")
        if percent != task.progress:
            changes["progress"] = (task.progress, percent)
            task.progress = percent
    if task.status == "new":
        changes["status"] = ("new", "in_progress")
        task.status = "in_progress"
    task.last_update_on = on
    return changes


def report(task, *, completed_on: dt.date, result_ref: str, note: str, on: dt.date) -> dict:
    """report_completion: the completion date (not in the future, not before assignment) and the
    result. → reported."""
    if completed_on is None:
        raise DomainError("Hãy nhập ngày hoàn thành.", field="completed_on")
    if completed_on > on:
        raise DomainError("Ngày hoàn thành không thể ở tương lai.", field="completed_on")
    if completed_on < task.assigned_on:
        raise DomainError(
            f"Ngày hoàn thành không thể trước ngày giao nhiệm vụ ({fmt_date(task.assigned_on)}).",
            field="completed_on",
        )
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
    return changes


def confirm(task, *, on: dt.date) -> dict:
    """confirm_completion: → done, keeping the agency's completion date."""
    task.status = "done"
    task.confirmed_on = on
    old_progress = task.progress
    task.progress = 100
    task.last_update_on = on
    return {"status": ("reported", "done"), "progress": (old_progress, 100)}


def cancel(task, *, reason: str, on: dt.date) -> dict:
    """cancel_task (its pending extension requests aside): → cancelled, with the reason."""
    if not (reason or "").strip():
        raise DomainError("Hãy nêu lý do dừng nhiệm vụ.", field="reason")
    old = task.status
    task.status = "cancelled"
    task.cancel_reason = reason.strip()
    task.last_update_on = on
    return {"status": (old, "cancelled")}


# ---------------------------------------------------------------- reportable state spans


def next_span(current, values: dict, on: dt.date, assigned_on: dt.date) -> dt.date | None:
    """How record_state makes the task's state from day `on` equal `values` (STATE_FIELDS), given its
    open span `current` (a TaskState, or anything with its attributes; None for a new task): changes
    `current` in place where it is overwritten or closed, and returns the first day of the new span
    to open, or None when no span is opened."""
    if current is None:
        return min(on, assigned_on)
    if all(getattr(current, k) == v for k, v in values.items()):
        return None
    if on <= current.valid_from <= assigned_on:
        # A change before the task starts (e.g. a merge of its future lead) is its initial state.
        for k, v in values.items():
            setattr(current, k, v)
        return None
    if on < current.valid_from:
        raise DomainError("Không thể ghi lịch sử lùi ngày trước một thay đổi đã có.")
    if on == current.valid_from or on <= assigned_on:
        for k, v in values.items():
            setattr(current, k, v)
        return None
    current.valid_to = on
    return on
