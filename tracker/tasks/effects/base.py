"""The data every verb's effects are made of, the transition table, and how state spans move."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask_babel import gettext as _

from tracker.agencies.models import Agency
from tracker.core.dates import today
from tracker.core.errors import DomainError, InvalidTransition
from tracker.core.text import fold
from tracker.tasks import rules
from tracker.tasks.models import STATUSES

# The transition table: action -> statuses it may start from. The verbs below enforce it.
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
    # An agency merged into another hands over the tasks it has not finished.
    "move_lead": ("new", "in_progress", "reported"),
}
# A task sent back to work: action -> its event's kind.
BACK_TO_WORK = {"return_report": "returned", "recall_report": "recalled", "request_redo": "redo_requested"}

# The task fields a reportable state span (TaskState) holds.
STATE_FIELDS = ("status", "deadline", "completed_on", "lead_agency_id")

CANCELLED_NOTE = "Nhiệm vụ đã dừng."


@dataclass(slots=True)
class Effects:
    """The rows one verb writes about one task, in the order it writes them: its timeline event
    (`kind`, on the business day `on`, with `changes` {field: (old, new)} and `comment`; none when
    `kind` is None), the task's reportable state from `on` (when `state`), the audit entry (`audit`
    action with `details`), the webhook (`hook`: assigned, reported, confirmed, returned) and, for an
    extension request, the request's values (`request`)."""

    kind: str | None
    on: dt.date
    changes: dict = field(default_factory=dict)
    comment: str = ""
    state: bool = False
    audit: str | None = None
    details: dict = field(default_factory=dict)
    hook: str | None = None
    request: dict | None = None

    def event_changes(self) -> dict:
        """The event's changes as stored: {field: [old, new]}, dates ISO, agencies by code."""
        return event_changes(self.changes)


class RequestDraft:
    """An extension request being played without the ORM (an ExtensionRequest's fields): the
    import's batch writer and the synthetic history keep the request a step asked for, for the step
    that decides it."""

    __slots__ = (
        "requested_on",
        "current_deadline",
        "requested_deadline",
        "reason",
        "status",
        "decided_on",
        "decision_note",
    )

    def __init__(self, on: dt.date, values: dict):
        self.requested_on = on
        self.current_deadline = values["current_deadline"]
        self.requested_deadline = values["requested_deadline"]
        self.reason = values["reason"]
        self.status = values["status"]
        self.decided_on = None
        self.decision_note = ""


class StateSpan:
    """A reportable state span being built without the ORM (a TaskState's columns)."""

    __slots__ = ("valid_from", "valid_to", *STATE_FIELDS)

    def __init__(self, valid_from: dt.date, values: dict):
        self.valid_from = valid_from
        self.valid_to = None
        for key in STATE_FIELDS:
            setattr(self, key, values[key])


def check_transition(task, action: str) -> None:
    if task.is_section:
        raise InvalidTransition(_("Đây là một mục của văn bản, không phải nhiệm vụ."))
    if task.status not in TRANSITIONS[action]:
        raise InvalidTransition(
            _(
                "Không thể thực hiện thao tác này khi nhiệm vụ đang ở trạng thái «%(status)s».",
                status=_(STATUSES[task.status]),
            )
        )


def business_day(on: dt.date | None) -> dt.date:
    return on or today()


def _value(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, Agency):
        return v.code
    return v


def event_changes(changes: dict | None) -> dict:
    return {k: [_value(o), _value(n)] for k, (o, n) in (changes or {}).items()}


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
        "changes": event_changes(changes),
        "comment": comment or "",
    }


def search_text(code: str, title: str, content: str) -> str:
    return fold(f"{code} {title} {content}")


def _required(value: str | None, message: str, name: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=name)
    rules.check_length(name, value)
    return value


# ---------------------------------------------------------------- reportable state spans


def next_span(current, values: dict, on: dt.date, assigned_on: dt.date) -> dt.date | None:
    """How the task's state from day `on` becomes `values` (STATE_FIELDS), given its open span
    `current` (a TaskState or a StateSpan; None for a new task): changes `current` in place where it is
    overwritten or closed, and returns the first day of the new span to open, or None when no span is
    opened."""
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
        raise DomainError(_("Không thể ghi lịch sử lùi ngày trước một thay đổi đã có."))
    if on == current.valid_from or on <= assigned_on:
        for k, v in values.items():
            setattr(current, k, v)
        return None
    current.valid_to = on
    return on


def state_values(task) -> dict:
    return {k: getattr(task, k) for k in STATE_FIELDS}
