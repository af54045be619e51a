#!/usr/bin/env python3
"""How a contract's presence of a category is decided, measured out of fold (`make eval-clauses-oof`, after the
candidates): thresholds on the shipped model's calibrated scores, each chosen on four folds of the 463 training
contracts and applied to the fifth, so that the F1 is not the optimistic one of a threshold fitted on the same
contracts.

A contract's score for a category: its best unit's probability (the shipped average, Platt-scaled per category on
the other folds), the chance that any unit holds it (noisy-or), or the mean of its best two. Rules compared:
- per category: the threshold with the best F1 over that category's contracts (train.py's rule until 2026-12-07);
- one threshold for every category: the one with the best macro F1;
- pulled: the category's threshold pulled towards the common one, by the number of contracts that hold the
  category (few contracts, a noisy optimum: mostly the common one); train.py's rule since, with 40.

Reads the out-of-fold scores experiment.py cached (`--cache`), so run that first.
"""

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
import experiment  # noqa: E402
import train  # noqa: E402

GRID = train.THRESHOLDS


def f1(predicted, holding):
    tp = np.sum(predicted & holding)
    wrong = np.sum(predicted != holding)
    return 2 * tp / (2 * tp + wrong) if tp + wrong else 0.0


def best_threshold(best, holding):
    """train.py's rule: the lowest threshold of the grid with the best F1."""
    scores = [f1(best >= t, holding) for t in GRID]
    return GRID[int(np.argmax(scores))], scores


def calibrated(score, y, fold_of_unit, fold):
    """Platt-scaled on the other folds' units."""
    train_rows = fold_of_unit != fold
    platt = LogisticRegression(C=1e6, solver="lbfgs").fit(score[train_rows].reshape(-1, 1), y[train_rows])
    return platt.predict_proba(score.reshape(-1, 1))[:, 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared" / "data" / "cuad-train"))
    parser.add_argument("--cache", required=True, help="experiment.py's cache of out-of-fold scores")
    parser.add_argument("--shrink", type=float, action="append", help="contracts' worth of the common threshold")
    args = parser.parse_args()
    contracts, contract_of_unit, labels, holding, kept = experiment.contracts_and_labels(args.data)
    fold_of_unit = contract_of_unit % train.FOLDS
    fold_of_contract = np.arange(len(contracts)) % train.FOLDS
    parts = experiment.ENSEMBLES["ensemble: binary + TF-IDF + heading, C 16, 200,000 features, 20,000 kept"]
    scored = [np.load(Path(args.cache) / (name.replace("/", "-") + ".npy")) for name, _ in parts]
    averaged = [sum((s[i] - s[i].mean()) / (s[i].std() or 1) for s in scored) / len(scored) for i in range(len(kept))]

    # Per fold and category: the units' probabilities, calibrated without that fold, made one per contract.
    aggregates = {"best unit": np.zeros((train.FOLDS, len(kept), len(contracts)))}
    aggregates["any unit (noisy-or)"] = np.zeros_like(aggregates["best unit"])
    aggregates["best two, mean"] = np.zeros_like(aggregates["best unit"])
    # A contract's units stand together, in order.
    starts = np.searchsorted(contract_of_unit, np.arange(len(contracts)))
    ends = np.append(starts[1:], len(contract_of_unit))
    for fold in range(train.FOLDS):
        for index, category in enumerate(kept):
            probability = calibrated(averaged[index], labels[category], fold_of_unit, fold)
            np.maximum.at(aggregates["best unit"][fold, index], contract_of_unit, probability)
            missed = np.zeros(len(contracts))
            np.add.at(missed, contract_of_unit, np.log1p(-np.minimum(probability, 1 - 1e-9)))
            aggregates["any unit (noisy-or)"][fold, index] = 1 - np.exp(missed)
            for contract in range(len(contracts)):
                top = np.sort(probability[starts[contract]:ends[contract]])[-2:]
                aggregates["best two, mean"][fold, index, contract] = top.mean() if len(top) else 0.0
    print("| contract score | presence rule | F1, macro over categories (thresholds from the other folds) |")
    print("|---|---|---:|")
    for aggregate, best in aggregates.items():
        for rule, figure in rule_figures(best, kept, holding, fold_of_contract, args.shrink or [10, 40]):
            print(f"| {aggregate} | {rule} | {figure:.3f} |", flush=True)


def rule_figures(best, kept, holding, fold_of_contract, shrinks):
    """Each rule's out-of-fold macro F1 over `best`, the contracts' scores per fold and category."""
    count = len(fold_of_contract)
    rules = ["per category", "one for all"] + [f"pulled, {k:g} contracts" for k in shrinks]
    decided = {rule: [np.zeros(count, dtype=bool) for _ in kept] for rule in rules}
    for fold in range(train.FOLDS):
        fitting = fold_of_contract != fold
        own, curves = [], []
        for index, category in enumerate(kept):
            threshold, curve = best_threshold(best[fold, index][fitting], holding[category][fitting])
            own.append(threshold)
            curves.append(curve)
        common = GRID[int(np.argmax(np.mean(curves, axis=0)))]
        for index, category in enumerate(kept):
            scores, held_out = best[fold, index], ~fitting
            positives = holding[category][fitting].sum()
            thresholds = {"per category": own[index], "one for all": common}
            for k in shrinks:
                thresholds[f"pulled, {k:g} contracts"] = (positives * own[index] + k * common) / (positives + k)
            for rule, threshold in thresholds.items():
                decided[rule][index][held_out] = scores[held_out] >= threshold
    return [(rule, np.mean([f1(decided[rule][i], holding[c]) for i, c in enumerate(kept)])) for rule in rules]


if __name__ == "__main__":
    main()
