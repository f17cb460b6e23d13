"""What the reminders say: each agency's daily digest and the monitors' weekly overview, as of a day.

"Quá hạn" is the report category (`classification.category_condition(Task, 'overdue', day)`); "sắp đến hạn" is an open task
due within the window (today included), as the task list's filter. Each task appears once, in the
first section it belongs to; a digest goes out only when something calls for it (see `needs_sending`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.agencies.models import ISSUER_KINDS, Agency
from tracker.core.dates import fmt_date
from tracker.core.text import N_
from tracker.db import db
from tracker.documents.models import Document
from tracker.reminders.models import ReminderSwitch
from tracker.reminders.settings import ReminderSettings
from tracker.tasks.classification import category_condition, countable_clause
from tracker.tasks.models import ExtensionRequest, Task, TaskEvent
from tracker.users.models import User
from tracker.workdays.calendar import WorkCalendar
from tracker.workdays.store import current_calendar

SECTIONS = {
    "overdue": N_("Quá hạn"),
    "due_today": N_("Đến hạn hôm nay"),
    "due_soon": N_("Sắp đến hạn"),
    "returned": N_("Bị trả lại, cần thực hiện lại"),
    "behind": N_("Chậm tiến độ"),
    "stale": N_("Chưa cập nhật"),
}
# Which per-agency switch turns a section off.
SECTION_SWITCH = {
    "overdue": "overdue",
    "due_today": "due_soon",
    "due_soon": "due_soon",
    "returned": "returned",
    "behind": "behind",
    "stale": "stale",
}
RETURN_KINDS = ("returned", "redo_requested")


@dataclass(slots=True)
class Line:
    """One task in a digest, with what to say about it."""

    task: OpenTask
    section: str
    days_overdue: int = 0
    days_left: int = 0
    # The same in working days (weekends, holidays and làm bù days: tracker.workdays); None without a deadline.
    working_days_left: int | None = None
    days_stale: int = 0
    elapsed_pct: int = 0
    behind: bool = False
    stale: bool = False
    returned: bool = False
    milestone: bool = False
    # Escalated today to the agency's head (tracker.reminders.escalation): the digest copies the head.
    escalated: bool = False

    @property
    def notes(self) -> list[str]:
        """The short phrases after the title: 'Quá hạn 12 ngày', 'còn 3 ngày', 'chưa cập nhật 45 ngày'…"""
        return self.notes_in(_)

    def notes_in(self, gettext) -> list[str]:
        """`notes` translated by `gettext` (Flask-Babel's `gettext` contract): a day's digests pass
        their language's translations bound (reminders.compose), not looked up for every phrase."""
        out = []
        working = self.working_days_left
        if self.section == "overdue":
            if working is None:
                out.append(gettext("Quá hạn %(n)s ngày", n=self.days_overdue))
            else:
                out.append(
                    gettext(
                        "Quá hạn %(n)s ngày (%(working)s ngày làm việc)",
                        n=self.days_overdue,
                        working=-working,
                    )
                )
        elif self.section == "due_today":
            if self.days_left == 0:
                out.append(gettext("Đến hạn hôm nay"))
            else:  # counted in working days, a deadline on a day off with no working day before it
                out.append(
                    gettext(
                        "Hạn %(day)s rơi vào ngày nghỉ: hôm nay là ngày làm việc cuối cùng",
                        day=fmt_date(self.task.deadline),
                    )
                )
        elif self.section == "due_soon":
            if working is None:
                out.append(gettext("Còn %(n)s ngày", n=self.days_left))
            else:
                out.append(
                    gettext("Còn %(n)s ngày (%(working)s ngày làm việc)", n=self.days_left, working=working)
                )
        if self.returned:
            out.append(gettext("Bị trả lại, lý do: %(reason)s", reason=self.task.returned_reason))
        if self.behind and self.section != "overdue":
            out.append(
                gettext(
                    "Chậm tiến độ: đạt %(progress)s %%, đã qua %(elapsed)s %% thời gian",
                    progress=self.task.progress,
                    elapsed=self.elapsed_pct,
                )
            )
        if self.stale:
            out.append(gettext("Chưa cập nhật %(n)s ngày", n=self.days_stale))
        if self.escalated:
            out.append(gettext("Đã báo thủ trưởng cơ quan"))
        return out


@dataclass
class AgencyDigest:
    agency: Agency
    day: dt.date
    sections: dict[str, list[Line]] = field(default_factory=dict)
    recipients: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)  # the head, when a task was escalated to it today

    def count(self, *names: str) -> int:
        return sum(len(self.sections.get(n, [])) for n in names)

    @property
    def lines(self) -> list[Line]:
        return [line for name in SECTIONS for line in self.sections.get(name, [])]

    @property
    def needs_sending(self) -> bool:
        """Something calls for the e-mail today: anything overdue, due today, returned, behind or stale;
        a task due soon only on one of the days-before milestones (not every day of the window)."""
        return any(
            line.section != "due_soon" or line.milestone or line.returned or line.behind or line.stale
            for line in self.lines
        )


@dataclass
class WeeklyOverview:
    day: dt.date
    overdue: dict[Agency, list[Line]] = field(default_factory=dict)
    awaiting: list[Task] = field(default_factory=list)
    extensions: list[ExtensionRequest] = field(default_factory=list)
    stale: dict[Agency, list[Line]] = field(default_factory=dict)
    recipients: list[str] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(len(v) for v in self.overdue.values())

    @property
    def stale_count(self) -> int:
        return sum(len(v) for v in self.stale.values())

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.awaiting or self.extensions or self.stale)


@dataclass(slots=True)
class DocumentRef:
    id: int
    symbol: str


@dataclass(slots=True)
class OpenTask:
    """What a reminder says about an open task. Read as plain rows, not ORM objects: a national
    instance has hundreds of thousands of open tasks, and the day's digests read them all."""

    id: int
    title: str
    code: str | None
    status: str
    progress: int
    deadline: dt.date | None
    assigned_on: dt.date
    last_update_on: dt.date | None
    returned_reason: str | None
    document: DocumentRef
    lead_agency: Agency


def _agencies_by_id(ids: set[int]) -> dict[int, Agency]:
    """id -> agency for the given ids, in chunks (SQLite's limit on bound parameters)."""
    ordered, out = sorted(ids), {}
    for start in range(0, len(ordered), 900):
        chunk = ordered[start : start + 900]
        out.update((a.id, a) for a in db.session.scalars(select(Agency).where(Agency.id.in_(chunk))))
    return out


def _open_tasks(day: dt.date, lead_ids=None) -> list[tuple[OpenTask, bool]]:
    """Open countable tasks assigned by `day`, with their lead, with the report's overdue flag.
    One statement (the documents' symbols joined), its rows unpacked as tuples: the day's run reads
    hundreds of thousands."""
    stmt = (
        select(
            Task.id,
            Task.title,
            Task.code,
            Task.status,
            Task.progress,
            Task.deadline,
            Task.assigned_on,
            Task.last_update_on,
            Task.returned_reason,
            Task.document_id,
            Document.symbol,
            Task.lead_agency_id,
            category_condition(Task, "overdue", day).label("is_overdue"),
        )
        .join(Document, Document.id == Task.document_id)
        .where(
            countable_clause(),
            Task.status.in_(("new", "in_progress")),
            Task.lead_agency_id.isnot(None),
            Task.assigned_on <= day,
        )
        .order_by(Task.deadline.is_(None), Task.deadline, Task.id)
    )
    if lead_ids is not None:
        stmt = stmt.where(Task.lead_agency_id.in_(lead_ids))
    rows = db.session.execute(stmt).all()
    agencies = _agencies_by_id({r[11] for r in rows})
    documents: dict[int, DocumentRef] = {}
    out = []
    for row in rows:
        # The task's own columns, in OpenTask's order, then its document, lead and overdue flag.
        *columns, document_id, symbol, lead_agency_id, is_overdue = row
        document = documents.get(document_id)
        if document is None:
            document = documents[document_id] = DocumentRef(document_id, symbol)
        task = OpenTask(*columns, document, agencies[lead_agency_id])
        out.append((task, bool(is_overdue)))
    return out


def _last_returns(task_ids: list[int]) -> dict[int, dt.date]:
    if not task_ids:
        return {}
    rows = db.session.execute(
        select(TaskEvent.task_id, func.max(TaskEvent.on_date))
        .where(TaskEvent.task_id.in_(task_ids), TaskEvent.kind.in_(RETURN_KINDS))
        .group_by(TaskEvent.task_id)
    ).all()
    return dict(rows)


def classify(
    task: OpenTask,
    is_overdue: bool,
    day: dt.date,
    cfg: ReminderSettings,
    returned_on: dt.date | None,
    enabled=lambda section: True,
    calendar: WorkCalendar | _DayCalendar | None = None,
) -> Line | None:
    """The line of a task in its agency's digest, or None when there is nothing to say about it.
    With a calendar, the line also counts working days; with `cfg.count_working_days`, the days-before
    milestones (sent on working days only) and the "sắp đến hạn" window count working days."""
    line = Line(task=task, section="")
    last = task.last_update_on or task.assigned_on
    line.days_stale = (day - last).days
    line.stale = line.days_stale >= cfg.stale_days
    if task.deadline is not None:
        days_left = (task.deadline - day).days
        line.days_left = days_left
        line.days_overdue = -days_left
        span = (task.deadline - task.assigned_on).days
        if span > 0 and days_left >= 0:
            line.elapsed_pct = min(100, round(100 * (day - task.assigned_on).days / span))
            line.behind = task.progress + cfg.behind_margin < line.elapsed_pct
        if calendar is not None:
            line.working_days_left = calendar.working_days_between(day, task.deadline)
    counting_working = cfg.count_working_days and calendar is not None and task.deadline is not None
    left = line.working_days_left if counting_working else line.days_left
    # Counted in working days, a later deadline with no working day before it is due today.
    due_today = task.deadline is not None and (
        line.days_left == 0 or (counting_working and left == 0 and line.days_left > 0)
    )
    line.returned = (
        task.status == "in_progress"
        and task.returned_reason is not None
        and returned_on is not None
        and (task.last_update_on is None or task.last_update_on <= returned_on)
    )
    candidates = [
        ("overdue", is_overdue),
        ("due_today", due_today),
        ("due_soon", task.deadline is not None and 0 < left <= cfg.due_soon_days),
        ("returned", line.returned),
        ("behind", line.behind),
        ("stale", line.stale),
    ]
    for section, applies in candidates:
        if applies and enabled(section):
            line.section = section
            line.milestone = section == "due_soon" and left in cfg.days_before
            if counting_working:  # "nhắc trước 3 ngày làm việc" goes out on that working day only
                line.milestone = line.milestone and calendar.is_working_day(day)
            line.behind = line.behind and enabled("behind")
            line.stale = line.stale and enabled("stale")
            line.returned = line.returned and enabled("returned")
            return line
    return None


def switches_off() -> dict[int, set[str]]:
    off: dict[int, set[str]] = defaultdict(set)
    for agency_id, kind in db.session.execute(select(ReminderSwitch.agency_id, ReminderSwitch.kind)):
        off[agency_id].add(kind)
    return off


def agency_recipients(agency: Agency) -> list[str]:
    """The agency's notification addresses (always) and its active focal points who want the digest."""
    return recipients_of([agency])[agency.id]


def recipients_of(agencies: list[Agency]) -> dict[int, list[str]]:
    """agency id -> its recipients (see agency_recipients), for many agencies in one query."""
    focal: dict[int, list[str]] = defaultdict(list)
    ids = [a.id for a in agencies]
    for start in range(0, len(ids), 900):  # SQLite's limit on bound parameters
        for agency_id, email in db.session.execute(
            select(User.agency_id, User.email)
            .where(
                User.agency_id.in_(ids[start : start + 900]),
                User.role == "focal",
                User.active.is_(True),
                User.receive_digest.is_(True),
            )
            .order_by(User.email)
        ):
            focal[agency_id].append(email)
    return {a.id: _unique([*a.email_list, *focal.get(a.id, [])]) for a in agencies}


def monitor_recipients() -> list[str]:
    return _unique(
        db.session.scalars(
            select(User.email)
            .where(User.role == "monitor", User.active.is_(True), User.receive_digest.is_(True))
            .order_by(User.email)
        ).all()
    )


def _unique(addresses) -> list[str]:
    seen, out = set(), []
    for a in addresses:
        if a and a.lower() not in seen:
            seen.add(a.lower())
            out.append(a)
    return out


class _DayCalendar:
    """The calendar as `classify` asks it for one run: a run asks the working days to the same few
    hundred deadlines for hundreds of thousands of tasks, each counted once."""

    __slots__ = ("_calendar", "_between")

    def __init__(self, calendar: WorkCalendar) -> None:
        self._calendar = calendar
        self._between: dict[tuple[dt.date, dt.date], int] = {}

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        key = (a, b)
        count = self._between.get(key)
        if count is None:
            count = self._between[key] = self._calendar.working_days_between(a, b)
        return count

    def is_working_day(self, day: dt.date) -> bool:
        return self._calendar.is_working_day(day)


def daily_digests(day: dt.date, cfg: ReminderSettings, agency_ids=None) -> list[AgencyDigest]:
    """The digests that day's job sends: one per active agency that has something to say, in name order."""
    off = switches_off()
    calendar = _DayCalendar(current_calendar())
    rows = _open_tasks(day, agency_ids)
    returns = _last_returns([t.id for t, _ in rows if t.returned_reason is not None])
    digests: dict[Agency, AgencyDigest] = {}
    # agency -> its sections' switch (None: the agency gets no digest), asked once per agency
    enabled_in: dict[Agency, object] = {}
    for task, is_overdue in rows:
        agency = task.lead_agency
        enabled = enabled_in.get(agency, False)
        if enabled is False:
            agency_off = off.get(agency.id, set())
            if not agency.is_active or agency.kind in ISSUER_KINDS or "all" in agency_off:
                enabled = None
            else:
                enabled = lambda s, agency_off=agency_off: SECTION_SWITCH[s] not in agency_off  # noqa: E731
            enabled_in[agency] = enabled
        if enabled is None:
            continue
        line = classify(task, is_overdue, day, cfg, returns.get(task.id), enabled=enabled, calendar=calendar)
        if line is None:
            continue
        digest = digests.get(agency)
        if digest is None:
            digest = digests[agency] = AgencyDigest(agency=agency, day=day)
        digest.sections.setdefault(line.section, []).append(line)
    out = [d for d in digests.values() if d.needs_sending]
    recipients = recipients_of([d.agency for d in out])
    for d in out:
        d.sections = {name: d.sections[name] for name in SECTIONS if name in d.sections}
        if "stale" in d.sections:  # longest without news first
            d.sections["stale"].sort(key=lambda line: (-line.days_stale, line.task.id))
        d.recipients = recipients[d.agency.id]
    return sorted(out, key=lambda d: (d.agency.name, d.agency.id))


def weekly_overview(day: dt.date, cfg: ReminderSettings) -> WeeklyOverview:
    """The monitors' overview: overdue tasks by agency, reports awaiting confirmation too long,
    pending extension requests, and tasks nobody updated for `stale_days`."""
    view = WeeklyOverview(day=day)
    calendar = _DayCalendar(current_calendar())
    for task, is_overdue in _open_tasks(day):
        line = classify(task, bool(is_overdue), day, cfg, None, calendar=calendar)
        if line is None:
            continue
        if line.section == "overdue":
            view.overdue.setdefault(task.lead_agency, []).append(line)
        elif line.stale:
            view.stale.setdefault(task.lead_agency, []).append(line)
    for lines in view.stale.values():
        lines.sort(key=lambda line: (-line.days_stale, line.task.id))
    view.overdue = dict(sorted(view.overdue.items(), key=lambda kv: (-len(kv[1]), kv[0].name)))
    view.stale = dict(sorted(view.stale.items(), key=lambda kv: (-len(kv[1]), kv[0].name)))
    view.awaiting = db.session.scalars(
        select(Task)
        .where(
            countable_clause(),
            Task.status == "reported",
            Task.reported_on <= day - dt.timedelta(days=cfg.awaiting_days),
        )
        .options(selectinload(Task.lead_agency), selectinload(Task.document))
        .order_by(Task.reported_on, Task.id)
    ).all()
    view.extensions = db.session.scalars(
        select(ExtensionRequest)
        .where(ExtensionRequest.status == "pending")
        .options(selectinload(ExtensionRequest.task).selectinload(Task.lead_agency))
        .order_by(ExtensionRequest.requested_at, ExtensionRequest.id)
    ).all()
    view.recipients = monitor_recipients()
    return view
