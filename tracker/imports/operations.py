"""Writing what an import checked: tasks with their history, agencies, a programme's tree.

A task row is written as the workflow's own verbs (`tracker.tasks.operations`) would write it:
create_task, create_section, post_progress, report_completion, confirm_completion, cancel_task,
with the rows' dates as `on=`, so the events and the reportable state (TaskState) of an imported
task are those it would have had in the tracker, and reports as of past dates come out right.
A big file is written in batches without the ORM (`tracker.imports.batch`, which shares the
verbs' checks and effects); the verbs themselves play the rows when asked (`fast=False`), and the
tests compare the two. The steps a historic row plays, on behalf of its lead agency: see `tracker.imports.history`.
Like every operation here, this flushes and never commits; the caller commits once — all rows
or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import nullcontext

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from tracker.agencies.models import Agency
from tracker.agencies.operations import create_agency
from tracker.agencies.registry import load_registry
from tracker.audit import log as audit
from tracker.core.collector import collector_paused
from tracker.core.dates import today
from tracker.core.errors import DomainError, PermissionDenied
from tracker.db import db
from tracker.documents.models import Document
from tracker.imports import history, reimport
from tracker.imports.batch import BatchWriter
from tracker.imports.history import AgencyOnRecord, CommandLine
from tracker.imports.spreadsheet import DocumentInfo, ExistingTask, ParseResult, TaskContext, symbol_key
from tracker.tasks import effects, permissions
from tracker.tasks import operations as workflow
from tracker.tasks.models import Task
from tracker.tasks.recording import store

__all__ = ["AgencyOnRecord", "CommandLine", "task_context", "write_agencies", "write_tasks"]

Progress = Callable[[int, int], None] | None


# ── what the database holds, for the checks ─────────────────────────────────────────────
def task_context(symbols: set[str] | None = None) -> TaskContext:
    """The registry, the documents, and (read when the check asks, for the file's documents only)
    the tasks already in them, for re-imports. `symbols`: read those documents' tasks now."""
    reg = load_registry()
    codes = {a.id: a.code for a in reg.infos}
    documents = {}
    for doc in db.session.scalars(select(Document)).all():
        province = codes.get(doc.province_id)
        documents[symbol_key(doc.symbol)] = DocumentInfo(doc.id, doc.symbol, doc.issued_on, province)

    def load(keys: set[str]) -> dict[str, list[ExistingTask]]:
        by_id = {documents[k].id: k for k in keys if k in documents}
        existing: dict[str, list[ExistingTask]] = {}
        ids = sorted(by_id)
        for start in range(0, len(ids), 900):  # SQLite's limit on bound parameters
            stmt = (
                select(Task)
                .where(Task.document_id.in_(ids[start : start + 900]), Task.series_id.is_(None))
                .options(selectinload(Task.coordinating_agencies))
            )
            for task in db.session.scalars(stmt):
                existing.setdefault(by_id[task.document_id], []).append(
                    ExistingTask(
                        task.id,
                        task.code,
                        task.title,
                        codes.get(task.lead_agency_id),
                        task.is_section,
                        _values(task),
                    )
                )
        return existing

    context = TaskContext(reg, documents, {}, today(), load_existing=load)
    if symbols is not None:
        context.existing_for(set(symbols))
    return context


def _values(task: Task) -> dict:
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return {
        "title": task.title,
        "content": task.content,
        "coordinating": [a.code for a in task.coordinating_agencies],
        "area": task.area,
        "assigned_on": iso(task.assigned_on),
        "deadline_kind": task.deadline_kind,
        "deadline": iso(task.deadline),
        "original_deadline": iso(task.original_deadline),
        "period": task.period,
        "status": task.status,
        "completed_on": iso(task.completed_on),
        "expected_output": task.expected_output,
    }


# ── tasks ───────────────────────────────────────────────────────────────────────────────
def write_tasks(
    actor, result: ParseResult, *, progress: Progress = None, batch: int = 1000, fast: bool = True
) -> dict:
    """Create the checked rows' documents, sections and tasks, and play each historic row's
    history with its dates. Monitors only; refuses a result with errors. Returns counts.

    The rows are written in batches (`tracker.imports.batch`: what the verbs would write, appended
    table by table without the ORM); `fast=False` plays them through the verbs themselves, one by
    one — the reference the batch writer is tested against."""
    if not permissions.can_manage(actor):
        raise PermissionDenied(_("Chỉ cán bộ theo dõi mới được nhập nhiệm vụ."))
    if result.errors:
        raise DomainError(_("Tệp còn %(n)s lỗi; chưa nhập dòng nào.", n=len(result.errors)))
    written = reimport.already_written(result, task_context())
    if written:
        # Another import wrote these rows after this one was checked (see tracker.imports.locks).
        raise DomainError(
            _(
                "Tệp «%(filename)s» đã được nhập: %(n)s dòng trong tệp nay đã có trong hệ thống. Chưa có gì được ghi; hãy tải tệp lên lại để xem những dòng còn thiếu.",
                filename=result.filename,
                n=len(written),
            )
        )
    former = {r["former_lead"] for r in result.rows if r.get("former_lead")}
    agencies = {
        a.code: a
        for a in db.session.scalars(
            select(Agency).where(or_(Agency.is_active.is_(True), Agency.code.in_(former or [""])))
        )
    }
    documents = {symbol_key(d.symbol): d for d in db.session.scalars(select(Document))}
    for new in result.new_documents:
        key = symbol_key(new["symbol"])
        if key in documents:
            continue
        doc = Document(
            symbol=new["symbol"],
            kind=new["kind"],
            issuer="",
            issuer_level="committee",
            issued_on=dt.date.fromisoformat(new["issued_on"]),
            title="",
            created_by_id=getattr(actor, "id", None),
        )
        db.session.add(doc)
        documents[key] = doc
    db.session.flush()
    rows = [r for r in result.rows if r["action"] == "create"]
    # Parents before their children: by the depth of the code, then in the file's order.
    depth = lambda r: r["code"].count(".") if r["code"] else 0  # noqa: E731
    rows.sort(key=lambda r: (depth(r), r["row"]))
    comment = _("Nhập từ tệp «%(filename)s»", filename=result.filename)
    if fast:
        writer = BatchWriter(actor, agencies, documents, comment)
    else:
        writer = _ThroughVerbs(
            actor, agencies, documents, comment, {r["parent_row"] for r in rows if r["parent_row"]}
        )
    total, done, start = len(rows), 0, 0
    # The batch writer builds no cycles (the ORM's objects do: the verbs run with the collector on).
    with collector_paused() if fast else nullcontext():
        while start < total:
            # A batch: rows of one depth (their parents are all written before), at most `batch`.
            level = depth(rows[start])
            chunk = []
            while start < total and len(chunk) < batch and depth(rows[start]) == level:
                chunk.append(rows[start])
                start += 1
            writer.write(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
    sections = sum(1 for r in rows if r["section"])
    audit.record(
        "import.tasks",
        None,
        actor=actor if getattr(actor, "id", None) else None,
        filename=result.filename,
        created=total,
        skipped=result.count("skip"),
        conflicts=result.count("conflict"),
        documents=len(result.new_documents),
    )
    touched = {symbol_key(r["document"]) for r in rows}
    return {
        "created": total,
        "tasks": total - sections,
        "sections": sections,
        "skipped": result.count("skip"),
        "conflicts": result.count("conflict"),
        "documents": len(result.new_documents),
        "document_links": sorted(
            ([d.id, d.symbol] for k, d in documents.items() if k in touched), key=lambda x: x[1]
        ),
    }


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class _ThroughVerbs:
    """Writes a batch of rows through the workflow verbs, task by task (see `write_tasks`)."""

    def __init__(
        self,
        actor,
        agencies: dict[str, Agency],
        documents: dict[str, Document],
        comment: str,
        parents: set[int],
    ):
        self.actor, self.agencies, self.documents, self.comment = actor, agencies, documents, comment
        self.parents = parents
        self.kept: dict[int, Task] = {}  # row -> the task, for the rows that are parents
        self.proxies: dict[int, AgencyOnRecord] = {}

    def parent_of(self, row: dict) -> Task | None:
        if row["parent_row"]:
            return self.kept[row["parent_row"]]
        return db.session.get(Task, row["parent_id"]) if row["parent_id"] else None

    def write(self, chunk: list[dict]) -> None:
        actor, agencies = self.actor, self.agencies
        with workflow.recording_in_bulk():
            specs, task_rows = [], []
            for row in chunk:
                document = self.documents[symbol_key(row["document"])]
                if row["section"]:
                    self.kept[row["row"]] = workflow.create_section(
                        actor,
                        document,
                        code=row["code"],
                        title=row["title"],
                        parent=self.parent_of(row),
                        content=row["content"],
                        position=row["row"],
                    )
                    continue
                lead = agencies[history.first_lead(row)]
                specs.append(
                    dict(
                        document=document,
                        title=row["title"],
                        lead_agency=lead,
                        historic=bool(row.get("former_lead")),
                        coordinating=[agencies[c] for c in row["coordinating"] if c in agencies],
                        parent=self.parent_of(row),
                        code=row["code"],
                        content=row["content"],
                        area=row["area"],
                        assigned_on=dt.date.fromisoformat(row["assigned_on"]),
                        deadline_kind=row["deadline_kind"],
                        deadline=_day(row.get("original_deadline") or row["deadline"]),
                        period=row["period"],
                        deadline_phrase=row["deadline_phrase"],
                        expected_output=row["expected_output"],
                        priority=row["priority"],
                        position=row["row"],
                    )
                )
                task_rows.append(row)
            tasks = workflow.create_tasks(actor, specs) if specs else []
            for row, task in zip(task_rows, tasks, strict=True):
                self._history(task, row)
                if row["row"] in self.parents:
                    self.kept[row["row"]] = task
            db.session.flush()
        # Keep the session small on a big file: what is flushed stays in the transaction; the
        # agencies, documents, parents and the actor still needed are attached again.
        db.session.expunge_all()
        workflow.forget_recorded_states()
        for obj in (*agencies.values(), *self.documents.values(), *self.kept.values()):
            db.session.add(obj)
        if getattr(actor, "id", None) is not None and hasattr(actor, "_sa_instance_state"):
            db.session.add(actor)

    def _proxy(self, agency: Agency) -> AgencyOnRecord:
        if agency.id not in self.proxies:
            self.proxies[agency.id] = AgencyOnRecord(agency, self.actor)
        return self.proxies[agency.id]

    def _history(self, task: Task, row: dict) -> None:
        """Play a historic row's status with its dates, in the order they happened; the lead's steps
        are its lead's at the time (a task moved in a reorganisation: the former lead's before)."""
        request = None
        for verb, step in history.steps(row, task.assigned_on, self.comment):
            by, arguments = history.by_agency(step)
            actor = self._proxy(task.lead_agency) if verb in history.LEAD_STEPS else self.actor
            if by is not None:
                actor = self._proxy(next(a for a in task.coordinating_agencies if a.code == by))
            if verb == "move_lead":
                # The reorganisation's move, as history the import records (tasks.effects.move_lead):
                # the import as a whole is a monitor's, as for the batch writer (history.play).
                successor = self.agencies[arguments.pop("successor")]
                store(self.actor, task, effects.move_lead(task, successor, **arguments))
                continue
            if verb == "request_extension":
                request = workflow.request_extension(actor, task, **arguments)
            elif verb == "approve_extension":
                workflow.approve_extension(actor, request, **arguments)
            else:
                getattr(workflow, verb)(actor, task, **arguments)


# ── agencies ────────────────────────────────────────────────────────────────────────────
def write_agencies(actor, result: ParseResult, *, progress: Progress = None) -> dict:
    """Create the checked agencies (parents first). Admins only (None: the command line)."""
    if actor is not None and not actor.is_admin:
        raise PermissionDenied(_("Chỉ quản trị viên mới nhập được danh mục cơ quan."))
    if result.errors:
        raise DomainError(_("Tệp còn %(n)s lỗi; chưa nhập dòng nào.", n=len(result.errors)))
    rows = [r for r in result.rows if r["action"] == "create"]
    existing = {a.code: a for a in db.session.scalars(select(Agency))}
    pending = list(rows)
    done = 0
    while pending:
        ready = [r for r in pending if not r["parent"] or r["parent"] in existing]
        if not ready:
            raise DomainError(_("Cơ quan cấp trên tạo thành vòng lặp."))
        for row in ready:
            existing[row["code"]] = create_agency(
                actor,
                code=row["code"],
                name=row["name"],
                kind=row["kind"],
                parent=existing.get(row["parent"]) if row["parent"] else None,
                emails=row["emails"],
                aliases=row["aliases"],
            )
            done += 1
            if progress and (done % 50 == 0 or done == len(rows)):
                progress(done, len(rows))
        pending = [r for r in pending if r not in ready]
    db.session.flush()
    return {"created": len(rows), "skipped": result.count("skip"), "conflicts": result.count("conflict")}


# ── a programme read from its text ──────────────────────────────────────────────────────
