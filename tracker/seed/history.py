"""Generated, deterministic activity history for the demo, played through the real operations: the
shared machinery (who acts, `play` a task's life, the seed documents' own tasks). The three blocks of
the demo are beside it: history_government (Q3/2024, Báo cáo 317/BC-UBND), history_plan (the 2024
CCHC plan), history_recent (a recent letter)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlalchemy import select

from tracker.db import db
from tracker.documents.models import Document
from tracker.seed.loader import reorganisations
from tracker.tasks import operations
from tracker.tasks.models import Task
from tracker.users.models import User

D = dt.date
Q3_FROM, Q3_TO = D(2024, 6, 15), D(2024, 9, 14)

PROGRESS_NOTES = [
    "Đã ban hành kế hoạch triển khai, phân công phòng chuyên môn thực hiện.",
    "Đang dự thảo văn bản, lấy ý kiến các cơ quan liên quan.",
    "Đã tổ chức họp triển khai; đang tổng hợp ý kiến góp ý.",
    "Hoàn thành dự thảo, đang trình lãnh đạo xem xét.",
    "Đã gửi thẩm định; đang tiếp thu, giải trình ý kiến.",
    "Đang triển khai thực hiện theo kế hoạch.",
]


@dataclass
class Actors:
    monitor: User
    focal: dict[int, User]

    def lead(self, task: Task) -> User:
        return self.focal[task.lead_agency_id]


@dataclass
class Block:
    documents: list[Document]
    tasks: list[Task] = field(default_factory=list)
    steps: list = field(default_factory=list)


def _merge_dates() -> dict[str, D]:
    return {old: since for old, _new, since in reorganisations()}


_MERGES: dict[str, D] | None = None


def cap_for(task: Task, now: D) -> D:
    """The last day the seed may act on a task: today, or the day before its lead agency merges."""
    global _MERGES
    if _MERGES is None:
        _MERGES = _merge_dates()
    code = task.lead_agency.code if task.lead_agency else ""
    merge = _MERGES.get(code)
    return min(now, merge - dt.timedelta(days=1)) if merge else now


def between(rng: random.Random, start: D, end: D) -> D:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def play(
    task: Task,
    actors: Actors,
    rng: random.Random,
    *,
    fate: str,
    cap: D,
    completed: D | None = None,
    reported: D | None = None,
    confirmed: D | None = None,
    progress_until: D | None = None,
) -> None:
    """Carry one task through its history: progress posts, then (by fate) a completion report and
    its confirmation. Dates beyond `cap` are not played."""
    lead = actors.lead(task)
    start = task.assigned_on
    last_progress = min(progress_until or cap, reported or cap, cap)
    posts = rng.randint(1, 3)
    day = start
    for i in range(posts):
        day = between(rng, day + dt.timedelta(days=3), min(last_progress, day + dt.timedelta(days=60)))
        if day > last_progress or day > cap:
            break
        if reported and day >= reported:
            break
        percent = min(90, 20 * (i + 1) + rng.randint(0, 15))
        operations.post_progress(lead, task, text=rng.choice(PROGRESS_NOTES), percent=percent, on=day)
    if fate in ("open", "new"):
        return
    if reported is None or reported > cap or completed is None:
        return
    completed = max(completed, task.assigned_on)
    reported = max(reported, completed, task.last_update_on or start)
    operations.report_completion(
        lead,
        task,
        completed_on=completed,
        on=reported,
        result_ref=f"Văn bản số {rng.randint(100, 3999)}/{task.lead_agency.code}",
        note="Đã hoàn thành nhiệm vụ, gửi kèm văn bản kết quả.",
    )
    if fate == "returned":
        back = reported + dt.timedelta(days=rng.randint(2, 6))
        if back <= cap:
            operations.return_report(
                actors.monitor,
                task,
                on=back,
                reason="Kết quả chưa đủ hồ sơ chứng minh; đề nghị bổ sung văn bản ban hành.",
            )
        return
    if fate == "done" and confirmed is not None and confirmed <= cap:
        operations.confirm_completion(actors.monitor, task, on=max(confirmed, reported))


def simulate_source_task(task: Task, actors: Actors, rng: random.Random, now: D) -> None:
    """History for a task of the real documents, by where its deadline lies relative to today."""
    if task.is_section:
        return
    if task.is_series:
        for occurrence in db.session.scalars(
            select(Task).where(Task.series_id == task.id).order_by(Task.deadline)
        ):
            simulate_source_task(occurrence, actors, rng, now)
        return
    cap = cap_for(task, now)
    if task.assigned_on > cap:
        return
    deadline = task.deadline
    if deadline is None:  # ongoing
        if rng.random() < 0.2:
            done_on = between(rng, task.assigned_on + dt.timedelta(days=60), cap - dt.timedelta(days=20))
            play(
                task,
                actors,
                rng,
                fate="done",
                cap=cap,
                completed=done_on,
                reported=done_on + dt.timedelta(days=2),
                confirmed=done_on + dt.timedelta(days=7),
            )
        else:
            play(task, actors, rng, fate="open", cap=cap)
        return
    if deadline < now - dt.timedelta(days=20):
        roll = rng.random()
        if deadline < now - dt.timedelta(days=365):
            # Long past: settled one way or the other, none left pending for years.
            roll = roll * 0.86
        if roll < 0.74:
            completed = between(rng, max(task.assigned_on, deadline - dt.timedelta(days=40)), deadline)
            play(
                task,
                actors,
                rng,
                fate="done",
                cap=cap,
                completed=completed,
                reported=completed + dt.timedelta(days=rng.randint(0, 4)),
                confirmed=completed + dt.timedelta(days=rng.randint(5, 15)),
            )
        elif roll < 0.86:
            completed = deadline + dt.timedelta(days=rng.randint(3, 45))
            play(
                task,
                actors,
                rng,
                fate="done",
                cap=cap,
                completed=completed,
                reported=completed + dt.timedelta(days=rng.randint(0, 4)),
                confirmed=completed + dt.timedelta(days=rng.randint(5, 15)),
            )
        elif roll < 0.92:
            completed = between(
                rng, max(task.assigned_on, cap - dt.timedelta(days=25)), cap - dt.timedelta(days=5)
            )
            play(
                task,
                actors,
                rng,
                fate="reported",
                cap=cap,
                completed=completed,
                reported=completed + dt.timedelta(days=2),
            )
        else:
            play(task, actors, rng, fate="open", cap=cap)
    else:
        roll = rng.random()
        if roll < 0.15:
            completed = between(rng, max(task.assigned_on, cap - dt.timedelta(days=15)), cap)
            play(task, actors, rng, fate="reported", cap=cap, completed=completed, reported=cap)
        else:
            play(task, actors, rng, fate="open", cap=cap)
