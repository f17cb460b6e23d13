"""The floor: the report figures as of a date D in one hand-written SQL aggregate.

The same figures as the report module (`tracker.reports.classify.tally`: total, the five categories of
DOMAIN.md, due soon, extended) from the same tables — each countable task assigned by D, not
cancelled as of D, classified by the state it held at the end of D (`task_states`, [valid_from,
valid_to)), the spans alone: each carries its task's assignment date and only countable tasks have
spans (migration 0015; until then this joined tasks for both). Nothing can be much faster on this schema, so the benchmark prints the report module's
time as a ratio to it, and the backup test compares figures with it. Its conditions are the rules of
`tracker.tasks.classification` written out by hand (to time them; the summary counts with FILTER, the
fewest conditions a row): the classification tests check it against that module on every combination
of status and dates.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, bindparam, text

from tracker.tasks.classification import DUE_SOON_DAYS

FIGURES = (
    "total",
    "done_on_time",
    "done_late",
    "awaiting_confirmation",
    "overdue",
    "in_progress_on_time",
    "due_soon",
    "extended",
)

_SELECT = """
SELECT {key}
  COUNT(*) AS total,
  SUM(CASE WHEN s.status = 'done' AND (s.deadline IS NULL OR s.completed_on IS NULL
                                       OR s.completed_on <= s.deadline) THEN 1 ELSE 0 END) AS done_on_time,
  SUM(CASE WHEN s.status = 'done' AND s.completed_on > s.deadline THEN 1 ELSE 0 END) AS done_late,
  SUM(CASE WHEN s.status = 'reported' THEN 1 ELSE 0 END) AS awaiting_confirmation,
  SUM(CASE WHEN s.status IN ('new', 'in_progress') AND s.deadline < :d THEN 1 ELSE 0 END) AS overdue,
  SUM(CASE WHEN s.status IN ('new', 'in_progress') AND (s.deadline IS NULL OR s.deadline >= :d)
           THEN 1 ELSE 0 END) AS in_progress_on_time,
  SUM(CASE WHEN s.status IN ('new', 'in_progress') AND s.deadline >= :d AND s.deadline <= :soon
           THEN 1 ELSE 0 END) AS due_soon,
  SUM(CASE WHEN s.task_id IN (SELECT e.task_id FROM task_events e
                              WHERE e.kind = 'extension_approved' AND e.on_date <= :d) THEN 1 ELSE 0 END) AS extended
FROM task_states s
WHERE coalesce(s.valid_to, '9999-12-31') > :d AND s.valid_from <= :d
  AND s.assigned_on <= :d AND s.status <> 'cancelled'
  {where}
{group}
"""

_IN_SUBTREE = (
    "AND s.lead_agency_id IN (SELECT a.id FROM agencies a WHERE a.path LIKE "
    "(SELECT p.path FROM agencies p WHERE p.id = :agency) || '%')"
)


# One row, counted with FILTER: the fewest conditions per row (done, done late, reported, open and
# overdue, open; on time and in progress are the rest of their status) — at a million tasks the
# expressions per row cost more than reading the rows (the by-agency form above keeps its CASEs).
# On SQLite the whole tracker's extended tasks are counted apart, driven by the task ids with an
# approved extension.
_SUMMARY = """
SELECT
  COUNT(*) AS total,
  COUNT(*) FILTER (WHERE s.status = 'done') AS done,
  COUNT(*) FILTER (WHERE s.status = 'done' AND s.completed_on > s.deadline) AS done_late,
  COUNT(*) FILTER (WHERE s.status = 'reported') AS awaiting_confirmation,
  COUNT(*) FILTER (WHERE s.status IN ('new', 'in_progress')) AS open,
  COUNT(*) FILTER (WHERE s.status IN ('new', 'in_progress') AND s.deadline < :d) AS overdue,
  COUNT(*) FILTER (WHERE s.status IN ('new', 'in_progress') AND s.deadline >= :d AND s.deadline <= :soon)
    AS due_soon
  {extended}
FROM task_states s
WHERE coalesce(s.valid_to, '9999-12-31') > :d AND s.valid_from <= :d
  AND s.assigned_on <= :d AND s.status <> 'cancelled'
  {where}
"""
_EXTENDED = "s.task_id IN (SELECT e.task_id FROM task_events e WHERE e.kind = 'extension_approved' AND e.on_date <= :d)"
_EXTENDED_IN_SUMMARY = f", COUNT(*) FILTER (WHERE {_EXTENDED}) AS extended"
_EXTENDED_APART = """
SELECT COUNT(*) AS extended
FROM task_states s
WHERE coalesce(s.valid_to, '9999-12-31') > :d AND s.valid_from <= :d
  AND s.assigned_on <= :d AND s.status <> 'cancelled'
  AND s.task_id IN (SELECT e.task_id FROM task_events e WHERE e.kind = 'extension_approved' AND e.on_date <= :d)
  {where}
"""


def _summary_statement(*, subtree: bool, sqlite: bool, extended_only: bool = False):
    where = _IN_SUBTREE if subtree else ""
    if extended_only:
        sql = _EXTENDED_APART.format(where=where)
        params = [bindparam("d", type_=Date)]
    else:
        sql = _SUMMARY.format(extended="" if sqlite else _EXTENDED_IN_SUMMARY, where=where)
        params = [bindparam("d", type_=Date), bindparam("soon", type_=Date)]
    if subtree:
        params.append(bindparam("agency", type_=Integer))
    return text(sql).bindparams(*params)


def _statement(*, by_agency: bool = False, subtree: bool = False):
    sql = _SELECT.format(
        key="s.lead_agency_id AS agency_id," if by_agency else "",
        where=_IN_SUBTREE if subtree else "",
        group="GROUP BY s.lead_agency_id" if by_agency else "",
    )
    params = [bindparam("d", type_=Date), bindparam("soon", type_=Date)]
    if subtree:
        params.append(bindparam("agency", type_=Integer))
    return text(sql).bindparams(*params)


def _params(on: dt.date, **extra) -> dict:
    return {"d": on, "soon": on + dt.timedelta(days=DUE_SOON_DAYS), **extra}


def _figures(row) -> dict[str, int]:
    return {name: int(getattr(row, name) or 0) for name in FIGURES}


def summary(connection, on: dt.date, agency_id: int | None = None) -> dict[str, int]:
    """The figures as of `on` over all tasks, or over those led (as of `on`) by `agency_id` and the
    agencies below it (a province: its root agency)."""
    # The extended tasks counted apart on SQLite for the whole tracker only (as classify.tally).
    sqlite = connection.dialect.name == "sqlite" and agency_id is None
    params = _params(on) if agency_id is None else _params(on, agency=agency_id)
    subtree = agency_id is not None
    row = connection.execute(_summary_statement(subtree=subtree, sqlite=sqlite), params).one()._mapping
    if sqlite:
        apart = {k: v for k, v in params.items() if k != "soon"}
        extended = connection.execute(
            _summary_statement(subtree=subtree, sqlite=True, extended_only=True), apart
        ).scalar()
    else:
        extended = row["extended"]
    return {
        "total": row["total"],
        "done_on_time": row["done"] - row["done_late"],
        "done_late": row["done_late"],
        "awaiting_confirmation": row["awaiting_confirmation"],
        "overdue": row["overdue"],
        "in_progress_on_time": row["open"] - row["overdue"],
        "due_soon": row["due_soon"],
        "extended": int(extended or 0),
    }


def by_agency(connection, on: dt.date) -> dict[int, dict[str, int]]:
    """lead agency id (as of `on`) -> its figures as of `on`."""
    rows = connection.execute(_statement(by_agency=True), _params(on))
    return {row.agency_id: _figures(row) for row in rows}
