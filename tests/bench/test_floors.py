"""The floors table `make bench` prints: each floor of issue 15 judged from the run's own lines."""

from tracker.bench import floors
from tracker.bench.timing import Timing


def _timing(name, seconds, *, size=None, note="", samples=5):
    t = Timing(name, samples=[seconds] * samples, cpu=[seconds] * samples, note=note)
    t.result = size
    return t


def _verdicts(kind, n, timings):
    return {f.what: f for f in floors.check(kind, n, timings)}


def test_report_screen_judged_by_its_slowest_and_heaviest_page():
    timings = [
        _timing("3 monitor: report screen, the last closed quarter (rendered)", 0.8, size=250_000),
        _timing("3 monitor: report screen over all the data (rendered)", 1.2, size=310_000),
        _timing("3 monitor: report screen over all the data (reused)", 0.001, size=310_000),
    ]
    got = _verdicts("postgresql", 1_000_000, timings)
    assert got["report screen, any report page (rendered)"].met is False
    assert "over all the data" in got["report screen, any report page (rendered)"].result
    assert got["report screen's weight"].met is False
    fast = [_timing("3 monitor: report screen over all the data (rendered)", 0.25, size=200_000)]
    got = _verdicts("sqlite", 100_000, fast)
    assert got["report screen, any report page (rendered)"].met is True
    assert got["report screen's weight"].met is True


def test_tally_floor_depends_on_the_database_and_is_stated_at_a_million():
    line = _timing("1a summary, all tasks — tracker.reports", 0.3, note="1.05× floor (same figures)")
    assert _verdicts("sqlite", 1_000_000, [line])["as-of tally, whole province"].met is True
    pg = _verdicts("postgresql", 1_000_000, [line])["as-of tally, whole province"]
    assert pg.met is False and "NOT MET" in pg.line()
    small = _verdicts("postgresql", 100_000, [line])["as-of tally, whole province"]
    assert "stated at 1,000,000 tasks" in small.line()


def test_figures_that_differ_fail_the_exactness_floor():
    lines = [
        _timing("1a summary, all tasks — tracker.reports", 0.1, note="1.05× floor (same figures)"),
        _timing(
            "2 by lead agency, all tasks — tracker.reports",
            0.1,
            note="1.2× floor FIGURES DIFFER for 3 agencies",
        ),
    ]
    exact = _verdicts("sqlite", 1_000_000, lines)["as-of tally exact (same figures as the hand-written SQL)"]
    assert exact.met is False and exact.result == "1 of 2 lines agree"


def test_lists_p95_and_the_focal_points_rule():
    lines = [
        _timing("3 focal point: dashboard (rendered)", 0.030),
        _timing("3 focal point: status=in_progress, page 1 (rendered)", 0.018),
        _timing("3 monitor: all tasks, page 1 (rendered)", 0.015),
        _timing("3 monitor: report screen over all the data (rendered)", 2.0, size=1),
        _timing(
            "3 monitor: the last quarters' chart of the report over all the data (rendered)", 0.5, size=1
        ),
        _timing("3 focal point: dashboard (reused)", 0.002),
    ]
    got = _verdicts("postgresql", 1_000_000, lines)
    assert got["lists and home pages rendered, p95"].met is False
    assert "focal point: dashboard" in got["lists and home pages rendered, p95"].result
    # The focal point's task list (18 ms) against the monitor's (15 ms); its home page is not a list.
    assert got["a focal point's task lists cost no more than the monitor's (p95)"].met is False
    assert (
        "18.0 ms vs 15.0 ms" in got["a focal point's task lists cost no more than the monitor's (p95)"].result
    )


def test_wrk_and_digests():
    wrk = [
        Timing("6 wrk focal point: task list (reused body)"),
        Timing("6 wrk focal point: dashboard (reused body)"),
    ]
    wrk[0].result, wrk[1].result = (1200.0, 20.0), (900.0, 30.0)
    digests = _timing("4 one day's digests (dry run)", 9.0, note="9396 digests")
    got = _verdicts("postgresql", 1_000_000, [*wrk, digests])
    assert got["wrk -t2 -c16, a focal point's home and list (reused body)"].met is False
    assert got["a day's digests"].met is True
    assert _verdicts("postgresql", 1_000_000, [])["a day's digests"].met is None
