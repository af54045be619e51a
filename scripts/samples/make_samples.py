"""Writes Docket's sample documents into Samples/: for each contract a born-digital PDF, a scanned
PDF (rasterised, slightly rotated, noisy, no text layer) and a DOCX, the source text as reference,
a multi-page TIFF and a JPEG scan, and one password-protected PDF with its password file.
Run through scripts/make-samples.sh, which provides reportlab, python-docx and Pillow."""

import os
import random
import subprocess
import sys
import tempfile

from docx import Document
from PIL import Image, ImageChops, ImageFilter
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.lib import colors
from xml.sax.saxutils import escape

import contracts

SCAN_DPI = 200
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DOCUMENTS = os.path.join(ROOT, "Samples", "documents")
REFERENCE = os.path.join(ROOT, "Samples", "reference")


def reference_text(contract):
    lines = [contract["title"]]
    for kind, value in contract["blocks"]:
        if kind == "table":
            lines += [" | ".join(row) for row in value]
        elif kind == "sig":
            lines += value
        else:
            lines.append(value)
    return "\n".join(lines) + "\n"


def write_pdf(contract, path, encrypt=None):
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Helvetica", fontSize=10.5,
                          leading=14, alignment=TA_JUSTIFY, spaceAfter=6)
    heading = ParagraphStyle("heading", parent=body, fontName="Helvetica-Bold", fontSize=11.5, spaceBefore=8)
    title = ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=15, alignment=1, spaceAfter=14)
    flow = [Paragraph(escape(contract["title"]), title)]
    for kind, value in contract["blocks"]:
        if kind == "h":
            flow.append(Paragraph(escape(value), heading))
        elif kind == "p":
            flow.append(Paragraph(escape(value), body))
        elif kind == "table":
            table = Table(value, hAlign="LEFT")
            table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 10),
                                       ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 10),
                                       ("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
            flow += [table, Spacer(1, 6)]
        elif kind == "sig":
            flow.append(Spacer(1, 18))
            flow += [Paragraph(escape(line), body) for line in value]
    document = SimpleDocTemplate(path, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                                 topMargin=25 * mm, bottomMargin=25 * mm, title=contract["title"].title(),
                                 author="Docket samples", invariant=1, encrypt=encrypt)
    document.build(flow)


def write_docx(contract, path):
    document = Document()
    document.core_properties.title = contract["title"].title()
    document.core_properties.author = "Docket samples"
    document.add_heading(contract["title"], level=0)
    for kind, value in contract["blocks"]:
        if kind == "h":
            document.add_heading(value, level=1)
        elif kind == "p":
            document.add_paragraph(value)
        elif kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            table.style = "Table Grid"
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        elif kind == "sig":
            for line in value:
                document.add_paragraph(line)
    document.save(path)


def scanned_pages(pdf_path, rng):
    """Rasterises a PDF as a scanner would: grey, slightly rotated, blurred and noisy."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(SCAN_DPI), "-gray", "-png", pdf_path, os.path.join(tmp, "p")], check=True)
        pages = []
        for name in sorted(os.listdir(tmp)):
            page = Image.open(os.path.join(tmp, name)).convert("L")
            page = page.rotate(rng.uniform(-1.5, 1.5), resample=Image.BICUBIC, fillcolor=255)
            page = page.filter(ImageFilter.GaussianBlur(0.5))
            noise = Image.effect_noise(page.size, 10)
            page = ImageChops.add(page, noise, scale=1.0, offset=-128)
            pages.append(page)
        return pages


def main():
    rng = random.Random(20250301)
    os.makedirs(DOCUMENTS, exist_ok=True)
    os.makedirs(REFERENCE, exist_ok=True)
    for make in contracts.ALL:
        contract = make()
        name = contract["name"]
        with open(os.path.join(REFERENCE, name + ".txt"), "w", encoding="utf-8") as out:
            out.write(reference_text(contract))
        pdf = os.path.join(DOCUMENTS, name + ".pdf")
        write_pdf(contract, pdf)
        write_docx(contract, os.path.join(DOCUMENTS, name + ".docx"))
        pages = scanned_pages(pdf, rng)
        pages[0].save(os.path.join(DOCUMENTS, name + "-scan.pdf"), "PDF", resolution=SCAN_DPI,
                      save_all=True, append_images=pages[1:], quality=50)
        if name == "mutual-nda":
            bilevel = [p.point(lambda v: 255 if v > 150 else 0, mode="1") for p in pages]
            bilevel[0].save(os.path.join(DOCUMENTS, name + "-fax.tiff"), compression="group4", dpi=(SCAN_DPI, SCAN_DPI),
                            save_all=True, append_images=bilevel[1:])
        if name == "contrat-de-prestation":
            pages[0].save(os.path.join(DOCUMENTS, name + "-page1.jpg"), quality=50, dpi=(SCAN_DPI, SCAN_DPI))
    memo = contracts.protected_memo()
    write_pdf(memo, os.path.join(DOCUMENTS, memo["name"] + ".pdf"),
              encrypt=StandardEncryption("docket-sample", ownerPassword="docket-owner", strength=128))
    with open(os.path.join(REFERENCE, memo["name"] + ".txt"), "w", encoding="utf-8") as out:
        out.write(reference_text(memo))
    with open(os.path.join(ROOT, "Samples", "passwords.tsv"), "w") as out:
        out.write("# glob<TAB>password, matched against file names. Sample passwords only.\n")
        out.write("board-memo-*.pdf\tdocket-sample\n")


if __name__ == "__main__":
    sys.exit(main())
