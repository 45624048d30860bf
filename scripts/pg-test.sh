#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL server on 127.0.0.1 for integration tests and benchmarks.
#   scripts/pg-test.sh start   → prints DATABASE URL on stdout; data folder under /tmp
#   scripts/pg-test.sh stop
#   scripts/pg-test.sh restart [seconds down]   (immediate stop, then start again)
set -euo pipefail
PORT="${MIXSTUDY_PG_PORT:-54329}"
STATE=/tmp/mixstudy-pg-$PORT
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$BIN" ] || { echo "PostgreSQL server binaries not found: apt-get install postgresql" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "${1:-start}" in
  start)
    if [ -f "$STATE/data/postmaster.pid" ]; then as_pg "$BIN/pg_ctl -D $STATE/data -m immediate stop" >/dev/null 2>&1 || true; fi
    rm -rf "$STATE"; mkdir -p "$STATE"
    [ "$(id -u)" = 0 ] && chown postgres "$STATE"
    as_pg "$BIN/initdb -D $STATE/data -U postgres --auth=trust -E UTF8 --no-locale" >"$STATE.log" 2>&1
    as_pg "$BIN/pg_ctl -D $STATE/data -l $STATE/server.log -o '-h 127.0.0.1 -p $PORT -k $STATE -c fsync=on -c max_connections=300' -w start" >>"$STATE.log" 2>&1
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  restart)
    # An abrupt restart (immediate stop = a crash for clients), for the database-restart fault test.
    as_pg "$BIN/pg_ctl -D $STATE/data -m immediate stop" >/dev/null 2>&1 || true
    sleep "${2:-1}"
    as_pg "$BIN/pg_ctl -D $STATE/data -l $STATE/server.log -o '-h 127.0.0.1 -p $PORT -k $STATE -c fsync=on -c max_connections=300' -w start" >>"$STATE.log" 2>&1
    ;;
  stop)
    [ -d "$STATE/data" ] && as_pg "$BIN/pg_ctl -D $STATE/data -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$STATE"
    ;;
esac
