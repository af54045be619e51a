#!/usr/bin/env python3
"""The clause model's out-of-fold protocol (`make eval-clauses-oof`): candidate models beside the plain
baseline, on exactly the units Docket cuts, each scored on contracts its model did not see.

Data: the 463 contracts of `../shared/data/cuad-train` (the 14 test contracts are not read). Contracts are
shuffled with train.py's seed and dealt into FOLDS groups; every unit of a group is scored by a model fitted
on the others. Per category (those with at least 5 marked units):
- unit AP: average precision of the units' scores pooled over contracts, a unit labelled as in train.py
  (a marked passage covers half of it or lies inside it): how well the passages rank;
- presence AP and F1: a contract's score is its best unit's; F1 at the threshold best over the same scores
  (optimistic alike for every candidate).
Figures are macro averages over the categories.

The baseline is the one the issue names: TF-IDF over words and word pairs (sublinear term frequency, L2
norm) and a logistic regression, nothing else. The candidates change one thing at a time from the binary
model shipped alone until 2026-12-07 (hashed features, C 0.5, 2,500 weights kept), then add context.
"""

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train  # noqa: E402  (the units, tokens and labels the shipped model is trained on)

FOLDS = train.FOLDS


def unit_tokens(contracts):
    """Per unit: its words, the heading's words, the neighbours' words, its tenth of the contract."""
    rows = []
    for _, text, spans in contracts:
        cut = train.units(text)
        words = [[w.decode("utf-8", "replace") for w in train.tokens(text[u[0] : u[1]])] for u in cut]
        for index, unit in enumerate(cut):
            rows.append(
                {
                    "words": words[index],
                    "heading": [w.decode("utf-8", "replace") for w in train.tokens(text[unit[2] : unit[3]])],
                    "previous": words[index - 1] if index > 0 else [],
                    "next": words[index + 1] if index + 1 < len(cut) else [],
                    "tenth": 10 * index // max(1, len(cut)),
                    "raw": text[unit[0] : unit[1]].decode("utf-8", "replace"),
                }
            )
    return rows


def pairs(words):
    return [a + " " + b for a, b in zip(words, words[1:])]


def make_analyzer(context):
    def analyze(row):
        words = row["words"]
        result = words + pairs(words)
        if "heading" in context:
            result += ["h " + w for w in row["heading"]]
        if "neighbours" in context:
            result += ["p " + w for w in row["previous"]] + ["n " + w for w in row["next"]]
        if "position" in context:
            result += [f"pos {row['tenth']}"]
        if "chars" in context:
            lowered = " ".join(words)
            result += ["c " + lowered[i : i + 4] for i in range(max(0, len(lowered) - 3))]
        return result

    return analyze


CANDIDATES = {
    # name: (weighting, C, kept weights or None, context, most frequent features kept or None)
    "baseline: TF-IDF words+pairs, LR": ("tfidf", 4.0, None, (), None),
    "binary, C 0.5, 2,500 kept, heading (shipped alone until 2026-12-07)": ("binary", 0.5, 2500, ("heading",), None),
    "binary, all weights kept": ("binary", 0.5, None, ("heading",), None),
    "TF-IDF + heading": ("tfidf", 4.0, None, ("heading",), None),
    "TF-IDF + heading, C 16": ("tfidf", 16.0, None, ("heading",), None),
    "TF-IDF + heading, 200,000 features, 20,000 kept": ("tfidf", 4.0, 20000, ("heading",), 200000),
    "TF-IDF + heading, C 16, 200,000 features, 20,000 kept": ("tfidf", 16.0, 20000, ("heading",), 200000),
    "TF-IDF + heading, neighbours": ("tfidf", 4.0, None, ("heading", "neighbours"), None),
    "TF-IDF + heading, neighbours, position": ("tfidf", 4.0, None, ("heading", "neighbours", "position"), None),
    "TF-IDF + heading, neighbours, position, C 16, 200,000 features, 20,000 kept": (
        "tfidf", 16.0, 20000, ("heading", "neighbours", "position"), 200000),
    "TF-IDF + heading, C 64, 200,000 features, 20,000 kept": ("tfidf", 64.0, 20000, ("heading",), 200000),
    "TF-IDF + heading, char 4-grams, C 16, 200,000 features, 20,000 kept": (
        "tfidf", 16.0, 20000, ("heading", "chars"), 200000),
    "TF-IDF + heading, neighbours, position, char 4-grams": (
        "tfidf", 4.0, None, ("heading", "neighbours", "position", "chars"), None),
}
# Scores averaged (each category's logits standardised first): candidates named above, with their shares.
BINARY = "binary, C 0.5, 2,500 kept, heading (shipped alone until 2026-12-07)"
PRUNED = "TF-IDF + heading, C 16, 200,000 features, 20,000 kept"
NEIGHBOURS = "TF-IDF + heading, neighbours, position, C 16, 200,000 features, 20,000 kept"
PRUNED_64 = "TF-IDF + heading, C 64, 200,000 features, 20,000 kept"
CHARS = "TF-IDF + heading, char 4-grams, C 16, 200,000 features, 20,000 kept"
ENSEMBLES = {
    "ensemble: binary + TF-IDF + heading": ((BINARY, 1), ("TF-IDF + heading", 1)),
    "ensemble: binary + TF-IDF + heading, C 16": ((BINARY, 1), ("TF-IDF + heading, C 16", 1)),
    "ensemble: binary + TF-IDF + heading, C 16, 200,000 features, 20,000 kept": ((BINARY, 1), (PRUNED, 1)),
    "ensemble as above, binary 1 : TF-IDF 2": ((BINARY, 1), (PRUNED, 2)),
    "ensemble as above, binary 1 : TF-IDF 3": ((BINARY, 1), (PRUNED, 3)),
    "ensemble as above, binary 2 : TF-IDF 3": ((BINARY, 2), (PRUNED, 3)),
    "ensemble: binary + TF-IDF + heading, C 64, pruned": ((BINARY, 1), (PRUNED_64, 1)),
    "ensemble: binary + TF-IDF + heading, C 64, pruned, 1 : 2": ((BINARY, 1), (PRUNED_64, 2)),
    "ensemble: binary + TF-IDF + heading, char 4-grams, pruned": ((BINARY, 1), (CHARS, 1)),
    "ensemble: binary + TF-IDF + heading, char 4-grams, pruned, 1 : 2": ((BINARY, 1), (CHARS, 2)),
    "ensemble as above, + TF-IDF with neighbours and position": ((BINARY, 1), (PRUNED, 1), (NEIGHBOURS, 1)),
    "ensemble: binary + TF-IDF with neighbours and position": ((BINARY, 1), (NEIGHBOURS, 1)),
    "ensemble: binary + TF-IDF with neighbours and position, 1 : 2": ((BINARY, 1), (NEIGHBOURS, 2)),
    "ensemble: TF-IDF + heading and TF-IDF with neighbours and position": ((PRUNED, 1), (NEIGHBOURS, 1)),
}


def vectorize(rows, weighting, context, features=None):
    vectorizer = TfidfVectorizer(
        analyzer=make_analyzer(context), min_df=2, sublinear_tf=True, max_features=features,
        use_idf=weighting == "tfidf", norm="l2" if weighting == "tfidf" else None, binary=weighting == "binary",
        dtype=np.float32)
    return vectorizer.fit_transform(rows)


def score_category(x, y, fold_of_unit, c, kept):
    scores = np.zeros(x.shape[0])
    for fold in range(FOLDS):
        test = fold_of_unit == fold
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear",
                                   random_state=train.SEED)
        model.fit(x[~test], y[~test])
        weights = model.coef_[0]
        if kept:
            strongest = np.argsort(-np.abs(weights))[:kept]
            pruned = np.zeros_like(weights)
            pruned[strongest] = weights[strongest]
            weights = pruned
        scores[test] = x[test] @ weights + model.intercept_[0]
    return scores


def figures(scores, y, contract_of_unit, contracts_holding):
    unit_ap = average_precision_score(y, scores)
    best = np.full(len(contracts_holding), -np.inf)
    np.maximum.at(best, contract_of_unit, scores)
    presence_ap = average_precision_score(contracts_holding, best)
    f1 = 0.0
    for threshold in np.unique(best):
        predicted = best >= threshold
        tp = np.sum(predicted & contracts_holding)
        fp = np.sum(predicted & ~contracts_holding)
        fn = np.sum(~predicted & contracts_holding)
        f1 = max(f1, 2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return unit_ap, presence_ap, f1


def contracts_and_labels(data):
    """The contracts in train.py's order; per unit its contract; per category the units' labels and whether each
    contract holds it; the categories with at least 5 marked units."""
    categories, contracts = train.load(Path(data))
    random.Random(train.SEED).shuffle(contracts)
    contract_of_unit = np.concatenate([np.full(len(train.units(t)), i) for i, (_, t, _) in enumerate(contracts)])
    labels, holding = {}, {}
    for category in categories:
        labels[category] = np.array([
            1 if train.labelled(unit[:2], spans[category]) else 0
            for _, text, spans in contracts for unit in train.units(text)])
        holding[category] = np.array([bool(spans[category]) for _, _, spans in contracts])
    return contracts, contract_of_unit, labels, holding, [c for c in categories if labels[c].sum() >= 5]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared" / "data" / "cuad-train"))
    parser.add_argument("--only", action="append", help="run the candidates whose name starts so")
    parser.add_argument("--cache", help="keep each candidate's out-of-fold scores in this folder and reuse them")
    args = parser.parse_args()
    contracts, contract_of_unit, labels, holding, kept_categories = contracts_and_labels(args.data)
    rows = unit_tokens(contracts)
    fold_of_unit = contract_of_unit % FOLDS
    print(f"{len(contracts)} contracts, {len(rows)} units, {len(kept_categories)} categories, {FOLDS} folds "
          "by contract", file=sys.stderr)
    print("| candidate | unit AP | presence AP | presence F1 | seconds |")
    print("|---|---:|---:|---:|---:|")
    scored = {}
    wanted = lambda name: not args.only or any(name.startswith(prefix) for prefix in args.only)  # noqa: E731
    needed = {part for name, parts in ENSEMBLES.items() if wanted(name) for part, _ in parts}

    def report(name, results, began):
        table = np.array([figures(s, labels[cat], contract_of_unit, holding[cat])
                          for s, cat in zip(results, kept_categories)])
        unit_ap, presence_ap, f1 = table.mean(axis=0)
        print(f"| {name} | {unit_ap:.3f} | {presence_ap:.3f} | {f1:.3f} | {time.time() - began:.0f} |", flush=True)

    for name, (weighting, c, kept, context, features) in CANDIDATES.items():
        if not wanted(name) and name not in needed:
            continue
        began = time.time()
        cached = Path(args.cache) / (name.replace("/", "-") + ".npy") if args.cache else None
        if cached and cached.exists():
            scored[name] = list(np.load(cached))
        else:
            x = vectorize(rows, weighting, context, features).tocsr()
            x.sort_indices()  # joblib hands workers a read-only copy, which could not be sorted there
            scored[name] = Parallel(n_jobs=2)(
                delayed(score_category)(x, labels[category], fold_of_unit, c, kept) for category in kept_categories)
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                np.save(cached, np.array(scored[name]))
        report(name, scored[name], began)
    for name, parts in ENSEMBLES.items():
        if wanted(name):
            total = sum(share for _, share in parts)
            standardised = [[share * (s - s.mean()) / (s.std() or 1) for s in scored[part]] for part, share in parts]
            report(name, [sum(scores) / total for scores in zip(*standardised)], time.time())


if __name__ == "__main__":
    main()
