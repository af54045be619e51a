#!/usr/bin/env bash
# Regenerates Samples/ from scripts/samples/. Not part of `make run` or `make test`: the generated
# files are committed. Needs pdftoppm (scripts/setup.sh) and a throw-away Python environment.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${XDG_CACHE_HOME:-$HOME/.cache}/docket/samples-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "reportlab==5.1.0" "python-docx==1.2.0" "pillow==13.0.0"
fi
"$venv/bin/python" scripts/samples/make_samples.py
ls -la Samples/documents
