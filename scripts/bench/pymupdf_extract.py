"""The PyMuPDF side of the benchmark: text of every page of every file, as a Python team would."""
import os
import sys

import pymupdf

out = sys.argv[1]
for path in sys.argv[2:]:
    with pymupdf.open(path) as document, open(os.path.join(out, os.path.basename(path) + ".txt"), "w") as target:
        for page in document:
            target.write(page.get_text())
            target.write("\f")
