#!/usr/bin/env python3
"""Writes the clause test set for `docket eval-clauses`: the 14 CUAD contracts of
`../shared/data/cuad/` (none of them trained on), one JSON line each: name, the contract's PDF (Docket
reads it with its own extraction), the categories a lawyer marked as present, the text of the passages
marked for each, and CUAD's normalised answers ("Governing Law": "Delaware").

Reads CUAD's labels.csv, whose context columns are Python-style lists of passages (read with
ast.literal_eval: data, never code). Nothing of it is committed.
"""

import argparse
import ast
import csv
import json
import os
import sys
from pathlib import Path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared" / "data" / "cuad"))
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    data = Path(args.data)
    csv.field_size_limit(1 << 30)
    with open(data / "labels.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    categories = [c for c in rows[0] if c != "Filename" and not c.rstrip().endswith("Answer")]
    output = Path(args.output).resolve()
    with open(output, "w", encoding="utf-8") as out:
        for row in rows:
            pdf = data / row["Filename"]
            if not pdf.exists():
                print(f"make_testset: {row['Filename']}: no PDF, left out", file=sys.stderr)
                continue
            present, marked = [], {}
            for category in categories:
                try:
                    passages = ast.literal_eval(row[category])
                except (ValueError, SyntaxError):
                    passages = []
                if not passages:
                    continue
                present.append(category.strip())
                marked[category.strip()] = [p for p in passages if isinstance(p, str) and p.strip()]
            answers = {}
            for column, value in row.items():
                if column.replace(" ", "").endswith("-Answer") and value.strip():
                    answers[column.replace(" ", "")[: -len("-Answer")].strip()] = value.strip()
            answers = {c.strip(): answers[c.strip().replace(" ", "")] for c in categories
                       if c.strip().replace(" ", "") in answers}
            file = os.path.relpath(pdf.resolve(), output.parent)
            out.write(json.dumps({"name": pdf.stem, "file": file, "present": present, "passages": marked,
                                  "answers": answers}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
