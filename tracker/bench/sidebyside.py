"""7. The side-by-side table of issue 15: the requests measured on Redmine 5.0.4, measured here.

`make bench SHAPE=redmine` (100.000 tasks over 70 agencies, about 30 % open and overdue) runs it on the
data shape Redmine was measured on; any data set can run it (`BENCH_ONLY=redmine`). Each page is asked
30 times after a warm-up in the real app (Flask test client), rendered from the database every time and
then with its body reused; wrk against gunicorn for the load line. Redmine's figures are quoted from
the issue (same 2-core machine, PostgreSQL 15, puma 2×5), they are not measured here.
"""

from __future__ import annotations

import time

from tracker.bench import http
from tracker.bench.timing import Timing, fmt_seconds, measure
from tracker.db import db
from tracker.seed.synthetic_rows import MAIL, SYNTHETIC_PASSWORD

OVERDUE = "/tasks/?overdue=1&sort=deadline"

# row label -> Redmine's figure, as the issue measured it.
REDMINE = {
    "overdue list, by deadline, page 1": "315 / 437 ms",
    "one agency's overdue list (monitor)": "91–112 / 191–303 ms",
    "the same list as that agency's focal point": "224–246 / 368–375 ms",
    "overdue list through the API (JSON)": "278–350 / 364–391 ms",
    "summary report over all the data": "997–1.418 / 1.404–2.386 ms, 108 KB",
    "wrk -t2 -c16 on the overdue list": "7,0 req/s",
    "a day's reminders": "331 s, 200 mails, 48 MB, the largest lists 1.217 issues",
}
PREFIX = "7 side by side: "


def _login(app, email: str):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": SYNTHETIC_PASSWORD})
    if response.status_code != 302:
        raise RuntimeError(f"cannot log in as {email}: {response.status_code}")
    return client


def _api_token(app, email: str) -> str:
    from sqlalchemy import select

    from tracker.api.tokens import create_token
    from tracker.users.models import User

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        _row, raw = create_token(None, user, name="make bench", scope="read", days=1)
        db.session.commit()
    return raw


def _pages(app, repeat: int, report_all: str) -> list[Timing]:
    from tracker.bench.workloads import busiest_focal_agency

    agency_id, focal = busiest_focal_agency(app)
    monitor = f"theodoi@{MAIL}"
    token = _api_token(app, monitor)
    rows = [
        ("overdue list, by deadline, page 1", monitor, OVERDUE, {}),
        ("one agency's overdue list (monitor)", monitor, f"{OVERDUE}&lead={agency_id}", {}),
        ("the same list as that agency's focal point", focal, OVERDUE, {}),
        (
            "overdue list through the API (JSON)",
            None,
            "/api/v1/tasks?overdue=1&sort=deadline",
            {"Authorization": f"Bearer {token}"},
        ),
        ("summary report over all the data", monitor, report_all, {}),
    ]
    saved = app.config.get("TRACKER_PAGE_CACHE", 30)
    out = []
    try:
        for cache in (0, saved):
            app.config["TRACKER_PAGE_CACHE"] = cache
            how = "reused" if cache else "rendered"
            clients = {}
            for label, email, url, headers in rows:
                if email is None and cache:
                    continue  # the API answers from the database every time
                client = clients.get(email) or clients.setdefault(
                    email, _login(app, email) if email else app.test_client()
                )

                def get(url=url, client=client, headers=headers):
                    response = client.get(url, headers=headers)
                    if response.status_code != 200:
                        raise RuntimeError(f"{url}: {response.status_code}")
                    return len(response.data)

                timing = measure(f"{PREFIX}{label} ({how})", get, repeat, warmup=2)
                timing.note = f"{url} ({timing.result / 1000:,.0f} KB)".replace(",", ".")
                out.append(timing)
    finally:
        app.config["TRACKER_PAGE_CACHE"] = saved
    return out


def _reminders(app, day) -> Timing:
    from tracker.reminders import compose as compose_module
    from tracker.reminders import digests as digest_module
    from tracker.reminders import settings as settings_module
    from tracker.users.models import mail_languages_read_once

    with app.app_context(), app.test_request_context():
        start, cpu = time.perf_counter(), time.process_time()
        cfg = settings_module.load()
        built = digest_module.daily_digests(day, cfg)
        size = largest = 0
        with mail_languages_read_once():
            for digest in built:
                mail = compose_module.compose_daily(digest, cfg)
                size += (
                    len(mail.subject.encode()) + len(mail.body_text.encode()) + len(mail.body_html.encode())
                )
                # A section lists at most DAILY_SECTION_LIMIT tasks; the rest are a link to the list.
                shown = (
                    min(len(lines), compose_module.DAILY_SECTION_LIMIT) for lines in digest.sections.values()
                )
                largest = max([largest, *shown])
        timing = Timing(f"{PREFIX}a day's reminders")
        timing.samples.append(time.perf_counter() - start)
        timing.cpu.append(time.process_time() - cpu)
        db.session.rollback()
    timing.note = (
        f"{len(built)} digests, {size / 1_000_000:.1f} MB, at most {largest} tasks listed a section".replace(
            ".", ","
        )
    )
    timing.result = (len(built), size, largest)
    return timing


def run(app, database_url: str, *, day, repeat: int, port: int, seconds: int, workers: int) -> list[Timing]:
    from tracker.bench.workloads import REPORT_ALL

    out = _pages(app, repeat, REPORT_ALL)
    for cache in (False, True):
        for timing in http.load(
            database_url,
            [("monitor: overdue list", f"theodoi@{MAIL}", OVERDUE)],
            port,
            seconds,
            workers=workers,
            page_cache=cache,
        ):
            timing.name = f"{PREFIX}wrk -t2 -c16 on the overdue list ({'reused' if cache else 'rendered'})"
            out.append(timing)
    out.append(_reminders(app, day))
    return out


def _cell(timings: list[Timing], name: str) -> str:
    t = next((t for t in timings if t.name == name), None)
    if t is None:
        return "—"
    if t.samples:
        size = f", {t.result / 1000:,.0f} KB".replace(",", ".") if isinstance(t.result, int) else ""
        return f"{fmt_seconds(t.median)} / {fmt_seconds(t.p95)}{size}".replace(".", ",")
    if isinstance(t.result, tuple):  # wrk: (requests/s, p99 ms)
        return f"{t.result[0]:,.1f} req/s".replace(",", "_").replace(".", ",").replace("_", ".")
    return t.note


def table(timings: list[Timing]) -> str:
    """Issue 15's table: Redmine's figures beside the tracker's, rendered and with the body reused."""
    lines = [
        "| request | Redmine median / p95 (the issue) | tracker, rendered | tracker, reused body |",
        "|---|---|---|---|",
    ]
    for label, redmine in REDMINE.items():
        if label == "a day's reminders":
            t = next((t for t in timings if t.name == f"{PREFIX}{label}"), None)
            mine = f"{fmt_seconds(t.median).replace('.', ',')}, {t.note}" if t else "—"
            lines.append(f"| {label} | {redmine} | {mine} | |")
            continue
        rendered = _cell(timings, f"{PREFIX}{label} (rendered)")
        reused = "—" if "API" in label else _cell(timings, f"{PREFIX}{label} (reused)")
        lines.append(f"| {label} | {redmine} | {rendered} | {reused} |")
    return "\n".join(lines)
