#!/usr/bin/env bash
# The whole suite on SQLite and on PostgreSQL (a private server of the tests' own: test_postgres.sh):
# the two databases side by side, then the browser tests apart (see below).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PYTHONDONTWRITEBYTECODE=1
status=0
echo "== lint (ruff) =="
$BIN/ruff check tracker tests || status=1
$BIN/ruff format --check tracker tests scripts wsgi.py || status=1
$BIN/python scripts/import_graph.py --check || status=1
echo "== security lint (bandit) =="
$BIN/bandit -q -r tracker -c pyproject.toml || status=1
source scripts/test_postgres.sh || exit 1
PYTEST=($BIN/python -m pytest -q -p no:cacheprovider)
start=$SECONDS
if [ $# -gt 0 ]; then
  # Some tests named: on each database, one after the other.
  echo "== tests on SQLite =="
  env -u TRACKER_TEST_DATABASE_URL "${PYTEST[@]}" "$@" || status=1
  echo "== tests on PostgreSQL =="
  TRACKER_TEST_DATABASE_URL="$TEST_PG_URL" "${PYTEST[@]}" "$@" || status=1
else
  # The whole suite: the two databases side by side (one process each, the machine has two cores
  # or more), the browser tests apart afterwards, on a quiet machine (they wait on page loads). The
  # SQLite half's output is kept in a file and shown after the PostgreSQL half's.
  sqlite_log=$(mktemp /tmp/tracker-test-sqlite.XXXXXX)
  env -u TRACKER_TEST_DATABASE_URL "${PYTEST[@]}" --ignore=tests/browser >"$sqlite_log" 2>&1 &
  sqlite_pid=$!
  echo "== tests on PostgreSQL (a private server, started for the tests and stopped after); SQLite beside it =="
  TRACKER_TEST_DATABASE_URL="$TEST_PG_URL" "${PYTEST[@]}" --ignore=tests/browser || status=1
  echo "== PostgreSQL half done in $((SECONDS - start)) s; waiting for the SQLite half =="
  wait "$sqlite_pid" || status=1
  echo "== tests on SQLite =="
  cat "$sqlite_log"
  rm -f "$sqlite_log"
  echo "== browser tests (Chromium), on SQLite then on PostgreSQL =="
  env -u TRACKER_TEST_DATABASE_URL "${PYTEST[@]}" tests/browser || status=1
  TRACKER_TEST_DATABASE_URL="$TEST_PG_URL" "${PYTEST[@]}" tests/browser || status=1
fi
echo "== whole suite: $((SECONDS - start)) s =="
exit $status
