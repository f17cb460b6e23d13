#!/usr/bin/env bash
# make bench: the figures of issue 8 (docs/performance.md). Prints; asserts nothing about time.
#   BENCH_TASKS=100000 (or 1000000)  BENCH_DB=sqlite|postgresql|both  — see tracker/bench/run.py
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
export BENCH_TASKS=${BENCH_TASKS:-100000} BENCH_DB=${BENCH_DB:-both}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk (Debian package)…" >&2
  $SUDO apt-get install -y -qq wrk >&2 || echo "wrk unavailable: the HTTP load figures will be skipped" >&2
fi
if [ "$BENCH_DB" != "sqlite" ] && [ -z "${BENCH_PG_URL:-}" ]; then
  # A local PostgreSQL server (started if needed); the benchmark database is tracker_bench_<N>.
  PG=$(bash scripts/postgres.sh tracker_bench) && export BENCH_PG_URL="${PG%/*}"
fi
exec $BIN/python -m tracker.bench.run "$@"
