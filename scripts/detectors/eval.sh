#!/usr/bin/env bash
# `make eval-detectors`: builds the development set in a throw-away virtual environment and scores
# the detectors on it. `--heldout`: Presidio's sentences instead (`make eval-detectors-heldout`).
# `--gazetteer-only`: regenerates the name gazetteer instead (`make gazetteer`).
set -euo pipefail
cd "$(dirname "$0")/../.."
cache="${XDG_CACHE_HOME:-$HOME/.cache}/docket"
if [ "${1:-}" = "--heldout" ]; then
  shift
  # Presidio's generator, its templates and values: the held-out check, in a virtual environment of its own
  # (it brings spaCy and transformers with it).
  venv="$cache/heldout-venv"
  pinned='import importlib.metadata as m; assert m.version("presidio-evaluator") == "0.3.2"'
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "$pinned" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "presidio-evaluator==0.3.2"
  fi
  mkdir -p Output/detectors
  "$venv/bin/python" scripts/detectors/make_heldout.py --output Output/detectors/heldout.jsonl > /dev/null 2>&1
  exec .build/release/docket eval-detectors Output/detectors/heldout.jsonl "$@"
fi
venv="$cache/eval-venv"
# The versions are pinned: another Faker makes another development set, another mimesis another gazetteer.
pinned='import faker, mimesis; assert faker.VERSION == "40.63.0" and mimesis.__version__ == "22.2.0"'
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "$pinned" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "faker==40.63.0" "mimesis==22.2.0"
fi
if [ "${1:-}" = "--gazetteer-only" ]; then
  exec "$venv/bin/python" scripts/detectors/make_gazetteer.py --output Sources/DocketDecide/Classify/NameGazetteer+Lists.swift
fi
mkdir -p Output/detectors
"$venv/bin/python" scripts/detectors/make_devset.py --output Output/detectors/devset.jsonl
exec .build/release/docket eval-detectors Output/detectors/devset.jsonl "$@"
