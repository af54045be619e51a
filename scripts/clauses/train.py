#!/usr/bin/env python3
"""Trains the clause model (`make train-clauses`): which passages of a contract hold each of CUAD's
41 clause categories.

Data: `../shared/data/cuad-train/` (463 CUAD contracts as text, with every passage a lawyer marked;
The Atticus Project, CC BY 4.0). The 14 contracts in `../shared/data/cuad/` are not read here: they
are the test set of `docket eval-clauses`.

A contract is cut into units: its lines (CUAD's texts have a paragraph per line), and a long line
into sentences. A unit is labelled with a category when a marked passage covers half of it or lies
inside it. Features: the unit's words and word pairs, lowercased, digits folded to "0", hashed with
32-bit FNV-1a; the same tokens and hash as `ClauseFeatures.swift`, which reads the model. One logistic
regression per category; its strongest weights are kept, and a Platt scale fitted on contracts held
out from training makes the score a probability.

A contract holds a category when its best passage reaches the category's threshold, chosen for the best
F1 over the held-out contracts.

Output: `Sources/DocketCore/Resources/clause-model.bin` (little-endian; see `ClauseModel.swift`).
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
from sklearn.linear_model import LogisticRegression

SEED = 20261126
MAX_UNIT = 600  # bytes: a longer line is cut into sentences
KEPT_WEIGHTS = 2500  # per category
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


def features(data: bytes) -> set[int]:
    words = tokens(data)
    hashed = {fnv1a(word) for word in words}
    hashed.update(fnv1a(a + b" " + b) for a, b in zip(words, words[1:]))
    return hashed


def units(text: bytes) -> list[tuple[int, int]]:
    """Byte ranges: each non-empty line, a line longer than MAX_UNIT cut after ". " before a capital."""
    result, start = [], 0
    while start < len(text):
        end = text.find(b"\n", start)
        end = len(text) if end < 0 else end
        line_start = start
        while line_start < end and text[line_start] in b" \t":
            line_start += 1
        piece_start = line_start
        position = line_start
        while position < end:
            cut = (
                position - piece_start >= MAX_UNIT
                and text[position] == 0x20
                and text[position - 1] in b".;"
                and position + 1 < end
                and 65 <= text[position + 1] <= 90
            )
            if cut:
                result.append((piece_start, position))
                piece_start = position + 1
            position += 1
        if end > piece_start and text[piece_start:end].strip():
            result.append((piece_start, end))
        start = end + 1
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
            for feature in features(text[unit[0] : unit[1]]):
                column = vocabulary.setdefault(feature, len(vocabulary))
                rows.append(count)
                cols.append(column)
            for category in categories:
                labels[category].append(1 if labelled(unit, spans[category]) else 0)
            count += 1
        bounds.append((first, count))
    return rows, cols, count, {c: np.array(v) for c, v in labels.items()}, bounds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared" / "data" / "cuad-train"))
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    categories, contracts = load(Path(args.data))
    random.Random(SEED).shuffle(contracts)
    calibration_count = len(contracts) // 7
    calibration, training = contracts[:calibration_count], contracts[calibration_count:]
    vocabulary = {}
    rows, cols, count, labels, _ = matrix(training, categories, vocabulary)
    x = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(count, len(vocabulary)))
    frozen = dict(vocabulary)
    c_rows, c_cols, c_count, c_labels, c_bounds = matrix(calibration, categories, vocabulary)
    # Whether each held-out contract holds each category at all (a lawyer marked a passage of it).
    c_present = {name: {c: bool(spans[c]) for c in categories} for name, _, spans in calibration}
    keep = [i for i, c in enumerate(c_cols) if c < len(frozen)]
    x_cal = csr_matrix(
        (np.ones(len(keep), dtype=np.float32), ([c_rows[i] for i in keep], [c_cols[i] for i in keep])),
        shape=(c_count, len(frozen)),
    )
    hashes = np.zeros(len(frozen), dtype=np.uint32)
    for feature, column in frozen.items():
        hashes[column] = feature
    print(f"{len(training)} contracts, {count} units, {len(frozen)} features; {len(calibration)} held out "
          f"for calibration ({c_count} units)", file=sys.stderr)
    model = []
    for category in categories:
        y = labels[category]
        if y.sum() < 5:
            print(f"  {category}: {y.sum()} positive units, skipped", file=sys.stderr)
            continue
        classifier = LogisticRegression(
            C=0.5, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=SEED
        )
        classifier.fit(x, y)
        weights = classifier.coef_[0]
        strongest = np.argsort(-np.abs(weights))[:KEPT_WEIGHTS]
        kept = np.zeros_like(weights)
        kept[strongest] = weights[strongest]
        bias = float(classifier.intercept_[0])
        # Platt scale on held-out contracts, for the pruned weights.
        raw = x_cal @ kept + bias
        platt = LogisticRegression(C=1e6, solver="lbfgs")
        y_cal = c_labels[category]
        if y_cal.sum() >= 2:
            platt.fit(raw.reshape(-1, 1), y_cal)
            scale, offset = float(platt.coef_[0][0]), float(platt.intercept_[0])
        else:
            scale, offset = 1.0, 0.0
        # The contract holds the category when its best passage reaches a threshold: the one that gives
        # the best F1 over the held-out contracts (0.5 where they hold too few to tell).
        probability = 1 / (1 + np.exp(-(scale * raw + offset)))
        best = {}
        for (name, _, _), (first, last) in zip(calibration, c_bounds):
            best[name] = (probability[first:last].max() if last > first else 0.0, bool(c_present[name][category]))
        threshold, threshold_f1 = 0.5, -1.0
        if sum(present for _, present in best.values()) >= 3:
            for candidate in np.arange(0.1, 0.91, 0.05):
                tp = sum(1 for p, present in best.values() if p >= candidate and present)
                fp = sum(1 for p, present in best.values() if p >= candidate and not present)
                fn = sum(1 for p, present in best.values() if p < candidate and present)
                f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
                if f1 > threshold_f1 + 1e-9:
                    threshold, threshold_f1 = float(candidate), f1
        entries = sorted((int(hashes[i]), float(weights[i])) for i in strongest if weights[i] != 0)
        model.append((category.strip(), bias, scale, offset, threshold, entries))
        print(f"  {category}: {int(y.sum())} positive units, {len(entries)} weights, "
              f"{int(y_cal.sum())} held-out positives, Platt {scale:.2f} {offset:.2f}, threshold {threshold:.2f}",
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


if __name__ == "__main__":
    main()
