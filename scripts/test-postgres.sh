#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start` makes one with initdb in a temporary
# folder, listening on loopback only, and prints the folder (its URL is in FOLDER/url);
# `stop FOLDER` stops and removes it; `run COMMAND...` runs the command with a cluster started
# for it (DOCKET_TEST_POSTGRES names it, DOCKET_TEST_POSTGRES_ROOT its TLS certificate) and stops
# it afterwards, whatever happens. Roles docket_password (password test-secret) and docket_tls
# (TLS only) each own a database of their name.
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
    # Two roles that the access tests sign in as: one with a password (scram), one that may only
    # connect over TLS, with a certificate for 127.0.0.1 made here.
    hba="$folder/data/pg_hba.conf"
    { printf 'host all docket_password 127.0.0.1/32 scram-sha-256\n'
      printf 'hostnossl all docket_tls 127.0.0.1/32 reject\nhostssl all docket_tls 127.0.0.1/32 trust\n'
      cat "$hba"; } > "$folder/hba" && cat "$folder/hba" > "$hba" && rm "$folder/hba"
    openssl req -new -x509 -days 2 -nodes -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
      -keyout "$folder/data/server.key" -out "$folder/data/server.crt" >/dev/null 2>&1
    chmod 600 "$folder/data/server.key"
    [ "$(id -u)" -eq 0 ] && chown postgres "$folder/data/server.key" "$folder/data/server.crt"
    cp "$folder/data/server.crt" "$folder/root.crt" && chmod 644 "$folder/root.crt"
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $folder -c fsync=off -c max_connections=100 -c ssl=on" start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U docket docket_test
    as_owner "$bin/psql" -q -h 127.0.0.1 -p "$port" -U docket -d docket_test \
      -c "CREATE ROLE docket_password LOGIN PASSWORD 'test-secret'" -c "CREATE ROLE docket_tls LOGIN"
    for role in docket_password docket_tls; do
      as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U docket -O "$role" "$role"
    done
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
    DOCKET_TEST_POSTGRES=$(cat "$folder/url") DOCKET_TEST_POSTGRES_ROOT="$folder/root.crt" \
      DOCKET_REQUIRE_POSTGRES=1 "$@"
    ;;
  *)
    echo "usage: test-postgres.sh start | stop FOLDER | run COMMAND..." >&2
    exit 2
    ;;
esac
