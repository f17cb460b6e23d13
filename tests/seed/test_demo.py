"""The demo data: the seed documents, the reorganisation and the Q3/2024 picture of 317/BC-UBND."""

import datetime as dt

from sqlalchemy import func, select, text

from tracker.agencies.models import Agency
from tracker.documents.models import Document
from tracker.tasks.models import Task


def test_seed_demo_loads_the_documents_and_reproduces_q3_2024(runner, db):
    result = runner.invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    assert "admin@demo.tracker.vn" in result.output
    symbols = set(db.session.scalars(select(Document.symbol)))
    assert {"91-KL/TU", "1889/UBND-KSTT", "92/TB-UBND", "110/KH-UBND", "97/NQ-CP"} <= symbols
    # The 2025 merger: Sở KH&ĐT is inactive, its open tasks moved to Sở Tài chính.
    skhdt = db.session.scalar(select(Agency).where(Agency.code == "SKHDT"))
    assert not skhdt.is_active and skhdt.successor.code == "STC"
    open_left = db.session.scalar(
        select(func.count()).where(
            Task.lead_agency_id == skhdt.id, Task.status.in_(("new", "in_progress", "reported"))
        )
    )
    assert open_left == 0
    # As of the Q3 cut-off, from the state history: 86 / 0 / 19 / 0 / 22 of 127.
    row = db.session.execute(
        text("""
        SELECT
          SUM(CASE WHEN s.status='done' AND (s.deadline IS NULL OR s.completed_on <= s.deadline) THEN 1 ELSE 0 END),
          SUM(CASE WHEN s.status='done' AND s.completed_on > s.deadline THEN 1 ELSE 0 END),
          SUM(CASE WHEN s.status='reported' THEN 1 ELSE 0 END),
          SUM(CASE WHEN s.status IN ('new','in_progress') AND s.deadline < :d THEN 1 ELSE 0 END),
          SUM(CASE WHEN s.status IN ('new','in_progress') AND (s.deadline IS NULL OR s.deadline >= :d) THEN 1 ELSE 0 END),
          COUNT(*)
        FROM tasks t JOIN documents d ON d.id = t.document_id
        JOIN task_states s ON s.task_id = t.id AND s.valid_from <= :d AND (s.valid_to IS NULL OR s.valid_to > :d)
        WHERE d.issuer_level = 'government' AND t.assigned_on BETWEEN :f AND :d AND s.status <> 'cancelled'
    """),
        {"d": dt.date(2024, 9, 14), "f": dt.date(2024, 6, 15)},
    ).one()
    assert tuple(row) == (86, 0, 19, 0, 22, 127)
