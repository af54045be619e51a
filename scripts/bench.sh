#!/usr/bin/env bash
# `make bench`: Docket against the reference tools on the same files in the same run.
# A benchmark, not a test: it prints figures and ratios and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${XDG_CACHE_HOME:-$HOME/.cache}/docket/bench-venv"
# PyMuPDF and pypdfium2 are the comparison, never dependencies of Docket: they live in a throw-away environment.
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pymupdf, pypdfium2" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "pymupdf==2.0" "pypdfium2==5.15.2"
fi
exec python3 scripts/bench/bench.py --docket .build/release/docket --peers-python "$venv/bin/python" "$@"
