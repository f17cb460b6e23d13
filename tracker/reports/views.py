"""The report page, its print view and its Excel / Word exports. Every user may open them; a focal
point gets its own agency's figures only (tracker.reports.queries.restrict_to_user)."""

from __future__ import annotations

import datetime as dt
import math
from contextlib import nullcontext
from dataclasses import dataclass, field

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from tracker.agencies.models import ISSUER_KINDS, Agency
from tracker.audit import log as audit
from tracker.core.dates import parse_user_date, today
from tracker.core.errors import DomainError
from tracker.core.params import bounded_int
from tracker.core.text import matches
from tracker.db import db
from tracker.documents.models import ISSUER_LEVELS, Document
from tracker.letterhead import settings as letterhead
from tracker.reports import charts, classify, export_docx, export_pdf, export_xlsx, narrative, periods, scopes
from tracker.reports.params import apply_scope
from tracker.reports.queries import (
    GROUPINGS,
    ReportFilter,
    build_report,
    build_rows,
    documents_seen_by,
)
from tracker.reports.queries import (
    scope as report_scope,
)
from tracker.reports.queries import (
    trend as quarters_trend,
)
from tracker.tasks import permissions
from tracker.tasks.models import AREAS, CATEGORIES, Task

bp = Blueprint("reports", __name__, url_prefix="/reports")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class ReportForm:
    """The report form's values as typed (kept on errors) and the errors, by field."""

    values: dict
    errors: dict = field(default_factory=dict)
    filter: ReportFilter | None = None


def _date(form: ReportForm, name: str, label: str) -> dt.date | None:
    text = (form.values.get(name) or "").strip()
    if not text:
        return None
    try:
        return parse_user_date(text)
    except ValueError as e:
        form.errors[name] = _("%(label)s: %(error)s", label=label, error=e)
        return None


def parse_form(args) -> ReportForm:
    """The report form from the query; with no arguments, the latest closed official quarter and
    the scope the Ministry's form asks for (scopes.PAGE_DEFAULT: Biểu mẫu 01, item 5)."""
    now = today()
    fallback = periods.latest_closed(now)
    scope = scopes.find(args.get("scope"))
    values = {
        "period": args.get("period") or fallback.key,
        "year": args.get("year") or str(fallback.year),
        "from": args.get("from", ""),
        "to": args.get("to", ""),
        "as_of": args.get("as_of", ""),
        "scope": scope.key if scope else scopes.PAGE_DEFAULT,
        "document": [d for d in (bounded_int(v) for v in args.getlist("document")) if d][:100],
        "issuer": args.get("issuer") if args.get("issuer") in ISSUER_LEVELS else "",
        "lead": bounded_int(args.get("lead")),
        "area": args.get("area") if args.get("area") in AREAS else "",
        "grouping": args.get("grouping") if args.get("grouping") in GROUPINGS else "historic",
        "plan": bounded_int(args.get("plan")),
    }
    form = ReportForm(values)
    period = None
    if values["period"] == "custom":
        start, end = _date(form, "from", _("Ngày bắt đầu")), _date(form, "to", _("Ngày kết thúc"))
        if not form.errors:
            if start is None or end is None:
                form.errors["from"] = _("Hãy nhập ngày bắt đầu và ngày kết thúc của kỳ báo cáo.")
            elif end < start:
                form.errors["to"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
            else:
                period = periods.find(start, end)
    elif values["period"] in periods.OFFICIAL_PERIODS:
        year = bounded_int(values["year"])
        if year is None or not 2000 <= year <= now.year + 1:
            form.errors["year"] = _("Năm «%(year)s» không hợp lệ.", year=values["year"])
        else:
            period = periods.official(values["period"], year)
    else:
        form.errors["period"] = _("Hãy chọn kỳ báo cáo.")
    as_of = _date(form, "as_of", _("Ngày chốt số liệu"))
    if as_of is None and period is not None:
        as_of = min(period.end, now)
    if as_of is not None and as_of > now:
        form.errors["as_of"] = _("Ngày chốt số liệu không thể sau ngày hôm nay.")
    if not form.errors and as_of is not None:
        rf = ReportFilter(
            as_of=as_of,
            period=period,
            documents=values["document"],
            issuer_level=values["issuer"],
            lead=values["lead"],
            area=values["area"],
            grouping=values["grouping"],
            plan=values["plan"],
        )
        try:
            form.filter = apply_scope(rf, scopes.SCOPES[values["scope"]], name=lambda field: "")
        except DomainError as e:
            form.errors[e.field or "scope"] = e.message
    return form


# At most this many documents offered in the form (the newest, and those chosen): a national
# instance has thousands, which would weigh megabytes on every report page.
DOCUMENT_CHOICES_MAX = 300


def _offered_documents(docs, param: str = "document") -> list:
    """The newest DOCUMENT_CHOICES_MAX of `docs` and those chosen in the address (`param`)."""
    order = (Document.issued_on.desc(), Document.symbol)
    docs = docs.with_only_columns(Document.id, Document.symbol, Document.title)  # what an option shows
    newest = db.session.execute(docs.order_by(*order).limit(DOCUMENT_CHOICES_MAX)).all()
    chosen = [d for d in (bounded_int(v) for v in request.args.getlist(param)) if d][:100]
    missing = set(chosen) - {d.id for d in newest}
    if missing:
        newest += db.session.execute(docs.where(Document.id.in_(missing)).order_by(*order)).all()
    return newest


def _offered_agencies(stmt) -> list:
    """The lead agencies offered: a focal point's own first, then those below it; for those who see
    everything the highest in the tree first; at most DOCUMENT_CHOICES_MAX, and the chosen one."""
    if current_user.sees_everything:
        order = (func.length(Agency.path), Agency.is_active.desc(), Agency.kind, Agency.name)
    else:
        order = (Agency.path, Agency.is_active.desc(), Agency.kind, Agency.name)
    stmt = stmt.with_only_columns(Agency.id, Agency.name, Agency.is_active)  # what an option shows
    agencies = db.session.execute(stmt.order_by(*order).limit(DOCUMENT_CHOICES_MAX)).all()
    chosen = bounded_int(request.args.get("lead"))
    if chosen and chosen not in {a.id for a in agencies}:
        agencies += db.session.execute(stmt.where(Agency.id == chosen)).all()
    return agencies


def _choices():
    """Agencies and documents offered in the form: only those the user may see."""
    stmt = select(Agency).where(Agency.kind.not_in(ISSUER_KINDS))
    docs = select(Document)
    plans = select(Document).where(Document.kind.in_(("plan", "action_programme")))
    if not current_user.sees_everything:
        stmt = stmt.where(Agency.id.in_(permissions.scope_agency_ids(current_user)))
        visible = select(Task.document_id).where(permissions.visible_tasks_clause(current_user))
        docs, plans = docs.where(Document.id.in_(visible)), plans.where(Document.id.in_(visible))
    return {
        # A focal point's own agency first, then those below it.
        "agencies": _offered_agencies(stmt),
        "documents": _offered_documents(docs),
        # A national instance has thousands of plans (half a megabyte of options): the newest ones.
        "plans": _offered_documents(plans, "plan"),
    }


def _form():
    form = parse_form(request.args)
    if form.filter is not None and not current_user.sees_everything:
        # A focal point may only name documents it sees (their symbols appear on the report).
        allowed = set(db.session.scalars(documents_seen_by(current_user)))
        form.filter.documents = [d for d in form.filter.documents if d in allowed]
        if form.filter.plan not in allowed:
            form.filter.plan = None
    return form


def _report_or_form(*, with_trend: bool = True):
    form = _form()
    report = (
        build_report(current_user, form.filter, with_trend=with_trend) if form.filter is not None else None
    )
    return form, report


# The report screen shows the first rows of the long groupings (by agency, by document, the
# overdue tasks' ages), with the whole report's totals; the next rows and a search open on demand
# (reports.rows, a fragment of rows; the page itself without JavaScript), and the exports hold
# every row: the screen of a national data set (5.905 documents, 8.000 plans) stays small and quick.
ROWS_PER_PAGE = {"agency": 20, "document": 20, "ages": 20}
PRINT_ROWS = 100
SEARCH_MAX = 100  # characters of a search in a grouping


@dataclass
class RowPage:
    """One page of a grouping's rows on the report screen (among those matching its search)."""

    rows: list
    page: int
    pages: int
    total: int
    param: str
    first: int  # the 1-based number of the page's first row
    kind: str = ""
    q: str = ""

    @property
    def q_param(self) -> str:
        return f"{self.kind}_q"

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1


def row_page(rows: list, kind: str, args=None) -> RowPage:
    """The page `{kind}_page` of `rows`, those matching `{kind}_q` (every word, whatever the case
    and diacritics, in the name, code or title of the row)."""
    args = args or {}
    q = (args.get(f"{kind}_q") or "").strip()[:SEARCH_MAX]
    if q:
        rows = [r for r in rows if matches(q, r.label, r.code, r.detail)]
    size = ROWS_PER_PAGE[kind]
    param = f"{kind}_page"
    pages = max(1, math.ceil(len(rows) / size))
    page = min(bounded_int(args.get(param)) or 1, pages)
    start = (page - 1) * size
    return RowPage(rows[start : start + size], page, pages, len(rows), param, start + 1, kind, q)


def print_rows(rows: list) -> RowPage:
    """The print view's rows of a grouping: the first PRINT_ROWS (the rest are in the exports)."""
    return RowPage(rows[:PRINT_ROWS], 1, 1, len(rows), "", 1)


def overdue_rows(agencies: list) -> list:
    """The agencies with tasks overdue, the most first (the table of the overdue tasks' ages)."""
    return sorted((r for r in agencies if r.counts.overdue), key=lambda r: (-r.counts.overdue, r.rank or 0))


def ages_total(agencies: list) -> dict:
    """The overdue tasks of every agency by age band (the ages table's total row)."""
    out = dict.fromkeys(classify.AGE_BANDS, 0)
    for row in agencies:
        for band, n in (row.ages or {}).items():
            out[band] += n
    return out


def _row_pages(agencies: list, documents: list, args) -> dict:
    return {
        "agency": row_page(agencies, "agency", args),
        "document": row_page(documents, "document", args),
        "ages": row_page(overdue_rows(agencies), "ages", args),
    }


def _context(form, report):
    ctx = {
        "form": form,
        "report": report,
        "official_periods": periods.OFFICIAL_PERIODS,
        "scopes": scopes.SCOPES,
        "issuer_levels": ISSUER_LEVELS,
        "areas": AREAS,
        "groupings": GROUPINGS,
        "categories": CATEGORIES,
        "age_bands": classify.AGE_BANDS,
        "charts": None,
        "pdf_available": export_pdf.available(),
    }
    if report is not None:
        ctx["charts"] = charts.for_report(report)
        ctx["row_pages"] = _row_pages(report.agencies, report.documents, request.args)
        ctx["ages_total"] = ages_total(report.agencies)
    return ctx


@bp.route("/")
@login_required
def index():
    # The last four quarters' chart is fetched by the page once it is shown (reports.trend_chart):
    # over all the data of a national instance it is a tally per quarter, a third of the page's time.
    form, report = _report_or_form(with_trend=False)
    trend_url = url_for("reports.trend_chart", **request.args.to_dict(flat=False)) if report else None
    return render_template("reports/index.html", **_context(form, report), **_choices(), trend_url=trend_url)


@bp.route("/trend")
@login_required
def trend_chart():
    """The report screen's chart of the last four quarters (the page's own filter, the same scope as
    the page): fetched by the page, or opened by itself without JavaScript."""
    form = _form()
    if form.filter is None:
        return Response("; ".join(str(e) for e in form.errors.values()), status=422, mimetype="text/plain")
    rf, _where = report_scope(current_user, form.filter)
    return render_template("reports/_trend.html", chart=charts.trend(quarters_trend(current_user, rf)))


@bp.route("/rows")
@login_required
def rows():
    """The rows of one grouping of the report screen (?block=agency|document|ages, the page's own
    filter, `{block}_page` and `{block}_q`): the next rows or a search, fetched by the page. Only
    that grouping is counted, with the same scope as the page (a focal point's own agencies)."""
    block = request.args.get("block")
    if block not in ROWS_PER_PAGE:
        return Response(_("Bảng không hợp lệ."), status=404, mimetype="text/plain")
    form = _form()
    if form.filter is None:
        return Response("; ".join(str(e) for e in form.errors.values()), status=422, mimetype="text/plain")
    rf, grouped = build_rows(current_user, form.filter, "document" if block == "document" else "agency")
    if block == "ages":
        grouped = overdue_rows(grouped)
    rp = row_page(grouped, block, request.args)
    return render_template(
        "reports/_rows.html", rp=rp, rf=rf, block=block, categories=CATEGORIES, age_bands=classify.AGE_BANDS
    )


@bp.route("/print")
@login_required
def print_view():
    # The print view's toolbar is the screen's, in the session's language; the document below it is not.
    toolbar = {
        "title": _("Bản in báo cáo · Theo dõi nhiệm vụ"),
        "print": _("In báo cáo"),
        "pdf": _("Tải PDF"),
        "back": _("Quay lại trang báo cáo"),
        "hint": _(
            "Báo cáo khổ A4 đứng, phụ lục khổ A4 ngang, như bản Word. Trong hộp thoại in, chọn «In đồ họa nền» "
            "để giữ màu biểu đồ."
        ),
    }
    lang = _lang_attribute()
    with force_locale(export_docx.OFFICIAL_LANGUAGE):
        form, report = _report_or_form()
        if report is None:
            return render_template("reports/index.html", **_context(form, report), **_choices()), 422
        texts = narrative.texts(report, letterhead.load())
        ctx = _context(form, report)
        ctx["row_pages"] = {"agency": print_rows(report.agencies), "document": print_rows(report.documents)}
        return render_template("reports/print.html", **ctx, doc=texts, toolbar=toolbar, toolbar_lang=lang)


def _lang_attribute() -> str:
    return str(get_locale() or "vi")


def _download(kind: str):
    language = _lang_attribute()
    with force_locale(export_docx.OFFICIAL_LANGUAGE) if kind != "xlsx" else nullcontext():
        return _made_download(kind, language)


def _made_download(kind: str, language: str):
    form, report = _report_or_form()
    if report is None:
        return render_template("reports/index.html", **_context(form, report), **_choices()), 422
    # Word / PDF: the full report (letter and appendix), or ?part=appendix for the appendix alone.
    appendix = kind != "xlsx" and request.args.get("part") == "appendix"
    rf = report.filter
    if rf.period is None:
        stamp = "van-ban"
    elif rf.period.key in periods.QUARTERS:
        stamp = rf.period.short_name.replace("/", "-").lower()
    else:
        stamp = f"{rf.period.start:%d%m%Y}-{rf.period.end:%d%m%Y}"
    name = f"{'phu-luc' if appendix else 'bao-cao'}-{stamp}-den-{rf.as_of:%d-%m-%Y}.{kind}"
    if kind == "xlsx":
        body, mimetype = export_xlsx.to_bytes(report), XLSX
    else:
        body, mimetype = export_docx.to_bytes(report, appendix_only=appendix), DOCX
        if kind == "pdf":
            try:
                body, mimetype = export_pdf.docx_to_pdf(body), "application/pdf"
            except export_pdf.ConversionError as e:
                with force_locale(language):  # the page says it in the session's language
                    flash(e.in_language(), "warning")
                return redirect(url_for("reports.index", **request.args.to_dict(flat=False)))
    with force_locale("vi"):  # the audit log's data, in the language it is kept in
        audit.record(
            f"report.export_{kind}",
            actor=current_user._get_current_object(),
            as_of=rf.as_of,
            period=rf.period.name if rf.period else None,
            lead=rf.lead,
            issuer=rf.issuer_level,
            appendix_only=appendix,
        )
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


@bp.route("/export.xlsx")
@login_required
def export_excel():
    return _download("xlsx")


@bp.route("/export.docx")
@login_required
def export_word():
    return _download("docx")


@bp.route("/export.pdf")
@login_required
def export_pdf_file():
    return _download("pdf")
