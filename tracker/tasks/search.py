"""Full-text search of tasks: one module for the task list's search box and the API's `q`.

What is searched: a task's document number and symbol, its code and title, the names and codes of
its lead and coordinating agencies, its content and its document's title — in that order of weight.
Case and diacritics do not matter ("chu ky so" finds "chữ ký số", đ -> d: the project's own
`core.text.fold`, the same on both databases), a number or a symbol finds its document's tasks first
("4340", "4340/UBND-KSTT", "91-KL/TU"), the last word may be unfinished ("chuyen doi s"), and the
words found are highlighted (`highlight`).

The words are kept in `task_search` (tracker.tasks.models.TaskSearch), folded once when written;
each database indexes them its own way (migration 0013_search):

- SQLite: an FTS5 table `task_fts` over task_search (external content, kept by triggers), ranked
  by bm25 with the columns' weights;
- PostgreSQL: a stored tsvector column `vector` (the columns as weights A–D) with a GIN index,
  ranked by ts_rank_cd (which also rewards words close together).

Both add the same two bonuses: all the words in the document's symbol (its tasks first), the words
as one phrase (the tasks about "chữ ký số" before those that say "chủ trì", "ký" and "sở").

The write path keeps task_search in step: every flush that adds a task or changes what is searched
(a task's code, title, content, document or agencies; a document's symbol or title; an agency's
name or code) reindexes the tasks concerned in the same transaction (`_reindex_flushed`); the bulk
writers (the import, the synthetic data) call `reindex` with the ids they wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import delete, event, insert, inspect, literal_column, or_, select, text
from sqlalchemy.orm import Session

from tracker.agencies.models import Agency
from tracker.core.text import fold
from tracker.documents.models import Document
from tracker.tasks.models import Task, TaskSearch, task_coordinators

_WORD = re.compile(r"[0-9a-z]+")
MAX_TERMS = 12
CHUNK = 2000

# What the migration makes besides the model's tables: the migrations-match-models test and
# Alembic's autogenerate leave them alone.
UNMODELLED_TABLES = ("task_fts", "task_fts_data", "task_fts_idx", "task_fts_docsize", "task_fts_config")
UNMODELLED_COLUMNS = {("task_search", "vector")}
UNMODELLED_INDEXES = ("ix_task_search_vector",)
# Indexes on an expression, which SQLAlchemy cannot reflect to compare (tests/tasks/test_state_spans.py
# checks this one is there, on both databases).
EXPRESSION_INDEXES = ("ix_task_states_asof",)


def words(text: str | None) -> list[str]:
    """The folded words of `text`: 'Chữ ký số, 4340/UBND-KSTT' -> ['chu', 'ky', 'so', '4340', 'ubnd', 'kstt']."""
    return _WORD.findall(fold(text))


def terms(q: str | None) -> list[str]:
    """The words searched for (at most MAX_TERMS, each once, in order)."""
    seen: list[str] = []
    for word in words(q):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic's comparison: leave out what the migration made outside the models."""
    if type_ == "table" and name in UNMODELLED_TABLES:
        return False
    if type_ == "column" and (getattr(obj.table, "name", None), name) in UNMODELLED_COLUMNS:
        return False
    if type_ == "index" and (name in UNMODELLED_INDEXES or name in EXPRESSION_INDEXES):
        return False
    return True


# ---------------------------------------------------------------- writing


def _row(task_id, code, title, content, symbol, doc_title, agencies: Iterable[str]) -> dict:
    return dict(
        task_id=task_id,
        doc=" ".join(words(symbol)),
        title=" ".join(words(f"{code} {title}")),
        agencies=" ".join(words(" ".join(agencies))),
        body=" ".join(words(f"{content} {doc_title}")),
    )


def reindex(connection, task_ids: Iterable[int] | None = None, *, after: int = 0) -> int:
    """Rewrite the search rows of these tasks (when None: every task whose id is above `after`) on
    `connection`, inside its transaction (never committed here). Returns the number of rows written."""
    written = 0
    if task_ids is None:
        while True:
            ids = list(
                connection.execute(
                    select(Task.id).where(Task.id > after).order_by(Task.id).limit(CHUNK)
                ).scalars()
            )
            if not ids:
                return written
            written += _reindex_chunk(connection, ids)
            after = ids[-1]
    ids = sorted(set(task_ids))
    for start in range(0, len(ids), CHUNK):
        written += _reindex_chunk(connection, ids[start : start + CHUNK])
    return written


def _reindex_chunk(connection, ids: list[int]) -> int:
    tasks = Task.__table__
    docs = Document.__table__
    agencies = Agency.__table__
    rows = connection.execute(
        select(
            tasks.c.id,
            tasks.c.code,
            tasks.c.title,
            tasks.c.content,
            docs.c.symbol,
            docs.c.title,
            agencies.c.name,
            agencies.c.code,
        )
        .select_from(tasks)
        .join(docs, docs.c.id == tasks.c.document_id)
        .outerjoin(agencies, agencies.c.id == tasks.c.lead_agency_id)
        .where(tasks.c.id.in_(ids))
    ).all()
    names: dict[int, list[str]] = {}
    for task_id, name, code in connection.execute(
        select(task_coordinators.c.task_id, agencies.c.name, agencies.c.code)
        .join(agencies, agencies.c.id == task_coordinators.c.agency_id)
        .where(task_coordinators.c.task_id.in_(ids))
    ):
        names.setdefault(task_id, []).extend((name, code))
    values = [
        _row(
            task_id,
            code,
            title,
            content,
            symbol,
            doc_title,
            [lead_name or "", lead_code or "", *names.get(task_id, ())],
        )
        for task_id, code, title, content, symbol, doc_title, lead_name, lead_code in rows
    ]
    connection.execute(delete(TaskSearch.__table__).where(TaskSearch.__table__.c.task_id.in_(ids)))
    if values:
        connection.execute(insert(TaskSearch.__table__), values)
    return len(values)


_TASK_FIELDS = ("code", "title", "content", "document_id", "lead_agency_id", "coordinating_agencies")
_DOCUMENT_FIELDS = ("symbol", "title")
_AGENCY_FIELDS = ("name", "code")


def _changed(obj, fields) -> bool:
    state = inspect(obj)
    return any(state.attrs[f].history.has_changes() for f in fields)


@event.listens_for(Session, "after_flush")
def _reindex_flushed(session, flush_context) -> None:
    """The write path: the tasks whose searched words this flush changed are reindexed in the same
    transaction (a task added or edited, a document's symbol, an agency renamed)."""
    task_ids: set[int] = set()
    document_ids: set[int] = set()
    agency_ids: set[int] = set()
    for obj in session.new:
        if isinstance(obj, Task):
            task_ids.add(obj.id)
    for obj in session.dirty:
        if isinstance(obj, Task) and _changed(obj, _TASK_FIELDS):
            task_ids.add(obj.id)
        elif isinstance(obj, Document) and _changed(obj, _DOCUMENT_FIELDS):
            document_ids.add(obj.id)
        elif isinstance(obj, Agency) and _changed(obj, _AGENCY_FIELDS):
            agency_ids.add(obj.id)
    if not (task_ids or document_ids or agency_ids):
        return
    connection = session.connection()
    if document_ids:
        task_ids.update(
            connection.execute(select(Task.id).where(Task.document_id.in_(document_ids))).scalars()
        )
    if agency_ids:
        task_ids.update(
            connection.execute(
                select(Task.id).where(
                    or_(
                        Task.lead_agency_id.in_(agency_ids),
                        Task.id.in_(
                            select(task_coordinators.c.task_id).where(
                                task_coordinators.c.agency_id.in_(agency_ids)
                            )
                        ),
                    )
                )
            ).scalars()
        )
    reindex(connection, task_ids)


# ---------------------------------------------------------------- searching


def _fts5_query(found: list[str], *, column: str | None = None, phrase: bool = False) -> str:
    """An FTS5 query of folded words (letters and digits only, so nothing needs escaping); the last
    word may be the start of a word."""
    if phrase:
        body = '"' + " ".join(found) + '"*'
    else:
        body = " ".join(f'"{w}"' for w in found[:-1]) + (" " if len(found) > 1 else "") + f'"{found[-1]}"*'
    return f"{{{column}}} : ({body})" if column else body


def _tsquery(found: list[str], *, joiner: str = " & ", weight: str = "") -> str:
    parts = [f"{w}:{weight}" if weight else w for w in found[:-1]]
    parts.append(f"{found[-1]}:*{weight}")
    return joiner.join(parts)


def ranked(dialect: str, q: str):
    """A subquery (task_id, score) of the tasks matching every word of `q`, lower score first
    (None when `q` has no word). Joined to the task list's SELECT by `apply`."""
    found = terms(q)
    if not found:
        return None
    if dialect == "postgresql":
        stmt = text(
            "SELECT task_id, -(ts_rank_cd(vector, to_tsquery('simple', :all), 1)"
            " + CASE WHEN vector @@ to_tsquery('simple', :doc) THEN 10 ELSE 0 END"
            " + CASE WHEN vector @@ to_tsquery('simple', :phrase) THEN 5 ELSE 0 END) AS score"
            " FROM task_search WHERE vector @@ to_tsquery('simple', :all)"
        ).bindparams(
            all=_tsquery(found),
            doc=_tsquery(found, weight="A"),
            phrase=_tsquery(found, joiner=" <-> "),
        )
    else:
        stmt = text(
            # bm25's weights: doc, title, agencies, body.
            "SELECT rowid AS task_id, bm25(task_fts, 10.0, 4.0, 2.0, 1.0)"
            " - CASE WHEN rowid IN (SELECT rowid FROM task_fts WHERE task_fts MATCH :doc) THEN 1000 ELSE 0 END"
            " - CASE WHEN rowid IN (SELECT rowid FROM task_fts WHERE task_fts MATCH :phrase) THEN 500 ELSE 0 END"
            " AS score FROM task_fts WHERE task_fts MATCH :all"
        ).bindparams(
            all=_fts5_query(found),
            doc=_fts5_query(found, column="doc"),
            phrase=_fts5_query(found, phrase=True),
        )
    return stmt.columns(literal_column("task_id"), literal_column("score")).subquery("found")


def apply(stmt, q: str, *, dialect: str, by_relevance: bool):
    """The task SELECT `stmt` narrowed to the tasks matching `q`; ordered by relevance first when
    `by_relevance` (the caller's own order follows as the tie-break)."""
    found = ranked(dialect, q)
    if found is None:
        return stmt, None
    stmt = stmt.join(found, found.c.task_id == Task.id)
    return stmt, (found.c.score.asc() if by_relevance else None)


# ---------------------------------------------------------------- highlighting


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for c in fold(ch) if not ch.isspace() else " ":
            chars.append(c)
            offsets.append(i)
    return "".join(chars), offsets


def _spans(text: str, found: list[str]) -> list[_Span]:
    folded, offsets = _fold_with_offsets(text)
    spans: list[_Span] = []
    last = found[-1] if found else ""
    for m in _WORD.finditer(folded):
        word = m.group()
        if word in found or (last and word.startswith(last)):
            spans.append(_Span(offsets[m.start()], offsets[m.end() - 1] + 1))
    return spans


def highlight(text: str | None, q: str | None) -> Markup:
    """`text` escaped, with the words of `q` found in it (whatever their case and diacritics) in
    <mark>: highlight('Triển khai chữ ký số', 'chu ky so') -> 'Triển khai <mark>chữ</mark> …'."""
    text = text or ""
    found = terms(q)
    if not found or not text:
        return escape(text)
    out = Markup()
    pos = 0
    for span in _spans(text, found):
        out += escape(text[pos : span.start]) + Markup("<mark>{}</mark>").format(text[span.start : span.end])
        pos = span.end
    return out + escape(text[pos:])


def excerpt(text: str | None, q: str | None, *, width: int = 160) -> Markup | None:
    """The part of `text` around the first word of `q` found in it, highlighted (None if none is)."""
    text = " ".join((text or "").split())
    found = terms(q)
    if not found or not text:
        return None
    spans = _spans(text, found)
    if not spans:
        return None
    start = max(0, spans[0].start - width // 3)
    end = min(len(text), start + width)
    if start > 0:
        start = text.find(" ", start) + 1 or start
    piece = highlight(text[start:end], q)
    return ("… " if start > 0 else "") + piece + (" …" if end < len(text) else "")
