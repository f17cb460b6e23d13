"""A report: its filter (period, as-of date, scope, filters), who may see which part, and its blocks
(Biểu mẫu 01 items 2 and 5, per lead agency, per document, per area, the trend), all counted by
`tracker.reports.classify.tally`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.agencies.models import Agency
from tracker.core.collector import collector_paused
from tracker.core.text import N_
from tracker.db import db, id_in
from tracker.documents.models import ISSUER_LEVELS, Document
from tracker.reports import classify, periods, scopes
from tracker.reports.classify import Counts
from tracker.tasks import asof
from tracker.tasks.models import AREAS, Task
from tracker.tasks.permissions import visible_tasks_clause
from tracker.tasks.queries import TaskFilter

GROUPINGS = {
    "historic": N_("Cơ quan chủ trì tại thời điểm báo cáo"),
    "current": N_("Cơ quan hiện nay (sau sắp xếp)"),
}


@dataclass
class ReportFilter:
    """What a report covers. `period` None with documents = all tasks of those documents."""

    as_of: dt.date
    period: periods.Period | None = None
    documents: list[int] = field(default_factory=list)
    issuer_level: str = ""
    lead: int | None = None
    area: str = ""
    grouping: str = "historic"
    plan: int | None = None  # the plan of Biểu mẫu 01 item 2
    scope: str = ""  # the named scope it was made from (tracker.reports.scopes), if any

    @property
    def merged(self) -> bool:
        return self.grouping == "current"

    def clauses(self, user) -> list:
        """WHERE clauses (some taking the as-of state) of the report's tasks that `user` may count.

        `user` None is the command line (admin side): everything. A focal point only ever counts
        the tasks it sees, led by its own agency or one below it, whatever lead it asked for."""
        out = []
        if self.period is not None:
            start, end = self.period.start, self.period.end
            out.append(lambda state: asof.period_clause(state, start, end))
        if self.documents:
            out.append(Task.document_id.in_(self.documents))
        if self.issuer_level:
            out.append(asof.issuer_clause(self.issuer_level))
        if self.area:
            out.append(Task.area == self.area)
        out += self.who_clauses(user)
        return out

    def who_clauses(self, user) -> list:
        """The user's scope and the lead-agency filter (they also apply to the plan block)."""
        out = []
        if user is not None:
            out.append(visible_tasks_clause(user))
        if self.lead:
            ids = asof.agency_ids(self.lead, subtree=True, merged=self.merged)
            out.append(lambda state: state.lead_agency_id.in_(ids))
        return out

    def scope_sentence(self, total: int) -> str:
        """'127 nhiệm vụ do Chính phủ, Thủ tướng Chính phủ giao, nhận trong kỳ 15/06/2024 –
        14/09/2024, số liệu đến hết ngày 14/09/2024' (tracker.reports.scopes.sentence)."""
        symbols = []
        if self.period is None and self.documents:
            symbols = sorted(
                db.session.scalars(select(Document.symbol).where(Document.id.in_(self.documents)))
            )
        return scopes.sentence(
            total,
            issuer_level=self.issuer_level,
            start=self.period.start if self.period else None,
            end=self.period.end if self.period else None,
            as_of=self.as_of,
            documents=symbols,
        )

    def task_filter(self, **override) -> TaskFilter:
        """The task list filter showing the tasks behind a figure of this report."""
        flt = TaskFilter(
            as_of=self.as_of,
            documents=list(self.documents),
            issuer_level=self.issuer_level,
            lead=self.lead,
            area=self.area,
            merged=self.merged and bool(self.lead),
            assigned_from=self.period.start if self.period else None,
            assigned_to=self.period.end if self.period else None,
        )
        for key, value in override.items():
            setattr(flt, key, value)
        return flt

    def link_args(self, **override) -> dict:
        """The task list's arguments behind a figure: the filter's own (built once per filter
        state) with the figure's overrides."""
        key = (
            self.as_of,
            self.period,
            tuple(self.documents),
            self.issuer_level,
            self.lead,
            self.area,
            self.grouping,
        )
        cached = self.__dict__.get("_link_base")
        if cached is None or cached[0] != key:
            cached = self.__dict__["_link_base"] = (key, self.task_filter().to_args())
        return TaskFilter.merge_args(cached[1], override) if override else cached[1]


def restrict_to_user(rf: ReportFilter, user) -> ReportFilter:
    """Force a focal point's lead filter inside its own agency (and those below it). With the
    current-agency grouping, a lead that was merged away is read as its successor."""
    if rf.merged and rf.lead:
        rf.lead = asof.final_successors().get(rf.lead, rf.lead)
    if user is None or user.sees_everything:
        return rf
    own = user.agency_id
    if rf.lead is None or own is None:
        rf.lead = own
    else:
        allowed = set(db.session.scalars(asof.agency_ids(own)))
        if rf.lead not in allowed:
            rf.lead = own
    return rf


def scope(user, rf: ReportFilter) -> tuple[ReportFilter, list]:
    """The filter as `user` may run it (None: the command line) and the WHERE clauses of the tasks
    it counts: what every block of a report, the CLI and the API count over."""
    rf = restrict_to_user(rf, user)
    return rf, rf.clauses(user)


def documents_seen_by(user):
    """SELECT of the ids of the documents `user` sees a task of (the only ones a focal point may
    name in a report: their symbols appear on it)."""
    return select(Task.document_id).where(visible_tasks_clause(user))


# ---------------------------------------------------------------- blocks


@dataclass
class Row:
    key: object
    label: str
    counts: Counts
    code: str = ""
    detail: str = ""
    rank: int | None = None
    link: dict = field(default_factory=dict)  # task list filter overrides for this row
    # The overdue tasks by age band (classify.AGE_BANDS): the rows per lead agency only.
    ages: dict | None = None

    def as_dict(self) -> dict:
        """The row under the keys of the CLI's and the API's JSON."""
        out = {
            "rank": self.rank,
            "agency": self.code,
            "name": self.label,
            **self.counts.as_dict(),
            "on_time_rate": round(self.counts.on_time_rate, 4),
        }
        if self.ages is not None:
            out.update({f"overdue_{band}": n for band, n in self.ages.items()})
        return out


@dataclass
class Report:
    filter: ReportFilter
    summary: Counts
    plan: Document | None
    plan_counts: Counts | None
    agencies: list[Row]
    documents: list[Row]
    areas: list[Row]
    trend: list[tuple[periods.Period, dt.date, Counts]]

    @property
    def title(self) -> str:
        return _("Báo cáo tình hình thực hiện nhiệm vụ được giao")

    @property
    def item5_label(self) -> str:
        if self.filter.issuer_level == "government":
            return _("Thực hiện nhiệm vụ của Chính phủ, Thủ tướng Chính phủ giao")
        if self.filter.issuer_level:
            return _(
                "Thực hiện nhiệm vụ do %(issuer)s giao", issuer=_(ISSUER_LEVELS[self.filter.issuer_level])
            )
        return _("Thực hiện nhiệm vụ được giao")

    @property
    def item5_note(self) -> str:
        """The note column of item 5.1, as the Q3/2024 report writes it."""
        s = self.summary
        parts = []
        if s.in_progress_on_time:
            parts.append(_("%(n)s nhiệm vụ đang thực hiện trong hạn", n=s.in_progress_on_time))
        if s.awaiting_confirmation:
            parts.append(_("%(n)s nhiệm vụ đang chờ xác nhận", n=s.awaiting_confirmation))
        return "; ".join(parts)

    @property
    def scope_text(self) -> str:
        rf = self.filter
        bits = []
        if rf.period is not None:
            bits.append(
                _(
                    "Nhiệm vụ giao trong kỳ %(period)s (%(window)s)",
                    period=rf.period.name,
                    window=rf.period.window,
                )
            )
        else:
            bits.append(_("Toàn bộ nhiệm vụ của văn bản đã chọn"))
        bits.append(_("số liệu tính đến hết ngày %(day)s", day=rf.as_of.strftime("%d/%m/%Y")))
        return "; ".join(bits)

    @property
    def scope_sentence(self) -> str:
        return self.filter.scope_sentence(self.summary.total)

    @property
    def filters_text(self) -> list[str]:
        return [text for _kind, text in self.filters]

    @property
    def screen_filters(self) -> list[str]:
        """The filters the report screen states under its heading: the issuer and the documents of
        a cumulative scope are in the scope sentence already."""
        shown = [kind for kind in ("lead", "area")] + (["documents"] if self.filter.period else [])
        return [text for kind, text in self.filters if kind in shown]

    @property
    def filters(self) -> list[tuple[str, str]]:
        rf = self.filter
        out = []
        if rf.issuer_level:
            out.append(("issuer", _("Cấp ban hành: %(issuer)s", issuer=_(ISSUER_LEVELS[rf.issuer_level]))))
        if rf.documents:
            symbols = db.session.scalars(select(Document.symbol).where(Document.id.in_(rf.documents))).all()
            out.append(("documents", _("Văn bản: %(symbols)s", symbols=", ".join(sorted(symbols)))))
        if rf.lead:
            agency = db.session.get(Agency, rf.lead)
            if agency is not None:
                out.append(("lead", _("Cơ quan chủ trì: %(name)s (gồm đơn vị trực thuộc)", name=agency.name)))
        if rf.area:
            out.append(("area", _("Lĩnh vực: %(area)s", area=_(AREAS[rf.area]))))
        return out


def _rank(rows: list[Row]) -> list[Row]:
    """Order by on-time rate, then done, then fewer overdue; equal figures share a rank."""

    def key(r):
        return (-round(r.counts.on_time_rate, 6), -r.counts.done, r.counts.overdue, r.label)

    rows.sort(key=key)
    previous, rank = None, 0
    for i, row in enumerate(rows, start=1):
        mark = key(row)[:3]
        if mark != previous:
            rank, previous = i, mark
        row.rank = rank
    return rows


def by_agency(user, rf: ReportFilter, where: list) -> list[Row]:
    grouped: dict[int | None, Counts] = classify.tally(rf.as_of, where, group_by="lead")
    ages = classify.overdue_ages(rf.as_of, where) if any(c.overdue for c in grouped.values()) else {}
    return agency_rows(rf, grouped, ages)


def _id_in(column, keys):
    """SQL: `column` is one of the integer `keys` (tracker.db.id_in)."""
    return id_in(column, keys)


def agency_rows(rf: ReportFilter, grouped: dict, ages: dict) -> list[Row]:
    """The rows per lead agency of a tally by lead (and the overdue tasks' ages), ranked."""
    if rf.merged:
        successors = asof.final_successors()
        folded: dict[int | None, Counts] = {}
        folded_ages: dict = {}
        for agency_id, counts in grouped.items():
            target = successors.get(agency_id, agency_id)
            folded[target] = folded.get(target, Counts()) + counts
        for agency_id, bands in ages.items():
            target = folded_ages.setdefault(
                successors.get(agency_id, agency_id), dict.fromkeys(classify.AGE_BANDS, 0)
            )
            for band, n in bands.items():
                target[band] += n
        grouped, ages = folded, folded_ages
    # The few columns a row shows, of the agencies named (thousands in a national data set).
    agencies = {
        a.id: a
        for a in db.session.execute(
            select(Agency.id, Agency.name, Agency.code, Agency.is_active, Agency.successor_id).where(
                _id_in(Agency.id, grouped)
            )
        )
    }
    rows = []
    for agency_id, counts in grouped.items():
        agency = agencies.get(agency_id)
        if agency is None:
            continue
        detail = "" if agency.is_active else _("đã sáp nhập") if agency.successor_id else _("ngừng hoạt động")
        rows.append(
            Row(
                agency_id,
                agency.name,
                counts,
                code=agency.code,
                detail=detail,
                link={"lead": agency_id, "lead_only": True, "merged": rf.merged},
                ages=ages.get(agency_id, dict.fromkeys(classify.AGE_BANDS, 0)),
            )
        )
    return _rank(rows)


def by_document(rf: ReportFilter, where: list) -> list[Row]:
    return document_rows(classify.tally(rf.as_of, where, group_by="document"))


def document_rows(grouped: dict) -> list[Row]:
    """The rows per document of a tally by document, in the order of issue."""
    docs = db.session.execute(
        select(Document.id, Document.symbol, Document.title, Document.issued_on).where(
            _id_in(Document.id, grouped)
        )
    ).all()
    docs = sorted(docs, key=lambda d: (d.issued_on, d.symbol))
    return [
        Row(d.id, d.symbol, grouped[d.id], code=d.symbol, detail=d.title, link={"documents": [d.id]})
        for d in docs
    ]


def by_area(rf: ReportFilter, where: list) -> list[Row]:
    return area_rows(classify.tally(rf.as_of, where, group_by="area"))


def area_rows(grouped: dict) -> list[Row]:
    return [
        Row(key, _(label), grouped[key], code=key, link={"area": key})
        for key, label in AREAS.items()
        if key in grouped
    ]


def default_plan(as_of: dt.date) -> Document | None:
    """The year's CCHC plan: the latest 'Kế hoạch' issued in the as-of year, on or before it."""
    return db.session.scalar(
        select(Document)
        .where(
            Document.kind == "plan",
            Document.issued_on <= as_of,
            Document.issued_on >= dt.date(as_of.year, 1, 1),
        )
        .order_by(Document.issued_on.desc(), Document.id.desc())
        .limit(1)
    )


def trend(
    user, rf: ReportFilter, count: int = 4, summary: Counts | None = None
) -> list[tuple[periods.Period, dt.date, Counts]]:
    """The same report over the last `count` official quarters, each as of its own end (or the
    report's date if earlier): tasks assigned in each quarter, or cumulative for documents. One
    statement for every quarter (classify.tally_on_dates); a quarter that is the report itself (its
    window, as of its date) takes the report's `summary` when given."""
    quarters = periods.recent_quarters(rf.as_of, count)
    common = ReportFilter(
        as_of=rf.as_of,
        documents=rf.documents,
        issuer_level=rf.issuer_level,
        lead=rf.lead,
        area=rf.area,
        grouping=rf.grouping,
    ).clauses(user)

    def is_the_report(quarter, on) -> bool:  # the same tasks as of the same day: its own figures
        window = rf.period is None or (quarter.start, quarter.end) == (rf.period.start, rf.period.end)
        return summary is not None and on == rf.as_of and window

    dates, points = [], []
    for quarter in quarters:
        on = min(quarter.end, rf.as_of)
        dates.append(on)
        if is_the_report(quarter, on):
            continue
        own = []
        if rf.period is not None:
            own.append(lambda state, q=quarter: asof.period_clause(state, q.start, q.end))
        points.append((on, own))
    figures = iter(classify.tally_on_dates(points, common))
    out = []
    for quarter, on in zip(quarters, dates, strict=True):
        out.append((quarter, on, summary if is_the_report(quarter, on) else next(figures)))
    return out


def build_rows(user, rf: ReportFilter, block: str) -> tuple[ReportFilter, list[Row]]:
    """One grouping of the report ('agency' or 'document') as `user` may see it, alone: the rows
    the report screen fetches on demand."""
    rf, where = scope(user, rf)
    with collector_paused():  # the rows hold no cycles (build_report)
        if block == "document":
            return rf, by_document(rf, where)
        _total, grouped, ages = classify.tally_sets(rf.as_of, where, ("lead",), ages=True)
        return rf, agency_rows(rf, grouped["lead"], ages)


def build_report(user, rf: ReportFilter, *, with_trend: bool = True) -> Report:
    """Every block of the report `rf` as `user` may see it (None: the command line, everything)."""
    rf, where = scope(user, rf)
    # The summary, by agency (with the overdue tasks' ages), by document and by area: one pass. Its
    # rows (thousands of agencies and documents over a national data set) hold no cycles: built with
    # the collector paused (its full collections were a third of the page's Python time at 1M).
    with collector_paused():
        summary, grouped, ages = classify.tally_sets(rf.as_of, where, ("lead", "document", "area"), ages=True)
        agencies, documents = agency_rows(rf, grouped["lead"], ages), document_rows(grouped["document"])
    plan = db.session.get(Document, rf.plan) if rf.plan else default_plan(rf.as_of)
    plan_counts = None
    if plan is not None:
        plan_where = [Task.document_id == plan.id, *rf.who_clauses(user)]
        if rf.area:
            plan_where.append(Task.area == rf.area)
        plan_counts = classify.tally(rf.as_of, plan_where)
        if user is not None and not user.sees_everything and not plan_counts.total:
            plan, plan_counts = None, None
    return Report(
        filter=rf,
        summary=summary,
        plan=plan,
        plan_counts=plan_counts,
        agencies=agencies,
        documents=documents,
        areas=area_rows(grouped["area"]),
        trend=trend(user, rf, summary=summary) if with_trend else [],
    )
