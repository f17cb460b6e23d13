"""Writing checked task rows in batches: the rows the workflow verbs would write, without the ORM.

An import of 50.000 rows through the verbs (create_task, post_progress, report_completion,
confirm_completion, cancel_task) costs about a millisecond a row in the ORM: an object per row of
every table, an INSERT then an UPDATE per task. Here each row is played in Python on a draft of
the task — its steps (`history.steps`), each the verb's own effects (`tracker.tasks.effects`: its
checks, its fields, its rows), which this module only stores (`_store`: the event, the state span by
`effects.next_span`, the audit entry, the webhook delivery), and the same occurrences of a periodic
task (`tracker.tasks.periodic`) — and each table's rows of a batch go to the database at once
(`core.bulk.BulkWriter`:
COPY on PostgreSQL, executemany on SQLite), the tasks first, in their final state, then their
events, states, coordinating agencies and audit entries. Ids come out in the order the verbs give
them. `tests/imports/test_batch_write.py` writes files both ways and compares every row.

Like the verbs, this writes inside the caller's transaction and never commits.
"""

from __future__ import annotations

import copy
import datetime as dt
import json

from sqlalchemy import Date, func, select, text

from tracker.agencies.models import Agency
from tracker.audit import log as audit
from tracker.core.bulk import BulkWriter, iso
from tracker.db import db, utcnow
from tracker.documents.models import Document
from tracker.imports import history
from tracker.imports.history import AgencyOnRecord
from tracker.imports.spreadsheet import symbol_key
from tracker.tasks import effects, periodic, search
from tracker.tasks.models import ExtensionRequest, Task, TaskState
from tracker.webhooks import hooks
from tracker.webhooks import operations as webhooks

TASKS = Task.__table__
TASK_COLUMNS = tuple(c.key for c in TASKS.columns if not c.primary_key)
DATE_COLUMNS = tuple(i for i, key in enumerate(TASK_COLUMNS) if isinstance(TASKS.c[key].type, Date))
EVENT_COLUMNS = ("task_id", "actor_id", "agency_id", "at", "on_date", "kind", "changes", "comment")
# A span's columns but its id, in the table's order (the order _span_values builds them in).
STATE_COLUMNS = tuple(c.key for c in TaskState.__table__.columns if not c.primary_key)
AUDIT_COLUMNS = ("at", "actor_id", "ip", "action", "object_type", "object_id", "details")
# The verbs flush a batch once after playing its histories: a task with a history is inserted,
# then updated once (its version column counts the writes).
VERSION_AFTER_HISTORY = 2


def _stored(moment: dt.datetime) -> str:
    """A UTCDateTime as the database stores it (naive UTC), written as SQLAlchemy writes it on SQLite."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def _blank_task(now: str) -> dict:
    """Every column of a new task as the model's defaults give it (timestamps: `now`)."""
    row = {}
    for column in TASKS.columns:
        if column.primary_key:
            continue
        default = column.default
        row[column.key] = None if default is None else now if default.is_callable else default.arg
    return row


class Draft:
    """A task being imported: its columns as attributes (Task's names), its lead agency and document
    (for webhook payloads), its open state span, and its id once inserted."""

    def __init__(self, fields: dict, document: Document, lead_agency: Agency | None):
        self.__dict__.update(fields)
        self.id = None
        self.document = document
        self.lead_agency = lead_agency
        self.span: effects.StateSpan | None = None

    @property
    def is_series(self) -> bool:
        return self.deadline_kind == "periodic" and self.series_id is None

    @property
    def coordinating_agencies(self) -> list[Agency]:
        """Task's name for its coordinating agencies (the effects read and set it)."""
        return self.coordinating

    @coordinating_agencies.setter
    def coordinating_agencies(self, agencies: list[Agency]) -> None:
        self.coordinating = agencies

    def values(self) -> list:
        """Its columns (TASK_COLUMNS) as stored."""
        fields = self.__dict__
        values = [fields[key] for key in TASK_COLUMNS]
        for i in DATE_COLUMNS:
            values[i] = iso(values[i])
        return values


def _span_values(span: effects.StateSpan, draft) -> tuple:
    """A state span's row (STATE_COLUMNS) as stored."""
    return (
        draft.id,
        iso(span.valid_from),
        iso(span.valid_to),
        span.status,
        iso(span.deadline),
        iso(span.completed_on),
        span.lead_agency_id,
        iso(draft.assigned_on),
    )


# The extension requests a historic row plays: the table's columns but its id, as TASK_COLUMNS.
REQUEST_COLUMNS = tuple(c.key for c in ExtensionRequest.__table__.columns if not c.primary_key)


class BatchWriter:
    """Writes the checked rows of an import (`write_tasks` hands it one batch at a time: rows of one
    depth, so that the parents of a batch are all written before it)."""

    def __init__(self, actor, agencies: dict[str, Agency], documents: dict[str, Document], comment: str):
        self.actor = actor
        self.created_by_id = getattr(actor, "id", None)
        self.agencies = agencies
        self.documents = documents
        self.comment = comment
        self.ids: dict[int, int] = {}  # a row's number -> its task's id (for its children)
        self.proxies: dict[int, AgencyOnRecord] = {}
        self.until = periodic.default_until()
        self.out = BulkWriter(db.session.connection())

    # ------------------------------------------------------------ one batch

    def write(self, chunk: list[dict]) -> None:
        self.now = utcnow()
        self.stamp = _stored(self.now)
        self.blank = _blank_task(self.stamp)
        self.events: list[tuple[Draft, dict]] = []
        self.spans: list[tuple[Draft, effects.StateSpan]] = []
        self.audits: list[tuple[Draft, dict]] = []
        self.hooked: list[tuple[str, Draft, Draft]] = []
        self.requests: list[tuple[Draft, effects.RequestDraft]] = []
        self.wanted = {event for hook in webhooks.active_webhooks() for event in hook.events or []}
        sections = [row for row in chunk if row["section"]]
        rows = [row for row in chunk if not row["section"]]
        # Sections first, then the tasks, then the occurrences of the periodic ones: the verbs' order.
        heads = [self._section(row) for row in sections]
        self._insert(heads)
        for row, draft in zip(sections, heads, strict=True):
            self.ids[row["row"]] = draft.id
        drafts = [self._task(row) for row in rows]
        occurrences: list[Draft] = []
        for draft in drafts:
            occurrences.extend(self._created(draft))
        for row, draft in zip(rows, drafts, strict=True):
            self._history(draft, row)
        self._insert(drafts)
        for row, draft in zip(rows, drafts, strict=True):
            self.ids[row["row"]] = draft.id
        for occurrence in occurrences:
            occurrence.parent_id = occurrence.series_id = occurrence.series.id
        self._insert(occurrences)
        out = self.out
        out.write(
            "task_coordinators",
            ("task_id", "agency_id"),
            [(d.id, a.id) for d in (*drafts, *occurrences) for a in d.coordinating],
        )
        out.write(
            "task_events",
            EVENT_COLUMNS,
            [
                (
                    d.id,
                    e["actor_id"],
                    e["agency_id"],
                    self.stamp,
                    iso(e["on_date"]),
                    e["kind"],
                    json.dumps(e["changes"]),
                    e["comment"],
                )
                for d, e in self.events
            ],
        )
        out.write("task_states", STATE_COLUMNS, [_span_values(s, d) for d, s in self.spans])
        out.write(
            "extension_requests",
            REQUEST_COLUMNS,
            [
                (
                    d.id,
                    self.created_by_id,
                    self.stamp,
                    iso(r.current_deadline),
                    iso(r.requested_deadline),
                    r.reason,
                    r.status,
                    self.created_by_id if r.decided_on else None,
                    self.stamp if r.decided_on else None,
                    r.decision_note,
                )
                for d, r in self.requests
            ],
        )
        # The rows went around the ORM: the search index is told of them here (tracker.tasks.search).
        search.reindex(out.connection, [d.id for d in (*heads, *drafts, *occurrences)])
        out.write(
            "audit_log",
            AUDIT_COLUMNS,
            [
                (
                    self.stamp,
                    e["actor_id"],
                    e["ip"],
                    e["action"],
                    e["object_type"],
                    str(d.id),
                    json.dumps(e["details"]),
                )
                for d, e in self.audits
            ],
        )
        self._deliver()

    def _insert(self, drafts: list[Draft]) -> None:
        """Insert new tasks and learn their ids, in order: on PostgreSQL taken from the sequence first,
        on SQLite given by the database (one writer at a time: the rows of one statement get
        consecutive ids, checked)."""
        if not drafts:
            return
        out, n = self.out, len(drafts)
        if out.is_pg:
            ids = sorted(
                out.connection.execute(
                    text("SELECT nextval(pg_get_serial_sequence('tasks', 'id')) FROM generate_series(1, :n)"),
                    {"n": n},
                ).scalars()
            )
            out.write(
                "tasks", ("id", *TASK_COLUMNS), [(i, *d.values()) for i, d in zip(ids, drafts, strict=True)]
            )
        else:
            out.write("tasks", TASK_COLUMNS, [d.values() for d in drafts])
            last = out.connection.exec_driver_sql("SELECT last_insert_rowid()").scalar()
            ids = range(last - n + 1, last + 1)
            if (
                out.connection.execute(select(func.count()).where(TASKS.c.id.between(ids[0], last))).scalar()
                != n
            ):
                raise RuntimeError("tasks inserted with ids out of order")
        for draft, task_id in zip(drafts, ids, strict=True):
            draft.id = task_id

    # ------------------------------------------------------------ what the verbs do, row by row

    def _parent_id(self, row: dict) -> int | None:
        return self.ids[row["parent_row"]] if row["parent_row"] else row["parent_id"]

    def _section(self, row: dict) -> Draft:
        """create_section."""
        document = self.documents[symbol_key(row["document"])]
        fields = effects.section_fields(
            issued_on=document.issued_on,
            code=row["code"],
            title=row["title"],
            content=row["content"],
            position=row["row"],
            created_by_id=self.created_by_id,
        )
        draft = Draft(
            {**self.blank, **fields, "document_id": document.id, "parent_id": self._parent_id(row)},
            document,
            None,
        )
        self._store(self.actor, draft, effects.section_created(draft, symbol=document.symbol))
        return draft

    def _task(self, row: dict) -> Draft:
        """create_tasks' checks and new task (`_new_task`)."""
        document = self.documents[symbol_key(row["document"])]
        lead = self.agencies[history.first_lead(row)]
        fields = effects.new_task_fields(
            historic=bool(row.get("former_lead")),
            issued_on=document.issued_on,
            title=row["title"],
            lead_agency=lead,
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
            created_by_id=self.created_by_id,
        )
        draft = Draft(
            {
                **self.blank,
                **fields,
                "document_id": document.id,
                "parent_id": self._parent_id(row),
                "lead_agency_id": lead.id,
            },
            document,
            lead,
        )
        draft.first_deadline = _day(row.get("original_deadline") or row["deadline"])
        draft.coordinating = [
            a for c in row["coordinating"] if (a := self.agencies.get(c)) and a.id != lead.id
        ]
        return draft

    def _created(self, draft: Draft) -> list[Draft]:
        """create_tasks' `_task_created`: the "created" event, the first state, the audit entry, the
        webhook, and the occurrences of a periodic task. Returns the occurrences."""
        done = effects.created(draft, lead_code=draft.lead_agency.code, symbol=draft.document.symbol)
        self._store(self.actor, draft, done)
        return self._occurrences(draft) if draft.deadline_kind == "periodic" else []

    def _occurrences(self, series: Draft) -> list[Draft]:
        """periodic.extend_occurrences for a new series."""
        out = []
        planned = periodic.new_periods(series.period, series.assigned_on, self.until, series.first_deadline)
        for position, (label, begin, deadline) in enumerate(planned, start=1):
            fields = periodic.occurrence_fields(series, label, begin, deadline, position, self.created_by_id)
            occurrence = Draft({**self.blank, **fields}, series.document, series.lead_agency)
            occurrence.series = series
            occurrence.coordinating = series.coordinating
            self._store(self.actor, occurrence, effects.occurrence_created(occurrence))
            out.append(occurrence)
        return out

    def _history(self, draft: Draft, row: dict) -> None:
        """A historic row's steps (`history.steps`), each the verb's effects (`history.play`)."""
        played = history.steps(row, draft.assigned_on, self.comment)
        if not played:
            return
        request = None
        for verb, step in played:
            by, arguments = history.by_agency(step)
            # The lead's steps are its lead's at the time (moved in a reorganisation: the former's).
            actor = self._proxy(draft.lead_agency) if verb in history.LEAD_STEPS else self.actor
            if by is not None:
                actor = self._proxy(self.agencies[by])
            if verb == "move_lead":
                arguments["successor"] = self.agencies[arguments["successor"]]
            done = history.play(verb, draft, arguments, request)
            if done.request is not None:  # an extension asked for: its row, decided by the next step
                request = effects.RequestDraft(arguments["on"], done.request)
                self.requests.append((draft, request))
            elif verb == "approve_extension":
                request.decided_on = arguments["on"]
            self._store(actor, draft, done)
        # The verb asking for an extension flushes what the steps before it changed (its request
        # row is read back): one more write of the task when some step came before it.
        verbs = [verb for verb, _arguments in played]
        asked = verbs.index("request_extension") if "request_extension" in verbs else 0
        draft.version = VERSION_AFTER_HISTORY + (asked > 0)

    def _proxy(self, agency: Agency) -> AgencyOnRecord:
        if agency.id not in self.proxies:
            self.proxies[agency.id] = AgencyOnRecord(agency, self.actor)
        return self.proxies[agency.id]

    # ------------------------------------------------------------ the rows of a verb's effects

    def _store(self, actor, draft: Draft, done: effects.Effects) -> None:
        """recording.store, as rows of this batch: the event (`at`: the batch's time), the state span
        (on the draft's open span), the audit entry, the webhook."""
        if done.kind is not None:
            self.events.append(
                (draft, effects.event_values(None, actor, done.kind, done.changes, done.comment, done.on))
            )
        if done.state and not (draft.is_section or draft.is_series):
            values = effects.state_values(draft)
            start = effects.next_span(draft.span, values, done.on, draft.assigned_on)
            if start is not None:
                draft.span = effects.StateSpan(start, values)
                self.spans.append((draft, draft.span))
        if done.audit is not None:
            self._audit(done.audit, draft, actor, **done.details)
        if done.hook is not None:
            self._hook(done.hook, draft)

    def _audit(self, action: str, draft: Draft, actor, **details) -> None:
        self.audits.append((draft, audit.values(action, "Task", None, actor, details)))

    def _hook(self, kind: str, draft: Draft) -> None:
        """webhooks.hooks.task_event: the payload holds the task's fields at this step (a copy of the
        draft, given its id once inserted). Only when some active webhook wants the event."""
        if hooks.EVENTS[kind] in self.wanted:
            self.hooked.append((kind, draft, copy.copy(draft)))

    def _deliver(self) -> None:
        if not self.hooked:
            return
        deliveries = []
        for kind, draft, snapshot in self.hooked:
            snapshot.id = draft.id
            deliveries.extend(webhooks.deliveries(hooks.EVENTS[kind], snapshot))
        db.session.add_all(deliveries)
        db.session.flush()
        hooks.sent_after_response(deliveries)


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
