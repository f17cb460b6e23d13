"""Timing helpers: run a callable several times, report the median and the 95th percentile."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Timing:
    name: str
    samples: list[float] = field(default_factory=list)
    # CPU time of this process per sample: the whole work on SQLite (in-process), the
    # application's share on PostgreSQL; unlike wall time it does not grow with the machine's load.
    cpu: list[float] = field(default_factory=list)
    note: str = ""
    result: object = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else math.nan

    @property
    def p95(self) -> float:
        """Nearest-rank 95th percentile (with few samples: the slowest or next to slowest)."""
        if not self.samples:
            return math.nan
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else math.nan


def measure(name: str, fn: Callable[[], object], repeat: int, warmup: int = 1, note: str = "") -> Timing:
    """Call `fn` `warmup` times untimed (caches, statement compilation), then `repeat` times timed."""
    for _ in range(warmup):
        fn()
    timing = Timing(name, note=note)
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        timing.result = fn()
        timing.samples.append(time.perf_counter() - start)
        timing.cpu.append(time.process_time() - cpu)
    return timing


def skipped(name: str, note: str) -> Timing:
    return Timing(name, note=note)


def fmt_seconds(value: float) -> str:
    if math.isnan(value):
        return "—"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"
