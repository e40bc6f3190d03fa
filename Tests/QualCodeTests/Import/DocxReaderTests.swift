import Foundation
@testable import QualCode
import Testing
import ZIPFoundation

@Suite struct DocxReaderTests {
    @Test(arguments: ["intervju-eva", "intervju-anne"])
    func demoDocumentReadsAsExpected(name: String) throws {
        let source = try TranscriptReader.read(url: Fixtures.demoFile("\(name).docx"))
        let expected = try String(contentsOf: Fixtures.demoFile("expected/\(name).txt"), encoding: .utf8)
        #expect(source.text == expected)
        #expect(source.format == .docx)
        #expect(source.sha256.count == 64)
    }

    @Test func trackedChangesReadAsAccepted() throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("endringer.docx", body: """
            <w:p><w:r><w:t xml:space="preserve">Jeg har vært her i </w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>tre</w:delText></w:r></w:del><w:ins w:id="2" w:author="x"><w:r><w:t>fire</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> år.</w:t></w:r></w:p>
            <w:p><w:moveFrom w:id="3"><w:r><w:t>flyttet bort</w:t></w:r></w:moveFrom><w:r><w:t>Blir</w:t></w:r></w:p>
            """)
        #expect(try TranscriptReader.read(url: url).text == "Jeg har vært her i fire år.\nBlir")
    }

    @Test func tabsBreaksAndTablesAreKept() throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("tabell.docx", body: """
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Navn:</w:t><w:tab/><w:t>Eva</w:t><w:br/><w:t>Dato: 2026</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Stilling</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Metodeveileder</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Erfaring</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>4 år</w:t></w:r></w:p><w:p><w:r><w:t>(i teamet)</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p/><w:p/><w:p><w:r><w:t>Slutt &amp; takk</w:t></w:r></w:p>
            """)
        #expect(try TranscriptReader.read(url: url).text == "Navn:\tEva\nDato: 2026\nStilling\tMetodeveileder\nErfaring\t4 år (i teamet)\n\nSlutt & takk")
    }

    @Test func commentsAndFieldCodesAreLeftOut() throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("kommentar.docx", body: """
            <w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Tillit er alt.</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>1</w:t></w:r></w:p>
            """)
        #expect(try TranscriptReader.read(url: url).text == "Tillit er alt.1")
    }

    // MARK: - The main part

    /// A package whose relationships name `target` as the main document, stored at `path`.
    func package(_ folder: TemporaryFolder, _ name: String, target: String, path: String, body: String) throws -> URL {
        try folder.docx(name, entries: [
            ("[Content_Types].xml", Fixtures.contentTypes),
            ("_rels/.rels", Fixtures.rootRels.replacingOccurrences(of: "Target=\"word/document.xml\"", with: "Target=\"\(target)\"")),
            (path, Fixtures.document(body)),
        ])
    }

    @Test(arguments: [
        ("word/document2.xml", "word/document2.xml"),    // what Word for the web writes
        ("/word/document2.xml", "word/document2.xml"),   // absolute within the package
        ("./tekst/../innhold/hoved.xml", "innhold/hoved.xml"),
        ("word/dokument%20nr%202.xml", "word/dokument nr 2.xml"),
    ])
    func theMainPartIsFoundThroughTheRelationships(target: String, path: String) throws {
        let folder = try TemporaryFolder()
        let url = try package(folder, "hoved.docx", target: target, path: path, body: Fixtures.paragraph("Jeg får være sparringspartner."))
        #expect(try TranscriptReader.read(url: url).text == "Jeg får være sparringspartner.")
    }

    @Test func theRelationshipWinsOverAStrayDocumentXML() throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("to.docx", entries: [
            ("_rels/.rels", Fixtures.rootRels.replacingOccurrences(of: "word/document.xml", with: "word/document2.xml")),
            ("word/document.xml", Fixtures.document(Fixtures.paragraph("Gammel versjon"))),
            ("word/document2.xml", Fixtures.document(Fixtures.paragraph("Ny versjon"))),
        ])
        #expect(try TranscriptReader.read(url: url).text == "Ny versjon")
    }

    @Test func aPackageWithoutAnOfficeDocumentRelationshipFallsBackToDocumentXML() throws {
        let folder = try TemporaryFolder()
        let rels = Fixtures.rootRels.replacingOccurrences(of: "relationships/officeDocument", with: "relationships/extended-properties")
        let url = try folder.docx("uten.docx", entries: [("_rels/.rels", rels), ("word/document.xml", Fixtures.document(Fixtures.paragraph("Hei")))])
        #expect(try TranscriptReader.read(url: url).text == "Hei")
    }

    @Test func aMainPartThatIsMissingIsNamed() throws {
        let folder = try TemporaryFolder()
        let url = try package(folder, "borte.docx", target: "word/borte.xml", path: "word/document.xml", body: Fixtures.paragraph("Hei"))
        #expect(throws: ImportError.missingEntry(file: "borte.docx", entry: "word/borte.xml")) { try TranscriptReader.read(url: url) }
    }

    @Test func aRelationshipLeadingOutOfThePackageIsRefused() throws {
        let folder = try TemporaryFolder()
        let url = try package(folder, "ut.docx", target: "../../etc/passwd", path: "word/document.xml", body: Fixtures.paragraph("Hei"))
        #expect(throws: ImportError.unsafeEntryPath(file: "ut.docx", entry: "../../etc/passwd")) { try TranscriptReader.read(url: url) }
    }

    @Test func hostileOrBrokenRelationshipsAreRefusedNamingThePart() throws {
        let folder = try TemporaryFolder()
        let entity = try folder.docx("entitet.docx", entries: [
            ("_rels/.rels", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Relationships>&e;</Relationships>"),
            ("word/document.xml", Fixtures.document(Fixtures.paragraph("Hei"))),
        ])
        #expect(throws: ImportError.forbiddenDTD(file: "entitet.docx", entry: "_rels/.rels")) { try TranscriptReader.read(url: entity) }
        let broken = try folder.docx("brutt.docx", entries: [
            ("_rels/.rels", "<Relationships><Relationship Type=\"x\" Target=\"y\">"),
            ("word/document.xml", Fixtures.document(Fixtures.paragraph("Hei"))),
        ])
        #expect {
            try TranscriptReader.read(url: broken)
        } throws: { error in
            guard case let .malformedXML(file, entry, _, _) = error as? ImportError else { return false }
            return file == "brutt.docx" && entry == "_rels/.rels"
        }
    }

    @Test func partRelationshipsLiveBesideThePart() {
        #expect(PackageRelationships.path(of: "") == "_rels/.rels")
        #expect(PackageRelationships.path(of: "word/document2.xml") == "word/_rels/document2.xml.rels")
    }

    // MARK: - Drop capitals

    static func dropCapital(_ letter: String, mode: String = "drop") -> String {
        """
        <w:p><w:pPr><w:framePr w:dropCap="\(mode)" w:lines="3" w:wrap="around" w:vAnchor="text" w:hAnchor="text"/></w:pPr>\
        <w:r><w:rPr><w:position w:val="-7"/><w:sz w:val="82"/></w:rPr><w:t>\(letter)</w:t></w:r></w:p>
        """
    }

    @Test(arguments: ["drop", "margin"])
    func aDropCapitalIsJoinedToItsParagraph(mode: String) throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("initial.docx", body: Fixtures.paragraph("Innledning") + Self.dropCapital("D", mode: mode)
            + Fixtures.paragraph("et var en gang en metodeveileder.") + Fixtures.paragraph("Neste avsnitt."))
        #expect(try TranscriptReader.read(url: url).text == "Innledning\nDet var en gang en metodeveileder.\nNeste avsnitt.")
    }

    @Test func aFramedParagraphThatIsNoDropCapitalStaysItsOwn() throws {
        let folder = try TemporaryFolder()
        let framed = "<w:p><w:pPr><w:framePr w:w=\"2000\" w:hAnchor=\"page\"/></w:pPr><w:r><w:t>Ramme</w:t></w:r></w:p>"
        let url = try folder.docx("ramme.docx", body: framed + Self.dropCapital("Å", mode: "none") + Fixtures.paragraph("Tekst"))
        #expect(try TranscriptReader.read(url: url).text == "Ramme\nÅ\nTekst")
    }

    @Test func aDropCapitalAtTheEndKeepsItsLetter() throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("slutt.docx", body: Fixtures.paragraph("Først") + Self.dropCapital("Ø"))
        #expect(try TranscriptReader.read(url: url).text == "Først\nØ")
    }

    @Test func aFrameOnlyInAnEarlierVersionOfTheParagraphIsNoDropCapital() throws {
        let folder = try TemporaryFolder()
        let changed = """
            <w:p><w:pPr><w:pPrChange w:id="1" w:author="x"><w:pPr><w:framePr w:dropCap="drop" w:lines="3"/></w:pPr></w:pPrChange></w:pPr>\
            <w:r><w:t>Tidligere initial</w:t></w:r></w:p>
            """
        let url = try folder.docx("endret.docx", body: changed + Fixtures.paragraph("Neste"))
        #expect(try TranscriptReader.read(url: url).text == "Tidligere initial\nNeste")
    }

    // MARK: - Hostile input

    @Test func rejectsAFileThatIsNotAZip() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("falsk.docx", "Dette er ikke en zip-fil.")
        #expect(throws: ImportError.notAZip(file: "falsk.docx")) { try TranscriptReader.read(url: url) }
    }

    @Test func rejectsAZipWithoutDocumentXML() throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("tom.docx", entries: [("[Content_Types].xml", Fixtures.contentTypes)])
        #expect(throws: ImportError.missingEntry(file: "tom.docx", entry: "word/document.xml")) { try TranscriptReader.read(url: url) }
    }

    @Test func rejectsEntryOutsideArchive() throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("sti.docx", entries: [
            ("word/document.xml", Fixtures.document(Fixtures.paragraph("Hei"))), ("../../etc/evil.xml", "x"),
        ])
        #expect(throws: ImportError.unsafeEntryPath(file: "sti.docx", entry: "../../etc/evil.xml")) { try TranscriptReader.read(url: url) }
    }

    @Test(arguments: [
        ("billion-laughs", """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>
            """),
        ("xxe", """
            <?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>
            """),
        ("doctype", """
            <?xml version="1.0"?><!DOCTYPE w:document SYSTEM "http://example.invalid/x.dtd">
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>
            """),
    ])
    func rejectsDocumentTypeDeclarations(name: String, xml: String) throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("\(name).docx", entries: [("word/document.xml", xml)])
        #expect(throws: ImportError.forbiddenDTD(file: "\(name).docx", entry: "word/document.xml")) { try TranscriptReader.read(url: url) }
    }

    @Test func rejectsAUTF16DocumentThatCouldHideADoctype() throws {
        let folder = try TemporaryFolder()
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE d [<!ENTITY e \"X\">]><w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>Hei &e;</w:t></w:r></w:p></w:body></w:document>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in xml.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let url = folder.file("utf16.docx")
        let archive = try Archive(url: url, accessMode: .create)
        let data = Data(bytes)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(data.count)) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        #expect(throws: ImportError.self) { try TranscriptReader.read(url: url) }
    }

    @Test func rejectsMalformedXMLWithItsLine() throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("brutt.docx", entries: [("word/document.xml", "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"x\">\n<w:body><w:p></w:body>")])
        #expect {
            try TranscriptReader.read(url: url)
        } throws: { error in
            guard case let .malformedXML(file, entry, line, _) = error as? ImportError else { return false }
            return file == "brutt.docx" && entry == "word/document.xml" && line == 3
        }
    }

    @Test func rejectsATruncatedDocument() throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("avkuttet.docx", entries: [("word/document.xml", "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>Hei")])
        #expect(throws: ImportError.self) { try TranscriptReader.read(url: url) }
    }

    @Test func stopsAZipBombAtTheLimit() throws {
        let folder = try TemporaryFolder()
        // 8 MiB of one repeated paragraph compresses to a few KiB; the reader must stop at its limit.
        let body = String(repeating: Fixtures.paragraph("ha ha ha ha ha ha"), count: 8 << 20 / 60)
        let url = try folder.docx("bombe.docx", entries: [("word/document.xml", Fixtures.document(body))])
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        #expect(size < 200_000)
        let zip = try SafeZip(url: url, file: "bombe.docx")
        #expect(throws: ImportError.entryTooLarge(file: "bombe.docx", entry: "word/document.xml", limit: 1 << 20)) {
            try zip.data("word/document.xml", limit: 1 << 20)
        }
    }

    @Test func aDocumentWithNoTextIsAnError() throws {
        let folder = try TemporaryFolder()
        let url = try folder.docx("blank.docx", body: "<w:p/><w:p><w:r><w:t>   </w:t></w:r></w:p>")
        #expect(throws: ImportError.noText(file: "blank.docx")) { try TranscriptReader.read(url: url) }
    }
}
