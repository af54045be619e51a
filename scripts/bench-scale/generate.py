#!/usr/bin/env python3
"""A synthetic data room for `make bench-scale`: N service agreements of about 5 KB and twelve clauses each.

Each contract draws its clauses from a pool of sixteen (definitions, fees, term, termination, liability, data
protection, governing law, ...) in varied wordings, with parties, people, e-mail addresses, valid IBANs, postal
addresses and dates, so that the detectors, the clause model and the router have real work. Most files are
plain text; a share are born-digital PDFs (written here, one font, no library) and a smaller share scans
(a PNG of a short page, drawn with Pillow, which OCR reads). The same seed gives the same files; every file's
bytes differ, so none is found in the store by its hash.

Every contract holds the sentence the instant endpoint quotes (instant_endpoint.py), so answers are grounded.
"""

import argparse
import os
import random
import sys

QUOTED = "The parties agree to the terms set out below."

FIRST = ["Anna", "Lukas", "Marie", "Jonas", "Sophie", "Pierre", "Claire", "Thomas", "Eva", "Jan", "Laura", "Marco",
         "Elena", "David", "Sarah", "Felix", "Julia", "Paul", "Nina", "Hugo"]
LAST = ["Schneider", "Dubois", "Janssen", "Rossi", "Fischer", "Martin", "Weber", "Bernard", "de Vries", "Keller",
        "Moreau", "Hoffmann", "Lambert", "Bakker", "Wagner", "Laurent", "Becker", "Girard", "Visser", "Schulz"]
COMPANIES = ["Nordlicht Logistik GmbH", "Atelier Rivage SAS", "Polder Data B.V.", "Alpine Ledger AG",
             "Brightwater Systems Ltd", "Castellan Advisory S.r.l.", "Helix Maintenance GmbH", "Lumen Freight SA",
             "Oakridge Analytics Ltd", "Vireo Facility Services B.V."]
STREETS = ["Hauptstraße", "Rue de la Paix", "Keizersgracht", "Via Roma", "Bahnhofstraße", "Avenue Foch",
           "Lindenallee", "Prinsengracht"]
CITIES = [("10115", "Berlin"), ("75002", "Paris"), ("1016 AB", "Amsterdam"), ("00184", "Roma"), ("80331", "München"),
          ("69002", "Lyon"), ("20095", "Hamburg"), ("3511 AB", "Utrecht")]
LAWS = ["Germany", "France", "the Netherlands", "England and Wales", "Italy", "Ireland"]


def iban(rng):
    """A German IBAN with a valid ISO 7064 check."""
    bban = "".join(rng.choice("0123456789") for _ in range(18))
    numeric = "".join(str(int(c, 36)) for c in bban + "DE00")
    check = 98 - int(numeric) % 97
    return f"DE{check:02d}{bban}"


def person(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def address(rng):
    postcode, city = rng.choice(CITIES)
    return f"{rng.choice(STREETS)} {rng.randint(1, 180)}, {postcode} {city}"


def email(rng, name):
    return name.lower().replace(" ", ".") + "@" + rng.choice(["example.com", "example.org", "example.net"])


def clauses(rng, c):
    """The pool: each a heading and two or three wordings of its body, filled from the contract `c`."""
    return [
        ("Definitions", [
            f"In this Agreement, \"Services\" means the services described in Schedule 1, and \"Customer Data\" "
            f"means all data supplied by {c['customer']} to {c['supplier']} under this Agreement. Headings are for "
            f"convenience only and do not affect interpretation.",
            f"Capitalised terms have the meanings given in this clause. \"Business Day\" means a day other than a "
            f"Saturday, Sunday or public holiday in {c['city']}. References to a party include its successors."]),
        ("Services", [
            f"{c['supplier']} shall provide the Services with reasonable skill and care and in accordance with "
            f"good industry practice. The service manager for the Supplier is {c['manager']} ({c['manager_mail']}).",
            f"The Supplier will perform the Services from its premises at {c['supplier_address']} and shall assign "
            f"suitably qualified personnel. {c['manager']} is the Supplier's contact for all operational matters."]),
        ("Fees and Payment", [
            f"The Customer shall pay the fees of EUR {c['fee']:,} per month within thirty (30) days of receipt of a "
            f"valid invoice, to the account {c['iban']}. Late payments bear interest at 8% above the base rate.",
            f"Fees are payable quarterly in advance. Invoices are due within {rng.choice([14, 30, 45])} days. "
            f"Payments shall be made by bank transfer to IBAN {c['iban']}."]),
        ("Term and Renewal", [
            f"This Agreement commences on {c['start']} and continues for an initial term of {c['years']} years. "
            f"It renews automatically for successive periods of twelve (12) months unless either party gives notice "
            f"of non-renewal at least ninety (90) days before the end of the then current term.",
            f"The initial term is {c['years']} years from the Effective Date of {c['start']}. Thereafter the "
            f"Agreement renews for one-year periods unless terminated with three months' written notice."]),
        ("Termination", [
            "Either party may terminate this Agreement for convenience on six (6) months' written notice. Either "
            "party may terminate immediately if the other commits a material breach that is not remedied within "
            "thirty days of notice.",
            "The Customer may terminate this Agreement at any time without cause by giving ninety (90) days' notice. "
            "Termination does not affect accrued rights."]),
        ("Confidentiality", [
            "Each party shall keep confidential all information disclosed by the other and use it only for the "
            "purposes of this Agreement. This obligation survives termination for five (5) years.",
            "Neither party shall disclose the other's Confidential Information except to its employees and advisers "
            "who need to know it and are bound by equivalent duties of confidence."]),
        ("Data Protection", [
            f"The Supplier processes personal data on behalf of the Customer as processor under Article 28 GDPR. "
            f"The Customer's data protection officer is {c['dpo']}, {c['dpo_address']}, reachable at {c['dpo_mail']}.",
            f"Each party shall comply with the GDPR. Personal data shall not be transferred outside the EEA without "
            f"the Customer's prior written consent. Requests go to {c['dpo']} ({c['dpo_mail']})."]),
        ("Limitation of Liability", [
            f"Each party's total liability under this Agreement is limited to {rng.choice([100, 125, 150])}% of the "
            f"fees paid in the twelve months preceding the claim. Neither party is liable for indirect or "
            f"consequential loss, loss of profit or loss of data.",
            f"The aggregate liability of the Supplier shall not exceed EUR {c['fee'] * 12:,}. Nothing limits "
            f"liability for death or personal injury caused by negligence, or for fraud."]),
        ("Indemnification", [
            "The Supplier shall indemnify the Customer against all claims that the Services infringe the "
            "intellectual property rights of a third party, provided the Customer notifies the Supplier promptly.",
            "Each party shall defend and indemnify the other against losses arising from its breach of the data "
            "protection clause."]),
        ("Insurance", [
            f"The Supplier shall maintain professional indemnity insurance of at least EUR "
            f"{rng.choice([1, 2, 5])},000,000 per claim and public liability insurance with a reputable insurer, "
            f"and shall provide certificates on request.",
            "During the term and for two years after, the Supplier shall hold insurance adequate to cover its "
            "liabilities under this Agreement."]),
        ("Assignment", [
            "Neither party may assign or transfer this Agreement without the prior written consent of the other, "
            "such consent not to be unreasonably withheld, save to an affiliate in a corporate reorganisation.",
            "The Supplier shall not subcontract or assign any of its obligations without the Customer's written "
            "consent. A change of control of the Supplier entitles the Customer to terminate."]),
        ("Governing Law", [
            f"This Agreement and any dispute arising out of it are governed by the laws of {c['law']}. The courts "
            f"of {c['city']} have exclusive jurisdiction.",
            f"The laws of {c['law']} govern this Agreement, excluding the UN Convention on Contracts for the "
            f"International Sale of Goods. Disputes are settled by the courts of {c['city']}."]),
        ("Notices", [
            f"Notices shall be in writing and sent to the Customer at {c['customer_address']}, attention "
            f"{c['signatory']}, or to such other address as a party notifies.",
            f"Any notice to the Supplier shall be delivered to {c['supplier_address']} for the attention of "
            f"{c['manager']}, with a copy by e-mail to {c['manager_mail']}."]),
        ("Non-Compete", [
            "During the term and for twelve months after, the Supplier shall not provide services of the same kind "
            "to a competitor of the Customer within the European Union.",
            "Neither party shall solicit or employ any employee of the other party engaged in the Services during "
            "the term and for six months thereafter."]),
        ("Audit Rights", [
            "The Customer may, on thirty days' notice and no more than once a year, audit the Supplier's records "
            "and premises to verify compliance with this Agreement.",
            "The Supplier shall keep complete records of the Services and grant the Customer's auditors access to "
            "them during normal business hours."]),
        ("Force Majeure", [
            "Neither party is liable for any failure or delay caused by events beyond its reasonable control, "
            "including natural disasters, war, epidemics and failures of public networks.",
            "If a force majeure event continues for more than sixty days, either party may terminate this "
            "Agreement by written notice."]),
    ]


def contract(rng, number):
    c = {
        "customer": rng.choice(COMPANIES), "supplier": rng.choice(COMPANIES), "manager": person(rng),
        "dpo": person(rng), "signatory": person(rng), "iban": iban(rng), "fee": rng.randint(20, 900) * 100,
        "years": rng.choice([1, 2, 3, 5]), "law": rng.choice(LAWS), "city": rng.choice(CITIES)[1],
        "start": f"{rng.randint(1, 28)} {rng.choice(['January', 'March', 'June', 'September', 'November'])} "
                 f"{rng.randint(2019, 2026)}",
        "supplier_address": address(rng), "customer_address": address(rng), "dpo_address": address(rng),
    }
    c["manager_mail"] = email(rng, c["manager"])
    c["dpo_mail"] = email(rng, c["dpo"])
    pool = clauses(rng, c)
    chosen = sorted(rng.sample(range(len(pool)), 12))
    lines = [f"SERVICE AGREEMENT No. {number:06d}", "",
             f"between {c['customer']}, {c['customer_address']} (the \"Customer\"), and {c['supplier']}, "
             f"{c['supplier_address']} (the \"Supplier\"). {QUOTED}", ""]
    for index, which in enumerate(chosen, start=1):
        heading, wordings = pool[which]
        body = rng.choice(wordings)
        if rng.random() < 0.5:
            body += " " + rng.choice(wordings)
        lines += [f"{index}. {heading}", "", body, ""]
    lines += [f"Signed for the Customer: {c['signatory']}    Signed for the Supplier: {c['manager']}"]
    return "\n".join(lines) + "\n"


def wrap(text, width):
    out = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
    return out


def pdf(text):
    """A born-digital PDF: Helvetica, A4, 60 lines a page, built by hand (offsets counted, no library)."""
    lines = wrap(text, 95)
    pages = [lines[i:i + 60] for i in range(0, len(lines), 60)] or [[]]
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for page in pages:
        stream = "BT /F1 9 Tf 12 TL 50 800 Td\n"
        for line in page:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            stream += f"({escaped}) '\n"
        stream += "ET"
        data = stream.encode("cp1252", "replace")
        objects.append(f"<< /Length {len(data)} >>\nstream\n" + data.decode("latin-1") + "\nendstream")
        content = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R "
                       f"/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(len(objects))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def scan(text, path):
    """A scanned page: the contract's opening and first clauses, drawn at about 150 dpi in grey, as PNG."""
    from PIL import Image, ImageDraw, ImageFont
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 22)
    lines = wrap(text, 80)[:40]
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        draw.text((90, 90 + row * 38), line, fill=20, font=font)
    image.save(path, optimize=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("count", type=int)
    parser.add_argument("--pdf-share", type=float, default=0.08)
    parser.add_argument("--scan-share", type=float, default=0.005)
    parser.add_argument("--seed", type=int, default=31)
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    rng = random.Random(args.seed)
    kinds = {"txt": 0, "pdf": 0, "png": 0}
    for number in range(args.count):
        text = contract(rng, number)
        draw = rng.random()
        # Files spread over folders of 1,000, as a data room's index is.
        folder = os.path.join(args.folder, f"{number // 1000:03d}")
        os.makedirs(folder, exist_ok=True)
        stem = os.path.join(folder, f"agreement-{number:06d}")
        if draw < args.scan_share:
            scan(text, stem + ".png")
            kinds["png"] += 1
        elif draw < args.scan_share + args.pdf_share:
            with open(stem + ".pdf", "wb") as out:
                out.write(pdf(text))
            kinds["pdf"] += 1
        else:
            with open(stem + ".txt", "w", encoding="utf-8") as out:
                out.write(text)
            kinds["txt"] += 1
    print(f"generated {args.count} contracts in {args.folder}: {kinds}", file=sys.stderr)


if __name__ == "__main__":
    main()
