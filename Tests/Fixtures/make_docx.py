"""Hostile and unusual Word documents, made on demand for the DOCX tests (none is committed).

usage: make_docx.py KIND OUTPUT
  bomb        word/document.xml declares 4 KB and inflates to 2 GiB
  doctype     an entity declared in a DOCTYPE and used in the text
  undefined   a reference to an entity that is not declared
  hidden      a run marked hidden (w:vanish) between visible ones
  parts       the main part under another name, named by _rels/.rels, with a header, a footer,
              footnotes and comments named by its relationships
"""

import struct
import sys
import zipfile
import zlib

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def body(paragraphs, root="w:document"):
    inner = "".join(f"<w:p>{p}</w:p>" for p in paragraphs)
    return f'<?xml version="1.0" encoding="UTF-8"?><{root} {W}><w:body>{inner}</w:body></{root}>'


def run(text, hidden=False):
    props = "<w:rPr><w:vanish/></w:rPr>" if hidden else ""
    return f"<w:r>{props}<w:t xml:space=\"preserve\">{text}</w:t></w:r>"


def rels(entries):
    items = "".join(f'<Relationship Id="rId{i}" Type="{REL}{t}" Target="{target}"/>' for i, (t, target) in enumerate(entries))
    return f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'


def write(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)


def bomb(path):
    # Deflate blocks of zeros, each ending byte-aligned (a full flush), repeated: 2 GiB inflated.
    segment_size, segments = 16 << 20, 128
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = compressor.compress(b"\0" * segment_size) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = segment * segments + zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    name = b"word/document.xml"
    declared = 4096
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, 0, len(data), declared, len(name), 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, 0, len(data), declared,
                          len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    with open(path, "wb") as out:
        out.write(local + data + central + end)


def main(kind, path):
    if kind == "bomb":
        return bomb(path)
    parts = {"[Content_Types].xml": CONTENT_TYPES}
    if kind == "doctype":
        xml = body([run("Visible before.")]).replace("<w:document", '<!DOCTYPE w:document [<!ENTITY x "INJECTED">]><w:document', 1)
        parts["word/document.xml"] = xml.replace("Visible before.", "Visible before. &x; Visible after.")
    elif kind == "undefined":
        parts["word/document.xml"] = body([run("Visible before. &undefined; Visible after."), run("The last paragraph.")])
    elif kind == "hidden":
        parts["word/document.xml"] = body([run("The Supplier shall deliver.") + run(" SECRET HIDDEN INSTRUCTION ", hidden=True)
                                           + run("On time.")])
    elif kind == "parts":
        parts["_rels/.rels"] = rels([("officeDocument", "word/main.xml")])
        parts["word/main.xml"] = body([run("The body of the agreement.")])
        parts["word/_rels/main.xml.rels"] = rels([("header", "header1.xml"), ("footer", "footer1.xml"),
                                                  ("footnotes", "footnotes.xml"), ("comments", "comments.xml"),
                                                  ("header", "../../outside.xml")])
        parts["word/header1.xml"] = body([run("HEADER TEXT")], root="w:hdr")
        parts["word/footer1.xml"] = body([run("FOOTER TEXT")], root="w:ftr")
        parts["word/footnotes.xml"] = body([run("FOOTNOTE TEXT")], root="w:footnotes")
        parts["word/comments.xml"] = body([run("COMMENT TEXT")], root="w:comments")
    else:
        raise SystemExit(f"unknown kind {kind}")
    write(path, parts)


main(sys.argv[1], sys.argv[2])
