#!/usr/bin/env bash
# The whole suite, first on SQLite, then on PostgreSQL (a private server of the tests' own: test_postgres.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PYTHONDONTWRITEBYTECODE=1
status=0
echo "== lint (ruff) =="
$BIN/ruff check tracker tests || status=1
$BIN/ruff format --check tracker tests scripts wsgi.py || status=1
echo "== security lint (bandit) =="
$BIN/bandit -q -r tracker -c pyproject.toml || status=1
echo "== tests on SQLite =="
env -u TRACKER_TEST_DATABASE_URL $BIN/python -m pytest -q -p no:cacheprovider "$@" || status=1
echo "== tests on PostgreSQL (a private server, started for the tests and stopped after) =="
source scripts/test_postgres.sh || exit 1
TRACKER_TEST_DATABASE_URL="$TEST_PG_URL" $BIN/python -m pytest -q -p no:cacheprovider "$@" || status=1
exit $status
