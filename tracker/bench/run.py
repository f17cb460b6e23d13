"""`make bench`: the figures of issue 8 on SQLite and PostgreSQL. It prints; it asserts nothing.

    BENCH_TASKS=100000 BENCH_DB=both make bench      # sqlite | postgresql | both

The synthetic data set (`seed synthetic`, seed 1, BENCH_AGENCIES agencies) is generated once per size
and database, in /tmp/bench-<N>.sqlite3 and the PostgreSQL database tracker_bench_<N> (BENCH_PG_URL
gives the server), and reused while it holds exactly N countable tasks. Other settings:
BENCH_AS_OF (the report date, default 2025-09-14: the Q3/2025 cut-off), BENCH_PORT (gunicorn,
5108), BENCH_WRK_SECONDS (15), BENCH_REPEAT (list requests, 30), BENCH_REPORT_REPEAT (7),
BENCH_PG_DB (the PostgreSQL database's name instead of tracker_bench_<N>; BENCH_SQLITE_DIR the
SQLite file's folder), BENCH_ONLY (some of reports,lists,digests,search,import,http,reader,redmine — the side-by-side table, by default on --shape redmine only), BENCH_SEARCH_REPEAT (10), BENCH_GUNICORN_WORKERS (2), BENCH_GUNICORN_THREADS (unset: sync workers; docs/deploy.md runs 2), BENCH_OUT (a JSON file of the results), BENCH_PG_OPTIONS (PostgreSQL session settings, default
"-c jit=off -c work_mem=16MB -c random_page_cost=1.1" as docs/deploy.md recommends for the server).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import secrets
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from tracker.bench import floors, http, sidebyside, workloads
from tracker.bench.timing import Timing, fmt_seconds
from tracker.core.dates import today

PG_DEFAULT = "postgresql://tracker:tracker@127.0.0.1:5432"
PG_OPTIONS = os.environ.get("BENCH_PG_OPTIONS", "-c jit=off -c work_mem=16MB -c random_page_cost=1.1")


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _app(url: str):
    from tracker import create_app

    instance = Path(tempfile.gettempdir()) / "bench-instance"
    config = {
        "SQLALCHEMY_DATABASE_URI": url,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": secrets.token_hex(16),
        "WTF_CSRF_ENABLED": False,
    }
    if url.startswith("postgresql"):
        # The session settings docs/deploy.md recommends for the server (a shared test server is
        # left as it is): no JIT, enough work_mem for the report aggregates not to spill.
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True, "connect_args": {"options": PG_OPTIONS}}
    return create_app(config)


def _countable(app) -> int | None:
    from tracker.db import db
    from tracker.tasks.classification import countable_clause
    from tracker.tasks.models import Task

    with app.app_context():
        try:
            return db.session.scalar(select(func.count()).select_from(Task).where(countable_clause()))
        except Exception:  # noqa: BLE001 - a database without the schema yet
            return None
        finally:
            db.session.remove()


# `--shape redmine` (or BENCH_SHAPE=redmine): the data set of the side-by-side measure with Redmine
# 5.0.4 in docs/performance.md — 100.000 tasks over 70 agencies, about 30 % open and overdue.
SHAPES = {"redmine": {"tasks": 100_000, "agencies": 70, "open_overdue": 0.33}}
OPEN_OVERDUE = 0.0
SHAPE = ""


def _generate(app, n: int, agencies: int) -> None:
    from flask_migrate import upgrade

    from tracker.db import db
    from tracker.seed.synthetic import load_synthetic

    with app.app_context():
        upgrade()
        start = time.perf_counter()
        summary = load_synthetic(
            db.engine,
            tasks=n,
            agencies=agencies,
            seed=1,
            progress=lambda count: print(f"\r  generated {count:,} tasks", end="", flush=True),
            open_overdue=OPEN_OVERDUE,
        )
        print(f"\n  {summary} in {time.perf_counter() - start:.0f} s")


def _upgrade(app) -> None:
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()


def sqlite_database(n: int, agencies: int) -> str:
    path = Path(os.environ.get("BENCH_SQLITE_DIR") or tempfile.gettempdir()) / f"bench-{_label(n)}.sqlite3"
    url = f"sqlite:///{path}"
    app = _app(url)
    if path.exists() and _countable(app) == n:
        _upgrade(app)
        return url
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"Generating {n:,} tasks into {path} …")
    _generate(app, n, agencies)
    return url


def postgresql_database(n: int, agencies: int) -> str:
    server = (
        os.environ.get("BENCH_PG_URL", PG_DEFAULT)
        .rstrip("/")
        .replace("postgresql://", "postgresql+psycopg://")
    )
    name = os.environ.get("BENCH_PG_DB") or f"tracker_bench_{_label(n)}"
    url = f"{server}/{name}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar()
            if exists and _countable(_app(url)) == n:
                _upgrade(_app(url))
                return url
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    print(f"Generating {n:,} tasks into PostgreSQL database {name} …")
    _generate(_app(url), n, agencies)
    return url


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    cores = len(os.sched_getaffinity(0))
    load = os.getloadavg()
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    return (
        f"{cores} cores ({cpu}), {int(memory) // 1024 // 1024} GiB, load average {load[0]:.1f} at start, "
        f"Python {platform.python_version()}"
    )


def _label(n: int) -> str:
    """The data set's name: its size, and its shape when it is not the natural one."""
    return f"{n}-open{round(OPEN_OVERDUE * 100)}" if OPEN_OVERDUE else str(n)


def open_overdue_share(app, on: dt.date) -> str:
    """The share of the countable tasks open and past their deadline on `on`, as the data set has it."""
    from tracker.db import db
    from tracker.tasks import classification
    from tracker.tasks.models import Task

    with app.app_context():
        total = db.session.scalar(
            select(func.count()).select_from(Task).where(classification.countable_clause())
        )
        late = db.session.scalar(
            select(func.count())
            .select_from(Task)
            .where(classification.counted(Task, on), classification.category_condition(Task, "overdue", on))
        )
        db.session.remove()
    return f"{late:,} of {total:,} tasks open and overdue ({100 * late / max(total, 1):.1f} %)"


def run_database(kind: str, n: int, agencies: int) -> list[Timing]:
    url = sqlite_database(n, agencies) if kind == "sqlite" else postgresql_database(n, agencies)
    app = _app(url)
    on = dt.date.fromisoformat(os.environ.get("BENCH_AS_OF", "2025-09-14"))
    repeat = _env_int("BENCH_REPEAT", 30)
    with app.app_context():
        from tracker.agencies.models import Agency
        from tracker.db import db

        province_id = db.session.scalar(select(Agency.id).where(Agency.code == "T01"))
    print(f"\n== {kind}, {n:,} tasks (load average {os.getloadavg()[0]:.1f}) ==", flush=True)
    print(f"  {open_overdue_share(app, today())}", flush=True)
    timings: list[Timing] = []
    steps = {
        "reports": lambda: workloads.reports(app, on, province_id, _env_int("BENCH_REPORT_REPEAT", 7)),
        "lists": lambda: (
            workloads.task_lists(app, repeat, page_cache=False) + workloads.task_lists(app, repeat)
        ),
        "digests": lambda: workloads.digests(app, today(), 3),
        "search": lambda: workloads.search(app, _env_int("BENCH_SEARCH_REPEAT", 10)),
        "import": lambda: workloads.spreadsheet_import(app, 50_000, 1),
        "redmine": lambda: sidebyside.run(
            app,
            url.replace("postgresql+psycopg://", "postgresql://"),
            day=today(),
            repeat=repeat,
            port=_env_int("BENCH_PORT", 5108),
            seconds=_env_int("BENCH_WRK_SECONDS", 15),
            workers=_env_int("BENCH_GUNICORN_WORKERS", 2),
        ),
        "http": lambda: [
            timing
            for cache in (False, True)
            for timing in http.load(
                url.replace("postgresql+psycopg://", "postgresql://"),
                _wrk_accounts(app),
                _env_int("BENCH_PORT", 5108),
                _env_int("BENCH_WRK_SECONDS", 15),
                workers=_env_int("BENCH_GUNICORN_WORKERS", 2),
                page_cache=cache,
            )
        ],
    }
    # The side-by-side table (step "redmine") runs by default on the Redmine-shaped data set only.
    default = [name for name in steps if name != "redmine" or SHAPE == "redmine"]
    only = [s.strip() for s in os.environ.get("BENCH_ONLY", ",".join(default)).split(",") if s.strip()]
    for name in [n for n in only if n != "reader"]:  # the reader needs no database: once, in main
        step = steps[name]
        for timing in step():
            print(
                f"  {timing.name:<58} median {fmt_seconds(timing.median):>9}  p95 {fmt_seconds(timing.p95):>9}  "
                f"cpu {fmt_seconds(timing.cpu_median):>9}  {timing.note}",
                flush=True,
            )
            timings.append(timing)
    with app.app_context():
        from tracker.db import db

        db.engine.dispose()
    return timings


def _wrk_accounts(app) -> list[tuple[str, str, str]]:
    from tracker.seed.synthetic_rows import MAIL

    _agency, focal = workloads.busiest_focal_agency(app)
    return [
        ("focal point: task list", focal, "/tasks/?status=in_progress"),
        ("focal point: dashboard", focal, "/"),
        ("monitor: task list, overdue", f"theodoi@{MAIL}", "/tasks/?overdue=1&sort=deadline"),
        ("monitor: dashboard", f"theodoi@{MAIL}", "/"),
    ]


def markdown(results: dict[str, list[Timing]]) -> str:
    kinds = list(results)
    names = list(dict.fromkeys(t.name for timings in results.values() for t in timings))
    lines = [
        "| measure | " + " | ".join(f"{k}: median / p95 (cpu)" for k in kinds) + " |",
        "|---|" + "---|" * len(kinds),
    ]
    for name in names:
        cells = []
        for kind in kinds:
            t = next((t for t in results[kind] if t.name == name), None)
            if t is None:
                cells.append("")
            elif t.samples:
                cells.append(
                    f"{fmt_seconds(t.median)} / {fmt_seconds(t.p95)} ({fmt_seconds(t.cpu_median)})"
                    + (f" — {t.note}" if t.note else "")
                )
            else:
                cells.append(t.note)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    global OPEN_OVERDUE, SHAPE
    argv = sys.argv[1:] if argv is None else argv
    shape = os.environ.get("BENCH_SHAPE", "")
    if "--shape" in argv:
        shape = argv[argv.index("--shape") + 1]
    if shape and shape not in SHAPES:
        print(f"unknown shape {shape!r}: {', '.join(SHAPES)}", file=sys.stderr)
        return 2
    defaults = SHAPES.get(shape, {"tasks": 100_000, "agencies": 10_000, "open_overdue": 0.0})
    n = _env_int("BENCH_TASKS", defaults["tasks"]) if not shape else defaults["tasks"]
    agencies = _env_int("BENCH_AGENCIES", defaults["agencies"]) if not shape else defaults["agencies"]
    OPEN_OVERDUE = float(os.environ.get("BENCH_OPEN_OVERDUE", defaults["open_overdue"]))
    SHAPE = shape
    which = os.environ.get("BENCH_DB", "both")
    kinds = ["sqlite", "postgresql"] if which == "both" else [which]
    print(f"tracker benchmark — {dt.datetime.now():%d/%m/%Y %H:%M}, {machine()}")
    print(
        f"BENCH_TASKS={n} BENCH_DB={which} BENCH_AGENCIES={agencies} BENCH_OPEN_OVERDUE={OPEN_OVERDUE} "
        f"shape={shape or 'natural'} BENCH_PG_OPTIONS='{PG_OPTIONS}'"
    )
    only = os.environ.get("BENCH_ONLY", "")
    if not only or "reader" in only.split(","):
        from tracker.bench.reader import main as reader

        print("\n== the programme reader (no database) ==", flush=True)
        reader()
        from tracker.reader.score import main as accuracy

        print("\n== the programme reader's accuracy on the labelled corpus ==", flush=True)
        accuracy([])
        if only.strip() == "reader":
            return 0
    results = {kind: run_database(kind, n, agencies) for kind in kinds}
    print("\n" + markdown(results))
    for kind, timings in results.items():
        if any(t.name.startswith(sidebyside.PREFIX) for t in timings):
            print(f"\nSide by side with Redmine 5.0.4 (issue 15) — {kind}, {n:,} tasks")
            print(sidebyside.table(timings))
        print("\n" + floors.table(kind, n, timings))
    out = Path(os.environ.get("BENCH_OUT") or Path(tempfile.gettempdir()) / f"bench-results-{n}-{which}.json")
    out.write_text(
        json.dumps(
            {
                kind: [
                    {
                        "name": t.name,
                        "median": t.median if t.samples else None,
                        "p95": t.p95 if t.samples else None,
                        "cpu": t.cpu_median if t.cpu else None,
                        "note": t.note,
                    }
                    for t in timings
                ]
                for kind, timings in results.items()
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    print(f"\n(results also in {out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
