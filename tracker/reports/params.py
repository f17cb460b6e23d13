"""A report's parameters as the command line and the API take them, made into a ReportFilter.

Both take the same parameters under the same names — `from`, `to` (the period: tasks assigned in
it), `as_of` (the cut-off date D: default the period's end, or today), `document` (symbols,
repeatable; without a period: all tasks of those documents), `agency` (a lead agency's code, with
the agencies below it), `issuer`, `area`, `group` (historic / current) — and are checked here by
the same rules with the same messages. (The report page has its own form: official periods by
name, dates typed dd/mm/yyyy.) Who may count what is decided afterwards, by
`queries.restrict_to_user` and `ReportFilter.clauses`, as for the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select

from tracker.agencies.models import Agency
from tracker.core.dates import today
from tracker.core.errors import DomainError
from tracker.db import db
from tracker.documents.models import ISSUER_LEVELS, Document
from tracker.reports import periods, scopes
from tracker.reports.queries import GROUPINGS, ReportFilter, default_plan, documents_seen_by
from tracker.tasks.models import AREAS


def quoted(name: str) -> str:
    """How the API's messages name a parameter: «from». (The CLI's say --from.)"""
    return f"«{name}»"


def _messages(name) -> dict[str, str]:
    return {
        "period_end": f"Cần cả ngày đầu kỳ {name('from')} và ngày cuối kỳ {name('to')}.",
        "scope": f"Cần kỳ báo cáo ({name('from')} và {name('to')}) hoặc ít nhất một văn bản {name('document')}.",
        "reversed": f"Ngày cuối kỳ {name('to')} không được trước ngày đầu kỳ {name('from')}.",
    }


def _document_ids(symbols: Iterable[str], user) -> list[int]:
    stmt = select(Document.id)
    if user is not None and not user.sees_everything:
        # A document none of whose tasks the user sees is unknown to it, as on the page.
        stmt = stmt.where(Document.id.in_(documents_seen_by(user)))
    out = []
    for symbol in symbols:
        doc_id = db.session.scalar(stmt.where(func.upper(Document.symbol) == symbol.strip().upper()))
        if doc_id is None:
            raise DomainError(f"Không có văn bản «{symbol}».", field="document")
        out.append(doc_id)
    return out


def find_scope(key: str | None, name=quoted) -> scopes.Scope:
    """The named scope `key` (tracker.reports.scopes); DomainError naming the parameter otherwise."""
    scope = scopes.find(key)
    if scope is None:
        raise DomainError(
            f"Phạm vi {name('scope')} «{key}» không hợp lệ; chọn một trong: {', '.join(scopes.SCOPES)}.",
            field="scope",
        )
    return scope


def apply_scope(rf: ReportFilter, scope: scopes.Scope, name=quoted) -> ReportFilter:
    """`rf` narrowed to the named scope, for the page, the command line and the API alike: the
    scope's issuer unless an issuer was chosen; a cumulative scope counts every task of the
    documents chosen, or of the year's CCHC plan (the plan of Biểu mẫu 01 item 2), whenever
    assigned, as of the same date. DomainError when a cumulative scope finds no plan."""
    rf.scope = scope.key
    if not rf.issuer_level:
        rf.issuer_level = scope.issuer_level
    if scope.cumulative:
        rf.period = None
        if not rf.documents:
            plan = db.session.get(Document, rf.plan) if rf.plan else default_plan(rf.as_of)
            if plan is None:
                raise DomainError(
                    f"Chưa có kế hoạch CCHC nào ban hành trong năm {rf.as_of.year} đến ngày "
                    f"{rf.as_of:%d/%m/%Y}: hãy chọn kế hoạch hoặc văn bản {name('document')}".rstrip()
                    + ".",
                    field="document",
                )
            rf.documents = [plan.id]
    return rf


def report_filter(
    *,
    start: dt.date | None,
    end: dt.date | None,
    as_of: dt.date | None = None,
    documents: Iterable[str] = (),
    agency: str | None = None,
    issuer: str | None = None,
    area: str | None = None,
    grouping: str | None = None,
    scope: str | None = None,
    user=None,
    name=quoted,
) -> ReportFilter:
    """The ReportFilter of these parameters; raises DomainError naming the parameter at fault
    (`field`: from, to, document, agency, issuer, area, group, scope; `name(field)` is how the
    message writes it). `user` None is the command line. No `scope`: what the filters say (`all`)."""
    messages = _messages(name)
    named = find_scope(scope, name) if scope else None
    if (start is None) != (end is None):
        raise DomainError(messages["period_end"], field="to" if end is None else "from")
    documents = list(documents)
    if start is None and not documents and not (named and named.cumulative):
        raise DomainError(messages["scope"], field="from")
    if start is not None and end < start:
        raise DomainError(messages["reversed"], field="to")
    if issuer and issuer not in ISSUER_LEVELS:
        raise DomainError(
            f"Cấp ban hành «{issuer}» không hợp lệ; chọn một trong: {', '.join(ISSUER_LEVELS)}.",
            field="issuer",
        )
    if area and area not in AREAS:
        raise DomainError(
            f"Lĩnh vực «{area}» không hợp lệ; chọn một trong: {', '.join(AREAS)}.", field="area"
        )
    grouping = grouping or "historic"
    if grouping not in GROUPINGS:
        raise DomainError(
            f"Cách nhóm «{grouping}» không hợp lệ; chọn một trong: {', '.join(GROUPINGS)}.", field="group"
        )
    lead = None
    if agency:
        lead = db.session.scalar(select(Agency.id).where(func.upper(Agency.code) == agency.strip().upper()))
        if lead is None:
            raise DomainError(f"Không có cơ quan mã «{agency}».", field="agency")
    period = periods.find(start, end) if start is not None else None
    on = as_of or (end if end is not None else today())
    rf = ReportFilter(
        as_of=on,
        period=period,
        documents=_document_ids(documents, user),
        issuer_level=issuer or "",
        lead=lead,
        area=area or "",
        grouping=grouping,
    )
    return apply_scope(rf, named, name) if named else rf
