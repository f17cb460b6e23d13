"""Synthetic data at national scale: `flask --app tracker seed synthetic --tasks N --agencies M`.

63 provinces, each a tree of departments, districts and communes (M agencies in all, with one focal
point each), documents of every kind and issuer level spread over ten years, and N countable tasks
(periodic occurrences included) with lead and coordinating agencies, deadlines (a date, ongoing,
periodic) and a history of about four events a task — exactly the events, task fields and state
spans the workflow operations would have written (see `synthetic_history`). The same seed gives the
same data. Rows are appended in batches with COPY (PostgreSQL) or executemany (SQLite), never
through the ORM.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import secrets
from dataclasses import dataclass, field
from itertools import accumulate

from tracker.core.text import fold
from tracker.documents.models import DOCUMENT_KINDS as KIND_LABELS
from tracker.seed import synthetic_words as words
from tracker.seed.bulk import BulkWriter, iso, stamp
from tracker.seed.synthetic_history import TaskLife, simulate
from tracker.tasks.periodic import periods

# The published password of the synthetic accounts (benchmarks log in with it), not a secret.
SYNTHETIC_PASSWORD = "demo-2026"  # noqa: S105  # nosec B105
DEFAULT_UNTIL = dt.date(2026, 11, 15)
MAIL = "synthetic.tracker.vn"
DAY = dt.timedelta(days=1)

AGENCY_COLS = (
    "id",
    "code",
    "name",
    "kind",
    "parent_id",
    "path",
    "emails",
    "aliases",
    "is_active",
    "successor_id",
    "inactive_since",
    "created_at",
)
USER_COLS = (
    "id",
    "email",
    "full_name",
    "password_hash",
    "role",
    "agency_id",
    "active",
    "session_token",
    "receive_digest",
    "language",
    "created_at",
    "last_login_at",
)
DOC_COLS = (
    "id",
    "symbol",
    "kind",
    "issuer",
    "issuer_level",
    "province_id",
    "issued_on",
    "title",
    "is_urgent",
    "created_by_id",
    "created_at",
)
TASK_COLS = (
    "id",
    "document_id",
    "parent_id",
    "code",
    "position",
    "is_section",
    "series_id",
    "period_label",
    "title",
    "content",
    "search_text",
    "lead_agency_id",
    "area",
    "assigned_on",
    "deadline_kind",
    "period",
    "deadline",
    "original_deadline",
    "deadline_phrase",
    "expected_output",
    "priority",
    "status",
    "progress",
    "completed_on",
    "reported_on",
    "confirmed_on",
    "result_ref",
    "result_note",
    "returned_reason",
    "cancel_reason",
    "extension_count",
    "last_update_on",
    "created_by_id",
    "created_at",
    "updated_at",
    "version",
)
COORD_COLS = ("task_id", "agency_id")
EVENT_COLS = ("id", "task_id", "actor_id", "agency_id", "at", "on_date", "kind", "changes", "comment")
STATE_COLS = (
    "id",
    "task_id",
    "valid_from",
    "valid_to",
    "status",
    "deadline",
    "completed_on",
    "lead_agency_id",
)
EXT_COLS = (
    "id",
    "task_id",
    "requested_by_id",
    "requested_at",
    "current_deadline",
    "requested_deadline",
    "reason",
    "status",
    "decided_by_id",
    "decided_at",
    "decision_note",
)
TABLES = (
    ("documents", DOC_COLS),
    ("tasks", TASK_COLS),
    ("task_coordinators", COORD_COLS),
    ("task_events", EVENT_COLS),
    ("task_states", STATE_COLS),
    ("extension_requests", EXT_COLS),
)


def _json_value(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def to_json(changes: dict) -> str:
    """{field: [old, new]} as JSON; the values here are statuses, ISO dates, codes and integers, so
    the general encoder (much slower) is only needed when a string holds a quote or a backslash."""
    parts = []
    for key, (old, new) in changes.items():
        if (isinstance(old, str) and ('"' in old or "\\" in old)) or (
            isinstance(new, str) and ('"' in new or "\\" in new)
        ):
            return json.dumps(changes, ensure_ascii=False)
        parts.append(f'"{key}": [{_json_value(old)}, {_json_value(new)}]')
    return "{" + ", ".join(parts) + "}"


def split_province(m: int) -> dict[str, int]:
    """How many agencies of each kind a province of `m` agencies has."""
    if m >= 40:
        rest = m - 30
        districts = max(1, rest // 12)
        return {
            "department": 20,
            "central": 5,
            "organisation": 3,
            "public_unit": 2,
            "district": districts,
            "commune": rest - districts,
        }
    departments = max(1, min(20, round(m * 0.5)))
    districts = min(m - departments, max(1 if m >= 3 else 0, round(m * 0.15)))
    return {
        "department": departments,
        "central": 0,
        "organisation": 0,
        "public_unit": 0,
        "district": districts,
        "commune": m - departments - districts,
    }


@dataclass
class Province:
    code: str
    name: str  # "tỉnh An Giang"
    root: int
    departments: list[int] = field(default_factory=list)
    districts: list[int] = field(default_factory=list)
    leads: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    cum: list[float] = field(default_factory=list)
    number: int = 0  # the running number of its documents


class SyntheticData:
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
    ):
        self.w = writer
        self.n_tasks, self.n_agencies, self.until = tasks, agencies, until
        # Reproducible test data, not security.
        self.rng = random.Random(seed)  # nosec B311
        self.password_hash = password_hash
        self.batch, self.progress = batch, progress
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

    # ------------------------------------------------------------ agencies and users

    def agencies_and_users(self) -> None:
        rng, agencies, users = self.rng, [], []

        def agency(code, name, kind, parent: int | None, path: str, email=True) -> int:
            aid = self._id("agencies")
            own = f"{path}{aid}/"
            agencies.append(
                (
                    aid,
                    code,
                    name,
                    kind,
                    parent,
                    own,
                    f"{code.lower()}@{MAIL}" if email else "",
                    "",
                    True,
                    None,
                    None,
                    self.created_at,
                )
            )
            self.codes[aid] = code
            return aid

        monitor_agency = None
        base, extra = divmod(self.n_agencies, len(words.PROVINCES))
        for index, (prefix, pname) in enumerate(words.PROVINCES):
            code = f"T{index + 1:02d}"
            province = Province(
                code=code,
                name=f"{prefix.lower()} {pname}",
                root=agency(code, f"{prefix} {pname}", "external", None, "/", email=False),
            )
            for suffix, label in (
                ("TU", "Tỉnh ủy"),
                ("HDND", "Hội đồng nhân dân"),
                ("UBND", "Ủy ban nhân dân"),
            ):
                agency(f"{code}-{suffix}", f"{label} {province.name}", "external", None, "/", email=False)
            root_path = f"/{province.root}/"
            split = split_province(base + (1 if index < extra else 0))
            for i in range(split["department"]):
                suffix, label, weight = words.DEPARTMENTS[i % len(words.DEPARTMENTS)]
                aid = agency(
                    f"{code}-{suffix}", f"{label} {province.name}", "department", province.root, root_path
                )
                province.departments.append(aid)
                province.leads.append(aid)
                province.weights.append(2.0 * weight)
                if monitor_agency is None and suffix == "SNV":
                    monitor_agency = aid
            for kind, names in (
                ("central", words.CENTRAL),
                ("organisation", words.ORGANISATIONS),
                ("public_unit", words.PUBLIC_UNITS),
            ):
                for i in range(split[kind]):
                    suffix, label = names[i % len(names)]
                    province.leads.append(
                        agency(f"{code}-{suffix}", f"{label} {province.name}", kind, province.root, root_path)
                    )
                    province.weights.append(1.0)
            for j in range(split["district"]):
                dkind = rng.choices(
                    [k for k, _w in words.DISTRICT_KINDS], [w for _k, w in words.DISTRICT_KINDS]
                )[0]
                dname = " ".join(rng.sample(words.DISTRICT_WORDS, 2))
                did = agency(
                    f"{code}-H{j + 1:02d}", f"UBND {dkind} {dname}", "district", province.root, root_path
                )
                province.districts.append(did)
                province.leads.append(did)
                province.weights.append(4.0)
            for k in range(split["commune"]):
                did = province.districts[k % len(province.districts)] if province.districts else province.root
                dpath = f"{root_path}{did}/" if province.districts else root_path
                ckind = rng.choices(
                    [c for c, _w in words.COMMUNE_KINDS], [w for _c, w in words.COMMUNE_KINDS]
                )[0]
                cname = " ".join(rng.sample(words.DISTRICT_WORDS, 2))
                district_code = self.codes[did]
                province.leads.append(
                    agency(f"{district_code}-X{k + 1:03d}", f"UBND {ckind} {cname}", "commune", did, dpath)
                )
                province.weights.append(0.25)
            province.cum = list(accumulate(province.weights))
            self.provinces.append(province)
        stamp0 = self.created_at

        def user(email, role, name, agency_id):
            uid = self._id("users")
            users.append(
                (
                    uid,
                    email,
                    name,
                    self.password_hash,
                    role,
                    agency_id,
                    True,
                    secrets.token_urlsafe(16),
                    True,
                    None,
                    stamp0,
                    None,
                )
            )
            return uid

        self.admin = user(f"admin@{MAIL}", "admin", "Quản trị hệ thống", None)
        self.monitor = user(f"theodoi@{MAIL}", "monitor", "Cán bộ theo dõi", monitor_agency)
        user(f"lanhdao@{MAIL}", "leader", "Lãnh đạo", None)
        for province in self.provinces:
            for aid in province.leads:
                self.focal[aid] = user(
                    f"daumoi.{self.codes[aid].lower()}@{MAIL}", "focal", f"Đầu mối {self.codes[aid]}", aid
                )
        self.w.write("agencies", AGENCY_COLS, agencies)
        self.w.write("users", USER_COLS, users)
        self.province_cum = list(accumulate(len(p.leads) for p in self.provinces))
        self.kinds = list(words.DOCUMENT_KINDS)
        self.kind_cum = list(accumulate(v[2] for v in words.DOCUMENT_KINDS.values()))
        self.areas = list(words.AREA_WEIGHTS)
        self.area_cum = list(accumulate(words.AREA_WEIGHTS.values()))

    # ------------------------------------------------------------ documents and tasks

    def documents(self) -> None:
        rng = self.rng
        while self.countable < self.n_tasks:
            province = rng.choices(self.provinces, cum_weights=self.province_cum)[0]
            kind = rng.choices(self.kinds, cum_weights=self.kind_cum)[0]
            abbr, levels, _weight, (low, high), sectioned = words.DOCUMENT_KINDS[kind]
            level = rng.choices(list(levels), list(levels.values()))[0]
            issued = self.until - int(3650 * rng.random() ** 1.35) * DAY
            province.number += 1
            issuer_abbr, issuer_name = words.ISSUERS[level]
            if kind == "official_letter":
                symbol = f"{province.number}/{issuer_abbr}-{rng.choice(('KSTT', 'NC', 'TH', 'KT', 'VX'))}"
            else:
                symbol = f"{province.number}/{abbr}-{issuer_abbr}"
            symbol = f"{symbol} ({province.code})"
            topic = rng.choice(words.TOPICS)
            title = f"{KIND_LABELS[kind]} về {topic} năm {issued.year}"
            issuer = issuer_name if level in ("government", "ministry") else f"{issuer_name} {province.name}"
            doc_id = self._id("documents")
            self.rows["documents"].append(
                (
                    doc_id,
                    symbol,
                    kind,
                    issuer,
                    level,
                    province.root,
                    iso(issued),
                    title,
                    rng.random() < 0.05,
                    self.monitor,
                    stamp(issued, 0),
                )
            )
            self.counts["documents"] += 1
            self._tasks_of(province, doc_id, symbol, issued, rng.randint(low, high), sectioned, kind)
            if len(self.rows["task_events"]) >= self.batch * 4:
                self.flush()
        self.flush()

    def _tasks_of(self, province, doc_id, symbol, issued, count, sectioned, kind) -> None:
        rng = self.rng
        sections = []
        if sectioned:
            for i in range(rng.randint(2, min(6, max(2, count // 5)))):
                sid = self._id("tasks")
                title = words.SECTION_TITLES[i % len(words.SECTION_TITLES)]
                code = words.ROMAN[i]
                self.rows["tasks"].append(
                    self._row(
                        sid,
                        doc_id,
                        None,
                        code,
                        i,
                        True,
                        None,
                        None,
                        title,
                        "",
                        self._fold(f"{code} {title}"),
                        None,
                        "other",
                        issued,
                        "ongoing",
                        None,
                        None,
                        None,
                        None,
                        "",
                        "normal",
                        None,
                        stamp(issued, 0),
                    )
                )
                sections.append((sid, code))
                self.counts["sections"] += 1
        position = 0
        while count > 0 and self.countable < self.n_tasks:
            position += 1
            parent, code = None, str(position)
            if sections:
                parent, prefix = sections[(position - 1) % len(sections)]
                code = f"{prefix}.{(position - 1) // len(sections) + 1}"
            title = f"{rng.choice(words.VERBS)} {rng.choice(words.TOPICS)}"
            leads = [rng.choices(province.leads, cum_weights=province.cum)[0]]
            if kind in ("official_letter", "conclusion_notice", "directive") and rng.random() < 0.12:
                group = (
                    province.districts if rng.random() < 0.5 and province.districts else province.departments
                )
                leads = group[: max(1, self.n_tasks - self.countable)]
            for lead in leads:
                self._task(province, doc_id, symbol, parent, code, position, title, lead, issued)
            count -= 1

    def _task(self, province, doc_id, symbol, parent, code, position, title, lead, assigned) -> None:
        rng = self.rng
        coordinators = []
        k = rng.choices((0, 1, 2, 3), (55, 25, 12, 8))[0]
        if k:
            coordinators = [a for a in dict.fromkeys(rng.choices(province.departments, k=k)) if a != lead]
        area = rng.choices(self.areas, cum_weights=self.area_cum)[0]
        priority = "urgent" if rng.random() < 0.08 else "normal"
        output = rng.choice(words.OUTPUTS)
        content = f"{title}. Thực hiện theo văn bản số {symbol}."
        # fold() works character by character: folding the parts once each is folding the whole.
        folded_title = self._fold(title)
        search = f"{self._fold(code)} {folded_title} {folded_title}. {self._fold(f'Thực hiện theo văn bản số {symbol}.')}"
        roll = rng.random()
        remaining = self.n_tasks - self.countable
        if roll < 0.015:
            period = rng.choices(("yearly", "half_yearly", "quarterly", "monthly"), (35, 20, 35, 10))[0]
            occurrences = list(periods(period, assigned, self.until + 92 * DAY))
            if 0 < len(occurrences) <= remaining:
                self._series(
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
                )
                return
        phrase = None
        if roll < 0.115:
            kind, deadline = "ongoing", None
            phrase = "Thường xuyên" if rng.random() < 0.5 else None
        else:
            kind = "date"
            deadline = assigned + rng.choice((15, 30, 45, 60, 90, 120, 180, 270, 365, 540)) * DAY
            snap = rng.random()
            if snap < 0.25:
                deadline = dt.date(deadline.year, 12, 31)
                phrase = f"trong năm {deadline.year}"
            elif snap < 0.5:
                quarter = (deadline.month - 1) // 3
                deadline = dt.date(deadline.year, 3 * quarter + 3, (31, 30, 30, 31)[quarter])
                phrase = f"Quý {words.ROMAN[quarter]} năm {deadline.year}"
            elif snap < 0.7:
                phrase = f"trước ngày {deadline.day}/{deadline.month}/{deadline.year}"
        self._life(
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
            None,
            deadline,
            phrase,
            output,
            priority,
            coordinators,
            None,
            None,
        )

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
    engine, *, tasks: int, agencies: int, seed: int = 1, until: dt.date = DEFAULT_UNTIL, progress=None
) -> dict:
    """Generate into the database of `engine` (which may hold other data: ids continue after it)."""
    from tracker.seed.bulk import analyze
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
        )
        try:
            summary = data.run()
        except BaseException:
            # Never hand a connection with foreign-key triggers off back to the pool.
            connection.invalidate()
            raise
    analyze(engine)
    return summary
