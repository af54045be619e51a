"""The PyMuPDF side of the benchmark: text of every page of every file, as a Python team would."""
import os
import sys

import pymupdf

out = sys.argv[1]
for path in sys.argv[2:]:
    with open(os.path.join(out, os.path.basename(path) + ".txt"), "w") as target:
        try:
            with pymupdf.open(path) as document:
                for page in document:
                    target.write(page.get_text())
                    target.write("\f")
        except Exception as error:  # a file it cannot read counts as no text, as for the others
            print(f"pymupdf: {os.path.basename(path)}: {error}", file=sys.stderr)
