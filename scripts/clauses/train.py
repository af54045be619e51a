#!/usr/bin/env python3
"""Trains the clause model (`make train-clauses`): which passages of a contract hold each of CUAD's
41 clause categories.

Data: `../shared/data/cuad-train/` (463 CUAD contracts as text, with every passage a lawyer marked;
The Atticus Project, CC BY 4.0). The 14 contracts in `../shared/data/cuad/` are not read here: they
are the test set of `docket eval-clauses`.

A contract is cut into units: its paragraphs (CUAD's texts have a paragraph per line; a PDF's printed
lines are joined), and a long paragraph into sentences. A unit is labelled with a category when a marked passage covers half of it or lies
inside it. Features: the unit's words and word pairs, and the words of the heading above it (marked
"h "), lowercased, digits folded to "0", hashed with 32-bit FNV-1a; the same tokens and hash as `ClauseFeatures.swift`, which reads the model.

Two logistic regressions per category, fitted on every contract, each with its strongest weights kept: one over
the features present (binary), one over their TF-IDF (sublinear term frequency, the inverse document frequency of
the VOCABULARY most frequent features seen in two units or more, L2 norm). They err differently: out of fold their
average ranks passages better than either. Each one's logit is standardised by its out-of-fold mean and deviation
and the two averaged. A Platt scale makes that score a probability: fitted on out-of-fold scores (5 folds of
contracts, each scored by a model that did not see it).

A contract holds a category when its best passage reaches the category's threshold: the one with the best
out-of-fold F1 over the 463 contracts, pulled towards the one threshold best for all categories by the number of
contracts that hold the category (SHRINK contracts' worth of the common one). A category few contracts hold has a
noisy optimum; out of fold, with thresholds chosen on other folds (presence.py), the pull raised presence F1 from
0.697 to 0.710.

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
from scipy.sparse import csr_matrix, diags
from joblib import Parallel, delayed
from sklearn.linear_model import LogisticRegression

SEED = 20261126
MAX_UNIT = 600  # bytes: a longer paragraph is cut into sentences
WRAP = 200  # bytes: a longer line is a paragraph of its own, never a printed line
MIN_LINE = 60  # bytes: a shorter line is never a full printed line
HEADING = 60  # bytes: a line standing alone and no longer is a heading
KEPT_WEIGHTS = 2500  # per category, binary model
TFIDF_C = 16.0
TFIDF_KEPT = 20000  # per category, TF-IDF model
VOCABULARY = 200000  # features with an inverse document frequency
FOLDS = 5
THRESHOLDS = np.arange(0.05, 0.951, 0.025)  # the presence thresholds tried
SHRINK = 40  # contracts' worth of the threshold common to all categories in each one's threshold
MAGIC = b"DKCLS004"


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


def feature_counts(data: bytes, heading: bytes = b"") -> dict[int, int]:
    """Words and word pairs of the passage, and the words of the heading above it marked "h ": how often each."""
    words = tokens(data)
    counts = {}
    for hashed in [fnv1a(word) for word in words] + [fnv1a(a + b" " + b) for a, b in zip(words, words[1:])] + [
        fnv1a(b"h " + word) for word in tokens(heading)
    ]:
        counts[hashed] = counts.get(hashed, 0) + 1
    return counts


def features(data: bytes, heading: bytes = b"") -> set[int]:
    """The features present in the passage (the binary model's)."""
    return set(feature_counts(data, heading))


def tfidf(counts, idf):
    """The TF-IDF of a count matrix: sublinear term frequency, times the inverse document frequency (0 outside
    the vocabulary), each row scaled to unit length."""
    weighted = counts.astype(np.float64)
    weighted.data = 1 + np.log(weighted.data)
    weighted = weighted @ diags(idf)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return csr_matrix(diags(1 / norms) @ weighted)


def inverse_document_frequency(counts):
    """sklearn's smooth idf, ln((1 + n) / (1 + df)) + 1, for the VOCABULARY features most often seen among those
    in two units or more; 0 for the others."""
    present = counts.copy()
    present.data[:] = 1
    df = np.asarray(present.sum(axis=0)).ravel()
    total = np.asarray(counts.sum(axis=0)).ravel()
    eligible = np.nonzero(df >= 2)[0]
    chosen = eligible[np.argsort(-total[eligible], kind="stable")[:VOCABULARY]]
    idf = np.zeros(counts.shape[1])
    idf[chosen] = np.log((1 + counts.shape[0]) / (1 + df[chosen])) + 1
    return idf


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
    rows, cols, values, labels = [], [], [], {c: [] for c in categories}
    count = 0
    bounds = []
    for _, text, spans in contracts:
        first = count
        for unit in units(text):
            for feature, times in feature_counts(text[unit[0] : unit[1]], text[unit[2] : unit[3]]).items():
                column = vocabulary.setdefault(feature, len(vocabulary))
                rows.append(count)
                cols.append(column)
                values.append(times)
            for category in categories:
                labels[category].append(1 if labelled(unit[:2], spans[category]) else 0)
            count += 1
        bounds.append((first, count))
    return rows, cols, values, count, {c: np.array(v) for c, v in labels.items()}, bounds


def fit(x, y, c=0.5, kept_weights=KEPT_WEIGHTS):
    """One category's logistic regression; its strongest `kept_weights` weights and bias."""
    classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=SEED)
    classifier.fit(x, y)
    weights = classifier.coef_[0]
    strongest = np.argsort(-np.abs(weights))[:kept_weights]
    kept = np.zeros_like(weights)
    kept[strongest] = weights[strongest]
    return kept, float(classifier.intercept_[0])


def train_category(x, x_tfidf, y, folds, present):
    """Both models fitted on every contract; each one's out-of-fold mean and deviation; a Platt scale fitted on
    the out-of-fold average (each unit scored by models that did not see its contract); the presence F1 over
    contracts at each threshold of THRESHOLDS."""
    raw, raw_tfidf = np.zeros(x.shape[0]), np.zeros(x.shape[0])
    for rows in folds:
        mask = np.ones(x.shape[0], dtype=bool)
        mask[rows] = False
        kept, bias = fit(x[mask], y[mask])
        raw[rows] = x[rows] @ kept + bias
        kept, bias = fit(x_tfidf[mask], y[mask], TFIDF_C, TFIDF_KEPT)
        raw_tfidf[rows] = x_tfidf[rows] @ kept + bias
    binary = fit(x, y) + (float(raw.mean()), float(raw.std() or 1))
    weighted = fit(x_tfidf, y, TFIDF_C, TFIDF_KEPT) + (float(raw_tfidf.mean()), float(raw_tfidf.std() or 1))
    combined = ((raw - binary[2]) / binary[3] + (raw_tfidf - weighted[2]) / weighted[3]) / 2
    platt = LogisticRegression(C=1e6, solver="lbfgs")
    platt.fit(combined.reshape(-1, 1), y)
    scale, offset = float(platt.coef_[0][0]), float(platt.intercept_[0])
    probability = 1 / (1 + np.exp(-(scale * combined + offset)))
    best = [(probability[first:last].max() if last > first else 0.0, holds) for (first, last), holds in present]
    curve = []
    for candidate in THRESHOLDS:
        tp = sum(1 for p, holds in best if p >= candidate and holds)
        fp = sum(1 for p, holds in best if p >= candidate and not holds)
        fn = sum(1 for p, holds in best if p < candidate and holds)
        curve.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return binary, weighted, scale, offset, np.array(curve)


def presence_thresholds(curves, holding):
    """Per category: its own best threshold (the lowest of the best F1) pulled towards the best one for all, by
    `holding` (how many contracts hold it) against SHRINK."""
    common = THRESHOLDS[int(np.argmax(np.mean(curves, axis=0)))]
    own = [THRESHOLDS[int(np.argmax(curve))] for curve in curves]
    return [float(round((n * t + SHRINK * common) / (n + SHRINK), 3)) for t, n in zip(own, holding)], float(common)


def read_model(path: Path):
    """The model file as ClauseModel.swift reads it: the per-category fields (name; the binary and the TF-IDF
    model's bias, mean and deviation; the Platt scale and offset; the threshold), then per feature hash its
    inverse document frequency and its weights by category, the binary model's and the TF-IDF model's."""
    data = path.read_bytes()
    assert data[:8] == MAGIC, "not a clause model"
    count, size, total = struct.unpack_from("<III", data, 8)
    at = 20
    categories = []
    for _ in range(count):
        (length,) = struct.unpack_from("<H", data, at)
        name = data[at + 2 : at + 2 + length].decode()
        at += 2 + length
        categories.append((name, *struct.unpack_from("<9f", data, at)))
        at += 36
    entries = [struct.unpack_from("<IeBB", data, at + 8 * k) for k in range(size)]
    at += 8 * size
    values = struct.unpack_from(f"<{total}e", data, at)
    indices = data[at + 2 * total : at + 3 * total]
    features, start = {}, 0
    for key, idf, binary_count, tfidf_count in entries:
        end = start + binary_count + tfidf_count
        weights = list(zip(indices[start:end], values[start:end]))
        features[key] = (idf, weights[:binary_count], weights[binary_count:])
        start = end
    return categories, features


def score(model, text: bytes):
    """Every unit of `text` with each category's probability, as the Swift detector computes it."""
    categories, features = model
    result = []
    for start, end, heading_start, heading_end in units(text):
        counts = feature_counts(text[start:end], text[heading_start:heading_end])
        binary, weighted, norm_squared = np.zeros(len(categories)), np.zeros(len(categories)), 0.0
        for feature, times in counts.items():
            if feature not in features:
                continue
            idf, binary_weights, tfidf_weights = features[feature]
            for category, weight in binary_weights:
                binary[category] += weight
            if idf > 0:
                value = (1 + np.log(times)) * idf
                norm_squared += value * value
                for category, weight in tfidf_weights:
                    weighted[category] += weight * value
        norm = np.sqrt(norm_squared) or 1.0
        probabilities = {}
        for index, (name, bias, mean, deviation, tf_bias, tf_mean, tf_deviation, scale, offset, _) in enumerate(
            categories
        ):
            combined = ((bias + binary[index] - mean) / deviation
                        + (tf_bias + weighted[index] / norm - tf_mean) / tf_deviation) / 2
            probabilities[name] = 1 / (1 + np.exp(-(scale * combined + offset)))
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


def write_model(path: Path, model, idf):
    """The file ClauseModel.swift reads (little-endian): "DKCLS004"; the numbers of categories, features and
    weights (UInt32); per category its name (UInt16 length, UTF-8) and nine Float32 (the binary model's bias, mean
    and deviation, the TF-IDF model's, the Platt scale and offset, the threshold); per feature, by hash, its hash
    (UInt32), inverse document frequency (Float16, 0 outside the vocabulary) and how many binary and TF-IDF
    weights it has (UInt8 each); then every weight's value (Float16), feature after feature, binary before TF-IDF;
    then every weight's category index (UInt8), in the same order. Half precision keeps the file under 5 MB (4.4
    against 8.8 in single precision); both scorers read the rounded values, so they agree."""
    by_feature = {feature: ([], []) for feature in idf}
    for index, (_, _, _, _, _, _, entries) in enumerate(model):
        for which, kept in enumerate(entries):
            for feature, weight in kept:
                by_feature.setdefault(feature, ([], []))[which].append((weight, index))
    entries, weights = [], []
    for feature in sorted(by_feature):
        binary, tfidf_weights = by_feature[feature]
        entries.append((feature, idf.get(feature, 0.0), len(binary), len(tfidf_weights)))
        weights += binary + tfidf_weights
    with open(path, "wb") as handle:
        handle.write(MAGIC)
        handle.write(struct.pack("<III", len(model), len(entries), len(weights)))
        for name, binary, weighted, scale, offset, threshold, _ in model:
            encoded = name.encode()
            handle.write(struct.pack("<H", len(encoded)) + encoded)
            handle.write(struct.pack("<9f", *binary, *weighted, scale, offset, threshold))
        handle.write(b"".join(struct.pack("<IeBB", *entry) for entry in entries))
        handle.write(struct.pack(f"<{len(weights)}e", *(value for value, _ in weights)))
        handle.write(bytes(index for _, index in weights))


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
    rows, cols, values, count, labels, bounds = matrix(contracts, categories, vocabulary)
    counts = csr_matrix((np.array(values, dtype=np.float64), (rows, cols)), shape=(count, len(vocabulary)))
    x = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(count, len(vocabulary)))
    idf = inverse_document_frequency(counts).astype(np.float32)
    x_tfidf = tfidf(counts, idf.astype(np.float64))
    hashes = np.zeros(len(vocabulary), dtype=np.uint32)
    for feature, column in vocabulary.items():
        hashes[column] = feature
    # Contracts in FOLDS groups; a fold's units are scored by the model fitted on the others.
    folds = [np.concatenate([np.arange(*bounds[i]) for i in range(k, len(contracts), FOLDS)]) for k in range(FOLDS)]
    print(f"{len(contracts)} contracts, {count} units, {len(vocabulary)} features, {FOLDS} folds", file=sys.stderr)
    kept_categories = [c for c in categories if labels[c].sum() >= 5]
    trained = Parallel(n_jobs=2)(
        delayed(train_category)(x, x_tfidf, labels[c], folds, [(b, bool(spans[c])) for b, (_, _, spans) in zip(bounds, contracts)])
        for c in kept_categories
    )
    holding = [sum(1 for _, _, spans in contracts if spans[c]) for c in kept_categories]
    thresholds, common = presence_thresholds([t[4] for t in trained], holding)
    print(f"presence threshold for all categories {common:.3f}, pulled by {SHRINK} contracts", file=sys.stderr)
    model = []
    for category, (binary, weighted, scale, offset, curve), threshold in zip(kept_categories, trained, thresholds):
        entries = [sorted((int(hashes[i]), float(kept[i])) for i in np.nonzero(kept)[0]) for kept in
                   (binary[0], weighted[0])]
        model.append((category.strip(), binary[1:], weighted[1:], scale, offset, threshold, entries))
        print(f"  {category}: {int(labels[category].sum())} positive units, {len(entries[0])} + {len(entries[1])} "
              f"weights, Platt {scale:.2f} {offset:.2f}, threshold {threshold:.3f} (out-of-fold contract F1 near it "
              f"{curve[np.abs(THRESHOLDS - threshold).argmin()]:.2f}, at best {curve.max():.2f})", file=sys.stderr)
    write_model(Path(args.output), model, {int(hashes[i]): float(idf[i]) for i in np.nonzero(idf)[0]})
    print(f"{len(model)} categories -> {args.output}", file=sys.stderr)
    if args.fixture:
        write_fixture(Path(args.output), Path(args.fixture))


if __name__ == "__main__":
    main()
