"""The pypdfium2 side of the benchmark: text of every page of every file, as a Python team would."""
import os
import sys

import pypdfium2

out = sys.argv[1]
for path in sys.argv[2:]:
    with open(os.path.join(out, os.path.basename(path) + ".txt"), "w") as target:
        try:
            document = pypdfium2.PdfDocument(path)
            for page in document:
                target.write(page.get_textpage().get_text_range())
                target.write("\f")
            document.close()
        except Exception as error:  # a file it cannot read counts as no text, as for the others
            print(f"pypdfium2: {os.path.basename(path)}: {error}", file=sys.stderr)
