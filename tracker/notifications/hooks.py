"""Notifications created from the task workflow: a receiver of `signals.task_recorded` (sent by the
write path, tracker/tasks/recording.py), in the same transaction as the change. Who is told: the
focal points of the agency the event concerns (the lead agency; for a new task also the
coordinating agencies); not the person who did it. An event recorded for a business day more than
RECENT_DAYS ago is history brought in later (the demo's, a backfill), not news: nobody is told."""

from __future__ import annotations

import datetime as dt

from tracker.core import signals
from tracker.core.dates import fmt_date, today
from tracker.notifications import operations

RECENT_DAYS = 30


def _title(task) -> str:
    title = task.title if len(task.title) <= 120 else task.title[:119] + "…"
    return f"«{title}»"


def _with(text: str, detail: str) -> str:
    detail = (detail or "").strip()
    return f"{text}: {detail}" if detail else f"{text}."


@signals.task_recorded.connect
def task_recorded(task, *, kind: str, actor, changes: dict, comment: str, on: dt.date) -> None:
    if on is not None and on < today() - dt.timedelta(days=RECENT_DAYS):
        return
    lead = [task.lead_agency_id]
    if kind == "created":
        operations.notify(
            operations.focal_points(lead),
            kind="assigned",
            task=task,
            text=f"Cơ quan được giao chủ trì nhiệm vụ {_title(task)}.",
            skip=actor,
        )
        coordinating = [a.id for a in task.coordinating_agencies if a.id != task.lead_agency_id]
        operations.notify(
            operations.focal_points(coordinating),
            kind="assigned",
            task=task,
            text=f"Cơ quan được giao phối hợp thực hiện nhiệm vụ {_title(task)}.",
            skip=actor,
        )
    elif kind in ("edited", "lead_moved") and "lead_agency" in changes:
        operations.notify(
            operations.focal_points(lead),
            kind="assigned",
            task=task,
            text=f"Cơ quan được chuyển giao chủ trì nhiệm vụ {_title(task)}.",
            skip=actor,
        )
    elif kind == "returned":
        text = _with(f"Báo cáo hoàn thành nhiệm vụ {_title(task)} bị trả lại", comment)
        operations.notify(operations.focal_points(lead), kind="returned", task=task, text=text, skip=actor)
    elif kind == "confirmed":
        text = f"Nhiệm vụ {_title(task)} đã được xác nhận hoàn thành."
        operations.notify(operations.focal_points(lead), kind="confirmed", task=task, text=text, skip=actor)
    elif kind == "reminder":
        if on is not None and on < today():  # a past day's reminder (history, seed) is not news
            return
        text = _with(f"Đôn đốc nhiệm vụ {_title(task)}", comment)
        operations.notify(operations.focal_points(lead), kind="reminder", task=task, text=text, skip=actor)
    elif kind == "extension_approved":
        new = (changes.get("deadline") or (None, task.deadline))[1]
        text = _with(f"Đồng ý gia hạn nhiệm vụ {_title(task)} đến {fmt_date(new)}", comment)
        operations.notify(
            operations.focal_points(lead), kind="extension_approved", task=task, text=text, skip=actor
        )
    elif kind == "extension_rejected":
        text = _with(f"Không đồng ý gia hạn nhiệm vụ {_title(task)}", comment)
        operations.notify(
            operations.focal_points(lead), kind="extension_rejected", task=task, text=text, skip=actor
        )
