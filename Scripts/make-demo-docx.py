#!/usr/bin/env python3
"""Build the .docx transcripts of the QualCode demo project.

Usage:
    python3 Scripts/make-demo-docx.py            # build all sources
    python3 Scripts/make-demo-docx.py --check    # build in memory, fail if the
                                                 # committed files differ

Input:   Projects/metodeveiledere/source/<name>.docx.txt
Output:  Projects/metodeveiledere/<name>.docx
         Projects/metodeveiledere/expected/<name>.txt   (the plain text a correct
                                                         .docx reader must extract)

Only the Python standard library is used. The output is deterministic (fixed
zip timestamps, fixed document dates), so re-running the script reproduces
byte-identical files.

Source format (UTF-8, one line = one paragraph)
-----------------------------------------------
    <text>                  ordinary paragraph (style Normal)
    (empty line)            empty paragraph
    @heading <text>         paragraph in style Heading1
    @header <text>          page header text (word/header1.xml); NOT a body paragraph
    @table                  start of a table; every following line is one row,
    a | b                   cells separated by " | " ...
    @endtable               ... until @endtable
    %% <anything>           source comment, ignored

Inline markup inside a paragraph or table cell:
    {+text+}                tracked insertion: <w:ins><w:r><w:t>text</w:t></w:r></w:ins>
    {-text-}                tracked deletion:  <w:del><w:r><w:delText>text</w:delText></w:r></w:del>
    {comment:anchor|note}   "anchor" stays in the body, wrapped in
                            commentRangeStart/commentRangeEnd and followed by a
                            commentReference run; "note" goes to word/comments.xml
    {footnote:note}         footnoteReference run; "note" goes to word/footnotes.xml
    {tab}                   <w:tab/>
    {br}                    <w:br/> (line break inside the paragraph)

word/comments.xml, word/footnotes.xml and word/header1.xml (with their
relationships and content types) are only written when the source uses them.

Expected-text rules (what expected/<name>.txt contains)
-------------------------------------------------------
* body paragraphs and table rows in document order, joined by "\\n";
* a table row is its cells' text joined by "\\t";
* <w:tab/> -> "\\t", <w:br/> -> "\\n";
* tracked insertions kept, tracked deletions dropped;
* comment, footnote and header text absent (comment anchors are kept);
* consecutive empty paragraphs collapse to one empty line;
* no trailing newline.
"""

import io
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROJECT = os.path.join(ROOT, "Projects", "metodeveiledere")
SOURCE_DIR = os.path.join(PROJECT, "source")
EXPECTED_DIR = os.path.join(PROJECT, "expected")

FIXED_DATE = "2024-03-20T10:00:00Z"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
REVISION_AUTHOR = "Intervjuer"
COMMENT_AUTHOR = "Veileder"

NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."

INLINE = re.compile(
    r"\{\+(?P<ins>.*?)\+\}"
    r"|\{-(?P<del>.*?)-\}"
    r"|\{comment:(?P<anchor>[^|{}]*)\|(?P<note>[^{}]*)\}"
    r"|\{footnote:(?P<fn>[^{}]*)\}"
    r"|\{(?P<ctl>tab|br)\}"
)


# --------------------------------------------------------------------------
# Source parsing
# --------------------------------------------------------------------------

class Doc:
    def __init__(self, name):
        self.name = name
        self.title = name
        self.header = None        # header text or None
        self.blocks = []          # ("p", style, text) | ("tbl", [[cell, ...], ...])
        self.comments = []        # note texts, id = index
        self.footnotes = []       # note texts, id = index + 1


def parse_source(path):
    name = os.path.basename(path)[: -len(".docx.txt")]
    doc = Doc(name)
    table = None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # final newline of the file is not an empty paragraph
    for line in lines:
        line = line.rstrip("\r")
        if line.startswith("%%"):
            continue
        if table is not None:
            if line.strip() == "@endtable":
                doc.blocks.append(("tbl", table))
                table = None
            else:
                table.append([c.strip() for c in line.split(" | ")])
            continue
        if line.strip() == "@table":
            table = []
        elif line.startswith("@header "):
            doc.header = line[len("@header "):]
        elif line.startswith("@heading "):
            text = line[len("@heading "):]
            doc.title = text
            doc.blocks.append(("p", "Heading1", text))
        elif line.startswith("@"):
            raise SystemExit("%s: unknown directive: %s" % (path, line))
        else:
            doc.blocks.append(("p", None, line))
    if table is not None:
        raise SystemExit("%s: @table without @endtable" % path)
    return doc


# --------------------------------------------------------------------------
# XML building
# --------------------------------------------------------------------------

def t(text):
    return '<w:t xml:space="preserve">%s</w:t>' % escape(text)


def run(inner, style=None):
    rpr = '<w:rPr><w:rStyle w:val="%s"/></w:rPr>' % style if style else ""
    return "<w:r>%s%s</w:r>" % (rpr, inner)


class Counter:
    def __init__(self):
        self.revision = 100


def inline_xml(doc, text, counter):
    """Return (xml, plain) for one paragraph's inline content."""
    xml, plain = [], []
    pos = 0
    for m in INLINE.finditer(text):
        if m.start() > pos:
            chunk = text[pos:m.start()]
            xml.append(run(t(chunk)))
            plain.append(chunk)
        pos = m.end()
        if m.group("ins") is not None:
            counter.revision += 1
            xml.append('<w:ins w:id="%d" w:author="%s" w:date="%s">%s</w:ins>'
                       % (counter.revision, REVISION_AUTHOR, FIXED_DATE,
                          run(t(m.group("ins")))))
            plain.append(m.group("ins"))
        elif m.group("del") is not None:
            counter.revision += 1
            xml.append('<w:del w:id="%d" w:author="%s" w:date="%s"><w:r>'
                       '<w:delText xml:space="preserve">%s</w:delText></w:r></w:del>'
                       % (counter.revision, REVISION_AUTHOR, FIXED_DATE,
                          escape(m.group("del"))))
        elif m.group("anchor") is not None:
            cid = len(doc.comments)
            doc.comments.append(m.group("note"))
            xml.append('<w:commentRangeStart w:id="%d"/>' % cid)
            xml.append(run(t(m.group("anchor"))))
            xml.append('<w:commentRangeEnd w:id="%d"/>' % cid)
            xml.append(run('<w:commentReference w:id="%d"/>' % cid,
                           "CommentReference"))
            plain.append(m.group("anchor"))
        elif m.group("fn") is not None:
            doc.footnotes.append(m.group("fn"))
            fid = len(doc.footnotes)
            xml.append(run('<w:footnoteReference w:id="%d"/>' % fid,
                           "FootnoteReference"))
        elif m.group("ctl") == "tab":
            xml.append(run("<w:tab/>"))
            plain.append("\t")
        elif m.group("ctl") == "br":
            xml.append(run("<w:br/>"))
            plain.append("\n")
    if pos < len(text):
        xml.append(run(t(text[pos:])))
        plain.append(text[pos:])
    out = "".join(xml)
    for marker in ("{+", "+}", "{-", "-}", "{comment:", "{footnote:", "{tab}", "{br}"):
        if marker in "".join(plain):
            raise SystemExit("%s: unbalanced markup %r in: %s" % (doc.name, marker, text))
    return out, "".join(plain)


def paragraph(doc, style, text, counter):
    inner, plain = inline_xml(doc, text, counter)
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    if not ppr and not inner:
        return "<w:p/>", plain
    return "<w:p>%s%s</w:p>" % (ppr, inner), plain


def table(doc, rows, counter):
    ncols = max(len(r) for r in rows)
    total = 9072  # text width of an A4 page with 2.5 cm margins, in twips
    widths = [total // 3] + [(total - total // 3) // max(ncols - 1, 1)] * (ncols - 1)
    xml = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
           '<w:tblW w:w="0" w:type="auto"/>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1"'
           ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    xml += ['<w:gridCol w:w="%d"/>' % w for w in widths]
    xml.append("</w:tblGrid>")
    plain_rows = []
    for r in rows:
        r = r + [""] * (ncols - len(r))
        xml.append("<w:tr>")
        cells = []
        for w, cell in zip(widths, r):
            p, plain = paragraph(doc, None, cell, counter)
            xml.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>' % (w, p))
            cells.append(plain)
        xml.append("</w:tr>")
        plain_rows.append("\t".join(cells))
    xml.append("</w:tbl>")
    return "".join(xml), plain_rows


def build_document(doc):
    counter = Counter()
    body, plain_lines = [], []
    for block in doc.blocks:
        if block[0] == "p":
            p, plain = paragraph(doc, block[1], block[2], counter)
            body.append(p)
            plain_lines.append(plain)
        else:
            x, rows = table(doc, block[1], counter)
            body.append(x)
            plain_lines.extend(rows)
    sect = ['<w:sectPr>']
    if doc.header is not None:
        sect.append('<w:headerReference w:type="default" r:id="rIdHeader1"/>')
    sect.append('<w:pgSz w:w="11906" w:h="16838"/>'
                '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417"'
                ' w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')
    xml = (XML_DECL + '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>' % (NS_W, NS_R)
           + "".join(body) + "".join(sect) + "</w:body></w:document>")
    return xml, expected_text(plain_lines)


def expected_text(lines):
    out = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue  # collapse consecutive empty paragraphs
        out.append(line)
    return "\n".join(out)


def styles_xml():
    def style(kind, sid, name, extra="", default=False):
        d = ' w:default="1"' if default else ""
        return ('<w:style w:type="%s"%s w:styleId="%s"><w:name w:val="%s"/>%s</w:style>'
                % (kind, d, sid, name, extra))
    return (XML_DECL + '<w:styles xmlns:w="%s">' % NS_W
            + '<w:docDefaults><w:rPrDefault><w:rPr>'
              '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>'
              '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="nb-NO"/>'
              '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
              '<w:spacing w:after="160" w:line="259" w:lineRule="auto"/>'
              '</w:pPr></w:pPrDefault></w:docDefaults>'
            + style("paragraph", "Normal", "Normal", "<w:qFormat/>", default=True)
            + style("paragraph", "Heading1", "heading 1",
                    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
                    '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>'
                    '<w:outlineLvl w:val="0"/></w:pPr>'
                    '<w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>')
            + style("paragraph", "Header", "header", '<w:basedOn w:val="Normal"/>'
                    '<w:pPr><w:spacing w:after="0"/></w:pPr>'
                    '<w:rPr><w:i/><w:sz w:val="18"/></w:rPr>')
            + style("paragraph", "FootnoteText", "footnote text", '<w:basedOn w:val="Normal"/>'
                    '<w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr>')
            + style("character", "FootnoteReference", "footnote reference",
                    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>')
            + style("paragraph", "CommentText", "annotation text", '<w:basedOn w:val="Normal"/>'
                    '<w:rPr><w:sz w:val="20"/></w:rPr>')
            + style("character", "CommentReference", "annotation reference",
                    '<w:rPr><w:sz w:val="16"/></w:rPr>')
            + style("table", "TableGrid", "Table Grid",
                    '<w:tblPr><w:tblBorders>'
                    + "".join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="auto"/>' % b
                              for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
                    + '</w:tblBorders></w:tblPr>')
            + "</w:styles>")


def settings_xml(doc):
    fn = ('<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
          if doc.footnotes else "")
    return (XML_DECL + '<w:settings xmlns:w="%s"><w:defaultTabStop w:val="708"/>'
            '%s<w:themeFontLang w:val="nb-NO"/></w:settings>' % (NS_W, fn))


def comments_xml(doc):
    items = []
    for cid, note in enumerate(doc.comments):
        items.append(
            '<w:comment w:id="%d" w:author="%s" w:date="%s" w:initials="V">'
            '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>%s%s</w:p></w:comment>'
            % (cid, COMMENT_AUTHOR, FIXED_DATE,
               run("<w:annotationRef/>", "CommentReference"), run(t(note))))
    return XML_DECL + '<w:comments xmlns:w="%s">%s</w:comments>' % (NS_W, "".join(items))


def footnotes_xml(doc):
    sep = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
           '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
           '<w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
           '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
           '<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
    items = []
    for i, note in enumerate(doc.footnotes):
        items.append('<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/>'
                     '</w:pPr>%s%s</w:p></w:footnote>'
                     % (i + 1, run("<w:footnoteRef/>", "FootnoteReference"),
                        run(t(" " + note))))
    return XML_DECL + '<w:footnotes xmlns:w="%s">%s%s</w:footnotes>' % (NS_W, sep, "".join(items))


def header_xml(doc):
    return (XML_DECL + '<w:hdr xmlns:w="%s" xmlns:r="%s"><w:p><w:pPr>'
            '<w:pStyle w:val="Header"/></w:pPr>%s</w:p></w:hdr>'
            % (NS_W, NS_R, run(t(doc.header))))


def core_xml(doc):
    return (XML_DECL
            + '<cp:coreProperties'
              ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
              ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
              ' xmlns:dcterms="http://purl.org/dc/terms/"'
              ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
              ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            + "<dc:title>%s</dc:title>" % escape(doc.title)
            + "<dc:subject>QualCode demo – syntetisk intervju</dc:subject>"
              "<dc:creator>QualCode</dc:creator>"
              "<cp:lastModifiedBy>QualCode</cp:lastModifiedBy>"
              "<dc:language>nb-NO</dc:language>"
              "<cp:revision>1</cp:revision>"
              '<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>'
              '<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>'
              "</cp:coreProperties>" % (FIXED_DATE, FIXED_DATE))


def app_xml():
    return (XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
            '2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/'
            'officeDocument/2006/docPropsVTypes"><Application>QualCode make-demo-docx.py'
            '</Application></Properties>')


def build_package(doc):
    """Return (docx bytes, expected plain text)."""
    document, expected = build_document(doc)  # fills doc.comments / doc.footnotes

    overrides = [
        ("/word/document.xml", CT + "document.main+xml"),
        ("/word/styles.xml", CT + "styles+xml"),
        ("/word/settings.xml", CT + "settings+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    rels = [("rIdStyles", "styles", "styles.xml"),
            ("rIdSettings", "settings", "settings.xml")]
    parts = [("word/document.xml", document),
             ("word/styles.xml", styles_xml()),
             ("word/settings.xml", settings_xml(doc))]
    if doc.comments:
        overrides.append(("/word/comments.xml", CT + "comments+xml"))
        rels.append(("rIdComments", "comments", "comments.xml"))
        parts.append(("word/comments.xml", comments_xml(doc)))
    if doc.footnotes:
        overrides.append(("/word/footnotes.xml", CT + "footnotes+xml"))
        rels.append(("rIdFootnotes", "footnotes", "footnotes.xml"))
        parts.append(("word/footnotes.xml", footnotes_xml(doc)))
    if doc.header is not None:
        overrides.append(("/word/header1.xml", CT + "header+xml"))
        rels.append(("rIdHeader1", "header", "header1.xml"))
        parts.append(("word/header1.xml", header_xml(doc)))

    content_types = (
        XML_DECL
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join('<Override PartName="%s" ContentType="%s"/>' % o for o in overrides)
        + "</Types>")
    package_rels = (
        XML_DECL
        + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="%sofficeDocument" Target="word/document.xml"/>'
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
          'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
          '<Relationship Id="rId3" Type="%sextended-properties" Target="docProps/app.xml"/>'
          "</Relationships>" % (REL, REL))
    document_rels = (
        XML_DECL
        + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join('<Relationship Id="%s" Type="%s%s" Target="%s"/>' % (rid, REL, typ, target)
                  for rid, typ, target in rels)
        + "</Relationships>")

    files = ([("[Content_Types].xml", content_types),
              ("_rels/.rels", package_rels),
              ("docProps/core.xml", core_xml(doc)),
              ("docProps/app.xml", app_xml())]
             + parts
             + [("word/_rels/document.xml.rels", document_rels)])

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8"))
    return buf.getvalue(), expected


def main(argv):
    check = "--check" in argv[1:]
    sources = sorted(f for f in os.listdir(SOURCE_DIR) if f.endswith(".docx.txt"))
    if not sources:
        raise SystemExit("no *.docx.txt sources in " + SOURCE_DIR)
    os.makedirs(EXPECTED_DIR, exist_ok=True)
    stale = []
    for src in sources:
        doc = parse_source(os.path.join(SOURCE_DIR, src))
        data, expected = build_package(doc)
        targets = [(os.path.join(PROJECT, doc.name + ".docx"), data),
                   (os.path.join(EXPECTED_DIR, doc.name + ".txt"), expected.encode("utf-8"))]
        for path, content in targets:
            rel = os.path.relpath(path, ROOT)
            if check:
                try:
                    with open(path, "rb") as f:
                        same = f.read() == content
                except FileNotFoundError:
                    same = False
                if not same:
                    stale.append(rel)
            else:
                with open(path, "wb") as f:
                    f.write(content)
                print("wrote", rel)
    if check:
        if stale:
            print("out of date:", ", ".join(stale))
            return 1
        print("all demo .docx files are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
