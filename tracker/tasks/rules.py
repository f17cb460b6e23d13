"""The rules that decide whether a task's values are allowed: each defined once, raised by the
operations (`tracker.tasks.effects`, which every write path plays), so the pages, the API, the command
line and the import refuse the same input with the same Vietnamese message.

- the length of every text a task or a workflow step carries (TEXT_LIMITS; the forms' `maxlength`
  and the API schemas' `maxLength` are read from it);
- who may lead a task (`check_lead`, `may_lead`, `lead_clause`);
- the assignment date against its document (`check_assigned_on`);
- the deadline kind a task may be switched to (`check_kind_change`);
- the values of the fields a monitor sets (`validate_fields`);
- a code names one item of its document (`code_clash`, `check_code`).
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import and_, select

from tracker.agencies.models import Agency
from tracker.agencies.names import fold
from tracker.core.dates import fmt_date, fmt_number, today
from tracker.core.errors import DomainError
from tracker.core.text import N_
from tracker.db import db
from tracker.documents.operations import FAN_OUT_GROUPS
from tracker.tasks.models import AREAS, DEADLINE_KINDS, PERIODS

# ---------------------------------------------------------------- lengths

# The longest text of each field (characters), and its name in the messages. The keys are the
# operations' argument names.
TEXT_LIMITS = {
    "title": 2_000,
    "code": 60,
    "content": 20_000,
    "expected_output": 255,
    "deadline_phrase": 255,
    "result_ref": 255,
    "note": 5_000,
    "text": 5_000,
    "reason": 5_000,
    "comment": 5_000,
    "message": 5_000,
}
TEXT_LABELS = {
    "title": N_("Tên nhiệm vụ"),
    "code": N_("Số thứ tự"),
    "content": N_("Nội dung"),
    "expected_output": N_("Sản phẩm"),
    "deadline_phrase": N_("Thời hạn ghi trong văn bản"),
    "result_ref": N_("Số, ký hiệu văn bản kết quả"),
    "note": N_("Ghi chú"),
    "text": N_("Nội dung"),
    "reason": N_("Lý do"),
    "comment": N_("Ý kiến"),
    "message": N_("Nội dung đôn đốc"),
}


def too_long_message(field: str, length: int) -> str:
    return _(
        "%(field)s quá dài: %(length)s ký tự, tối đa %(limit)s ký tự.",
        field=_(TEXT_LABELS[field]),
        length=fmt_number(length),
        limit=fmt_number(TEXT_LIMITS[field]),
    )


def check_length(field: str, value: str | None) -> None:
    """DomainError when `value` is longer than the cap of `field`."""
    if value is not None and len(value) > TEXT_LIMITS[field]:
        raise DomainError(too_long_message(field, len(value)), field=field)


def maxlength(field: str, **render_kw) -> dict:
    """A form field's render_kw with the browser's `maxlength` set to the cap (the operation checks)."""
    return {"maxlength": TEXT_LIMITS[field], **render_kw}


# ---------------------------------------------------------------- who may lead

# Kinds that may lead a task (external bodies issue documents; they do not lead).
LEAD_KINDS = ("department", "district", "commune", "public_unit", "central", "organisation")


def may_lead(agency: Agency | None) -> bool:
    return agency is not None and agency.is_active and agency.kind in LEAD_KINDS


def lead_clause():
    """SQL condition on Agency: may lead a task (active, not an external body)."""
    return and_(Agency.is_active.is_(True), Agency.kind.in_(LEAD_KINDS))


def lead_candidates(province: Agency | None = None):
    """SELECT of the active agencies that may lead a task (within the province when one is given)."""
    stmt = select(Agency).where(lead_clause())
    if province is not None:
        stmt = stmt.where(Agency.path.like(province.path + "%"))
    return stmt


def expand_groups(kinds, province: Agency | None = None) -> list[Agency]:
    """The agencies a directive to these groups reaches: every ACTIVE agency of the kinds, within the
    document's province when it has one; ordered by group, then name."""
    kinds = [k for k in FAN_OUT_GROUPS if k in set(kinds or ())]
    if not kinds:
        return []
    agencies = db.session.scalars(lead_candidates(province).where(Agency.kind.in_(kinds))).all()
    order = {k: i for i, k in enumerate(FAN_OUT_GROUPS)}
    return sorted(agencies, key=lambda a: (order[a.kind], a.name))


def check_lead(agency: Agency | None, *, on: dt.date | None = None) -> None:
    """DomainError unless `agency` may lead a task: exactly one lead, inside the province, active —
    or, for a task of the past (`on`: its assignment, from an import's history), active on that day
    (an agency merged since led it until its tasks moved to the successor)."""
    if agency is None:
        raise DomainError(_("Mỗi nhiệm vụ cần đúng một cơ quan chủ trì."), field="lead_agency")
    if agency.kind not in LEAD_KINDS:
        raise DomainError(
            _(
                "«%(name)s» là cơ quan ngoài tỉnh (cơ quan ban hành), không chủ trì nhiệm vụ.",
                name=agency.name,
            ),
            field="lead_agency",
        )
    if not agency.is_active:
        since = getattr(agency, "inactive_since", None)
        if on is not None and since is not None and on < since:
            return
        raise DomainError(_("Cơ quan «%(name)s» đã ngừng hoạt động.", name=agency.name), field="lead_agency")


# ---------------------------------------------------------------- dates

# How far ahead a task may be assigned (a directive that starts later).
ASSIGN_AHEAD_DAYS = 366


def check_assigned_on(assigned_on: dt.date, issued_on: dt.date) -> None:
    """DomainError unless the assignment date is on or after the document's date and at most a
    year after today."""
    if assigned_on < issued_on:
        raise DomainError(
            _("Ngày giao không thể trước ngày ban hành văn bản (%(day)s).", day=fmt_date(issued_on)),
            field="assigned_on",
        )
    if assigned_on > today() + dt.timedelta(days=ASSIGN_AHEAD_DAYS):
        raise DomainError(_("Ngày giao không thể sau hôm nay quá một năm."), field="assigned_on")


def check_deadline(kind: str, deadline: dt.date | None, assigned_on: dt.date) -> None:
    if kind == "date" and deadline is not None and deadline < assigned_on:
        raise DomainError(_("Thời hạn không thể trước ngày giao nhiệm vụ."), field="deadline")


def check_kind_change(task, kind: str, period: str | None) -> None:
    """DomainError when an edit would switch a task into or out of a periodic series: a series is the
    counted occurrences' parent, and switching would make tasks vanish from, or appear in, the reports
    without a history."""
    if (kind == "periodic") != task.is_series:
        raise DomainError(
            _(
                "Không đổi được nhiệm vụ thường thành nhiệm vụ định kỳ hoặc ngược lại. Hãy dừng "
                "nhiệm vụ này (nêu lý do) và giao nhiệm vụ mới với thời hạn đúng."
            ),
            field="deadline_kind",
        )
    if task.is_series and period != task.period:
        raise DomainError(
            _(
                "Không đổi được chu kỳ của nhiệm vụ định kỳ đã có các kỳ thực hiện; "
                "hãy dừng nhiệm vụ này và giao một nhiệm vụ định kỳ mới."
            ),
            field="period",
        )
    if task.series_id is not None and kind != "date":
        raise DomainError(_("Mỗi kỳ của nhiệm vụ định kỳ luôn có thời hạn cụ thể."), field="deadline_kind")


# ---------------------------------------------------------------- a monitor's fields


def check_texts(fields: dict) -> None:
    """The length of each text in `fields` that has a cap."""
    for key, value in fields.items():
        if key in TEXT_LIMITS and isinstance(value, str):
            check_length(key, value)


def validate_fields(fields: dict) -> None:
    """The values of the fields create_task and update_task set (those present in `fields`); their
    lengths are `check_texts`' (update_task checks only the values it changes)."""
    if "area" in fields and fields["area"] not in AREAS:
        raise DomainError(_("Lĩnh vực không hợp lệ."), field="area")
    kind = fields.get("deadline_kind")
    if kind is not None and kind not in DEADLINE_KINDS:
        raise DomainError(_("Loại thời hạn không hợp lệ."), field="deadline_kind")
    if kind == "date" and not fields.get("deadline"):
        raise DomainError(_("Nhiệm vụ có thời hạn cần một ngày hết hạn."), field="deadline")
    if kind == "periodic" and fields.get("period") not in PERIODS:
        raise DomainError(_("Nhiệm vụ định kỳ cần chọn chu kỳ (tháng, quý, 6 tháng, năm)."), field="period")
    if fields.get("priority", "normal") not in ("normal", "urgent"):
        raise DomainError(_("Mức độ ưu tiên không hợp lệ."), field="priority")
    if "title" in fields and not (fields["title"] or "").strip():
        raise DomainError(_("Tên nhiệm vụ không được để trống."), field="title")


# ---------------------------------------------------------------- codes


def code_clash(code: str, title: str, section: bool, others) -> str | None:
    """Why `code` may not name this item of its document, or None. A code ("III.4.d") is the item's
    place in the document: the tasks that share it are that one item given to several lead agencies
    (a fan-out) and carry its title; a section's code is its own. `others` are the (title, section)
    of the document's other items with this code (not the occurrences of a periodic series, which
    share their series' code). Codes compare exactly: "III.4.d" and "III.4.đ" are two codes."""
    code = (code or "").strip()
    if not code:
        return None
    for other_title, other_section in others:
        if section or other_section:
            return _(
                "Số thứ tự «%(code)s» đã dùng cho mục «%(title)s» của văn bản này; mỗi số thứ tự chỉ "
                "một mục hoặc một nhiệm vụ.",
                code=code,
                title=_short(other_title if other_section else title),
            )
        if fold(" ".join(other_title.split())) != fold(" ".join(title.split())):
            return _(
                "Số thứ tự «%(code)s» đã dùng cho nhiệm vụ khác trong văn bản này: «%(title)s». Các "
                "nhiệm vụ cùng số thứ tự là một nhiệm vụ giao cho nhiều cơ quan, cùng tên; hãy kiểm "
                "tra lại số thứ tự.",
                code=code,
                title=_short(other_title),
            )
    return None


def _short(text: str, n: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def check_code(
    document_id: int, code: str, title: str, *, section: bool, lead_id: int | None, task_id: int | None = None
) -> None:
    """DomainError when `code` names another item of the document (`code_clash`) or, for a task,
    when the same item is already given to the same lead agency."""
    from tracker.tasks.models import Task

    code = (code or "").strip()
    if not code:
        return
    rows = db.session.execute(
        select(Task.id, Task.title, Task.is_section, Task.lead_agency_id).where(
            Task.document_id == document_id,
            Task.code == code,
            Task.series_id.is_(None),
            Task.id != (task_id or 0),
        )
    ).all()
    clash = code_clash(code, title, section, [(r.title, r.is_section) for r in rows])
    if clash:
        raise DomainError(clash, field="code")
    if not section and lead_id is not None and any(r.lead_agency_id == lead_id for r in rows):
        raise DomainError(given_twice(code), field="lead_agency")


def given_twice(code: str) -> str:
    """The message for one item given twice to the same lead agency."""
    return _("Nhiệm vụ số thứ tự «%(code)s» của văn bản này đã giao cho cơ quan chủ trì này.", code=code)
