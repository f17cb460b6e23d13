"""What the benchmark measures, one function per workload of issue 8.

Modules other branches build (reports, reminders, imports) are imported inside guards: until they
are merged the line says so instead of a figure. Each adapter below is the one place to adjust if a
merged module's entry point differs.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from tracker.bench import floor
from tracker.bench.timing import Timing, fmt_seconds, measure, skipped
from tracker.db import db
from tracker.seed.synthetic_rows import MAIL, SYNTHETIC_PASSWORD

REPORTS_MISSING = "reports module not merged yet"
REMINDERS_MISSING = "reminders module not merged yet"
IMPORTS_MISSING = "imports module not merged yet"


def _ratio(tracker: Timing, base: Timing) -> str:
    if not tracker.samples or not base.samples:
        return ""
    return f"{tracker.median / base.median:.2f}× floor"


def _compare(tracker_figures, floor_figures) -> str:
    """'' when the report module and the floor agree, else what differs (a bug either side)."""
    if tracker_figures is None:
        return ""
    mine = tracker_figures.as_dict() if hasattr(tracker_figures, "as_dict") else dict(tracker_figures)
    diff = {k: (mine.get(k), v) for k, v in floor_figures.items() if mine.get(k) != v}
    return f" FIGURES DIFFER {diff}" if diff else " (same figures)"


def reports(app, on: dt.date, province_id: int, repeat: int) -> list[Timing]:
    """1. summary as of `on`, all tasks and one province; 2. by lead agency — floor and tracker."""
    out = []
    agency_id, _focal = busiest_focal_agency(app)
    with app.app_context():
        engine = db.engine

        def run_floor(fn, *args):
            with engine.connect() as conn:
                return fn(conn, on, *args)

        try:
            from tracker.reports import classify
            from tracker.tasks import asof
        except ImportError:
            classify = None
        cases = [
            ("1a summary, all tasks", (floor.summary,), lambda: classify.tally(on)),
            (
                "1b summary, one province",
                (floor.summary, province_id),
                lambda: classify.tally(
                    on, where=[lambda s: s.lead_agency_id.in_(asof.agency_ids(province_id))]
                ),
            ),
            (
                "1c summary, one agency (the busiest department)",
                (floor.summary, agency_id),
                lambda: classify.tally(
                    on, where=[lambda s: s.lead_agency_id.in_(asof.agency_ids(agency_id))]
                ),
            ),
            ("2 by lead agency, all tasks", (floor.by_agency,), lambda: classify.tally(on, group_by="lead")),
        ]
        for label, (fn, *args), tracker_call in cases:
            base = measure(f"{label} — floor SQL", lambda fn=fn, args=args: run_floor(fn, *args), repeat)
            out.append(base)
            if classify is None:
                out.append(skipped(f"{label} — tracker.reports", REPORTS_MISSING))
                continue

            def call(tracker_call=tracker_call):
                result = tracker_call()
                db.session.rollback()
                return result

            mine = measure(f"{label} — tracker.reports", call, repeat)
            agree = ""
            if fn is floor.summary:
                agree = _compare(mine.result, base.result)
            else:
                differ = [
                    k
                    for k, v in base.result.items()
                    if mine.result.get(k) is None or mine.result[k].as_dict()["total"] != v["total"]
                ]
                agree = f" FIGURES DIFFER for {len(differ)} agencies" if differ else " (same figures)"
            mine.note = _ratio(mine, base) + agree
            out.append(mine)
    return out


def busiest_focal_agency(app) -> tuple[int, str]:
    """The department leading the most tasks, and its focal point's e-mail."""
    from tracker.agencies.models import Agency
    from tracker.tasks.models import Task

    with app.app_context():
        agency_id = db.session.scalar(
            select(Task.lead_agency_id)
            .join(Agency, Agency.id == Task.lead_agency_id)
            .where(Agency.kind == "department")
            .group_by(Task.lead_agency_id)
            .order_by(func.count().desc(), Task.lead_agency_id)
            .limit(1)
        )
        code = db.session.get(Agency, agency_id).code
    return agency_id, f"daumoi.{code.lower()}@{MAIL}"


# The report screen over every task of the data set (ten years to its last day).
REPORT_ALL = "/reports/?period=custom&from=01/01/2010&to=15/11/2026&as_of=15/11/2026"


def _pages(html: str) -> int:
    pages = [int(p) for p in re.findall(r"[?&;]page=(\d+)", html)]
    return max(pages, default=1)


def task_lists(app, repeat: int, *, page_cache: bool = True) -> list[Timing]:
    """3. the task list through the real app (Flask test client): a focal point's and a monitor's;
    each page rendered from the database every time (`page_cache` off), or its body reused while
    nothing changes, as the users who see the same tasks get it (tracker.core.memo.fragment)."""
    _agency_id, focal_email = busiest_focal_agency(app)
    saved = app.config.get("TRACKER_PAGE_CACHE", 30)
    app.config["TRACKER_PAGE_CACHE"] = saved if page_cache else 0
    how = "reused" if page_cache else "rendered"
    out = []
    for role, email, urls in (
        (
            "focal point",
            focal_email,
            [
                ("status=in_progress, page 1", "/tasks/?status=in_progress"),
                ("all, page 50", "/tasks/?page=50"),
                ("dashboard", "/"),
            ],
        ),
        (
            "monitor",
            f"theodoi@{MAIL}",
            [
                ("overdue by deadline, page 1", "/tasks/?overdue=1&sort=deadline"),
                ("overdue by deadline, page 50", "/tasks/?overdue=1&sort=deadline&page=50"),
                ("all tasks, page 1", "/tasks/"),
                ("dashboard", "/"),
                ("report screen, the last closed quarter", "/reports/"),
                ("report screen over all the data", REPORT_ALL),
                # Fetched by the report screen after it is shown (reports.trend_chart).
                (
                    "the last quarters' chart of the report over all the data",
                    REPORT_ALL.replace("/reports/", "/reports/trend"),
                ),
            ],
        ),
    ):
        client = app.test_client()
        response = client.post("/login", data={"email": email, "password": SYNTHETIC_PASSWORD})
        if response.status_code != 302:
            raise RuntimeError(f"cannot log in as {email}: {response.status_code}")
        for label, url in urls:
            if "page=50" in url:
                last = _pages(client.get(url.replace("page=50", "page=1")).get_data(as_text=True))
                if last < 50:
                    url = url.replace("page=50", f"page={last}")
                    label = label.replace("page 50", f"page {last} (the last)")

            def get(url=url, client=client):
                response = client.get(url)
                if response.status_code != 200:
                    raise RuntimeError(f"{url}: {response.status_code}")
                return len(response.data)

            timing = measure(f"3 {role}: {label} ({how})", get, repeat, warmup=2)
            timing.note = f"{url} ({timing.result // 1024} KiB)"
            out.append(timing)
    app.config["TRACKER_PAGE_CACHE"] = saved
    return out


def digests(app, day: dt.date, repeat: int) -> list[Timing]:
    """4. building one day's digests for every agency, composed, nothing sent or stored."""
    try:
        from tracker.reminders import jobs as jobs_module
        from tracker.reminders import settings as settings_module
    except ImportError:
        return [skipped("4 one day's digests (dry run)", REMINDERS_MISSING)]

    def build():
        with app.app_context(), app.test_request_context():
            cfg = settings_module.load()
            # The day's job without its claims: the digests built and composed, nothing sent or stored.
            messages = jobs_module.build_day(day, cfg, weekly=False)
            db.session.rollback()
            return len(messages)

    timing = measure("4 one day's digests (dry run)", build, repeat, warmup=0)
    timing.note = f"{timing.result} digests for {day:%d/%m/%Y}"
    return [timing]


def write_import_file(path: Path, rows: int, lead_codes: list[str]) -> Path:
    """A spreadsheet in the import format of DOMAIN.md (CSV, Vietnamese headers), `rows` tasks."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(
            [
                "Văn bản",
                "Số thứ tự",
                "Tên nhiệm vụ",
                "Cơ quan chủ trì",
                "Ngày giao",
                "Thời hạn",
                "Trạng thái",
                "Ngày báo cáo hoàn thành",
                "Ngày hoàn thành",
                "Ngày xác nhận",
            ]
        )
        for i in range(rows):
            assigned = dt.date(2024, 1, 1) + dt.timedelta(days=i % 300)
            deadline = assigned + dt.timedelta(days=90)
            done = i % 3 == 0
            out.writerow(
                [
                    f"{i // 500 + 1}/KH-BENCH",
                    str(i % 500 + 1),
                    f"Nhiệm vụ nhập thử số {i + 1}",
                    lead_codes[i % len(lead_codes)],
                    assigned.strftime("%d/%m/%Y"),
                    deadline.strftime("%d/%m/%Y"),
                    "Đã hoàn thành" if done else "Đang thực hiện",
                    (deadline - dt.timedelta(days=5)).strftime("%d/%m/%Y") if done else "",
                    (deadline - dt.timedelta(days=7)).strftime("%d/%m/%Y") if done else "",
                    (deadline - dt.timedelta(days=1)).strftime("%d/%m/%Y") if done else "",
                ]
            )
    return path


def spreadsheet_import(app, rows: int, repeat: int) -> list[Timing]:
    """5. importing a `rows`-row spreadsheet as the import page and `flask import tasks` do: read and
    check every row (`parse_tasks`), then write the tasks and their histories (`write_tasks`), then
    roll back so that the data set stays the same."""
    label = f"5 import of a {rows:,}-row spreadsheet".replace(",", ".")
    try:
        from tracker.imports import operations as imports
        from tracker.imports.sheets import read_sheet
        from tracker.imports.spreadsheet import parse_tasks
    except ImportError:
        return [skipped(label, IMPORTS_MISSING)]
    from tracker.agencies.models import Agency
    from tracker.users.models import User

    with app.app_context():
        codes = list(
            db.session.scalars(
                select(Agency.code).where(Agency.kind == "department", Agency.is_active.is_(True)).limit(200)
            )
        )
    path = write_import_file(Path(tempfile.gettempdir()) / f"bench-import-{rows}.csv", rows, codes)
    check_times: list[float] = []
    write_times: list[float] = []

    def run():
        with app.app_context(), app.test_request_context():
            actor = db.session.scalar(select(User).where(User.email == f"theodoi@{MAIL}"))
            start = time.perf_counter()
            result = parse_tasks(read_sheet(path.name, path.read_bytes()), imports.task_context())
            if result.errors:
                raise RuntimeError(f"import file refused: {result.errors[:3]}")
            middle = time.perf_counter()
            summary = imports.write_tasks(actor, result)
            db.session.flush()
            end = time.perf_counter()
            db.session.rollback()
            check_times.append(middle - start)
            write_times.append(end - middle)
            return summary["created"]

    timing = measure(label, run, repeat, warmup=0)
    timing.note = (
        f"{timing.result} tasks created, then rolled back; reading and checking "
        f"{fmt_seconds(statistics.median(check_times))}, writing {fmt_seconds(statistics.median(write_times))}"
    )
    return [timing]


def search(app, repeat: int) -> list[Timing]:
    """The search (tracker.tasks.search) through the task list page and alone: words common in the
    data, a phrase, a document's number and its whole symbol; and rebuilding the index of 10.000
    tasks (what an import of that size adds to its write)."""
    from tracker.documents.models import Document
    from tracker.tasks import search as task_search
    from tracker.tasks.models import Task

    with app.app_context():
        symbol = db.session.scalar(
            select(Document.symbol).where(Document.symbol.like("%/%")).order_by(Document.id.desc()).limit(1)
        )
        number = task_search.words(symbol)[0]
        dialect = db.engine.dialect.name
    queries = [
        ("common words", "cai cach hanh chinh"),
        ("a phrase", "chu ky so"),
        ("a phrase with its marks", "chữ ký số"),
        ("an unfinished word", "chuyen doi s"),
        ("a document's number", number),
        ("a document's symbol", symbol),
    ]
    out = []
    for label, q in queries:

        def ranked(q=q):
            with app.app_context():
                found = task_search.ranked(dialect, q)
                stmt = select(Task.id).join(found, found.c.task_id == Task.id)
                rows = db.session.execute(stmt.order_by(found.c.score, Task.id).limit(20)).all()
                db.session.remove()
                return len(rows)

        timing = measure(f"search alone: {label}, best 20", ranked, repeat, warmup=1)
        timing.note = f"q={q!r}"
        out.append(timing)
    client = app.test_client()
    response = client.post("/login", data={"email": f"theodoi@{MAIL}", "password": SYNTHETIC_PASSWORD})
    if response.status_code != 302:
        raise RuntimeError(f"cannot log in as the monitor: {response.status_code}")
    saved = app.config.get("TRACKER_PAGE_CACHE", 30)
    app.config["TRACKER_PAGE_CACHE"] = 0
    for label, q in queries:

        def page(q=q):
            response = client.get("/tasks/", query_string={"q": q})
            if response.status_code != 200:
                raise RuntimeError(f"search {q!r}: {response.status_code}")
            return len(response.data)

        timing = measure(f"search page (monitor, rendered): {label}", page, repeat, warmup=1)
        timing.note = f"/tasks/?q={q} ({timing.result // 1024} KiB)"
        out.append(timing)
    app.config["TRACKER_PAGE_CACHE"] = saved

    def rebuild():
        with app.app_context():
            first = db.session.scalar(select(func.min(Task.id)))
            written = task_search.reindex(db.session.connection(), range(first, first + 10_000))
            db.session.rollback()
            db.session.remove()
            return written

    out.append(measure("search index: rewrite 10.000 tasks' rows", rebuild, 3, warmup=0))
    return out
