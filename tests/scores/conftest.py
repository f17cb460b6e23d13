"""A small province to score: two departments and a district, with tasks of 2024."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from tracker.scores.operations import update_score_settings
from tracker.tasks.operations import confirm_completion, report_completion

RULES = {
    "max_points": 3,
    "bands": "100 = 3\n80 = 2\n60 = 1",
    "overdue_deduction": 0.25,
    "issuer_levels": ["committee"],
    "areas": [],
    "period": "official",
    "agency_kinds": ["department", "district"],
}


def finish(make, task, on, confirmed_on=None):
    focal = make.user("focal", agency=task.lead_agency)
    report_completion(focal, task, completed_on=on, on=on)
    confirm_completion(make.monitor(), task, on=confirmed_on or on)


@pytest.fixture
def province(make, db):
    """STP: 4 tasks due by 14/12/2024 — 3 on time, 1 overdue (75 %: 1 − 0,25 = 0,75 point), and one
    due in 2025 (not yet judged); SNV: 2 on time (3 points); huyện Cam Lâm: no task (3 points).
    A task of a Party document and one assigned in 2023 are not scored."""
    update_score_settings(None, RULES)
    stp = make.agency(code="STP", name="Sở Tư pháp")
    snv = make.agency(code="SNV", name="Sở Nội vụ")
    cam_lam = make.agency(code="CAMLAM", name="UBND huyện Cam Lâm", kind="district")
    plan = make.document(symbol="110/KH-UBND", issued_on=dt.date(2024, 1, 10))
    party = make.document(symbol="91-KL/TU", issued_on=dt.date(2024, 1, 10), issuer_level="party")
    old = make.document(symbol="5/KH-UBND", issued_on=dt.date(2023, 3, 1))
    t = SimpleNamespace(stp=stp, snv=snv, cam_lam=cam_lam, plan=plan)
    t.stp_done = [
        make.task(lead=stp, document=plan, title=f"Tư pháp {i}", deadline=dt.date(2024, 6, 30))
        for i in range(3)
    ]
    t.stp_overdue = make.task(lead=stp, document=plan, title="Tư pháp quá hạn", deadline=dt.date(2024, 9, 30))
    t.stp_later = make.task(lead=stp, document=plan, title="Tư pháp năm sau", deadline=dt.date(2025, 3, 31))
    t.snv_done = [
        make.task(lead=snv, document=plan, title=f"Nội vụ {i}", deadline=dt.date(2024, 8, 31))
        for i in range(2)
    ]
    make.task(lead=stp, document=party, title="Kết luận Tỉnh ủy", deadline=dt.date(2024, 5, 31))
    make.task(lead=stp, document=old, title="Kế hoạch 2023", deadline=dt.date(2023, 12, 31))
    for task in t.stp_done:
        finish(make, task, dt.date(2024, 6, 20))
    for task in t.snv_done:
        finish(make, task, dt.date(2024, 8, 1))
    db.session.commit()
    return t
