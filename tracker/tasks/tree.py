"""A document's task tree as the document page shows it.

The tree mirrors the document's sections (III → III.2 → III.2.b → bullets). A directive fanned out
to many lead agencies is many sibling tasks with the same code and title; they are shown as one
collapsible group ("Các sở, ban, ngành (21 cơ quan): 15 hoàn thành, 6 đang thực hiện") with the
per-agency rows inside, so a programme of 1.500 tasks stays readable. Each node carries the counts of
the tasks below it, in buckets that add up to the total.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from flask_babel import gettext as _

from tracker.agencies.models import AGENCY_KINDS
from tracker.core.dates import today
from tracker.core.text import N_
from tracker.documents.operations import FAN_OUT_GROUPS
from tracker.tasks.classification import category_of
from tracker.tasks.models import Task

# Mutually exclusive buckets (an overdue task is in "overdue", not in "in_progress"), in display order.
BUCKETS = {
    "done": N_("Đã hoàn thành"),
    "reported": N_("Chờ xác nhận"),
    "in_progress": N_("Đang thực hiện"),
    "new": N_("Chưa thực hiện"),
    "overdue": N_("Quá hạn"),
    "cancelled": N_("Đã dừng"),
}
_SHORT = {
    "done": N_("%(n)s hoàn thành"),
    "reported": N_("%(n)s chờ xác nhận"),
    "in_progress": N_("%(n)s đang thực hiện"),
    "new": N_("%(n)s chưa thực hiện"),
    "overdue": N_("%(n)s quá hạn"),
    "cancelled": N_("%(n)s đã dừng"),
}
_GROUP_NAMES = FAN_OUT_GROUPS | {"organisation": N_("Tổ chức chính trị - xã hội")}


def bucket(task: Task, on: dt.date) -> str:
    """The task's status, or "overdue" when the report's rules say so."""
    return "overdue" if category_of(task, on) == "overdue" else task.status


def counts_text(counts: Counter) -> str:
    """'15 hoàn thành, 6 đang thực hiện, 2 quá hạn' (buckets with none left out)."""
    return ", ".join(_(_SHORT[k], n=counts[k]) for k in BUCKETS if counts.get(k))


def count_text(bucket: str, n) -> str:
    """'15 hoàn thành', '2 quá hạn': `n` tasks of one bucket, as the page says it."""
    return _(_SHORT[bucket], n=n)


def agencies_text(agencies, limit: int = 4) -> str:
    """A few agencies by name; many summed up by kind: 'Các sở, ban, ngành (21), UBND cấp huyện (9)'."""
    agencies = list(agencies)
    if len(agencies) <= limit:
        return ", ".join(a.name for a in agencies)
    kinds = Counter(a.kind for a in agencies)
    order = list(_GROUP_NAMES)
    parts = sorted(kinds.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
    return ", ".join(f"{_(_GROUP_NAMES.get(k, AGENCY_KINDS.get(k, k)))} ({n})" for k, n in parts)


@dataclass
class Node:
    kind: str  # "section", "task", "series" (a periodic task and its occurrences) or "group" (a fan-out)
    task: Task
    children: list[Node] = field(default_factory=list)
    members: list[Node] = field(default_factory=list)  # a group's per-agency nodes
    counts: Counter = field(default_factory=Counter)
    matched: bool = True  # the task itself matches the filter (else shown only as context)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def counts_text(self) -> str:
        return counts_text(self.counts)

    @property
    def done_share(self) -> int:
        """Share of done tasks, in %, rounded down to 5 (for the .w-pct-N bars)."""
        return (self.counts.get("done", 0) * 100 // self.total) // 5 * 5 if self.total else 0

    # --- groups

    @property
    def group_label(self) -> str:
        """'Các sở, ban, ngành (21), UBND cấp huyện (9)', or the agencies' names for a small group."""
        return agencies_text(self.lead_agencies, 3)

    @property
    def lead_agencies(self) -> list:
        """The distinct lead agencies of a group's members (after a merge one may lead two copies)."""
        seen: dict = {}
        for m in self.members:
            if m.task.lead_agency is not None:
                seen.setdefault(m.task.lead_agency.id, m.task.lead_agency)
        return list(seen.values())

    @property
    def same_deadline(self) -> Task | None:
        """A member whose deadline all members share (to show it once), or None if they differ."""
        first = self.members[0].task
        key = (first.deadline_kind, first.deadline, first.period)
        if all((m.task.deadline_kind, m.task.deadline, m.task.period) == key for m in self.members):
            return first
        return None


@dataclass
class TreeFilter:
    lead_path: str | None = None  # the chosen agency's path: it and the agencies below it
    bucket: str = ""

    @property
    def active(self) -> bool:
        return bool(self.lead_path or self.bucket)


def _matches(task: Task, flt: TreeFilter, on: dt.date) -> bool:
    if not task.is_countable:
        return False
    if flt.lead_path and not (task.lead_agency and task.lead_agency.path.startswith(flt.lead_path)):
        return False
    if flt.bucket == "due_soon":
        return (
            task.status in ("new", "in_progress")
            and task.deadline is not None
            and on <= task.deadline <= on + dt.timedelta(days=7)
        )
    if flt.bucket and bucket(task, on) != flt.bucket:
        return False
    return True


def _sort_key(t: Task):
    return (t.position, t.code, t.id)


def build_tree(tasks: list[Task], flt: TreeFilter | None = None, on: dt.date | None = None) -> list[Node]:
    """Nest the (visible) tasks under their parents in document order, keep what matches the filter
    and the sections above it, group fan-outs, and count."""
    flt = flt or TreeFilter()
    on = on or today()
    by_id = {t.id: t for t in tasks}
    children: dict[int | None, list[Task]] = defaultdict(list)
    for t in tasks:
        children[t.parent_id if t.parent_id in by_id else None].append(t)

    def node(t: Task) -> Node | None:
        kids = sorted(children.get(t.id, []), key=_sort_key)
        if t.is_series:
            kids.sort(key=lambda k: (k.deadline or dt.date.max, k.id))
        kind = "section" if t.is_section else "series" if t.is_series else "task"
        n = Node(kind, t, matched=_matches(t, flt, on))
        n.children = [c for c in (node(k) for k in kids) if c is not None]
        if not n.matched and not n.children:
            return None
        if n.matched:
            n.counts[bucket(t, on)] += 1
        for c in n.children:
            n.counts.update(c.counts)
        if kind != "series":
            n.children = group_fan_outs(n.children)
        return n

    roots = [n for n in (node(t) for t in sorted(children.get(None, []), key=_sort_key)) if n is not None]
    return group_fan_outs(roots)


def _member_order(n: Node):
    lead = n.task.lead_agency
    if lead is None:
        return (99, "", n.task.id)
    order = list(_GROUP_NAMES)
    return (order.index(lead.kind) if lead.kind in order else 98, lead.name, n.task.id)


def group_fan_outs(nodes: list[Node]) -> list[Node]:
    """Siblings with the same code and title led by two or more agencies are one directive fanned out:
    replace them by one group node (at the place of the first), keeping the others as they are."""
    keyed: dict[tuple, list[Node]] = defaultdict(list)
    for n in nodes:
        if n.kind in ("task", "series"):
            keyed[(n.task.code, n.task.title)].append(n)
    out: list[Node] = []
    done: set[tuple] = set()
    for n in nodes:
        key = (n.task.code, n.task.title)
        same = keyed.get(key) if n.kind in ("task", "series") else None
        if not same or len({m.task.lead_agency_id for m in same}) < 2:
            out.append(n)
            continue
        if key in done:
            continue
        done.add(key)
        members = sorted(same, key=_member_order)
        group = Node("group", members[0].task, members=members)
        for m in members:
            group.counts.update(m.counts)
        out.append(group)
    return out


def totals(tasks: list[Task], on: dt.date | None = None) -> Counter:
    """The document's counts per bucket (countable tasks only)."""
    on = on or today()
    return Counter(bucket(t, on) for t in tasks if t.is_countable)
