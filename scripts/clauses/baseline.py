#!/usr/bin/env python3
"""The plain baseline for `make eval-clauses`: TF-IDF over words and word pairs and a logistic regression per
category, trained on the same 463 contracts and units as the clause model, scoring the test contracts' texts as
Docket's own extraction read them.

Reads `--texts DIR/*.txt` (written by `docket eval-clauses --write-texts DIR`) and writes one JSON line per
contract: {"name", "categories": [{"name", "threshold", "passages": [{"score", "text"}]}]}, every unit of the
contract with its probability, best first. As for the clause model, the probability is a Platt scale fitted on
out-of-fold scores (5 folds of contracts) and the threshold is the best out-of-fold F1 over contracts.
`docket eval-clauses --baseline FILE` scores them under the same protocol as the clause model.
"""

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train  # noqa: E402  (units, tokens, labels and folds as the clause model's)

C = 4.0


def analyze(text: str) -> list[str]:
    words = [w.decode("utf-8", "replace") for w in train.tokens(text.encode())]
    return words + [a + " " + b for a, b in zip(words, words[1:])]


def fit(x, y):
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, solver="liblinear",
                               random_state=train.SEED)
    model.fit(x, y)
    return model


def train_category(x, y, fold_of_unit, contract_of_unit, holding):
    raw = np.zeros(x.shape[0])
    for fold in range(train.FOLDS):
        test = fold_of_unit == fold
        raw[test] = fit(x[~test], y[~test]).decision_function(x[test])
    platt = LogisticRegression(C=1e6, solver="lbfgs").fit(raw.reshape(-1, 1), y)
    probability = platt.predict_proba(raw.reshape(-1, 1))[:, 1]
    best = np.zeros(len(holding))
    np.maximum.at(best, contract_of_unit, probability)
    threshold, best_f1 = 0.5, -1.0
    for candidate in np.arange(0.05, 0.951, 0.025):
        tp = np.sum((best >= candidate) & holding)
        fp = np.sum((best >= candidate) & ~holding)
        fn = np.sum((best < candidate) & holding)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
        if f1 > best_f1 + 1e-9:
            threshold, best_f1 = float(round(candidate, 3)), f1
    return fit(x, y), platt, threshold


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="../shared/data/cuad-train")
    parser.add_argument("--texts", required=True, help="the test contracts' texts, one .txt each")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    categories, contracts = train.load(Path(args.data))
    random.Random(train.SEED).shuffle(contracts)
    cuts = [train.units(text) for _, text, _ in contracts]
    texts = [text[u[0] : u[1]].decode("utf-8", "replace") for (_, text, _), cut in zip(contracts, cuts) for u in cut]
    contract_of_unit = np.concatenate([np.full(len(cut), i) for i, cut in enumerate(cuts)])
    vectorizer = TfidfVectorizer(analyzer=analyze, min_df=2, sublinear_tf=True, dtype=np.float32)
    x = vectorizer.fit_transform(texts).tocsr()
    x.sort_indices()  # joblib hands workers a read-only copy, which could not be sorted there
    kept = []
    for category in categories:
        y = np.array([1 if train.labelled(u[:2], spans[category]) else 0
                      for (_, _, spans), cut in zip(contracts, cuts) for u in cut])
        if y.sum() >= 5:
            kept.append((category.strip(), y, np.array([bool(spans[category]) for _, _, spans in contracts])))
    print(f"baseline: {len(contracts)} contracts, {len(texts)} units, {x.shape[1]} features, "
          f"{len(kept)} categories", file=sys.stderr)
    trained = Parallel(n_jobs=2)(
        delayed(train_category)(x, y, contract_of_unit % train.FOLDS, contract_of_unit, holding)
        for _, y, holding in kept)
    with open(args.output, "w", encoding="utf-8") as out:
        for path in sorted(Path(args.texts).glob("*.txt")):
            text = path.read_bytes()
            pieces = [text[u[0] : u[1]].decode("utf-8", "replace") for u in train.units(text)]
            if not pieces:
                continue
            features = vectorizer.transform(pieces)
            found = []
            for (name, _, _), (model, platt, threshold) in zip(kept, trained):
                probability = platt.predict_proba(model.decision_function(features).reshape(-1, 1))[:, 1]
                order = np.argsort(-probability, kind="stable")
                found.append({"name": name, "threshold": threshold, "passages": [
                    {"score": float(probability[i]), "text": pieces[i]} for i in order]})
            out.write(json.dumps({"name": path.stem, "categories": found}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
