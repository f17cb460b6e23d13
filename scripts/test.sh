#!/usr/bin/env bash
# The whole suite, first on SQLite, then on PostgreSQL (a local Debian server, started here).
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
echo "== tests on PostgreSQL =="
PG_URL=$(bash scripts/postgres.sh tracker_test) || { echo "PostgreSQL could not be started"; exit 1; }
TRACKER_TEST_DATABASE_URL="$PG_URL" $BIN/python -m pytest -q -p no:cacheprovider "$@" || status=1
exit $status
