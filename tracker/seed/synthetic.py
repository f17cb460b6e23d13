"""Synthetic data at national scale: `flask --app tracker seed synthetic --tasks N --agencies M`.

63 provinces, each a tree of departments, districts and communes (M agencies in all, with one focal
point each), documents of every kind and issuer level spread over ten years, and N countable tasks
(periodic occurrences included) with lead and coordinating agencies, deadlines (a date, ongoing,
periodic) and a history of about four events a task — exactly the events, task fields and state
spans the workflow operations would have written (see `synthetic_history`). The agency trees are
in `synthetic_agencies`, the documents and task trees in `synthetic_documents`, the tables' columns
in `synthetic_rows`; this module writes each task's history and runs the whole. The same seed gives the
same data. Rows are appended in batches with COPY (PostgreSQL) or executemany (SQLite), never
through the ORM.
"""

from __future__ import annotations

import datetime as dt
import json
import random

from sqlalchemy import func, select

from tracker.core.bulk import BulkWriter, iso, stamp
from tracker.core.text import fold
from tracker.seed import synthetic_words as words
from tracker.seed.synthetic_agencies import AgencyTrees, Province
from tracker.seed.synthetic_documents import DocumentTrees
from tracker.seed.synthetic_history import TaskLife, simulate
from tracker.seed.synthetic_rows import DEFAULT_UNTIL, SYNTHETIC_PASSWORD, TABLES, TASK_COLS, to_json
from tracker.tasks import search
from tracker.tasks.models import Task


class SyntheticData(AgencyTrees, DocumentTrees):
    """Generates and writes the data set; `run()` returns a summary."""

    def __init__(
        self,
        writer: BulkWriter,
        *,
        tasks: int,
        agencies: int,
        seed: int = 1,
        until: dt.date = DEFAULT_UNTIL,
        password_hash: str = "",
        batch: int = 20000,
        progress=None,
        open_overdue: float = 0.0,
    ):
        self.w = writer
        self.n_tasks, self.n_agencies, self.until = tasks, agencies, until
        # Reproducible test data, not security.
        self.rng = random.Random(seed)  # nosec B311
        self.password_hash = password_hash
        self.batch, self.progress = batch, progress
        self.open_overdue = open_overdue
        self.ids = writer.next_ids()
        self.created_at = stamp(until, 0)
        self.provinces: list[Province] = []
        self.focal: dict[int, int] = {}  # agency id -> its focal point's user id
        self.codes: dict[int, str] = {}
        self.rows: dict[str, list] = {name: [] for name, _cols in TABLES}
        self.countable = 0
        self.counts = dict.fromkeys(
            ("documents", "tasks", "task_events", "task_states", "sections", "series"), 0
        )
        self._folded: dict[str, str] = {}

    def _id(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    def _fold(self, text: str) -> str:
        value = self._folded.get(text)
        if value is None:
            value = self._folded[text] = fold(text)
        return value

    def _series(
        self,
        doc_id,
        parent,
        code,
        position,
        title,
        content,
        search,
        lead,
        area,
        assigned,
        period,
        output,
        priority,
        coordinators,
        occurrences,
    ) -> None:
        sid = self._id("tasks")
        self.rows["tasks"].append(
            self._row(
                sid,
                doc_id,
                parent,
                code,
                position,
                False,
                None,
                None,
                title,
                content,
                search,
                lead,
                area,
                assigned,
                "periodic",
                period,
                None,
                None,
                words.PERIOD_PHRASES[period],
                output,
                priority,
                None,
                stamp(assigned, 0),
            )
        )
        self.rows["task_coordinators"].extend((sid, a) for a in coordinators)
        # The series' own life: its "created" event (the verb's effects; a series has no state span).
        series = TaskLife(assigned, None, self.codes[lead], lead)
        series.create()
        on, kind, changes, comment, _actor = series.events[0]
        self.rows["task_events"].append(
            (
                self._id("task_events"),
                sid,
                self.monitor,
                None,
                stamp(on, 0),
                iso(on),
                kind,
                json.dumps(changes, ensure_ascii=False),
                comment,
            )
        )
        self.counts["series"] += 1
        self.counts["task_events"] += 1
        for number, (label, begin, end) in enumerate(occurrences, start=1):
            self._life(
                doc_id,
                sid,
                code,
                number,
                f"{title} — {label}",
                content,
                search,
                lead,
                area,
                max(assigned, begin),
                "date",
                None,
                end,
                None,
                output,
                priority,
                coordinators,
                sid,
                label,
            )

    def _life(
        self,
        doc_id,
        parent,
        code,
        position,
        title,
        content,
        search,
        lead,
        area,
        assigned,
        kind,
        period,
        deadline,
        phrase,
        output,
        priority,
        coordinators,
        series,
        label,
    ) -> None:
        tid = self._id("tasks")
        lead_code = self.codes[lead]
        life = simulate(
            self.rng,
            TaskLife(assigned, deadline, lead_code, lead),
            cap=self.until,
            has_coordinators=bool(coordinators),
            occurrence=series is not None,
            result_prefix=lead_code,
            open_overdue=self.open_overdue,
        )
        events = self.rows["task_events"]
        focal, monitor = self.focal[lead], self.monitor
        first = coordinators[0] if coordinators else None
        at = None
        for n, (on, ekind, changes, comment, actor) in enumerate(life.events):
            at = stamp(on, 7 * n)
            if actor == "lead":
                who, agency = focal, lead
            elif actor == "coord":
                who, agency = self.focal[first], first
            else:
                who, agency = monitor, None
            events.append(
                (self._id("task_events"), tid, who, agency, at, iso(on), ekind, to_json(changes), comment)
            )
        states = self.rows["task_states"]
        for valid_from, valid_to, status, state_deadline, completed in life.states:
            states.append(
                (
                    self._id("task_states"),
                    tid,
                    iso(valid_from),
                    iso(valid_to),
                    status,
                    iso(state_deadline),
                    iso(completed),
                    lead,
                    iso(assigned),
                )
            )
        for req in life.requests:
            decided = req.decided_on
            self.rows["extension_requests"].append(
                (
                    self._id("extension_requests"),
                    tid,
                    focal,
                    stamp(req.requested_on, 1),
                    iso(req.current_deadline),
                    iso(req.requested_deadline),
                    req.reason,
                    req.status,
                    monitor if decided else None,
                    stamp(decided, 2) if decided else None,
                    req.decision_note,
                )
            )
        self.rows["task_coordinators"].extend((tid, a) for a in coordinators)
        row = list(
            self._row(
                tid,
                doc_id,
                parent,
                code,
                position,
                False,
                series,
                label,
                title,
                content,
                search,
                lead,
                area,
                assigned,
                kind,
                period,
                life.deadline,
                deadline,
                phrase,
                output,
                priority,
                life,
                at,
            )
        )
        row[TASK_COLS.index("created_at")] = stamp(assigned, 0)
        self.rows["tasks"].append(tuple(row))
        self.countable += 1
        self.counts["task_events"] += len(life.events)
        self.counts["task_states"] += len(life.spans)

    def _row(
        self,
        tid,
        doc_id,
        parent,
        code,
        position,
        is_section,
        series,
        label,
        title,
        content,
        search,
        lead,
        area,
        assigned,
        kind,
        period,
        deadline,
        original,
        phrase,
        output,
        priority,
        life,
        updated_at,
    ):
        """A tasks row in TASK_COLS order; `life` (None for sections and series) gives the workflow fields."""
        self.counts["tasks"] += 1
        if life is None:
            workflow = ("new", 0, None, None, None, "", "", None, None, 0, None)
            version = 1
        else:
            workflow = (
                life.status,
                life.progress,
                iso(life.completed_on),
                iso(life.reported_on),
                iso(life.confirmed_on),
                life.result_ref,
                life.result_note,
                life.returned_reason,
                life.cancel_reason,
                life.extension_count,
                iso(life.last_update_on),
            )
            version = len(life.events)
        return (
            tid,
            doc_id,
            parent,
            code,
            position,
            is_section,
            series,
            label,
            title,
            content,
            search,
            lead,
            area,
            iso(assigned),
            kind,
            period,
            iso(deadline),
            iso(original),
            phrase,
            output,
            priority,
            *workflow,
            self.monitor,
            updated_at,
            updated_at,
            version,
        )

    def flush(self) -> None:
        for name, cols in TABLES:
            self.w.write(name, cols, self.rows[name])
            self.rows[name] = []
        self.w.commit()
        if self.progress is not None:
            self.progress(self.countable)

    def run(self) -> dict:
        self.w.prepare()
        self.agencies_and_users()
        self.w.commit()
        self.documents()
        self.w.finish()
        self.w.commit()
        return {
            "agencies": len(self.codes),
            "users": len(self.focal) + 3,
            "countable_tasks": self.countable,
            **self.counts,
        }


def load_synthetic(
    engine,
    *,
    tasks: int,
    agencies: int,
    seed: int = 1,
    until: dt.date = DEFAULT_UNTIL,
    progress=None,
    open_overdue: float = 0.0,
) -> dict:
    """Generate into the database of `engine` (which may hold other data: ids continue after it)."""
    from tracker.core.bulk import analyze
    from tracker.users.passwords import hash_password

    with engine.connect() as connection:
        writer = BulkWriter(connection)
        data = SyntheticData(
            writer,
            tasks=tasks,
            agencies=agencies,
            seed=seed,
            until=until,
            password_hash=hash_password(SYNTHETIC_PASSWORD),
            progress=progress,
            open_overdue=open_overdue,
        )
        try:
            before = connection.execute(select(func.max(Task.id))).scalar() or 0
            summary = data.run()
            # The rows went around the ORM: the search index of the new tasks (tracker.tasks.search).
            search.reindex(connection, after=before)
            connection.commit()
        except BaseException:
            # Never hand a connection with foreign-key triggers off back to the pool.
            connection.invalidate()
            raise
    analyze(engine)
    return summary
