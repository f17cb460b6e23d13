"""The effects of creating and editing a task (create_section, create_task and its occurrences,
update_task)."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _

from tracker.agencies.models import Agency
from tracker.core.errors import DomainError
from tracker.tasks import rules
from tracker.tasks.effects.base import Effects, search_text

# ---------------------------------------------------------------- creating


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
    historic: bool = False,
) -> dict:
    """create_task's checks, and the new task's own columns (not its document, parent, lead agency
    or coordinating agencies, which the caller links). A periodic task is a series: no deadline of
    its own; `deadline` is then its first occurrence's. `historic` (an import's history): the lead
    need only have been active on the day of assignment (`rules.check_lead`)."""
    assigned_on = assigned_on or issued_on
    rules.check_lead(lead_agency, on=assigned_on if historic else None)
    rules.check_assigned_on(assigned_on, issued_on)
    if deadline_kind == "ongoing":
        deadline = None
    values = dict(
        title=title,
        code=code,
        content=content or "",
        area=area,
        deadline_kind=deadline_kind,
        deadline=deadline,
        period=period,
        priority=priority,
        expected_output=expected_output or "",
        deadline_phrase=deadline_phrase,
    )
    rules.validate_fields(values)
    rules.check_texts(values)
    rules.check_deadline(deadline_kind, deadline, assigned_on)
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
    rules.check_texts(dict(code=code, title=title, content=content))
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


def section_created(section, *, symbol: str) -> Effects:
    """create_section: an audit entry, no event (a section is not a task)."""
    return Effects(
        None,
        section.assigned_on,
        audit="task.create_section",
        details=dict(document=symbol, code=section.code),
    )


def created(task, *, lead_code: str, symbol: str) -> Effects:
    """create_task (after the task's INSERT): the "created" event and first state, the audit entry,
    the webhook."""
    return Effects(
        "created",
        task.assigned_on,
        {"status": (None, "new"), "lead_agency": (None, lead_code)},
        state=True,
        audit="task.create",
        details=dict(document=symbol, lead=lead_code),
        hook="assigned",
    )


def occurrence_created(task) -> Effects:
    """An occurrence of a periodic series (created with it, or later by the scheduler): the "created"
    event and first state."""
    return Effects("created", task.assigned_on, {"status": (None, "new")}, state=True)


# The fields update_task may change (besides the lead and coordinating agencies).
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


def edit(task, *, fields: dict, lead_agency=None, coordinating=None, comment: str = "", on: dt.date):
    """update_task: a monitor's edit of the task's own fields and agencies. Returns its Effects, or
    None when nothing changes. Only the values it changes are held to the length caps (a text stored
    before a cap existed can be kept as it is)."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("Không sửa được trường: %(fields)s.", fields=", ".join(sorted(unknown))))
    fields = dict(fields)
    merged = {k: getattr(task, k) for k in EDITABLE_FIELDS} | fields
    rules.validate_fields(merged)
    rules.check_kind_change(task, merged["deadline_kind"], merged["period"])
    if merged["deadline_kind"] == "ongoing":
        fields["deadline"] = merged["deadline"] = None
    rules.check_deadline(merged["deadline_kind"], merged["deadline"], task.assigned_on)
    rules.check_length("comment", comment)
    changes: dict = {}
    for key, new in fields.items():
        if isinstance(new, str) and key in ("title", "code"):
            new = new.strip()
        if getattr(task, key) != new:
            changes[key] = (getattr(task, key), new)
    rules.check_texts({key: new for key, (_old, new) in changes.items()})
    if lead_agency is not None and lead_agency.id != task.lead_agency_id:
        if task.is_section:
            raise DomainError(_("Mục của văn bản không có cơ quan chủ trì."))
        rules.check_lead(lead_agency)
    for key, (_old, new) in changes.items():
        setattr(task, key, new)
    if lead_agency is not None and lead_agency.id != task.lead_agency_id:
        changes["lead_agency"] = (task.lead_agency, lead_agency)
        task.lead_agency = lead_agency
        task.lead_agency_id = lead_agency.id
    if coordinating is not None:
        new_set = [a for a in coordinating if a.id != task.lead_agency_id]
        old_codes = sorted(a.code for a in task.coordinating_agencies)
        new_codes = sorted(a.code for a in new_set)
        if old_codes != new_codes:
            changes["coordinating"] = (", ".join(old_codes), ", ".join(new_codes))
            task.coordinating_agencies = new_set
    if not changes:
        return None
    if "deadline" in changes and task.original_deadline is None:
        task.original_deadline = task.deadline
    task.search_text = search_text(task.code, task.title, task.content)
    task.last_update_on = on
    return Effects(
        "edited",
        on,
        changes,
        comment,
        state=True,
        audit="task.update",
        details=dict(changes={k: [str(o), str(n)] for k, (o, n) in changes.items()}),
    )
