#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start` makes one with initdb in a temporary
# folder, listening on loopback only, and prints the folder (its URL is in FOLDER/url);
# `stop FOLDER` stops and removes it; `run COMMAND...` runs the command with a cluster started
# for it (DOCKET_TEST_POSTGRES names it) and stops it afterwards, whatever happens.
# Debian's postgresql package (scripts/setup.sh) provides the binaries; the server never runs as
# root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "test-postgres: PostgreSQL is not installed (run scripts/setup.sh)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    folder=$(mktemp -d /tmp/docket-pg-XXXXXX)
    chmod 755 "$folder"
    [ "$(id -u)" -eq 0 ] && chown postgres "$folder"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$folder/data" -U docket -A trust --no-sync -E UTF8 >/dev/null
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $folder -c fsync=off -c max_connections=100" start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U docket docket_test
    echo "postgresql://docket@127.0.0.1:$port/docket_test" > "$folder/url"
    echo "$folder"
    ;;
  stop)
    folder=${2:?usage: test-postgres.sh stop FOLDER}
    as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$folder"
    ;;
  run)
    shift
    folder=$("$0" start)
    trap '"$0" stop "$folder"' EXIT
    DOCKET_TEST_POSTGRES=$(cat "$folder/url") DOCKET_REQUIRE_POSTGRES=1 "$@"
    ;;
  *)
    echo "usage: test-postgres.sh start | stop FOLDER | run COMMAND..." >&2
    exit 2
    ;;
esac
