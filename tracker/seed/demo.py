"""The demo data: the agencies and documents of seed/, demo logins, and a realistic activity history.

History is generated deterministically (fixed random seed) through the real operations, with their
business dates set in the past, so the timeline, the state history and the reports agree exactly as
they do for real use. Three blocks are built to reproduce figures users know:

* Q3/2024: 127 tasks from Chính phủ / Thủ tướng assigned between 15/6/2024 and 14/9/2024; as of the
  cut-off 14/9/2024: 86 done on time, 22 in progress within the deadline, 19 awaiting confirmation
  (Báo cáo 317/BC-UBND, Biểu mẫu 01 item 5).
* The 2024 CCHC plan: 61 tasks, 19 done as of 14/9/2024 → 31,15 % (item 2).
* A recent letter with tasks due in the coming days and overdue ones, relative to the day the seed
  runs, so the dashboard and the reminders always have something to show.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

import click
from sqlalchemy import select

from tracker.agencies.models import ISSUER_KINDS, Agency
from tracker.core.dates import today
from tracker.db import db
from tracker.documents.models import Document
from tracker.documents.operations import find_by_symbol, set_published
from tracker.letterhead.operations import update_letterhead
from tracker.reminders.operations import update_settings
from tracker.reorganisation.operations import merge_agency
from tracker.scores.operations import update_score_settings
from tracker.seed import history, history_government, history_plan, history_recent
from tracker.seed.loader import SEED_DIR, letterheads, load_agencies, load_document, reorganisations
from tracker.seed.workdays_demo import working_days_notice
from tracker.tasks.models import Task
from tracker.users.models import User
from tracker.users.passwords import hash_password

# The published password of the demo accounts (printed by `make run`), not a secret.
DEMO_PASSWORD = "demo-2026"  # noqa: S105  # nosec B105
DEMO_LOGINS = [
    ("admin@demo.tracker.vn", DEMO_PASSWORD, "Quản trị"),
    ("theodoi@snv.demo.tracker.vn", DEMO_PASSWORD, "Cán bộ theo dõi (Sở Nội vụ)"),
    ("lanhdao@ubnd.demo.tracker.vn", DEMO_PASSWORD, "Lãnh đạo UBND tỉnh"),
    ("daumoi@stc.demo.tracker.vn", DEMO_PASSWORD, "Đầu mối Sở Tài chính"),
    ("daumoi@skhcn.demo.tracker.vn", DEMO_PASSWORD, "Đầu mối Sở Khoa học và Công nghệ"),
    ("daumoi@stp.demo.tracker.vn", DEMO_PASSWORD, "Đầu mối Sở Tư pháp"),
    ("daumoi@nhatrang.demo.tracker.vn", DEMO_PASSWORD, "Đầu mối UBND TP Nha Trang"),
]

Q3_FROM, Q3_TO = dt.date(2024, 6, 15), dt.date(2024, 9, 14)


# A plausible set for Khánh Hòa's index of departments and districts: 3 points for every task due
# done on time, 2 from 80 %, 1 from 60 %, a quarter point off for each task still overdue at the
# cut-off; the tasks of documents of the Government, the Party committee, the Council and the UBND.
KHANH_HOA_SCORE = {
    "max_points": 3,
    "bands": "100 = 3\n80 = 2\n60 = 1",
    "overdue_deduction": 0.25,
    "issuer_levels": ["government", "party", "council", "committee"],
    "areas": [],
    "period": "official",
    "agency_kinds": ["department", "district"],
    "province": "KH",
}


def _user(email: str, role: str, name: str, agency: Agency | None, password_hash: str) -> User:
    user = User(email=email, role=role, full_name=name, agency=agency, password_hash=password_hash)
    db.session.add(user)
    return user


def create_users(by_code: dict[str, Agency]) -> dict:
    """Demo logins, plus one focal point per in-province agency (the history needs an actor)."""
    pw = hash_password(DEMO_PASSWORD)
    admin = _user("admin@demo.tracker.vn", "admin", "Quản trị hệ thống", None, pw)
    monitor = _user("theodoi@snv.demo.tracker.vn", "monitor", "Nguyễn Thị Theo Dõi", by_code.get("SNV"), pw)
    _user("vpubnd@demo.tracker.vn", "monitor", "Trần Văn Tổng Hợp", by_code.get("VPUBND"), pw)
    _user("lanhdao@ubnd.demo.tracker.vn", "leader", "Lê Văn Lãnh Đạo", None, pw)
    named = {
        "STC": ("daumoi@stc.demo.tracker.vn", "Phạm Thị Tài Chính"),
        "SKHCN": ("daumoi@skhcn.demo.tracker.vn", "Hoàng Văn Khoa Học"),
        "STP": ("daumoi@stp.demo.tracker.vn", "Võ Thị Tư Pháp"),
    }
    nha_trang = next((a for a in by_code.values() if a.kind == "district" and "Nha Trang" in a.name), None)
    focal: dict[int, User] = {}
    for agency in by_code.values():
        if agency.kind in ISSUER_KINDS:
            continue
        if agency.code in named:
            email, name = named[agency.code]
        elif agency is nha_trang:
            email, name = "daumoi@nhatrang.demo.tracker.vn", "Đặng Văn Nha Trang"
        else:
            email, name = f"daumoi.{agency.code.lower()}@demo.tracker.vn", f"Đầu mối {agency.name}"
        focal[agency.id] = _user(email, "focal", name, agency, pw)
    db.session.flush()
    return {"admin": admin, "monitor": monitor, "focal": focal}


def load_demo(progress: bool = False) -> list[str]:
    """Load everything into an empty database; returns summary lines (caller commits)."""
    # Deterministic demo data, not security.
    rng = random.Random(2024)  # nosec B311
    now = today()
    by_code = load_agencies()
    users = create_users(by_code)
    monitor = users["monitor"]
    # The reports go out under Khánh Hòa's letterhead, as 317/BC-UBND (an admin's audited setting).
    update_letterhead(users["admin"], letterheads()["KH"])
    # The escalation ladder: overdue 15 days (or not updated 45) → the head is copied; overdue 30
    # working days → the leaders. The heads' addresses of Khánh Hòa's departments and districts.
    update_settings(
        monitor,
        {
            "escalate_head_days": 15,
            "escalate_stale_days": 45,
            "escalate_leader_days": 30,
            "escalate_working_days": True,
        },
    )
    for agency in by_code.values():
        if agency.kind in ("department", "district") and agency.path.startswith(by_code["KH"].path):
            agency.head_email = f"thutruong.{agency.code.lower()}@demo.tracker.vn"
    # The score of «thực hiện nhiệm vụ UBND tỉnh giao» as Khánh Hòa's CCHC index sets it (audited).
    update_score_settings(users["admin"], KHANH_HOA_SCORE)
    actors = history.Actors(monitor=monitor, focal=users["focal"])
    summary = [f"Cơ quan, đơn vị: {len(by_code)}"]

    documents: list[tuple[Document, list[Task]]] = []
    for path in sorted((SEED_DIR / "documents").glob("*.yaml")):
        documents.append(load_document(monitor, path, by_code))
    generated = [
        history_government.government_q3_2024(monitor, by_code, rng),
        history_plan.plan_2024(monitor, by_code, rng),
    ]

    steps: list[Callable[[], None]] = []
    for _document, tasks in documents:
        for task in tasks:
            steps.append(lambda t=task: history.simulate_source_task(t, actors, rng, now))
    for block in generated:
        steps.extend(lambda s=s: s(actors, now) for s in block.steps)

    bar = click.progressbar(steps, label="Tạo lịch sử thực hiện", show_pos=True) if progress else None
    iterator = bar if bar is not None else steps
    if bar is not None:
        bar.__enter__()
    try:
        for step in iterator:
            step()
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)

    # The 2025 reorganisation, after the history that precedes it.
    for old_code, new_code, since in reorganisations():
        if old_code in by_code and new_code in by_code and since <= now:
            merge_agency(None, by_code[old_code], by_code[new_code], on=since)

    recent = history_recent.recent_letter(monitor, by_code, actors, rng, now)
    working_days = working_days_notice(monitor, by_code, now)
    db.session.flush()
    # The 2024 CCHC plan is published on the public programme page (/cong-khai/).
    set_published(monitor, find_by_symbol("110/KH-UBND"), True)

    blocks = documents + [
        (d, [t for t in b.tasks if t.document_id == d.id]) for b in generated for d in b.documents
    ]
    for document, tasks in blocks + [recent, working_days]:
        countable = [t for t in tasks if t.is_countable]
        occurrences = db.session.scalar(
            select(db.func.count())
            .select_from(Task)
            .where(Task.document_id == document.id, Task.series_id.isnot(None))
        )
        summary.append(
            f"{document.symbol}: {len(countable) + occurrences} nhiệm vụ"
            + (f" (gồm {occurrences} kỳ của nhiệm vụ định kỳ)" if occurrences else "")
        )
    summary.append(f"Tài khoản: {db.session.scalar(select(db.func.count()).select_from(User))}")
    return summary
