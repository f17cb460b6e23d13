#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL server for the tests and for `make run-pg`,
# with a role `tracker` (password `tracker`) that may create databases. Works as root (CI) and as
# a normal user with sudo. Prints the URL of the test database.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "Installing PostgreSQL (Debian package)…" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$VERSION main"; then
  $SUDO pg_createcluster "$VERSION" main >&2
fi
if ! pg_lsclusters -h | grep "^$VERSION main" | grep -q online; then
  # PostgreSQL refuses to run as root: pg_ctlcluster runs the server as the postgres user.
  $SUDO pg_ctlcluster "$VERSION" main start >&2
fi
for _ in $(seq 1 30); do
  $SUDO -u postgres psql -qtAc "SELECT 1" >/dev/null 2>&1 && break
  sleep 1
done 2>/dev/null || true
run_psql() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "psql -qtAc \"$1\""; else sudo -u postgres psql -qtAc "$1"; fi; }
if [ "$(run_psql "SELECT 1 FROM pg_roles WHERE rolname='tracker'")" != "1" ]; then
  run_psql "CREATE ROLE tracker LOGIN CREATEDB SUPERUSER PASSWORD 'tracker'" >&2
fi
echo "postgresql://tracker:tracker@127.0.0.1:5432/${1:-tracker_test}"
