"""The escalation ladder (báo cáo vượt cấp), configured by a monitor (Cài đặt nhắc việc):

- level 1: a task overdue for `escalate_head_days` days (or not updated for `escalate_stale_days`)
  copies the head of its lead agency (`Agency.head_email`) on that day's digest;
- level 2: a task overdue for `escalate_leader_days` days goes to the leaders: their home page, and
  the weekly e-mail to the leaders with the agency's name.

Days are calendar days, or working days when `escalate_working_days` is set (tracker.workdays).
Each level fires once per task and level: it is claimed by inserting its `Escalation` row (UNIQUE
task, level) in a transaction of its own, as a digest is by its outbox row, so a job run twice, two
schedulers, or a restart in the middle never fire it twice. Each firing is logged (the audit log and
the application log). The ladder stops when the task moves: a level does not fire for a task updated
since the level before it fired, and an escalation stays in force (Cc, the leaders' page) only while
its task is open, overdue (or still without update) and not updated since it fired.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from tracker.audit import log as audit
from tracker.core import boundary
from tracker.db import db
from tracker.reminders.digests import _open_tasks
from tracker.reminders.models import Escalation
from tracker.reminders.settings import ReminderSettings, load
from tracker.tasks.models import OPEN_STATUSES, Task
from tracker.workdays.store import current_calendar

log = logging.getLogger("tracker.reminders")


def _counter(cfg: ReminderSettings):
    """days(a, b): the days after a up to b, in calendar or working days as the setting says."""
    if cfg.escalate_working_days:
        calendar = current_calendar()
        return lambda a, b: calendar.working_days_between(a, b)
    return lambda a, b: (b - a).days


@dataclass
class Due:
    task_id: int
    agency_id: int
    level: int
    reason: str
    days: int


def due_levels(day: dt.date, cfg: ReminderSettings) -> list[Due]:
    """The levels the ladder calls for on `day` (whether or not they already fired)."""
    if not (cfg.escalate_head_days or cfg.escalate_stale_days or cfg.escalate_leader_days):
        return []
    days = _counter(cfg)
    out = []
    for task, is_overdue in _open_tasks(day):
        agency = task.lead_agency
        if not agency.is_active or agency.kind == "external":
            continue
        overdue = days(task.deadline, day) if is_overdue and task.deadline is not None else 0
        stale = days(task.last_update_on or task.assigned_on, day)
        if cfg.escalate_head_days and overdue >= cfg.escalate_head_days:
            out.append(Due(task.id, agency.id, 1, "overdue", overdue))
        elif cfg.escalate_stale_days and stale >= cfg.escalate_stale_days:
            out.append(Due(task.id, agency.id, 1, "stale", stale))
        if cfg.escalate_leader_days and overdue >= cfg.escalate_leader_days:
            out.append(Due(task.id, agency.id, 2, "overdue", overdue))
    return out


def escalate(day: dt.date, cfg: ReminderSettings | None = None) -> list[Escalation]:
    """Fire the levels due on `day` that have not fired yet; each claimed and committed on its own.
    Call it from a job or the CLI (it commits), never inside a request's unit of work."""
    cfg = cfg or load()
    due = due_levels(day, cfg)
    if not due:
        return []
    fired: dict[int, dict[int, dt.date]] = defaultdict(dict)
    task_ids = sorted({d.task_id for d in due})
    for start in range(0, len(task_ids), 900):
        for task_id, level, on in db.session.execute(
            select(Escalation.task_id, Escalation.level, Escalation.fired_on).where(
                Escalation.task_id.in_(task_ids[start : start + 900])
            )
        ):
            fired[task_id][level] = on
    updated = dict(
        db.session.execute(select(Task.id, Task.last_update_on).where(Task.id.in_(task_ids))).all()
    )
    out = []
    for d in due:
        if d.level in fired[d.task_id]:
            continue
        earlier = [on for level, on in fired[d.task_id].items() if level < d.level]
        last = updated.get(d.task_id)
        if earlier and last is not None and last > max(earlier):
            continue  # the task moved since the level before: the ladder stops
        row = _claim(d, day)
        if row is not None:
            fired[d.task_id][d.level] = day
            out.append(row)
    return out


def _claim(d: Due, day: dt.date) -> Escalation | None:
    boundary.commit_now("each escalation is claimed in a transaction of its own")
    task = db.session.get(Task, d.task_id)
    try:
        row = Escalation(
            task_id=d.task_id,
            level=d.level,
            agency_id=d.agency_id,
            fired_on=day,
            reason=d.reason,
            days=d.days,
        )
        db.session.add(row)
        db.session.flush()
        audit.record(
            "task.escalated",
            task,
            actor=None,
            level=d.level,
            reason=d.reason,
            days=d.days,
            day=day.isoformat(),
        )
        boundary.commit_now("the escalation's claim (unique task and level) is stored before it is sent")
    except IntegrityError:
        db.session.rollback()  # another scheduler fired it first
        return None
    log.info("Task %s escalated to level %s (%s, %s days) on %s", d.task_id, d.level, d.reason, d.days, day)
    return row


def in_force_clause(day: dt.date):
    """SQL over Escalation joined to Task: the escalation still holds on `day` — its task is open, not
    updated since it fired, and still overdue (or, fired for staleness, still without update)."""
    return and_(
        Task.status.in_(OPEN_STATUSES),
        or_(Task.last_update_on.is_(None), Task.last_update_on <= Escalation.fired_on),
        or_(Escalation.reason == "stale", and_(Task.deadline.isnot(None), Task.deadline < day)),
    )


def in_force(day: dt.date, level: int, agency_ids=None) -> list[Escalation]:
    """The escalations of `level` in force on `day`, with their tasks and agencies, most overdue first."""
    stmt = (
        select(Escalation)
        .join(Task, Task.id == Escalation.task_id)
        .where(Escalation.level == level, in_force_clause(day))
        .options(
            selectinload(Escalation.task).selectinload(Task.document),
            selectinload(Escalation.task).selectinload(Task.lead_agency),
        )
    )
    if agency_ids is not None:
        stmt = stmt.where(Task.lead_agency_id.in_(agency_ids))
    # Sorted here, not by the database: an ORDER BY the task's deadline made SQLite walk every task
    # in deadline order and look each up among the escalations (4 s on a monitor's home page at a
    # million tasks, with no escalation at all) instead of starting from the few escalations.
    rows = list(db.session.scalars(stmt))
    return sorted(rows, key=lambda e: (e.task.deadline is None, e.task.deadline or day, e.task_id))


def heads_to_copy(day: dt.date) -> dict[int, set[int]]:
    """agency id -> the ids of its tasks whose level 1 fired on `day` and still holds: that day's
    digest copies the agency's head (the "next digest" after the level fired)."""
    out: dict[int, set[int]] = defaultdict(set)
    for esc in db.session.scalars(
        select(Escalation)
        .join(Task, Task.id == Escalation.task_id)
        .where(Escalation.level == 1, Escalation.fired_on == day, in_force_clause(day))
    ):
        out[esc.agency_id].add(esc.task_id)
    return out


@dataclass
class LeadersOverview:
    """The leaders' weekly e-mail: the tasks of level 2 in force, by agency (most first)."""

    day: dt.date
    by_agency: dict
    recipients: list

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.by_agency.values())

    @property
    def is_empty(self) -> bool:
        return not self.by_agency


def leader_recipients() -> list[str]:
    from tracker.users.models import User

    return list(
        db.session.scalars(
            select(User.email)
            .where(User.role == "leader", User.active.is_(True), User.receive_digest.is_(True))
            .order_by(User.email)
        )
    )


def leaders_overview(day: dt.date) -> LeadersOverview:
    groups: dict = defaultdict(list)
    for esc in in_force(day, 2):
        groups[esc.task.lead_agency].append(esc)
    by_agency = dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].name if kv[0] else "")))
    return LeadersOverview(day, by_agency, leader_recipients())
