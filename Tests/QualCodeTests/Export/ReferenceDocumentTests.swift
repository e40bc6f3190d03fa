import Foundation
import QualCode
import Testing
import ZIPFoundation

/// `--reference-docx`: a user's Word template styles the export, QualCode's styles fill the gaps.
@Suite struct ReferenceDocumentTests {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// A Norwegian Word template in miniature: Heading 1 is «Overskrift1» in Georgia 20 pt, the
    /// built-in Quote has the id «Sitat», the caption is «Bildetekst», the page is landscape.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w="\(w)" \
        xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/><w:lang w:val="en-US" w:eastAsia="en-US"/></w:rPr></w:rPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
        <w:style w:type="paragraph" w:styleId="Overskrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>\
        <w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr>\
        <w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/><w:color w:val="1F3864"/><w:sz w:val="40"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Sitat"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:rPr><w:i/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Bildetekst"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="18"/></w:rPr></w:style>\
        <w:style w:type="table" w:styleId="Tabellrutenett"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>\
        <w:top w:val="double" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style>\
        <w:style w:type="character" w:styleId="Tabelltekst"><w:name w:val="Tabelltekst"/><w:rPr><w:b/></w:rPr></w:style>\
        </w:styles>
        """

    static let theme = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Institusjonstema"><a:themeElements/></a:theme>
        """

    static let fonts = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:fonts xmlns:w="\(w)"><w:font w:name="Georgia"><w:family w:val="roman"/></w:font></w:fonts>
        """

    static let landscape = """
        <w:p><w:r><w:t>Malens tekst, som ikke skal med.</w:t></w:r></w:p>\
        <w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1" w:right="1" w:bottom="1" w:left="1"/></w:sectPr></w:pPr></w:p>\
        <w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>\
        <w:pgMar w:top="1134" w:right="1701" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>
        """

    /// A reference package with the given entries replacing or adding to the miniature template's.
    static func reference(in folder: TemporaryFolder, _ name: String = "mal.docx", replacing: [(String, String?)] = []) throws -> URL {
        var entries: [(String, String)] = [
            ("[Content_Types].xml", Fixtures.contentTypes), ("_rels/.rels", Fixtures.rootRels),
            ("word/document.xml", Fixtures.document(landscape)), ("word/styles.xml", styles),
            ("word/theme/theme1.xml", theme), ("word/fontTable.xml", fonts),
        ]
        for (path, text) in replacing {
            entries.removeAll { $0.0 == path }
            if let text { entries.append((path, text)) }
        }
        return try folder.docx(name, entries: entries)
    }

    static let sample = Document(title: "Med mal", blocks: [
        .heading(level: 1, [.text("Resultater")]),
        .blockQuote([.text("Tillit er alt.")], label: [.text("(Eva, IPS)")]),
        .table(Table(caption: "Koder", header: ["Kode"], rows: [["Tillit"]], notes: ["Fra analysen."])),
        .paragraph([.text("Med fotnote"), .footnote([.text("Noten.")])]),
    ])

    static let reader = """
        import docx, json, sys, zipfile
        d = docx.Document(sys.argv[1])
        z = zipfile.ZipFile(sys.argv[1])
        s = d.sections[-1]
        styles = {st.style_id: {"name": st.name, "font": st.font.name, "size": st.font.size.pt if st.font.size else None,
                                "basedOn": st.base_style.style_id if st.base_style is not None else None} for st in d.styles}
        print(json.dumps({
            "paragraphs": [{"id": p.style.style_id, "name": p.style.name, "text": p.text} for p in d.paragraphs],
            "tableStyle": d.tables[0].style.style_id,
            "styles": styles,
            "page": [s.page_width.twips if hasattr(s.page_width, "twips") else s.page_width // 635, s.page_height // 635,
                     str(s.orientation), s.left_margin // 635],
            "parts": sorted(z.namelist()),
            "theme": z.read("word/theme/theme1.xml").decode() if "word/theme/theme1.xml" in z.namelist() else "",
            "stylesXML": z.read("word/styles.xml").decode(),
        }))
        """

    struct Read: Decodable {
        struct Paragraph: Decodable { var id: String; var name: String; var text: String }
        struct Style: Decodable { var name: String; var font: String?; var size: Double?; var basedOn: String? }
        var paragraphs: [Paragraph]
        var tableStyle: String
        var styles: [String: Style]
        var page: [ReadValue]
        var parts: [String]
        var theme: String
        var stylesXML: String
    }

    enum ReadValue: Decodable, Equatable {
        case number(Int), text(String)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
        }
    }

    @Test func theReferenceStylesAreUsedByTheirIdsAndOursFillTheGaps() throws {
        let folder = try TemporaryFolder()
        let reference = try ReferenceDocument(contentsOf: try Self.reference(in: folder))
        let url = folder.file("ut.docx")
        try DocxRenderer.write(Self.sample, to: url, reference: reference)
        let read = try JSONDecoder().decode(Read.self, from: runPython(Self.reader, [url.path]))

        let heading = try #require(read.paragraphs.first { $0.text == "Resultater" })
        #expect(heading.id == "Overskrift1" && heading.name == "Heading 1")
        let theirs = try #require(read.styles["Overskrift1"])
        #expect(theirs.font == "Georgia" && theirs.size == 20)
        #expect(read.styles.values.filter { $0.name == "Heading 1" }.count == 1, "our Heading 1 must not be added beside theirs")
        // Norwegian Word's Quote has the id «Sitat»: ours is added under a fresh id, and theirs kept.
        let quote = try #require(read.paragraphs.first { $0.text == "Tillit er alt." })
        #expect(quote.id == "QualCodeSitat" && quote.name == "Sitat")
        #expect(read.styles["Sitat"]?.name == "Quote")
        #expect(read.styles["SitatEtikett"]?.basedOn == "QualCodeSitat")
        #expect(read.paragraphs.first { $0.text == "Caption: Koder" || $0.text == "Tabell 1 Koder" }?.id == "Bildetekst")
        #expect(read.tableStyle == "Tabellrutenett" && read.stylesXML.contains("w:val=\"double\""))
        // «Tabelltekst» is a character style there; our paragraph style gets its own id and name.
        let cell = try #require(read.styles.first { $0.value.name == "Tabelltekst (QualCode)" })
        #expect(cell.key == "QualCodeTabelltekst")
        for name in ["Sitat", "Sitat-etikett", "Tabellkommentar", "Figur", "footnote text", "footnote reference"] {
            #expect(read.styles.values.contains { $0.name.lowercased() == name.lowercased() }, "missing style \(name)")
        }
        #expect(!read.paragraphs.contains { $0.text.contains("Malens tekst") })
        // The page: the body's last section, landscape A4 with 3 cm side margins.
        #expect(read.page == [.number(16838), .number(11906), .text("LANDSCAPE (1)"), .number(1701)])
        #expect(read.parts.contains("word/theme/theme1.xml") && read.parts.contains("word/fontTable.xml"))
        #expect(read.theme.contains("name=\"Institusjonstema\""))
        #expect(read.stylesXML.contains("<w:lang w:eastAsia=\"en-US\" w:val=\"nb-NO\"/>"))
        #expect(read.stylesXML.contains("mc:Ignorable=\"w14\""))
    }

    /// Word does not promise `word/document.xml` and `word/styles.xml`: the package's relationships
    /// name the main document, and the main document's name its styles, theme and fonts.
    @Test func partsAreFoundThroughTheRelationshipsWhereverTheyAre() throws {
        let folder = try TemporaryFolder()
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let rootRels = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="/hoved/dokument2.xml"/></Relationships>
            """
        let mainRels = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationships)/styles" Target="stiler.xml"/>\
            <Relationship Id="rId2" Type="\(relationships)/theme" Target="../tema/tema7.xml"/>\
            <Relationship Id="rId3" Type="\(relationships)/fontTable" Target="skrift.xml"/></Relationships>
            """
        // Decoys at the usual places, which Word would not read either.
        let url = try folder.docx("flyttet.docx", entries: [
            ("[Content_Types].xml", Fixtures.contentTypes), ("_rels/.rels", rootRels),
            ("hoved/dokument2.xml", Fixtures.document(Self.landscape)), ("hoved/_rels/dokument2.xml.rels", mainRels),
            ("hoved/stiler.xml", Self.styles), ("tema/tema7.xml", Self.theme), ("hoved/skrift.xml", Self.fonts),
            ("word/document.xml", Fixtures.document("")), ("word/styles.xml", "<ikke-stiler/>"),
        ])
        let reference = try ReferenceDocument(contentsOf: url)
        let out = folder.file("ut.docx")
        try DocxRenderer.write(Self.sample, to: out, reference: reference)
        let read = try JSONDecoder().decode(Read.self, from: runPython(Self.reader, [out.path]))
        #expect(read.paragraphs.first { $0.text == "Resultater" }?.id == "Overskrift1")
        #expect(read.styles["Overskrift1"]?.font == "Georgia")
        #expect(read.page == [.number(16838), .number(11906), .text("LANDSCAPE (1)"), .number(1701)])
        // The carried parts go where the export's own main document expects them.
        #expect(read.parts.contains("word/theme/theme1.xml") && read.parts.contains("word/fontTable.xml"))
        #expect(read.theme.contains("name=\"Institusjonstema\""))

        // A main document whose relationships name no style sheet has none, whatever word/ holds.
        let noStyles = try folder.docx("uten.docx", entries: [
            ("[Content_Types].xml", Fixtures.contentTypes), ("_rels/.rels", rootRels),
            ("hoved/dokument2.xml", Fixtures.document("")),
            ("hoved/_rels/dokument2.xml.rels", mainRels.replacingOccurrences(of: "/styles", with: "/numbering")),
            ("word/styles.xml", Self.styles),
        ])
        #expect(Self.failure(noStyles)?.contains("it has no style sheet") == true)
    }

    @Test func figuresFitTheReferencePage() throws {
        let folder = try TemporaryFolder()
        let reference = try ReferenceDocument(contentsOf: try Self.reference(in: folder))
        let url = folder.file("figur.docx")
        let figure = try Figure(imageData: TestImages.png(width: 40, height: 10), altText: "Bred", caption: "Bred")
        try DocxRenderer.write(Document(blocks: [.figure(figure)]), to: url, reference: reference)
        let read = try JSONDecoder().decode(DocxRendererTests.FigureRead.self, from: runPython(DocxRendererTests.figureReader, [url.path]))
        #expect(read.shapes.first?.width == (16838 - 2 * 1701) * 635)
        #expect(read.paragraphs.first?.style == "Caption")
    }

    @Test func flatOPCCarriesTheReferenceToo() throws {
        let folder = try TemporaryFolder()
        let reference = try ReferenceDocument(contentsOf: try Self.reference(in: folder))
        let url = folder.file("ut.xml")
        try FlatOPCRenderer.write(Self.sample, to: url, reference: reference)
        let read = try JSONDecoder().decode(FlatOPCRendererTests.Read.self, from: runPython(FlatOPCRendererTests.reader, [url.path]))
        #expect(read.parts.contains("/word/theme/theme1.xml") && read.parts.contains("/word/fontTable.xml"))
        #expect(read.paragraphs.contains { $0.style == "Overskrift1" && $0.text == "Resultater" })
        #expect(read.paragraphs.contains { $0.style == "QualCodeSitat" })
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.components(separatedBy: "<?xml").count == 2, "parts inside the package carry no XML declaration")
    }

    @Test func aNormalStyleNotMarkedDefaultBecomesTheDefault() throws {
        let folder = try TemporaryFolder()
        let unmarked = Self.styles.replacingOccurrences(of: " w:default=\"1\"", with: "")
        let reference = try ReferenceDocument(contentsOf: try Self.reference(in: folder, replacing: [("word/styles.xml", unmarked)]))
        let url = folder.file("ut.docx")
        try DocxRenderer.write(Self.sample, to: url, reference: reference)
        let read = try JSONDecoder().decode(Read.self, from: runPython(Self.reader, [url.path]))
        #expect(read.paragraphs.first { $0.text == "Med fotnote" }?.id == "Normal")
        #expect(read.stylesXML.contains("<w:style w:default=\"1\" w:styleId=\"Normal\" w:type=\"paragraph\">"))
        #expect(read.styles.values.filter { $0.name == "Normal" }.count == 1)
    }

    @Test func withoutAReferenceNothingChanges() throws {
        let plain = try DocxRenderer.data(for: Self.sample)
        let folder = try TemporaryFolder()
        let url = try folder.write("plain.docx", bytes: [UInt8](plain))
        let read = try JSONDecoder().decode(Read.self, from: runPython(Self.reader, [url.path]))
        #expect(read.paragraphs.first?.id == "Heading1")
        #expect(!read.parts.contains("word/theme/theme1.xml"))
    }
}

// MARK: - Templates/referanse.docx

extension ReferenceDocumentTests {
    static let template = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates/referanse.docx")

    /// The committed template is exactly what the renderer makes of ``ReferenceDocument/template(language:)``
    /// (all but the creation date). Regenerate it with
    /// `QUALCODE_UPDATE_TEMPLATES=1 swift test --filter ReferenceDocumentTests`.
    @Test func theShippedTemplateMatchesTheRenderer() throws {
        let fresh = try DocxRenderer.data(for: ReferenceDocument.template())
        if ProcessInfo.processInfo.environment["QUALCODE_UPDATE_TEMPLATES"] == "1" {
            try FileManager.default.createDirectory(at: Self.template.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fresh.write(to: Self.template)
        }
        let committed = try Self.entries(of: Archive(url: Self.template, accessMode: .read))
        let rendered = try Self.entries(of: Archive(data: fresh, accessMode: .read))
        #expect(committed.keys.sorted() == rendered.keys.sorted())
        for (path, data) in rendered where path != "docProps/core.xml" {
            #expect(committed[path] == data, "Templates/referanse.docx: \(path) differs from the renderer's; regenerate it (see this test's comment)")
        }
    }

    /// Used as a reference, the template changes nothing: every style is found under its own id.
    @Test func theTemplateAsReferenceGivesQualCodesOwnStyles() throws {
        let reference = try ReferenceDocument(contentsOf: Self.template)
        let folder = try TemporaryFolder()
        let (with, without) = (folder.file("med.docx"), folder.file("uten.docx"))
        try DocxRenderer.write(DocxRendererTests.sample, to: with, reference: reference)
        try DocxRenderer.write(DocxRendererTests.sample, to: without)
        for path in ["word/styles.xml", "word/document.xml", "word/footnotes.xml"] {
            let (a, b) = (try DocxRendererTests.entry(path, of: with), try DocxRendererTests.entry(path, of: without))
            #expect(a == b, "\(path) differs")
        }
    }

    static func entries(of archive: Archive) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            out[entry.path] = data
        }
        return out
    }
}

// MARK: - Hostile input

extension ReferenceDocumentTests {
    static func failure(_ url: URL) -> String? {
        do {
            _ = try ReferenceDocument(contentsOf: url, file: url.lastPathComponent)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aFileThatIsNotAZipIsRefused() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("mal.docx", "ikke en zip")
        #expect(Self.failure(url) == "mal.docx: cannot be used as a reference document (it is not a ZIP package, so not a .docx or .dotx); nothing was written.")
    }

    @Test func aDoctypeInStylesIsRefused() throws {
        let folder = try TemporaryFolder()
        let hostile = """
            <?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
            <w:styles xmlns:w="\(Self.w)"><w:style w:styleId="x"><w:name w:val="&lol2;"/></w:style></w:styles>
            """
        let url = try Self.reference(in: folder, replacing: [("word/styles.xml", hostile)])
        #expect(Self.failure(url) == "mal.docx: cannot be used as a reference document (word/styles.xml, line 1: it declares a DOCTYPE or entities, which Word never writes and QualCode refuses for safety); nothing was written.")
    }

    @Test func aDoctypeInTheBodyOrThemeIsRefused() throws {
        let folder = try TemporaryFolder()
        let body = try Self.reference(in: folder, "a.docx", replacing: [("word/document.xml", "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"file:///etc/passwd\"><x/>")])
        #expect(Self.failure(body)?.contains("word/document.xml, line 1: it declares a DOCTYPE") == true)
        let theme = try Self.reference(in: folder, "b.docx", replacing: [("word/theme/theme1.xml", "<!ENTITY x \"y\"><a/>")])
        #expect(Self.failure(theme)?.contains("word/theme/theme1.xml, line 1: it declares a DOCTYPE") == true)
    }

    @Test func aReferenceWithoutStylesIsRefused() throws {
        let folder = try TemporaryFolder()
        let url = try Self.reference(in: folder, replacing: [("word/styles.xml", nil)])
        #expect(Self.failure(url) == "mal.docx: cannot be used as a reference document (it has no style sheet (word/styles.xml), so no styles to take over; pass a .docx or .dotx saved by Word or LibreOffice); nothing was written.")
    }

    @Test func malformedOrForeignStylesAreRefused() throws {
        let folder = try TemporaryFolder()
        let broken = try Self.reference(in: folder, "a.docx", replacing: [("word/styles.xml", "<w:styles xmlns:w=\"\(Self.w)\">\n<w:style>")])
        #expect(Self.failure(broken)?.hasPrefix("a.docx: cannot be used as a reference document (word/styles.xml, line 2") == true)
        let foreign = try Self.reference(in: folder, "b.docx", replacing: [("word/styles.xml", "<styles xmlns=\"\(Self.w)\"/>")])
        #expect(Self.failure(foreign)?.contains("its root is not w:styles in the WordprocessingML namespace") == true)
        let utf16 = try folder.docx("c.docx", entries: [("word/styles.xml", "")])
        #expect(Self.failure(utf16) != nil)
    }

    @Test func deeplyNestedStylesAreRefusedNotRecursedInto() throws {
        let folder = try TemporaryFolder()
        let depth = 20_000
        let nested = "<w:styles xmlns:w=\"\(Self.w)\">" + String(repeating: "<w:x>", count: depth) + String(repeating: "</w:x>", count: depth) + "</w:styles>"
        let url = try Self.reference(in: folder, replacing: [("word/styles.xml", nested)])
        #expect(Self.failure(url)?.contains("nested deeper than 256 levels") == true)
    }

    @Test func pageValuesWordWouldRejectAreNotCarriedOver() throws {
        let folder = try TemporaryFolder()
        let body = "<w:p><w:r><w:t>x</w:t></w:r></w:p><w:sectPr><w:pgSz w:w=\"-5\" w:h=\"abc\" w:orient=\"sideways\"/>"
            + "<w:pgMar w:top=\"1134\" w:right=\"1,5cm\" w:bottom=\"1134\" w:left=\"1701\"/></w:sectPr>"
        let reference = try ReferenceDocument(contentsOf: try Self.reference(in: folder, replacing: [("word/document.xml", Fixtures.document(body))]))
        let url = folder.file("ut.docx")
        try DocxRenderer.write(Self.sample, to: url, reference: reference)
        let xml = String(decoding: try runPython("import zipfile,sys; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())",
                                                 [url.path]), as: UTF8.self)
        #expect(!xml.contains("abc") && !xml.contains("sideways") && !xml.contains("1,5cm") && !xml.contains("w:w=\"-5\""))
        #expect(xml.contains("w:left=\"1701\""))
    }

    @Test func anEntryOutsideTheArchiveIsRefused() throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("mal.docx", entries: [("../../styles.xml", "<x/>"), ("word/styles.xml", Self.styles)])
        #expect(Self.failure(url) == "mal.docx: cannot be used as a reference document (archive entry \"../../styles.xml\" points outside the document); nothing was written.")
    }

    @Test func aZipBombIsRefused() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("bombe.docx")
        let archive = try Archive(url: url, accessMode: .create)
        let size = 33 << 20
        try archive.addEntry(with: "word/styles.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) { _, chunk in
            Data(count: chunk)
        }
        #expect(Self.failure(url) == "bombe.docx: cannot be used as a reference document (word/styles.xml unpacks to more than 32 MiB, a ZIP bomb or a corrupt file); nothing was written.")
    }

    @Test func partsWithTheirOwnRelationshipsAreLeftOut() throws {
        let folder = try TemporaryFolder()
        let embedded = """
            <w:fonts xmlns:w="\(Self.w)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <w:font w:name="Husfont"><w:embedRegular r:id="rId1"/></w:font></w:fonts>
            """
        let url = try Self.reference(in: folder, replacing: [("word/fontTable.xml", embedded)])
        let reference = try ReferenceDocument(contentsOf: url)
        let out = folder.file("ut.docx")
        try DocxRenderer.write(Self.sample, to: out, reference: reference)
        let read = try JSONDecoder().decode(Read.self, from: runPython(Self.reader, [out.path]))
        #expect(!read.parts.contains("word/fontTable.xml") && read.parts.contains("word/theme/theme1.xml"))
    }
}
