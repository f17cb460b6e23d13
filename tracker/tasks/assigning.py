"""Assigning tasks and changing who does them: create_section, create_task(s), fan_out, update_task,
and the reorganisation's move_lead / move_coordination. Each checks permission here, plays its effects
(`tracker.tasks.effects`: the checks of `tracker.tasks.rules`, the fields, the rows) and stores them
(`tracker.tasks.recording.store`); it flushes, the caller commits once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from flask_babel import gettext as _

from tracker.agencies.models import Agency
from tracker.core.errors import DomainError, PermissionDenied, StaleObject
from tracker.db import db
from tracker.documents.models import Document
from tracker.tasks import effects, permissions, rules
from tracker.tasks.models import Task, TaskEvent
from tracker.tasks.recording import new_task_has_no_state, store
from tracker.workdays.deadlines import check_deadline


def check_version(task: Task, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != task.version:
        raise StaleObject(
            _(
                "Nhiệm vụ vừa được người khác cập nhật sau khi bạn mở biểu mẫu. "
                "Hãy xem lại các thay đổi bên dưới rồi lưu lại."
            ),
            current=task,
        )


def require_manage(actor) -> None:
    if not permissions.can_manage(actor):
        raise PermissionDenied(_("Chỉ cán bộ theo dõi mới được thực hiện thao tác này."))


def _require_reorganiser(actor) -> None:
    # actor None = the command line or the seed, run by whoever administers the server.
    if actor is not None and not actor.is_admin:
        raise PermissionDenied(_("Chỉ quản trị viên mới sắp xếp lại được cơ quan."))


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
    require_manage(actor)
    if document.id is not None:
        rules.check_code(document.id, code, title, section=True, lead_id=None)
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
    store(actor, section, effects.section_created(section, symbol=document.symbol))
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
    require_manage(actor)
    built = [(_new_task(actor, **spec), spec) for spec in specs]
    _check_codes_among([task for task, _spec in built])
    db.session.add_all([task for task, _spec in built])
    db.session.flush()
    for task, spec in built:
        _task_created(actor, task, spec.get("deadline"), spec.get("occurrences_until"))
    return [task for task, _spec in built]


def _new_task(
    actor,
    document: Document,
    *,
    lead_agency: Agency,
    coordinating: Iterable[Agency] = (),
    parent: Task | None = None,
    occurrences_until: dt.date | None = None,
    **fields,
) -> Task:
    """The checks of create_task, and the new Task (not added to the session)."""
    require_manage(actor)
    columns = effects.new_task_fields(
        issued_on=document.issued_on,
        lead_agency=lead_agency,
        created_by_id=getattr(actor, "id", None),
        **fields,
    )
    coordinating = [a for a in coordinating if a.id != lead_agency.id]
    if document.id is not None:
        rules.check_code(
            document.id, columns.get("code", ""), columns["title"], section=False, lead_id=lead_agency.id
        )
    return Task(
        document=document,
        parent=parent,
        lead_agency=lead_agency,
        coordinating_agencies=coordinating,
        **columns,
    )


def _check_codes_among(tasks: Sequence[Task]) -> None:
    """The code rule among tasks created together (`rules.code_clash`): one item, one title, each
    lead agency once."""
    seen: dict[tuple, list[Task]] = {}
    for task in tasks:
        code = (task.code or "").strip()
        if not code:
            continue
        same = seen.setdefault((id(task.document), code), [])
        clash = rules.code_clash(code, task.title, task.is_section, [(t.title, t.is_section) for t in same])
        if clash:
            raise DomainError(clash, field="code")
        if any(t.lead_agency is task.lead_agency for t in same):
            raise DomainError(rules.given_twice(code), field="lead_agency")
        same.append(task)


def _task_created(
    actor, task: Task, first_deadline: dt.date | None, occurrences_until: dt.date | None
) -> None:
    """After a new task's INSERT: its "created" event and first state, the audit entry, the webhook,
    and the occurrences of a periodic series."""
    new_task_has_no_state(task)
    store(actor, task, effects.created(task, lead_code=task.lead_agency.code, symbol=task.document.symbol))
    if task.deadline_kind == "periodic":
        from tracker.tasks.periodic import extend_occurrences

        extend_occurrences(task, until=occurrences_until, actor=actor, first_deadline=first_deadline)


def fan_out(actor, document: Document, leads: Sequence[Agency], **fields) -> list[Task]:
    """One directive to many lead agencies: one task per agency, each its own task."""
    if not leads:
        raise DomainError(_("Chọn ít nhất một cơ quan chủ trì."), field="lead_agency")
    return [create_task(actor, document, lead_agency=agency, **fields) for agency in leads]


# ---------------------------------------------------------------- editing


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
    require_manage(actor)
    check_version(task, expected_version)
    old_deadline = task.deadline
    new_code = (fields.get("code", task.code) or "").strip()
    new_lead = lead_agency or task.lead_agency
    if new_code != (task.code or "") or (lead_agency is not None and lead_agency.id != task.lead_agency_id):
        rules.check_code(
            task.document_id,
            new_code,
            fields.get("title", task.title),
            section=task.is_section,
            lead_id=None if task.is_section else getattr(new_lead, "id", None),
            task_id=task.id,
        )
    done = effects.edit(
        task,
        fields=fields,
        lead_agency=lead_agency,
        coordinating=coordinating,
        comment=comment,
        on=effects.business_day(on),
    )
    if done is None:
        return {}
    if task.deadline != old_deadline:
        check_deadline(task.deadline, accept=accept_day_off)
    store(actor, task, done)
    return done.changes


# ---------------------------------------------------------------- reorganising agencies


def move_lead(actor, task: Task, successor: Agency, *, note: str, on: dt.date | None = None) -> TaskEvent:
    """An open task (new, in progress, awaiting confirmation) of a merged agency goes to its successor
    as of `on`, which stops coordinating it. Admins only (actor None: the command line or the seed)."""
    _require_reorganiser(actor)
    return store(actor, task, effects.move_lead(task, successor, note=note, on=effects.business_day(on)))


def move_coordination(
    actor, task: Task, old: Agency, successor: Agency, *, note: str, on: dt.date | None = None
) -> TaskEvent:
    """A merged agency's coordination of an open task goes to its successor (unless it leads the
    task). Admins only (actor None: the command line or the seed)."""
    _require_reorganiser(actor)
    return store(
        actor, task, effects.move_coordination(task, old, successor, note=note, on=effects.business_day(on))
    )
