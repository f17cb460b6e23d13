#!/usr/bin/env bash
# A PostgreSQL server of the tests' own: a fresh cluster (initdb) in a temporary folder, on a free
# port on loopback, with a superuser `tracker` — so no role, setting or database of the machine's
# own PostgreSQL can break the suite. Used by scripts/test.sh:
#
#   source scripts/test_postgres.sh      # starts it; sets TEST_PG_URL, stops it when the shell exits
#
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user.
# The server is installed from Debian's packages if missing (scripts/system_deps.sh).

_pg_fail() { echo "PostgreSQL riêng của bộ kiểm thử không khởi động được: $*" >&2; return 1; }

_pg_start() {
  local bin version port dir as
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1)
  [ -n "$version" ] || { _pg_fail "chưa cài PostgreSQL (make system-test-deps)"; return 1; }
  bin=/usr/lib/postgresql/$version/bin
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  dir=$(mktemp -d /tmp/tracker-test-pg.XXXXXX)
  as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U tracker --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; _pg_fail "initdb"; return 1; }
  # Durability is not wanted for throw-away test data: fsync off makes the suite faster.
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; _pg_fail "pg_ctl start"; return 1; }
  TEST_PG_DIR=$dir
  TEST_PG_BIN=$bin
  TEST_PG_URL="postgresql://tracker@127.0.0.1:$port/tracker_test"
  export TEST_PG_URL
  trap _pg_stop EXIT
}

_pg_stop() {
  [ -n "${TEST_PG_DIR:-}" ] || return 0
  local as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$TEST_PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$TEST_PG_DIR"
  TEST_PG_DIR=
}

_pg_start
