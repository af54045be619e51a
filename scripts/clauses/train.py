#!/usr/bin/env python3
"""Trains the clause model (`make train-clauses`): which passages of a contract hold each of CUAD's
41 clause categories.

Data: `../shared/data/cuad-train/` (463 CUAD contracts as text, with every passage a lawyer marked;
The Atticus Project, CC BY 4.0). The 14 contracts in `../shared/data/cuad/` are not read here: they
are the test set of `docket eval-clauses`.

A contract is cut into units: its paragraphs (CUAD's texts have a paragraph per line; a PDF's printed
lines are joined), and a long paragraph into sentences. A unit is labelled with a category when a marked passage covers half of it or lies
inside it. Features: the unit's words and word pairs, and the words of the heading above it (marked
"h "), lowercased, digits folded to "0", hashed with 32-bit FNV-1a; the same tokens and hash as `ClauseFeatures.swift`, which reads the model. One logistic
regression per category, fitted on every contract; its strongest weights are kept. A Platt scale makes
the score a probability: fitted on out-of-fold scores (5 folds of contracts, each scored by a model that
did not see it).

A contract holds a category when its best passage reaches the category's threshold, chosen for the best
out-of-fold F1 over the 463 contracts.

Output: `Sources/DocketDecide/Resources/clause-model.bin` (little-endian; see `ClauseModel.swift`).
"""

import argparse
import ast
import csv
import random
import struct
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from joblib import Parallel, delayed
from sklearn.linear_model import LogisticRegression

SEED = 20261126
MAX_UNIT = 600  # bytes: a longer paragraph is cut into sentences
WRAP = 200  # bytes: a longer line is a paragraph of its own, never a printed line
MIN_LINE = 60  # bytes: a shorter line is never a full printed line
HEADING = 60  # bytes: a line standing alone and no longer is a heading
KEPT_WEIGHTS = 2500  # per category
FOLDS = 5
MAGIC = b"DKCLS002"


def fnv1a(data: bytes) -> int:
    value = 2166136261
    for byte in data:
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value


def tokens(data: bytes) -> list[bytes]:
    """Words: runs of ASCII letters (lowercased), digits (folded to "0") and non-ASCII bytes."""
    result, current = [], bytearray()
    for byte in data:
        if 65 <= byte <= 90:
            current.append(byte + 32)
        elif 97 <= byte <= 122 or byte >= 0x80:
            current.append(byte)
        elif 48 <= byte <= 57:
            current.append(48)
        else:
            if current:
                result.append(bytes(current))
                current = bytearray()
    if current:
        result.append(bytes(current))
    return result


def features(data: bytes, heading: bytes = b"") -> set[int]:
    """Words and word pairs of the passage; the words of the heading above it, marked "h "."""
    words = tokens(data)
    hashed = {fnv1a(word) for word in words}
    hashed.update(fnv1a(a + b" " + b) for a, b in zip(words, words[1:]))
    hashed.update(fnv1a(b"h " + word) for word in tokens(heading))
    return hashed


def units(text: bytes) -> list[tuple[int, int]]:
    """(start, end, heading start, heading end): paragraphs, a paragraph longer than MAX_UNIT cut after
    ". " before a capital, each with the last heading above it (a line standing alone, at most HEADING
    bytes, with a letter; (0, 0) before the first).

    A paragraph is a line, or lines joined where a line is as long as the text's full lines (at least 7/10
    of the 90th percentile of its line lengths, and MIN_LINE bytes) but no longer than a printed line (WRAP
    bytes), the next line is not blank, and the line does not end a sentence or item (".", ";", ":")
    where the next begins one (a capital, a digit, "("): a PDF's page text has a line per printed line,
    CUAD's texts a line per paragraph.
    """
    lines, start = [], 0
    while start < len(text):
        end = text.find(b"\n", start)
        end = len(text) if end < 0 else end
        while start < end and text[start] in b" \t":
            start += 1
        stripped = text[start:end].strip()
        first = stripped[0] if stripped else 0
        lines.append((start, end, len(stripped), stripped[-1:] in (b".", b";", b":"), 65 <= first <= 90 or 48 <= first <= 57 or first == 40))
        start = end + 1
    lengths = sorted(line[2] for line in lines if line[2])
    width = lengths[(len(lengths) - 1) * 9 // 10] if lengths else 0
    result, index, heading = [], 0, (0, 0)
    while index < len(lines):
        first = index
        while (
            index + 1 < len(lines)
            and lines[index + 1][2]
            and MIN_LINE <= lines[index][2] <= WRAP
            and 10 * lines[index][2] >= 7 * width
            and not (lines[index][3] and lines[index + 1][4])
        ):
            index += 1
        piece_start, end = lines[first][0], lines[index][1]
        index += 1
        position = piece_start
        while position < end:
            cut = (
                position - piece_start >= MAX_UNIT
                and text[position] in b" \n"
                and text[position - 1] in b".;"
                and position + 1 < end
                and 65 <= text[position + 1] <= 90
            )
            if cut:
                result.append((piece_start, position, *heading))
                piece_start = position + 1
            position += 1
        if end > piece_start and text[piece_start:end].strip():
            result.append((piece_start, end, *heading))
        # A short line standing alone is a heading: the context of the passages below it.
        if index - 1 == first and 1 <= lines[first][2] <= HEADING and any(
            65 <= b <= 90 or 97 <= b <= 122 for b in text[lines[first][0] : lines[first][1]]
        ):
            heading = (lines[first][0], lines[first][1])
    return result


def load(data: Path):
    csv.field_size_limit(1 << 30)
    with open(data / "labels.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    categories = [c for c in rows[0] if c != "Filename" and not c.rstrip().endswith("Answer")]
    contracts = []
    for row in rows:
        path = data / "texts" / (Path(row["Filename"]).stem + ".txt")
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        spans = {}
        for category in categories:
            try:
                passages = ast.literal_eval(row[category])  # a Python-style list of strings; data, never code
            except (ValueError, SyntaxError):
                passages = []
            found = []
            for passage in passages:
                at = text.find(passage)
                if at >= 0:
                    start = len(text[:at].encode())
                    found.append((start, start + len(passage.encode())))
            spans[category] = found
        contracts.append((path.stem, text.encode(), spans))
    return categories, contracts


def labelled(unit, spans) -> bool:
    start, end = unit
    for span_start, span_end in spans:
        overlap = min(end, span_end) - max(start, span_start)
        if overlap > 0 and (overlap * 2 >= end - start or (span_start >= start and span_end <= end)):
            return True
    return False


def matrix(contracts, categories, vocabulary):
    rows, cols, labels = [], [], {c: [] for c in categories}
    count = 0
    bounds = []
    for _, text, spans in contracts:
        first = count
        for unit in units(text):
            for feature in features(text[unit[0] : unit[1]], text[unit[2] : unit[3]]):
                column = vocabulary.setdefault(feature, len(vocabulary))
                rows.append(count)
                cols.append(column)
            for category in categories:
                labels[category].append(1 if labelled(unit[:2], spans[category]) else 0)
            count += 1
        bounds.append((first, count))
    return rows, cols, count, {c: np.array(v) for c, v in labels.items()}, bounds


def fit(x, y):
    """One category's logistic regression; its strongest KEPT_WEIGHTS weights and bias."""
    classifier = LogisticRegression(C=0.5, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=SEED)
    classifier.fit(x, y)
    weights = classifier.coef_[0]
    strongest = np.argsort(-np.abs(weights))[:KEPT_WEIGHTS]
    kept = np.zeros_like(weights)
    kept[strongest] = weights[strongest]
    return kept, float(classifier.intercept_[0])


def train_category(x, y, folds, present):
    """The model fitted on every contract, a Platt scale fitted on out-of-fold scores (each unit scored by
    a model that did not see its contract), and the presence threshold with the best F1 over contracts."""
    raw = np.zeros(x.shape[0])
    for rows in folds:
        mask = np.ones(x.shape[0], dtype=bool)
        mask[rows] = False
        kept, bias = fit(x[mask], y[mask])
        raw[rows] = x[rows] @ kept + bias
    kept, bias = fit(x, y)
    platt = LogisticRegression(C=1e6, solver="lbfgs")
    platt.fit(raw.reshape(-1, 1), y)
    scale, offset = float(platt.coef_[0][0]), float(platt.intercept_[0])
    probability = 1 / (1 + np.exp(-(scale * raw + offset)))
    best = [(probability[first:last].max() if last > first else 0.0, holds) for (first, last), holds in present]
    threshold, threshold_f1 = 0.5, -1.0
    for candidate in np.arange(0.05, 0.951, 0.025):
        tp = sum(1 for p, holds in best if p >= candidate and holds)
        fp = sum(1 for p, holds in best if p >= candidate and not holds)
        fn = sum(1 for p, holds in best if p < candidate and holds)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
        if f1 > threshold_f1 + 1e-9:
            threshold, threshold_f1 = float(round(candidate, 3)), f1
    return kept, bias, scale, offset, threshold, threshold_f1


def read_model(path: Path):
    """The model file as ClauseModel.swift reads it: per category its name, bias, Platt scale and offset,
    threshold and {feature hash: weight}."""
    data = path.read_bytes()
    assert data[:8] == MAGIC, "not a clause model"
    (count,), at = struct.unpack_from("<I", data, 8), 12
    categories = []
    for _ in range(count):
        (length,) = struct.unpack_from("<H", data, at)
        name = data[at + 2 : at + 2 + length].decode()
        at += 2 + length
        bias, scale, offset, threshold, weights = struct.unpack_from("<ffffI", data, at)
        at += 20
        entries = dict(struct.unpack_from("<If", data, at + 8 * k) for k in range(weights))
        at += 8 * weights
        categories.append((name, bias, scale, offset, threshold, entries))
    return categories


def score(categories, text: bytes):
    """Every unit of `text` with each category's probability, as the Swift detector computes it."""
    result = []
    for start, end, heading_start, heading_end in units(text):
        found = features(text[start:end], text[heading_start:heading_end])
        probabilities = {}
        for name, bias, scale, offset, _, entries in categories:
            logit = bias + sum(entries.get(feature, 0.0) for feature in found)
            probabilities[name] = 1 / (1 + np.exp(-(scale * logit + offset)))
        result.append((start, end, probabilities))
    return result


# Passages the Swift tests score with the shipped model (ClauseModelTests), with what Python makes of them.
FIXTURE_TEXTS = [
    "12. GOVERNING LAW\nThis Agreement shall be governed by and construed in accordance with the laws of the State of "
    "New York, without regard to its conflict of laws rules.\n",
    "Neither party may assign this Agreement without the prior written consent of the other party, except to an "
    "Affiliate or in connection with a merger, acquisition or sale of all or substantially all of its assets.\n\n"
    "IN NO EVENT SHALL EITHER PARTY'S AGGREGATE LIABILITY EXCEED THE FEES PAID IN THE TWELVE (12) MONTHS PRECEDING "
    "THE CLAIM.\n",
    "Term and Termination\nThis Agreement commences on the Effective Date and continues for three (3) years. Either "
    "party may terminate it for convenience on ninety (90) days' prior written notice.\n",
]


def write_fixture(model: Path, output: Path):
    import json

    categories = read_model(model)
    cases = []
    for text in FIXTURE_TEXTS:
        scored = score(categories, text.encode())
        cases.append({"text": text, "units": [
            {"start": s, "end": e, "probabilities": {name: round(float(p), 7) for name, p in probabilities.items()}}
            for s, e, probabilities in scored]})
    output.write_text(json.dumps(cases, indent=1, sort_keys=True) + "\n")
    print(f"{len(cases)} passages scored -> {output}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared" / "data" / "cuad-train"))
    parser.add_argument("--output", required=True)
    parser.add_argument("--fixture", help="also write the scores of FIXTURE_TEXTS under the model to this file")
    parser.add_argument("--fixture-only", action="store_true", help="write the fixture for the model at --output")
    args = parser.parse_args()
    if args.fixture_only:
        write_fixture(Path(args.output), Path(args.fixture))
        return
    categories, contracts = load(Path(args.data))
    random.Random(SEED).shuffle(contracts)
    vocabulary = {}
    rows, cols, count, labels, bounds = matrix(contracts, categories, vocabulary)
    x = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(count, len(vocabulary)))
    hashes = np.zeros(len(vocabulary), dtype=np.uint32)
    for feature, column in vocabulary.items():
        hashes[column] = feature
    # Contracts in FOLDS groups; a fold's units are scored by the model fitted on the others.
    folds = [np.concatenate([np.arange(*bounds[i]) for i in range(k, len(contracts), FOLDS)]) for k in range(FOLDS)]
    print(f"{len(contracts)} contracts, {count} units, {len(vocabulary)} features, {FOLDS} folds", file=sys.stderr)
    kept_categories = [c for c in categories if labels[c].sum() >= 5]
    trained = Parallel(n_jobs=2)(
        delayed(train_category)(x, labels[c], folds, [(b, bool(spans[c])) for b, (_, _, spans) in zip(bounds, contracts)])
        for c in kept_categories
    )
    model = []
    for category, (kept, bias, scale, offset, threshold, threshold_f1) in zip(kept_categories, trained):
        entries = sorted((int(hashes[i]), float(kept[i])) for i in np.nonzero(kept)[0])
        model.append((category.strip(), bias, scale, offset, threshold, entries))
        print(f"  {category}: {int(labels[category].sum())} positive units, {len(entries)} weights, "
              f"Platt {scale:.2f} {offset:.2f}, threshold {threshold:.3f} (out-of-fold contract F1 {threshold_f1:.2f})",
              file=sys.stderr)
    with open(args.output, "wb") as handle:
        handle.write(MAGIC)
        handle.write(struct.pack("<I", len(model)))
        for name, bias, scale, offset, threshold, entries in model:
            encoded = name.encode()
            handle.write(struct.pack("<H", len(encoded)) + encoded)
            handle.write(struct.pack("<ffffI", bias, scale, offset, threshold, len(entries)))
            for feature, weight in entries:
                handle.write(struct.pack("<If", feature, weight))
    print(f"{len(model)} categories -> {args.output}", file=sys.stderr)
    if args.fixture:
        write_fixture(Path(args.output), Path(args.fixture))


if __name__ == "__main__":
    main()
