"""The state spans carry what a report's population test reads of their task (migration 0015): the
task's assignment date, and spans for countable tasks only — so a report over the spans alone
(tracker.reports.classify.tally without the join to tasks) counts exactly the tasks the join counts.
Checked on every path that writes spans: the workflow operations (creation, edits of the lead and
the deadline, periodic occurrences, sections), the synthetic data set and the import's batch writer."""

import datetime as dt

from sqlalchemy import func, select, text

from tracker.reports import classify
from tracker.tasks import asof, operations
from tracker.tasks.models import Task

# Spans whose carried columns differ from their task's, or whose task is not countable.
MISMATCHES = text(
    """
    SELECT s.id FROM task_states s JOIN tasks t ON t.id = s.task_id
    WHERE s.assigned_on <> t.assigned_on
       OR t.is_section OR (t.deadline_kind = 'periodic' AND t.series_id IS NULL)
    """
)
# Countable tasks without a span.
UNSPANNED = text(
    """
    SELECT t.id FROM tasks t
    WHERE NOT t.is_section AND (t.deadline_kind <> 'periodic' OR t.series_id IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM task_states s WHERE s.task_id = t.id)
    """
)


def _check(db) -> None:
    assert db.session.execute(MISMATCHES).all() == []
    assert db.session.execute(UNSPANNED).all() == []


def _join_and_spans_agree(on: dt.date) -> None:
    """The tally over the spans alone equals the tally with the join to tasks (forced by a condition
    on a task column that every task meets)."""
    everything = [Task.id.isnot(None)]
    assert classify.tally(on) == classify.tally(on, everything)
    assert classify.tally(on, group_by="lead") == classify.tally(on, everything, group_by="lead")


def test_the_workflow_writes_spans_carrying_the_tasks_assignment_date(make, db, freeze):
    freeze(dt.date(2024, 8, 15))
    a, b = make.agency("SA"), make.agency("SB")
    monitor, focal = make.monitor(), make.user("focal", agency=a)
    document = make.document(issued_on=dt.date(2024, 1, 2))
    operations.create_section(monitor, document, code="I", title="Mục I")
    early = make.task(
        lead=a, document=document, assigned_on=dt.date(2024, 1, 5), deadline=dt.date(2024, 3, 1)
    )
    later = make.task(
        lead=a, document=document, assigned_on=dt.date(2024, 2, 20), deadline=dt.date(2024, 5, 1)
    )
    make.task(
        lead=b,
        document=document,
        deadline=None,
        deadline_kind="periodic",
        period="quarterly",
        assigned_on=dt.date(2024, 1, 10),
    )
    operations.post_progress(focal, early, text="Đang làm", percent=30, on=dt.date(2024, 2, 1))
    operations.update_task(monitor, early, None, lead_agency=b, on=dt.date(2024, 2, 10))
    operations.update_task(monitor, later, None, deadline=dt.date(2024, 6, 1), on=dt.date(2024, 3, 1))
    operations.report_completion(
        make.user("focal", agency=a), later, completed_on=dt.date(2024, 5, 20), on=dt.date(2024, 5, 21)
    )
    operations.cancel_task(monitor, early, reason="Không còn phù hợp", on=dt.date(2024, 4, 1))
    db.session.flush()
    _check(db)
    for day in (dt.date(2024, 1, 4), dt.date(2024, 2, 15), dt.date(2024, 3, 31), dt.date(2024, 5, 25)):
        _join_and_spans_agree(day)
    # The reports count a task only from its assignment date, also from the spans alone.
    assert (
        classify.tally(dt.date(2024, 2, 19)).total
        == classify.tally(dt.date(2024, 2, 19), [Task.id.isnot(None)]).total
    )


def test_the_synthetic_data_set_writes_spans_carrying_the_tasks_assignment_date(runner, db):
    result = runner.invoke(args=["seed", "synthetic", "--tasks", "400", "--agencies", "120", "--seed", "11"])
    assert result.exit_code == 0, result.output
    _check(db)
    for day in (dt.date(2018, 6, 30), dt.date(2022, 12, 31), dt.date(2025, 9, 14)):
        _join_and_spans_agree(day)


def test_the_as_of_report_reads_the_spans_from_their_index(app, db):
    """ix_task_states_asof (an index on an expression, which the models' comparison cannot see) is
    there, and the tally over the spans alone reads it (on SQLite the query's expression must be
    written as the index's is)."""
    if db.engine.dialect.name == "postgresql":
        found = db.session.scalar(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_task_states_asof'")
        )
        assert "COALESCE(valid_to, '9999-12-31'::date)" in found
        return
    found = db.session.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'ix_task_states_asof'"))
    assert "coalesce(valid_to, '9999-12-31')" in found
    state = asof.state_alias()
    stmt = asof.spans_as_of(select(func.count()).select_from(state), dt.date(2025, 9, 14), state)
    compiled = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
    plan = " ".join(str(row) for row in db.session.execute(text("EXPLAIN QUERY PLAN " + compiled)))
    assert "COVERING INDEX ix_task_states_asof" in plan, plan
