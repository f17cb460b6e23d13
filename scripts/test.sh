#!/usr/bin/env bash
# The whole suite on SQLite and on PostgreSQL (a private server of the tests' own: test_postgres.sh).
# The two halves run side by side, one process each (the machine has two cores or more); the SQLite
# half's output is kept in a file and shown after the PostgreSQL half's, so neither is interleaved.
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
sqlite_log=$(mktemp /tmp/tracker-test-sqlite.XXXXXX)
start=$SECONDS
env -u TRACKER_TEST_DATABASE_URL $BIN/python -m pytest -q -p no:cacheprovider "$@" >"$sqlite_log" 2>&1 &
sqlite_pid=$!
echo "== tests on PostgreSQL (a private server, started for the tests and stopped after); SQLite beside it =="
TRACKER_TEST_DATABASE_URL="$TEST_PG_URL" $BIN/python -m pytest -q -p no:cacheprovider "$@" || status=1
echo "== PostgreSQL half done in $((SECONDS - start)) s; waiting for the SQLite half =="
wait "$sqlite_pid" || status=1
echo "== tests on SQLite =="
cat "$sqlite_log"
rm -f "$sqlite_log"
echo "== whole suite: $((SECONDS - start)) s =="
exit $status
