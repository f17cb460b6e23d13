"""Agency reorganisation: merging an agency into a successor, or renaming it.

A merge moves the open tasks of the old agency to its successor (closed ones keep their historic
lead, so reports can group by the agency that led a task when), moves or deactivates its focal-point
accounts, and makes the old agency inactive — every step in the task timeline and the audit log.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tracker.agencies.models import Agency
from tracker.audit import log as audit
from tracker.core.dates import today
from tracker.core.errors import DomainError, PermissionDenied
from tracker.db import db
from tracker.tasks.models import Task, task_coordinators
from tracker.users.models import User, new_session_token

OPEN_FOR_MOVE = ("new", "in_progress", "reported")


def merge_agency(actor, old: Agency, successor: Agency, *, on: dt.date | None = None,
                 move_users: bool = True) -> dict:
    """Merge `old` into `successor` as of `on`. Admins only (actor None = CLI or seed)."""
    from tracker.tasks.operations import add_event, record_state

    if actor is not None and not actor.is_admin:
        raise PermissionDenied("Chỉ quản trị viên mới sáp nhập được cơ quan.")
    if old.id == successor.id:
        raise DomainError("Cơ quan tiếp nhận phải khác cơ quan bị sáp nhập.", field="successor")
    if not successor.is_active:
        raise DomainError(f"Cơ quan tiếp nhận «{successor.name}» đã ngừng hoạt động.", field="successor")
    if not old.is_active:
        raise DomainError(f"«{old.name}» đã ngừng hoạt động từ trước.")
    on = on or today()
    moved = db.session.scalars(
        select(Task).where(Task.lead_agency_id == old.id, Task.status.in_(OPEN_FOR_MOVE))
    ).all()
    for task in moved:
        task.lead_agency_id = successor.id
        task.lead_agency = successor
        add_event(task, actor, "lead_moved", {"lead_agency": (old.code, successor.code)},
                  f"{old.name} sáp nhập vào {successor.name}.", on=on)
        record_state(task, on)
    # Open tasks it coordinated: the successor coordinates them now.
    coordinated = db.session.scalars(
        select(Task).join(task_coordinators, task_coordinators.c.task_id == Task.id)
        .where(task_coordinators.c.agency_id == old.id, Task.status.in_(OPEN_FOR_MOVE))
    ).all()
    for task in coordinated:
        agencies = [a for a in task.coordinating_agencies if a.id != old.id]
        if successor.id != task.lead_agency_id and all(a.id != successor.id for a in agencies):
            agencies.append(successor)
        task.coordinating_agencies = agencies
    users = db.session.scalars(select(User).where(User.agency_id == old.id, User.active.is_(True))).all()
    for user in users:
        if move_users:
            user.agency_id = successor.id
        else:
            user.active = False
        user.session_token = new_session_token()
    old.is_active = False
    old.successor_id = successor.id
    old.inactive_since = on
    summary = {"tasks_moved": len(moved), "coordination_moved": len(coordinated), "users": len(users)}
    audit.record("agency.merge", old, actor=actor, successor=successor.code, on=on, **summary)
    return summary


def rename_agency(actor, agency: Agency, *, name: str, code: str | None = None) -> dict:
    """Rename an agency (its tasks follow: they point to the same agency)."""
    if actor is not None and not actor.is_admin:
        raise PermissionDenied("Chỉ quản trị viên mới đổi tên được cơ quan.")
    if not (name or "").strip():
        raise DomainError("Tên mới không được để trống.", field="name")
    changes = {"name": (agency.name, name.strip())}
    old_alias = agency.name
    agency.name = name.strip()
    if code and code.strip().upper() != agency.code:
        changes["code"] = (agency.code, code.strip().upper())
        agency.code = code.strip().upper()
    # The old name stays an alias so imports and documents that use it still match.
    aliases = [a for a in agency.alias_list if a != agency.name]
    if old_alias not in aliases:
        aliases.append(old_alias)
    agency.aliases = "; ".join(aliases)
    audit.record("agency.rename", agency, actor=actor, changes={k: list(v) for k, v in changes.items()})
    return changes
