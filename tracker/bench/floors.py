"""The floors of issue 15, each with this run's result: printed at the end of `make bench`.

A floor names the measure (a line of the run, by its name), the limit on this machine and whether the
run met it. Floors stated for one size (the as-of tally, the lists, the digests at 1.000.000) are
printed at any size, marked with the size they are stated for. Nothing here is asserted: a benchmark
prints, the reader judges (with the machine's load, printed with each database's run).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tracker.bench.timing import Timing, fmt_seconds

MILLION = 1_000_000


@dataclass
class Floor:
    what: str
    limit: str
    result: str
    met: bool | None  # None: not measured in this run
    stated: int | None = None  # the size the floor is stated for, when this run has another

    def line(self) -> str:
        verdict = {True: "met", False: "NOT MET", None: "not measured"}[self.met]
        if self.stated and self.met is not None:
            verdict = f"(stated at {self.stated:,} tasks)"
        return f"| {self.what} | {self.limit} | {self.result} | {verdict} |"


def _find(timings: list[Timing], pattern: str) -> list[Timing]:
    rx = re.compile(pattern)
    return [t for t in timings if rx.search(t.name) and (t.samples or t.result is not None)]


def _ms(seconds: float) -> str:
    return fmt_seconds(seconds)


def check(kind: str, n: int, timings: list[Timing]) -> list[Floor]:
    big = n >= MILLION
    at_million = None if big else MILLION
    out: list[Floor] = []

    # Report screen: ≤ 0,3 s at 100.000, ≤ 1 s at 1.000.000; ≤ 300 KB.
    limit = 1.0 if big else 0.3
    screens = _find(timings, r"^(3 monitor: report screen|7 side by side: summary report).*\(rendered\)$")
    if screens:
        worst = max(screens, key=lambda t: t.median)
        heaviest = max(screens, key=lambda t: t.result or 0)
        out.append(
            Floor(
                "report screen, any report page (rendered)",
                f"≤ {_ms(limit)} median",
                f"{_ms(worst.median)} ({worst.name.split(': ', 1)[1]})",
                worst.median <= limit,
            )
        )
        out.append(
            Floor(
                "report screen's weight",
                "≤ 300 KB",
                f"{(heaviest.result or 0) / 1000:.0f} KB ({heaviest.name.split(': ', 1)[1]})",
                (heaviest.result or 0) <= 300_000,
            )
        )
    else:
        out.append(Floor("report screen", f"≤ {_ms(limit)}, ≤ 300 KB", "—", None))

    # As-of tally: whole province ≤ 0,2 s PG / ≤ 0,5 s SQLite; one agency ≤ 50 ms; exact.
    whole = 0.2 if kind == "postgresql" else 0.5
    for pattern, what, limit_s in (
        (r"^1a .*tracker\.reports$", "as-of tally, whole province", whole),
        (r"^1c .*tracker\.reports$", "as-of tally, one agency", 0.05),
    ):
        found = _find(timings, pattern)
        t = found[0] if found else None
        out.append(
            Floor(
                what,
                f"≤ {_ms(limit_s)}",
                _ms(t.median) if t else "—",
                None if t is None else t.median <= limit_s,
                at_million,
            )
        )
    tallies = _find(timings, r"tracker\.reports$")
    out.append(
        Floor(
            "as-of tally exact (same figures as the hand-written SQL)",
            "every line",
            f"{sum('same figures' in t.note for t in tallies)} of {len(tallies)} lines agree",
            None if not tallies else all("same figures" in t.note for t in tallies),
        )
    )
    summary = _find(timings, r"^1[abc] .*tracker\.reports$")
    ratios = [float(m.group(1)) for t in summary if (m := re.search(r"([\d.]+)× floor", t.note))]
    out.append(
        Floor(
            "summary (whole, a province, an agency) within 1.5× of the hand-written aggregate",
            "≤ 1.5×",
            ", ".join(f"{r:.2f}×" for r in ratios) or "—",
            None if not ratios else max(ratios) <= 1.5,
            at_million,
        )
    )

    # Lists rendered p95 ≤ 20 ms at 1.000.000; the focal point's no costlier than the monitor's.
    rendered = _find(timings, r"^3 (focal point|monitor): (?!report screen|the last quarters).*\(rendered\)$")
    if rendered:
        worst = max(rendered, key=lambda t: t.p95)
        out.append(
            Floor(
                "lists and home pages rendered, p95",
                "≤ 20.0 ms",
                f"{_ms(worst.p95)} (slowest: {worst.name[2:]})",
                worst.p95 <= 0.020,
                at_million,
            )
        )
        # The visibility rule's cost: the task lists (a home page has other work: its own counts).
        lists = [t for t in rendered if "dashboard" not in t.name]
        focal = [t.p95 for t in lists if t.name.startswith("3 focal point")]
        monitor = [t.p95 for t in lists if t.name.startswith("3 monitor")]
        if focal and monitor:
            out.append(
                Floor(
                    "a focal point's task lists cost no more than the monitor's (p95)",
                    "focal ≤ monitor",
                    f"{_ms(max(focal))} vs {_ms(max(monitor))}",
                    max(focal) <= max(monitor),
                )
            )
    else:
        out.append(Floor("lists rendered, p95", "≤ 20.0 ms", "—", None))

    # wrk with reuse: ≥ 1.000 requests/s for a focal point's home and list.
    reused = [
        t for t in _find(timings, r"^6 wrk focal point: .*\(reused body\)$") if isinstance(t.result, tuple)
    ]
    out.append(
        Floor(
            "wrk -t2 -c16, a focal point's home and list (reused body)",
            "≥ 1,000 req/s",
            ", ".join(f"{t.result[0]:.0f} req/s" for t in reused) or "—",
            None if not reused else min(t.result[0] for t in reused) >= 1000,
        )
    )

    # Digests: a day's at 1.000.000 ≤ 10 s.
    digests = _find(timings, r"^4 one day's digests")
    t = digests[0] if digests else None
    out.append(
        Floor(
            "a day's digests",
            "≤ 10 s",
            f"{_ms(t.median)} — {t.note}" if t else "—",
            None if t is None or math.isnan(t.median) else t.median <= 10,
            at_million,
        )
    )
    return out


def table(kind: str, n: int, timings: list[Timing]) -> str:
    lines = [f"Floors of issue 15 — {kind}, {n:,} tasks", "| floor | limit | result | |", "|---|---|---|---|"]
    lines += [floor.line() for floor in check(kind, n, timings)]
    return "\n".join(lines)
