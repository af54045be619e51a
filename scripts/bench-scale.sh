#!/usr/bin/env bash
# `make bench-scale`: Docket on a synthetic data room (scripts/bench-scale/): 1,000 and 10,000 documents on SQLite,
# 1,000 on PostgreSQL with two workers (`--postgres-sizes 10000` for more: the workers' loop is slow), each
# workspace page timed. `--smoke` (what `make test` runs): 30 documents
# on each store with the debug build, so that the bench itself keeps working. Other arguments go to bench_scale.py
# (`--baseline BINARY` runs another build on the same files in the same run; `--sizes 30000` the full size).
# A benchmark, not a test: it prints figures and asserts nothing but that the runs succeed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${XDG_CACHE_HOME:-$HOME/.cache}/docket/bench-scale-venv"
# Pillow draws the scans; it lives in a throw-away environment, never a dependency of Docket.
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import PIL" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "pillow==13.0.0"
fi
if [ "${1:-}" = "--smoke" ]; then
  shift
  exec "$venv/bin/python" scripts/bench-scale/bench_scale.py --docket .build/debug/docket --sizes 30 \
    --postgres-sizes 30 --repeats 2 "$@"
fi
exec "$venv/bin/python" scripts/bench-scale/bench_scale.py "$@"
