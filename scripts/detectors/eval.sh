#!/usr/bin/env bash
# `make eval-detectors`: builds the development set in a throw-away virtual environment and scores
# the detectors on it. `--gazetteer-only`: regenerates the name gazetteer instead (`make gazetteer`).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv="${XDG_CACHE_HOME:-$HOME/.cache}/docket/eval-venv"
# The versions are pinned: another Faker makes another development set, another mimesis another gazetteer.
pinned='import faker, mimesis; assert faker.VERSION == "40.63.0" and mimesis.__version__ == "22.2.0"'
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "$pinned" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "faker==40.63.0" "mimesis==22.2.0"
fi
if [ "${1:-}" = "--gazetteer-only" ]; then
  exec "$venv/bin/python" scripts/detectors/make_gazetteer.py --output Sources/DocketCore/Classify/NameGazetteer+Lists.swift
fi
mkdir -p Output/detectors
"$venv/bin/python" scripts/detectors/make_devset.py --output Output/detectors/devset.jsonl
exec .build/release/docket eval-detectors Output/detectors/devset.jsonl "$@"
