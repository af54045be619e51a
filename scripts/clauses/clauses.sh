#!/usr/bin/env bash
# `make train-clauses`: trains the clause model from ../shared/data/cuad-train into
# Sources/DocketDecide/Resources/clause-model.bin (committed). `make eval-clauses` (`--eval`): scores
# it on the 14 test contracts of ../shared/data/cuad, against searching for the categories' names.
# `--eval` first trains the plain baseline (scripts/clauses/baseline.py) and prints its figures beside; `--oof`
# (`make eval-clauses-oof`) runs the out-of-fold protocol on the 463 training contracts (experiment.py, then the
# presence rules, presence.py).
# All in a throw-away virtual environment with pinned packages.
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${DOCKET_SHARED_DATA:-../shared/data}"
venv="${XDG_CACHE_HOME:-$HOME/.cache}/docket/clauses-venv"
pinned='import sklearn, numpy, scipy; assert (sklearn.__version__, numpy.__version__, scipy.__version__) == ("1.9.1", "2.4.6", "1.17.1")'
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "$pinned" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "scikit-learn==1.9.1" "numpy==2.4.6" "scipy==1.17.1"
fi
if [ "${1:-}" = "--oof" ]; then
  shift
  [ -f "$data/cuad-train/labels.csv" ] || { echo "eval-clauses-oof: $data/cuad-train/labels.csv not found" >&2; exit 2; }
  # Each candidate's scores are kept (Output/clauses/oof); the presence rules are measured on the shipped average's.
  "$venv/bin/python" scripts/clauses/experiment.py --data "$data/cuad-train" --cache Output/clauses/oof "$@"
  exec "$venv/bin/python" scripts/clauses/presence.py --data "$data/cuad-train" --cache Output/clauses/oof
fi
if [ "${1:-}" = "--eval" ]; then
  shift
  [ -f "$data/cuad/labels.csv" ] || { echo "eval-clauses: $data/cuad/labels.csv not found (set DOCKET_SHARED_DATA)" >&2; exit 2; }
  [ -f "$data/cuad-train/labels.csv" ] || { echo "eval-clauses: $data/cuad-train/labels.csv not found (the baseline trains on it)" >&2; exit 2; }
  mkdir -p Output/clauses
  python3 scripts/clauses/make_testset.py --data "$data/cuad" --output Output/clauses/testset.jsonl
  # The baseline scores the same texts, as Docket's extraction read them, trained on the same contracts.
  .build/release/docket eval-clauses Output/clauses/testset.jsonl --write-texts Output/clauses/texts
  "$venv/bin/python" scripts/clauses/baseline.py --data "$data/cuad-train" --texts Output/clauses/texts \
    --output Output/clauses/baseline.jsonl
  exec .build/release/docket eval-clauses Output/clauses/testset.jsonl --baseline Output/clauses/baseline.jsonl "$@"
fi
[ -f "$data/cuad-train/labels.csv" ] || { echo "train-clauses: $data/cuad-train/labels.csv not found" >&2; exit 2; }
exec "$venv/bin/python" scripts/clauses/train.py --data "$data/cuad-train" --output Sources/DocketDecide/Resources/clause-model.bin \
  --fixture Tests/Fixtures/clause-scores.json
