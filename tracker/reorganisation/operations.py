"""Agency reorganisation: merging an agency into a successor, or renaming it.

A merge moves the open tasks of the old agency to its successor (closed ones keep their historic
lead, so reports can group by the agency that led a task when), hands its open coordinations and its
sub-agencies to the successor, moves or deactivates its accounts (their sessions end either way), and
makes the old agency inactive — every step in the task timeline and the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from tracker.agencies.models import ISSUER_KINDS, Agency
from tracker.audit import log as audit
from tracker.core.dates import fmt_date, today
from tracker.core.errors import DomainError, PermissionDenied
from tracker.db import db
from tracker.tasks.classification import countable_clause
from tracker.tasks.effects import TRANSITIONS
from tracker.tasks.models import Task, TaskState, task_coordinators
from tracker.users.models import User, new_session_token

# The tasks a merge hands over: those `move_lead` may move (not finished, not cancelled).
OPEN_FOR_MOVE = TRANSITIONS["move_lead"]


def _require_admin(actor, what: str) -> None:
    # actor None = the command line or the seed, run by whoever administers the server.
    if actor is not None and not actor.is_admin:
        raise PermissionDenied(f"Chỉ quản trị viên mới {what} được cơ quan.")


def _open_led(old: Agency):
    return select(Task).where(Task.lead_agency_id == old.id, Task.status.in_(OPEN_FOR_MOVE))


def _open_coordinated(old: Agency):
    return (
        select(Task)
        .join(task_coordinators, task_coordinators.c.task_id == Task.id)
        .where(task_coordinators.c.agency_id == old.id, Task.status.in_(OPEN_FOR_MOVE))
    )


@dataclass
class MergePreview:
    """What a merge of this agency would change, shown to the admin before confirming."""

    open_tasks: int
    closed_tasks: int
    coordinated: int
    accounts: list[User] = field(default_factory=list)
    children: list[Agency] = field(default_factory=list)


def preview_merge(old: Agency) -> MergePreview:
    by_status = db.session.execute(
        select(Task.status, func.count())
        .where(Task.lead_agency_id == old.id, countable_clause())
        .group_by(Task.status)
    ).all()
    counts = {True: 0, False: 0}
    for status, n in by_status:
        counts[status in OPEN_FOR_MOVE] += n
    coordinated = db.session.scalar(
        select(func.count()).select_from(_open_coordinated(old).where(countable_clause()).subquery())
    )
    accounts = db.session.scalars(
        select(User).where(User.agency_id == old.id, User.active.is_(True)).order_by(User.email)
    ).all()
    return MergePreview(
        open_tasks=counts[True],
        closed_tasks=counts[False],
        coordinated=coordinated or 0,
        accounts=list(accounts),
        children=list(old.children),
    )


def _refresh_subtree(agency: Agency) -> None:
    agency.refresh_path()
    for child in agency.children:
        _refresh_subtree(child)


def merge_agency(
    actor, old: Agency, successor: Agency, *, on: dt.date | None = None, move_users: bool = True
) -> dict:
    """Merge `old` into `successor` as of `on` (not in the future). Admins only (actor None = CLI or
    seed). Open tasks (new, in progress, awaiting confirmation) led by `old` move to the successor with
    a `lead_moved` event; closed ones keep `old` as their historic lead. Open tasks `old` coordinates
    get the successor as coordinator instead. Sub-agencies move under the successor. Accounts of `old`
    move to the successor (`move_users`) or are deactivated; their sessions end in both cases."""
    from tracker.tasks.operations import move_coordination, move_lead

    _require_admin(actor, "sáp nhập")
    if old.id == successor.id:
        raise DomainError("Cơ quan tiếp nhận phải khác cơ quan bị sáp nhập.", field="successor")
    if not successor.is_active:
        raise DomainError(f"Cơ quan tiếp nhận «{successor.name}» đã ngừng hoạt động.", field="successor")
    if not old.is_active:
        raise DomainError(f"«{old.name}» đã ngừng hoạt động từ trước.")
    if successor.path.startswith(old.path):
        raise DomainError(
            "Không thể sáp nhập vào một cơ quan cấp dưới của chính cơ quan đó.", field="successor"
        )
    if successor.kind in ISSUER_KINDS and old.kind not in ISSUER_KINDS:
        raise DomainError(
            "Cơ quan ngoài tỉnh không thể tiếp nhận nhiệm vụ của cơ quan trong tỉnh.", field="successor"
        )
    on = on or today()
    if on > today():
        raise DomainError("Ngày sáp nhập không thể ở tương lai.", field="on")
    moved = db.session.scalars(_open_led(old).order_by(Task.id)).all()
    # The history of a task cannot be rewritten before its last recorded change.
    # (A task assigned after `on` simply starts with the successor as its lead.)
    latest = db.session.scalar(
        select(func.max(TaskState.valid_from))
        .join(Task, Task.id == TaskState.task_id)
        .where(
            TaskState.task_id.in_([t.id for t in moved] or [-1]),
            TaskState.valid_to.is_(None),
            TaskState.valid_from > Task.assigned_on,
        )
    )
    if latest is not None and on < latest:
        raise DomainError(
            f"Ngày sáp nhập phải từ {fmt_date(latest)} trở đi: có nhiệm vụ của «{old.name}» "
            "đã thay đổi sau ngày bạn chọn.",
            field="on",
        )
    note = f"{old.name} sáp nhập vào {successor.name} từ ngày {fmt_date(on)}."
    for task in moved:
        move_lead(actor, task, successor, note=note, on=on)
    moved_ids = {t.id for t in moved}
    coordinated = [
        t for t in db.session.scalars(_open_coordinated(old).order_by(Task.id)).all() if t.id not in moved_ids
    ]
    for task in coordinated:
        move_coordination(actor, task, old, successor, note=note, on=on)
    children = list(old.children)
    for child in children:
        child.parent = successor
    if children:
        db.session.flush()
        for child in children:
            _refresh_subtree(child)
    users = db.session.scalars(select(User).where(User.agency_id == old.id, User.active.is_(True))).all()
    for user in users:
        if move_users:
            user.agency_id = successor.id
        else:
            user.active = False
        user.session_token = new_session_token()  # ends every session of the account
    old.is_active = False
    old.successor_id = successor.id
    old.inactive_since = on
    db.session.flush()
    # Counted as users count tasks: periodic series count by their occurrences.
    summary = {
        "tasks_moved": sum(t.is_countable for t in moved),
        "coordination_moved": sum(t.is_countable for t in coordinated),
        "users": len(users),
        "children_moved": len(children),
    }
    audit.record(
        "agency.merge",
        old,
        actor=actor,
        successor=successor.code,
        on=on,
        users_moved=[u.email for u in users] if move_users else [],
        users_deactivated=[] if move_users else [u.email for u in users],
        children=[c.code for c in children],
        **summary,
    )
    return summary


def rename_agency(actor, agency: Agency, *, name: str, code: str | None = None) -> dict:
    """Rename an agency (and optionally change its code); its tasks follow, since they point to the
    same agency. The old name is kept as an alias so documents and imports that use it still match.
    Admins only."""
    from tracker.agencies.operations import CODE_RE, check_name

    _require_admin(actor, "đổi tên")
    name = check_name(name, agency)
    code = (code or "").strip().upper() or agency.code
    if code != agency.code:
        if not CODE_RE.match(code):
            raise DomainError("Mã cơ quan chỉ gồm chữ in hoa, số, gạch nối (tối đa 40 ký tự).", field="code")
        clash = db.session.scalar(
            select(Agency).where(func.upper(Agency.code) == code, Agency.id != agency.id)
        )
        if clash is not None:
            raise DomainError(f"Mã «{code}» đã được dùng cho {clash.name}.", field="code")
    if name == agency.name and code == agency.code:
        raise DomainError("Tên và mã mới trùng với tên và mã hiện tại.", field="name")
    changes = {}
    if name != agency.name:
        changes["name"] = (agency.name, name)
        aliases = [a for a in agency.alias_list if a != name]
        if agency.name not in aliases:
            aliases.append(agency.name)
        agency.aliases = "; ".join(aliases)
        agency.name = name
    if code != agency.code:
        changes["code"] = (agency.code, code)
        agency.code = code
    db.session.flush()
    audit.record("agency.rename", agency, actor=actor, changes={k: list(v) for k, v in changes.items()})
    return changes
