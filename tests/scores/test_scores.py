"""The agency score: bands, deductions, which tasks count, as of a day, the command line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from tests.scores.conftest import RULES, finish
from tracker.audit.models import AuditEntry
from tracker.core.errors import DomainError, PermissionDenied
from tracker.scores import settings as score_settings
from tracker.scores.compute import costly_tasks, score_board, what_if
from tracker.scores.operations import update_score_settings


def _rows(board):
    return {r.code: r for r in board.rows}


def test_the_board_of_2024_as_of_the_cut_off(province, freeze):
    freeze(dt.date(2025, 2, 1))
    board = score_board(2024)
    assert board.as_of == dt.date(2024, 12, 14) and board.start == dt.date(2023, 12, 15)
    rows = _rows(board)
    stp, snv, cam_lam = rows["STP"], rows["SNV"], rows["CAMLAM"]
    assert (stp.tasks, stp.on_time, stp.overdue) == (4, 3, 1)  # the 2025 task is not judged yet
    assert stp.on_time_rate == 0.75 and stp.band_points == 1.0 and stp.points == 0.75
    assert (snv.tasks, snv.on_time, snv.points) == (2, 2, 3.0)
    assert cam_lam.tasks == 0 and cam_lam.on_time_rate is None and cam_lam.points == 3.0
    assert [r.code for r in board.rows] == ["SNV", "CAMLAM", "STP"]
    assert stp.as_dict() == {
        "rank": 3,
        "agency": "STP",
        "name": "Sở Tư pháp",
        "tasks": 4,
        "on_time": 3,
        "on_time_rate": 0.75,
        "overdue": 1,
        "points": 0.75,
        "max_points": 3.0,
    }


def test_a_score_as_of_a_past_day_does_not_change_when_the_task_is_done_later(province, make, db, freeze):
    freeze(dt.date(2025, 2, 1))
    before = score_board(2024, dt.date(2024, 12, 14)).rows
    finish(make, province.stp_overdue, dt.date(2025, 1, 20))
    db.session.commit()
    after = score_board(2024, dt.date(2024, 12, 14)).rows
    assert [r.as_dict() for r in after] == [r.as_dict() for r in before]
    # As of today it is done, late: no longer overdue (no deduction), not on time either (3 of 4: 1 point).
    stp = _rows(score_board(2024, dt.date(2025, 2, 1)))["STP"]
    assert (stp.tasks, stp.on_time, stp.overdue, stp.points) == (4, 3, 0, 1.0)


def test_the_tasks_that_cost_points_and_what_if_they_were_done_on_time(province, freeze):
    freeze(dt.date(2025, 2, 1))
    board = score_board(2024)
    stp = _rows(board)["STP"]
    costly = costly_tasks(board, stp.agency_id)
    assert [(t.title, t.category) for t in costly] == [("Tư pháp quá hạn", "overdue")]
    better = what_if(stp, costly, {province.stp_overdue.id})
    assert (better.on_time, better.overdue, better.points) == (4, 0, 3.0)
    assert stp.points == 0.75  # the board's row is unchanged


def test_settings_are_checked_audited_and_for_admins(province, make, db):
    focal = make.user("focal")
    with pytest.raises(PermissionDenied):
        update_score_settings(focal, RULES)
    for bands, message in [
        ("100 = 3\n80", "hãy ghi «tỷ lệ (%) = số điểm»"),
        ("120 = 3", "phải từ 0 đến 100"),
        ("100 = 1\n80 = 2", "không được nhiều điểm hơn"),
        ("100 = 5", "phải từ 0 đến 3"),
    ]:
        with pytest.raises(DomainError) as e:
            update_score_settings(None, {**RULES, "bands": bands})
        assert message in e.value.message and e.value.field == "bands"
    with pytest.raises(DomainError):
        update_score_settings(None, {**RULES, "issuer_levels": []})
    admin = make.user("admin", agency=None)
    update_score_settings(
        admin, {**RULES, "bands": "100 = 3; 90 = 2.5; 70 = 1,5", "overdue_deduction": "0,5"}
    )
    db.session.commit()
    loaded = score_settings.load()
    assert loaded.bands == [[100.0, 3.0], [90.0, 2.5], [70.0, 1.5]] and loaded.overdue_deduction == 0.5
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "score.settings")).all()[-1]
    assert entry.actor_id == admin.id and entry.details["changes"]["overdue_deduction"] == [0.25, 0.5]
    assert "Từ 90 % đến dưới 100 %: 2,50 điểm" in loaded.band_lines()


def test_the_command_gives_one_row_per_agency_in_json(province, runner, freeze):
    freeze(dt.date(2025, 2, 1))
    result = runner.invoke(args=["report", "score", "--year", "2024", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["agency"] for r in rows] == ["SNV", "CAMLAM", "STP"]
    assert set(rows[0]) == {
        "rank",
        "agency",
        "name",
        "tasks",
        "on_time",
        "on_time_rate",
        "overdue",
        "points",
        "max_points",
    }
    result = runner.invoke(
        args=["report", "score", "--year", "2024", "--as-of", "2024-07-01", "--format", "json"]
    )
    stp = next(r for r in json.loads(result.output) if r["agency"] == "STP")
    assert (stp["tasks"], stp["on_time"], stp["overdue"]) == (3, 3, 0)
    bad = runner.invoke(args=["report", "score", "--year", "2024", "--as-of", "01/07/2024"])
    assert bad.exit_code == 2
