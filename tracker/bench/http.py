"""6. HTTP load: gunicorn (2 workers) on loopback, `wrk` at 16 connections, logged in.

gunicorn runs `wsgi:app` from the project directory against the benchmark database; the session
cookie of a real login (CSRF token and all) is passed to wrk with -H. Both processes are started and
stopped here, by their process ids.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import shutil
import socket

# Starts gunicorn and wrk, with fixed argument lists.
import subprocess  # nosec B404
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tracker.bench.timing import Timing, skipped

ROOT = Path(__file__).resolve().parents[2]
USER_AGENT = "tracker-bench"


def _wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port}")


def login_cookie(base: str, email: str, password: str) -> str:
    """Log in through the real login form; returns the Cookie header value of the session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    # Loopback URLs built here.
    page = opener.open(f"{base}/login", timeout=30).read().decode()  # nosec B310
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page
    )
    data = {"email": email, "password": password}
    if match:
        data["csrf_token"] = match.group(1)
    opener.open(f"{base}/login", urllib.parse.urlencode(data).encode(), timeout=30).read()  # nosec B310
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "session=" not in cookies and "remember_token=" not in cookies:
        raise RuntimeError(f"login as {email} failed")
    return cookies


def _wrk(url: str, cookie: str, seconds: int, connections: int) -> tuple[float, float, str]:
    out = subprocess.run(  # noqa: S603  # nosec B603
        [
            shutil.which("wrk") or "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Cookie: {cookie}",
            "-H",
            f"User-Agent: {USER_AGENT}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    note = f" ({non2xx.group(1)} non-2xx responses!)" if non2xx else ""
    return rps, float(p99.group(1)) * factor, note


def load(
    database_url: str,
    accounts: list[tuple[str, str, str]],
    port: int,
    seconds: int = 15,
    connections: int = 16,
    workers: int = 2,
    page_cache: bool = True,
) -> list[Timing]:
    """wrk on each (label, email, path); `accounts` entries are (label, email, path). With
    `page_cache` off (TRACKER_PAGE_CACHE=0) every request renders its page from the database."""
    if shutil.which("wrk") is None:
        return [skipped("6 HTTP load (wrk)", "wrk not installed: apt-get install -y wrk")]
    from tracker.seed.synthetic_rows import SYNTHETIC_PASSWORD

    env = dict(
        os.environ,
        TRACKER_DATABASE_URL=database_url,
        TRACKER_SECRET_KEY=secrets.token_hex(32),
        TRACKER_PAGE_CACHE=os.environ.get("TRACKER_PAGE_CACHE", "30") if page_cache else "0",
    )
    how = "reused body" if page_cache else "rendered every time"
    threads = (
        f" × {os.environ['BENCH_GUNICORN_THREADS']} threads"
        if os.environ.get("BENCH_GUNICORN_THREADS")
        else ""
    )
    server = subprocess.Popen(  # noqa: S603  # nosec B603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(workers),
            # BENCH_GUNICORN_THREADS: docs/deploy.md's threaded workers (gthread, keep-alive) instead
            # of the default sync workers.
            *(
                ["--threads", os.environ["BENCH_GUNICORN_THREADS"]]
                if os.environ.get("BENCH_GUNICORN_THREADS")
                else []
            ),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
    )
    out = []
    try:
        _wait_for_port(port)
        base = f"http://127.0.0.1:{port}"
        for label, email, path in accounts:
            cookie = login_cookie(base, email, SYNTHETIC_PASSWORD)
            rps, p99, note = _wrk(base + path, cookie, seconds, connections)
            timing = Timing(
                f"6 wrk {label} ({how})",
                note=f"{rps:.0f} requests/s, p99 {p99:.0f} ms at {connections} "
                f"connections, {workers} workers{threads}, {path}{note}",
            )
            timing.result = (rps, p99)
            out.append(timing)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return out
