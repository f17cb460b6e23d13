"""Adding a document's tasks (monitors and admins): one by one, sections to build the tree, and one
directive fanned out to many lead agencies at once (each agency its own task)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from tracker.agencies.forms import KIND_ORDER, agency_choices
from tracker.agencies.models import Agency
from tracker.core.access import roles_required
from tracker.core.forms import save_or_keep
from tracker.core.params import bounded_int
from tracker.db import db
from tracker.documents.forms import FanOutForm, SectionForm, TaskFieldsForm, TaskForm
from tracker.documents.models import Document
from tracker.documents.views import bp
from tracker.tasks import operations as task_ops
from tracker.tasks import placement, rules
from tracker.tasks.models import Task
from tracker.tasks.permissions import get_document_or_404
from tracker.workdays.forms import fill_deadline_from_working_days

# Operation field names -> form field names, to show a refusal next to the right input.
_FIELD = {"lead_agency": "lead_agency_id", "parent": "parent_id", "coordinating": "coordinating"}


def section_choices(document: Document) -> list[tuple[int, str]]:
    """The document's sections in tree order, indented, to choose where a new item goes."""
    sections = db.session.scalars(
        select(Task).where(Task.document_id == document.id, Task.is_section.is_(True))
    ).all()
    children: dict = {}
    for s in sections:
        children.setdefault(s.parent_id, []).append(s)
    out = [(0, _("— Không thuộc mục nào (cấp đầu của văn bản) —"))]

    def walk(parent_id, depth):
        for s in sorted(children.get(parent_id, []), key=lambda x: (x.position, x.code, x.id)):
            label = f"{s.code} — {s.title}" if s.code else s.title
            label = label if len(label) <= 90 else label[:89] + "…"
            out.append((s.id, "\u00a0\u00a0\u00a0" * depth + label))
            walk(s.id, depth + 1)

    walk(None, 0)
    known = {s.id for s in sections}
    for s in sections:  # sections under a task (rare) still appear
        if s.parent_id is not None and s.parent_id not in known and s.id not in {i for i, _ in out}:
            out.append((s.id, s.title))
    return out


def _agencies(document: Document) -> list[Agency]:
    agencies = db.session.scalars(rules.lead_candidates(document.province)).all()
    if not agencies and document.province is not None:
        agencies = db.session.scalars(rules.lead_candidates(None)).all()
    return list(agencies)


def _prepare(form: TaskFieldsForm, document: Document, agencies: list[Agency]) -> None:
    form.parent_id.choices = section_choices(document)
    form.coordinating.choices = agency_choices(agencies)
    if request.method == "GET":
        form.assigned_on.data = document.issued_on
        parent = bounded_int(request.args.get("parent"))
        if parent and any(pid == parent for pid, _ in form.parent_id.choices):
            form.parent_id.data = parent
        if document.is_urgent:
            form.priority.data = "urgent"


def _picked(ids, agencies: list[Agency]) -> list[Agency]:
    by_id = {a.id: a for a in agencies}
    return [by_id[i] for i in ids or [] if i in by_id]


def _task_fields(form: TaskFieldsForm, document: Document, agencies: list[Agency]) -> dict:
    kind = form.deadline_kind.data
    return dict(
        title=form.title.data or "",
        code=(form.code.data or "").strip(),
        content=form.content.data or "",
        parent=placement.parent_for(document, form.parent_id.data),
        coordinating=_picked(form.coordinating.data, agencies),
        area=form.area.data,
        assigned_on=form.assigned_on.data,
        deadline_kind=kind,
        deadline=form.deadline.data if kind != "ongoing" else None,
        period=(form.period.data or None) if kind == "periodic" else None,
        expected_output=form.expected_output.data or "",
        priority=form.priority.data,
        accept_day_off=bool(form.accept_day_off.data),
    )


def _working_days_pending(form: TaskFieldsForm) -> bool:
    """ "hạn: N ngày làm việc": the deadline was just computed (or N is wrong): show it before saving."""
    return form.deadline_kind.data == "date" and fill_deadline_from_working_days(form)


@bp.route("/<int:document_id>/tasks/new", methods=["GET", "POST"])
@roles_required("admin", "monitor")
def add_task(document_id: int):
    """Add one task with its lead agency."""
    document = get_document_or_404(document_id)
    agencies = _agencies(document)
    form = TaskForm()
    _prepare(form, document, agencies)
    form.lead_agency_id.choices = agency_choices(agencies, blank=_("— Chọn cơ quan chủ trì —"))
    if form.validate_on_submit() and not _working_days_pending(form):

        def create():
            fields = _task_fields(form, document, agencies)
            # An agency the list does not offer is passed on: the operation says why it may not lead.
            lead = _picked([form.lead_agency_id.data], agencies) or [
                db.session.get(Agency, form.lead_agency_id.data)
            ]
            return task_ops.create_task(
                current_user._get_current_object(),
                document,
                lead_agency=lead[0],
                position=placement.next_position(document, fields["parent"]),
                **fields,
            )

        outcome = save_or_keep(form, create, fields=_FIELD)
        if outcome.ok:
            task = outcome.value
            flash(
                _(
                    "Đã giao nhiệm vụ «%(title)s» cho %(agency)s.",
                    title=task.title,
                    agency=task.lead_agency.name,
                ),
                "success",
            )
            if request.form.get("then") == "more":
                return redirect(url_for("documents.add_task", document_id=document.id, parent=task.parent_id))
            return redirect(url_for("documents.show", document_id=document.id))
    status = 422 if request.method == "POST" else 200
    return render_template("documents/task_form.html", form=form, document=document), status


@bp.route("/<int:document_id>/sections/new", methods=["GET", "POST"])
@roles_required("admin", "monitor")
def add_section(document_id: int):
    """Add a section (mục) of the document, to build the tree its tasks go under."""
    document = get_document_or_404(document_id)
    form = SectionForm()
    form.parent_id.choices = section_choices(document)
    if request.method == "GET":
        parent = bounded_int(request.args.get("parent"))
        if parent and any(pid == parent for pid, _ in form.parent_id.choices):
            form.parent_id.data = parent
    if form.validate_on_submit():

        def create():
            parent = placement.parent_for(document, form.parent_id.data)
            return task_ops.create_section(
                current_user._get_current_object(),
                document,
                code=(form.code.data or "").strip(),
                title=form.title.data.strip(),
                parent=parent,
                content=form.content.data or "",
                position=placement.next_position(document, parent),
            )

        outcome = save_or_keep(form, create, fields=_FIELD)
        if outcome.ok:
            section = outcome.value
            flash(
                _(
                    "Đã thêm mục «%(section)s». Hãy thêm các nhiệm vụ của mục này.",
                    section=" ".join(x for x in (section.code, section.title) if x),
                ),
                "success",
            )
            return redirect(url_for("documents.show", document_id=document.id))
    status = 422 if request.method == "POST" else 200
    return render_template("documents/section_form.html", form=form, document=document), status


def _signature(groups, extra) -> str:
    return ",".join(sorted(groups or [])) + "|" + ",".join(str(i) for i in sorted(extra or []))


@bp.route("/<int:document_id>/fan-out", methods=["GET", "POST"])
@roles_required("admin", "monitor")
def fan_out(document_id: int):
    """One directive to many lead agencies: groups expand to their active agencies, shown ticked; the
    monitor unticks some and saves; each ticked agency gets its own task."""
    document = get_document_or_404(document_id)
    agencies = _agencies(document)
    form = FanOutForm()
    _prepare(form, document, agencies)
    form.extra_leads.choices = agency_choices(agencies)
    checklist: list[Agency] = []
    if request.method == "POST":
        signature = _signature(form.groups.data, form.extra_leads.data)
        checklist = rules.expand_groups(form.groups.data, document.province)
        listed_ids = {a.id for a in checklist}
        checklist += [a for a in _picked(form.extra_leads.data, agencies) if a.id not in listed_ids]
        if request.form.get("action") == "expand" or form.listed.data != signature:
            if not checklist:
                form.groups.errors = [_("Chọn ít nhất một nhóm cơ quan hoặc một cơ quan.")]
            else:
                if form.listed.data and form.listed.data != signature:
                    flash(
                        _(
                            "Các nhóm cơ quan đã thay đổi: danh sách đã được lập lại, hãy kiểm tra rồi bấm "
                            "«Giao nhiệm vụ»."
                        ),
                        "warning",
                    )
                form.leads.data = [a.id for a in checklist]
                form.listed.data = signature
            return _render_fan_out(form, document, checklist, 200)
        ok = form.validate() and not _working_days_pending(form)
        leads = [a for a in checklist if a.id in set(form.leads.data or [])]
        if ok:

            def create():
                fields = _task_fields(form, document, agencies)
                return task_ops.fan_out(
                    current_user._get_current_object(),
                    document,
                    leads,
                    position=placement.next_position(document, fields["parent"]),
                    **fields,
                )

            outcome = save_or_keep(form, create, fields={**_FIELD, "lead_agency": "leads"})
            if outcome.ok:
                tasks = outcome.value
                flash(
                    _(
                        "Đã giao nhiệm vụ «%(title)s» cho %(n)s cơ quan chủ trì.",
                        title=tasks[0].title,
                        n=len(tasks),
                    ),
                    "success",
                )
                return redirect(url_for("documents.show", document_id=document.id))
        return _render_fan_out(form, document, checklist, 422)
    return _render_fan_out(form, document, checklist, 200)


def _render_fan_out(form: FanOutForm, document: Document, checklist: list[Agency], status: int):
    groups: dict[str, list[Agency]] = {}
    for agency in sorted(checklist, key=lambda a: (KIND_ORDER.index(a.kind), a.name)):
        groups.setdefault(agency.kind, []).append(agency)
    ticked = set(form.leads.data or [])
    return render_template(
        "documents/fan_out.html",
        form=form,
        document=document,
        checklist_groups=groups,
        ticked=ticked,
        listed=bool(checklist) and bool(form.listed.data),
    ), status
