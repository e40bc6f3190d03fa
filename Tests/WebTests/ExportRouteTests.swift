import Condensation
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Privacy
import QualCode
import QualCodeWeb
import TestSupport
import Testing

/// Downloads of every export: each kind comes back as an attachment of its own type and name, the
/// Word file opens with the quote in it, the command line's options are honoured, and refused requests
/// — unknown codes, bad formats, garbled or huge JSON, path-like names, a reader asking for the one export
/// that writes, a missing CSRF token — get one line and change nothing.
@Suite struct ExportRouteTests {
    /// The fixture's interview coded for exports: a parent code whose only coding is in its child, a
    /// code of its own, an attribute, and a meaning unit in a code group.
    static func project() throws -> WebFixture {
        let fixture = try WebFixture()
        let eva = try fixture.store.participant("Eva")
        try fixture.store.updateParticipant(eva.id, attributes: [("rolle", "jobbspesialist"), ("tjeneste", "IPS")])
        _ = try fixture.store.addParticipant(pseudonym: "Ola", attributes: [("rolle", "jobbspesialist"), ("tjeneste", "Utvidet oppfølging")])
        try fixture.code("Uten tillit får jeg ingenting gjort", ["Tillit/Grunnmur"])
        try fixture.code("Så blir det mer rapportering på fredager", ["Rapportering"])
        _ = try Condensation(fixture.store).addUnit(fixture.transcript, .quote("tillit er alt", occurrence: nil), groups: ["Tillit som grunnmur"])
        return fixture
    }

    /// A download by GET, the options in the query as the page sends them (percent-encoded; a name given
    /// twice is a list).
    static func get(_ browser: Browser, _ path: String, _ query: [(String, String)] = []) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = query.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return try await browser.get("/api/exports/\(path)" + (encoded.isEmpty ? "" : "?\(encoded)"))
    }

    static func downloadFolders() -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? []).filter { $0.hasPrefix("qualcode-download-") })
    }

    /// The header that names the file, and the name it gives.
    static func fileName(_ response: TestResponse) -> String? {
        guard let header = response.headers[.contentDisposition], header.hasPrefix("attachment;"),
              let encoded = header.split(separator: "filename*=UTF-8''").last else { return nil }
        return String(encoded).removingPercentEncoding
    }

    /// A downloaded Word file read back by independent readers: its ZIP entries (Python's zipfile),
    /// `word/document.xml` as text, and python-docx's paragraphs and tables.
    struct Word: Decodable {
        var entries: [String]
        var documentXML: String
        var paragraphs: [[String]]
        var tables: [[[String]]]
    }

    static let wordReader = """
        import docx, json, sys, zipfile
        archive = zipfile.ZipFile(sys.argv[1])
        d = docx.Document(sys.argv[1])
        print(json.dumps({"entries": archive.namelist(), "documentXML": archive.read("word/document.xml").decode("utf-8"),
                          "paragraphs": [[p.style.name, p.text] for p in d.paragraphs],
                          "tables": [[[c.text for c in r.cells] for r in t.rows] for t in d.tables]}))
        """

    static func word(_ response: TestResponse, in fixture: WebFixture) throws -> Word {
        let file = fixture.folder.appendingPathComponent("nedlastet-\(UUID().uuidString).docx")
        try Data(buffer: response.body).write(to: file)
        return try JSONDecoder().decode(Word.self, from: runPython(wordReader, [file.path]))
    }

    /// CSV rows as Python's csv module reads them (the byte-order mark taken off first).
    static func csv(_ data: Data, delimiter: String = ",") throws -> [[String]] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-csv-\(UUID().uuidString).csv")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try JSONDecoder().decode([[String]].self, from: runPython("""
            import csv, json, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2]))))
            """, [file.path, delimiter]))
    }

    /// The names and texts of a ZIP's entries (Python's zipfile).
    static func zipEntries(_ data: Data) throws -> [String: String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-zip-\(UUID().uuidString).zip")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try JSONDecoder().decode([String: String].self, from: runPython("""
            import json, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            print(json.dumps({n: z.read(n).decode("utf-8-sig") for n in z.namelist()}))
            """, [file.path]))
    }

    // MARK: - Every kind

    static let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    /// Each kind of export: the quotes by POST with JSON, every other one by GET with a query.
    static let kinds: [(path: String, options: String, type: String, name: String)] = [
        ("quotes", #"{"codes": ["Tillit"], "withChildren": true}"#, docx, "sitater.docx"),
        ("quotes", #"{"codes": ["Tillit/Grunnmur"], "format": "csv"}"#, "text/csv; charset=utf-8", "sitater.csv"),
        ("codebook", "", docx, "kodebok.docx"),
        ("participants", "format=wordxml", "application/xml; charset=utf-8", "deltakere.xml"),
        ("matrix", "columns=attr%3Arolle&format=html", "text/html; charset=utf-8", "kodematrise.html"),
        ("codings", "format=csv", "text/csv; charset=utf-8", "kodinger.csv"),
        ("wide", "format=docx", docx, "datasett.docx"),
        ("wide", "format=csv", "application/zip", "datasett.zip"),
        ("stc/tables", "", docx, "analysetabeller.docx"),
        ("stc/chapter", "format=html", "text/html; charset=utf-8", "resultatkapittel.html"),
        ("stc/csv", "", "text/csv; charset=utf-8", "analyse.csv"),
        ("codebook", "language=en&format=csv", "text/csv; charset=utf-8", "codebook.csv"),
    ]

    static func export(_ browser: Browser, _ kind: (path: String, options: String, type: String, name: String)) async throws -> TestResponse {
        if kind.path == "quotes" { return try await browser.post("/api/exports/quotes", json: kind.options) }
        return try await browser.get("/api/exports/\(kind.path)" + (kind.options.isEmpty ? "" : "?\(kind.options)"))
    }

    @Test func everyExportDownloadsAsAnAttachmentOfItsTypeAndName() async throws {
        let fixture = try Self.project()
        let before = Self.downloadFolders()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            for kind in Self.kinds {
                let response = try await Self.export(browser, kind)
                #expect(response.status == .ok, "\(kind.path) \(kind.options): \(String(buffer: response.body))")
                #expect(response.headers[.contentType] == kind.type, "\(kind.path) \(kind.options)")
                #expect(Self.fileName(response) == kind.name, "\(kind.path): \(response.headers[.contentDisposition] ?? "")")
                #expect(response.headers[.cacheControl] == "no-store")
                let bytes = Data(buffer: response.body)
                switch kind.name.split(separator: ".").last {
                case "docx", "zip": #expect(bytes.starts(with: Array("PK\u{3}\u{4}".utf8)), "\(kind.name) is a ZIP")
                case "csv": #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(kind.name) has a byte-order mark for Excel")
                case "xml": #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("<?xml"))
                default: #expect(String(decoding: bytes, as: UTF8.self).lowercased().contains("<html"))
                }
            }
        }
        // The two files of the wide data set went through a folder of their own, which is gone.
        #expect(Self.downloadFolders() == before)
    }

    @Test func theQuotesDocxOpensWithTheQuoteAndItsUseIsRecorded() async throws {
        let fixture = try Self.project()
        let events = try fixture.store.eventCount()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let response = try await browser.post("/api/exports/quotes", json: #"{"codes": ["Tillit"], "withChildren": true, "name": "tillit-æøå"}"#)
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            #expect(Self.fileName(response) == "tillit-æøå.docx")
            #expect(response.headers[.contentDisposition]?.contains("filename=\"tillit-___.docx\"") == true)
            let word = try Self.word(response, in: fixture)
            #expect(word.entries.contains("word/document.xml"))
            #expect(word.documentXML.contains("Uten tillit får jeg ingenting gjort"))
            #expect(word.paragraphs.contains { $0[1].contains("«Uten tillit får jeg ingenting gjort»") && $0[1].hasSuffix("(Eva)") },
                    "\(word.paragraphs)")
            #expect(word.paragraphs.first?[1] == "Sitater")
        }
        // Recorded as an export to the file the browser got, by the one who downloaded it.
        let exports = try fixture.store.quoteExports()
        #expect(exports.map(\.file) == ["tillit-æøå.docx"])
        #expect(exports.first?.exportedBy == "anne")
        #expect(exports.first?.quotes == 1)
        #expect(try fixture.store.eventCount() == events + 1)
    }

    // MARK: - Options

    @Test func theCommandLinesOptionsAreHonoured() async throws {
        let fixture = try Self.project()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            // The report style with a label from an attribute, in English.
            let report = try await browser.post("/api/exports/quotes", json: """
                {"codes": ["Rapportering"], "style": "report", "label": "({rolle})", "language": "en", "withQuestion": true}
                """)
            #expect(report.status == .ok, "\(String(buffer: report.body))")
            #expect(Self.fileName(report) == "quotes.docx")
            let word = try Self.word(report, in: fixture)
            #expect(word.paragraphs.first?[1] == "Quotes")
            #expect(word.paragraphs.contains { $0[1] == "(Jobbspesialist)" }, "\(word.paragraphs)")
            #expect(word.paragraphs.contains { $0[1].hasPrefix("Interviewer:") }, "\(word.paragraphs)")

            // A lead-in takes the label's place; a quote bank with «;» for Norwegian Excel.
            let bank = try await browser.post("/api/exports/quotes", json: """
                {"codes": ["Rapportering"], "leadIn": "En {rolle} forteller:", "format": "csv", "delimiter": ";"}
                """)
            let rows = try Self.csv(Data(buffer: bank.body), delimiter: ";")
            #expect(rows.count == 2)
            #expect(rows[1].contains("En jobbspesialist forteller:"))
            #expect(rows[1].contains("Så blir det mer rapportering på fredager"))

            // A code matrix by attribute, counting segments, only the named code with its children.
            let matrix = try await Self.get(browser, "matrix", [("columns", "attr:tjeneste"), ("count", "segments"), ("codes", "Tillit"),
                                                                ("withChildren", "true"), ("format", "csv")])
            let cells = try Self.csv(Data(buffer: matrix.body))
            #expect(cells[0].contains { $0.hasPrefix("IPS") }, "\(cells)")
            #expect(cells.contains { $0.first == "Tillit" }, "\(cells)")
            #expect(!cells.contains { $0.first == "Rapportering" }, "\(cells)")

            // Codings of one code, with one attribute column.
            let codings = try await Self.get(browser, "codings", [("codes", "Rapportering"), ("attributes", "rolle"), ("format", "csv")])
            let codingRows = try Self.csv(Data(buffer: codings.body))
            #expect(codingRows.count == 2, "\(codingRows)")
            #expect(codingRows[0].contains("rolle") && !codingRows[0].contains("tjeneste"), "\(codingRows[0])")

            // The wide data set as CSV: the data and its dictionary in one ZIP, counts as asked.
            let wide = try await Self.get(browser, "wide", [("format", "csv"), ("values", "counts"), ("name", "data"), ("codes", "Tillit/Grunnmur"),
                                                            ("codes", "Rapportering")])
            #expect(Self.fileName(wide) == "data.zip")
            let entries = try Self.zipEntries(Data(buffer: wide.body))
            #expect(Set(entries.keys) == ["data.csv", "data_dictionary.csv"])
            #expect(entries["data_dictionary.csv"]?.contains("Tillit/Grunnmur") == true)
            #expect(entries["data.csv"]?.hasPrefix("pseudonym,rolle,tjeneste,k_rapportering,k_grunnmur\r\nEva,jobbspesialist,IPS,1,1\r\n") == true, "\(entries)")

            // A caption of one's own.
            let codebook = try await Self.get(browser, "codebook", [("caption", "Kodebok for tillit"), ("landscape", "true")])
            #expect(try Self.word(codebook, in: fixture).paragraphs.contains { $0[1] == "Tabell 1 Kodebok for tillit" })

            // The analysis tables with the units' ids.
            let tables = try await Self.get(browser, "stc/tables", [("withUnits", "1")])
            let analysis = try Self.word(tables, in: fixture)
            #expect(analysis.tables.count == 4)
            #expect(analysis.tables[2][0].last == "Meningsbærende enhet", "\(analysis.tables[2])")
            let chapter = try await Self.get(browser, "stc/chapter", [("style", "report"), ("label", "({tjeneste})")])
            #expect(try Self.word(chapter, in: fixture).paragraphs.contains { $0[1].contains("tillit er alt") && $0[1].hasSuffix("(IPS)") })
        }
    }

    @Test func checksWarnInAHeaderAndStrictRefusesToWrite() async throws {
        let fixture = try Self.project()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            // «(IPS)» fits Eva alone: a reader who knows the service can tell who spoke.
            let strict = try await browser.post("/api/exports/quotes", json: #"{"codes": ["Rapportering"], "label": "({tjeneste})", "strict": true}"#)
            #expect(strict.status == .unprocessableContent)
            let message = try browser.json(strict)["error"] as? String ?? ""
            #expect(message.contains("strict is set; nothing was written"), "\(message)")
            #expect(!message.contains("\n"))
            #expect(try fixture.store.quoteExports().isEmpty)

            let warned = try await browser.post("/api/exports/quotes", json: #"{"codes": ["Rapportering"], "label": "({tjeneste})"}"#)
            #expect(warned.status == .ok)
            let header = try #require(warned.headers[HTTPField.Name("X-QualCode-Warnings")!])
            #expect(header.unicodeScalars.allSatisfy { $0.isASCII })
            let warnings = try #require(try JSONSerialization.jsonObject(with: Data((header.removingPercentEncoding ?? "").utf8)) as? [String])
            #expect(warnings.count == 1 && warnings[0].hasPrefix("quote "), "\(warnings)")
        }
        #expect(try fixture.store.quoteExports().count == 1)
    }

    @Test func aCodeWithSegmentsOnlyInItsChildrenOffersToIncludeThem() async throws {
        let fixture = try Self.project()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            for path in ["quotes", "codings", "matrix"] {
                let refused = path == "quotes" ? try await browser.post("/api/exports/quotes", json: #"{"codes": ["Tillit"]}"#)
                    : try await Self.get(browser, path, [("codes", "Tillit"), ("columns", "participant")])
                #expect(refused.status == .unprocessableContent, "\(path)")
                let json = try browser.json(refused)
                #expect(json["remedy"] as? String == "includeChildren", "\(path)")
                #expect((json["error"] as? String)?.contains("code \"Tillit\" has no segments of its own") == true, "\(json)")
            }
        }
        #expect(try fixture.store.quoteExports().isEmpty)
    }

    // MARK: - Hostile input

    @Test func refusedRequestsGetOneLineAndChangeNothing() async throws {
        let fixture = try Self.project()
        let before = try fixture.unchanged()
        let folders = Self.downloadFolders()
        // The quote export: its JSON body.
        let posts: [(String, HTTPResponse.Status, String)] = [
            (#"{"codes": ["Finnes ikke"]}"#, .notFound, "no code \"Finnes ikke\""),
            (#"{"codes": []}"#, .unprocessableContent, "name at least one code"),
            (#"{"codes": ["Rapportering"], "format": "pdf"}"#, .badRequest, "format \"pdf\": expected docx, wordxml, html or csv."),
            (#"{"codes": ["Rapportering"], "language": "de"}"#, .badRequest, "language \"de\": expected nb or en."),
            (#"{"codes": ["Rapportering"], "groupBy": "attr:"}"#, .badRequest, "groupBy \"attr:\": expected code, participant or attr:NAME."),
            (#"{"codes": ["Rapportering"], "groupBy": "attr:alder"}"#, .unprocessableContent, "no attribute \"alder\""),
            (#"{"codes": ["Rapportering"], "style": "fancy"}"#, .badRequest, "style \"fancy\": expected thesis or report."),
            (#"{"codes": ["Rapportering"], "label": "({rolle"}"#, .unprocessableContent, "is not valid"),
            (#"{"codes": ["Rapportering"], "label": "({alder})"}"#, .unprocessableContent, "names no attribute {alder}"),
            (#"{"codes": ["Rapportering"], "blockWords": 0}"#, .unprocessableContent, "1 or more"),
            (#"{"codes": ["Rapportering"], "delimiter": "ab", "format": "csv"}"#, .badRequest, "delimiter \"ab\": a CSV delimiter is one character"),
            (#"{"codes": ["Rapportering"], "name": "../../etc/passwd"}"#, .badRequest, "without folders"),
            (#"{"codes": ["Rapportering"], "name": "C:\\Users\\eva.docx"}"#, .badRequest, "without folders"),
            (#"{"codes": ["Rapportering"], "name": ".bashrc"}"#, .badRequest, "not starting with a dot"),
            (#"{"codes": ["Rapportering"], "name": "sitater\u0000.docx"}"#, .badRequest, "without folders"),
            (#"{"codes": ["Rapportering"], "name": "sitater\u202Ecod.exe"}"#, .badRequest, "without folders"),
            ("{\"codes\": [\"Rapportering\"], \"name\": \"\(String(repeating: "å", count: 121))\"}", .badRequest, "at most 120"),
            ("{", .badRequest, "not valid JSON"),
            ("[1, 2, 3]", .badRequest, "not the JSON this route takes"),
            (#"{"codes": "Rapportering"}"#, .badRequest, "\"codes\" has the wrong type"),
            (#"{"codes": ["Rapportering"], "strict": "ja"}"#, .badRequest, "\"strict\" has the wrong type"),
            ("{\"codes\": [\"" + String(repeating: "x", count: WebLimits.jsonBody) + "\"]}", .contentTooLarge, "larger than"),
        ]
        // The exports that read: their query.
        let gets: [(String, [(String, String)], HTTPResponse.Status, String)] = [
            ("codebook", [("language", "de")], .badRequest, "language \"de\": expected nb or en."),
            ("codebook", [("format", "pdf")], .badRequest, "format \"pdf\""),
            ("codebook", [("format", "csv"), ("landscape", "true")], .unprocessableContent, "csv has no pages"),
            ("codebook", [("landscape", "ja")], .badRequest, "landscape \"ja\": expected true or false."),
            ("codebook", [("name", "../kodebok")], .badRequest, "without folders"),
            ("codings", [("codes", "Finnes ikke")], .notFound, "no code \"Finnes ikke\""),
            ("codings", [("format", "csv"), ("delimiter", "ab")], .badRequest, "delimiter \"ab\": a CSV delimiter is one character"),
            ("codings", [("format", "csv"), ("delimiter", "\"")], .badRequest, "delimiter"),
            ("codings", [("format", "csv"), ("delimiter", "\n")], .badRequest, "delimiter"),
            ("participants", [("attributes", "alder")], .unprocessableContent, "no attribute \"alder\""),
            ("matrix", [], .badRequest, "columns \"\": expected attr:NAME or participant."),
            ("matrix", [("columns", "attr:alder")], .unprocessableContent, "no attribute \"alder\""),
            ("matrix", [("columns", "participant"), ("minCell", "0")], .unprocessableContent, "1 or more"),
            ("matrix", [("columns", "participant"), ("minCell", "tre")], .badRequest, "minCell \"tre\": expected a whole number."),
            ("matrix", [("columns", "participant"), ("minCell", "99999999999999999999")], .badRequest, "expected a whole number"),
            ("matrix", [("columns", "participant"), ("percent", "diagonal")], .badRequest, "percent \"diagonal\": expected row or column."),
            ("wide", [("attributes", "alder")], .unprocessableContent, "no attribute \"alder\""),
            ("wide", [("values", "mange")], .badRequest, "values \"mange\": expected presence or counts."),
            ("wide", [("format", "csv"), ("codes", "Tillit")], .unprocessableContent, "has no segments of its own"),
            ("stc/tables", [("format", "csv")], .unprocessableContent, "cannot be written as csv"),
            ("stc/tables", [("style", "fancy")], .badRequest, "style \"fancy\": expected thesis or report."),
            ("stc/csv", [("format", "docx")], .unprocessableContent, "cannot be written as docx"),
            ("stc/slides", [], .badRequest, "kind \"slides\": expected tables, chapter or csv."),
            ("stc/chapter", [("snapshot", "Finnes ikke")], .notFound, "no snapshot"),
            ("stc/chapter", [("blockWords", "0")], .unprocessableContent, "1 or more"),
        ]
        @Sendable func check(_ response: TestResponse, _ status: HTTPResponse.Status, _ words: String, _ shown: String, _ browser: Browser) throws {
            #expect(response.status == status, "\(shown): \(String(buffer: response.body).prefix(300))")
            #expect(response.headers[.contentType] == "application/json; charset=utf-8", "\(shown)")
            #expect(response.headers[.contentDisposition] == nil, "\(shown)")
            let message = try browser.json(response)["error"] as? String ?? ""
            #expect(message.contains(words), "\(shown): \(message)")
            #expect(!message.isEmpty && !message.contains("\n"), "\(shown)")
        }
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            for (body, status, words) in posts {
                try check(try await browser.post("/api/exports/quotes", json: body), status, words, "quotes \(body.prefix(80))", browser)
            }
            for (path, query, status, words) in gets {
                try check(try await Self.get(browser, path, query), status, words, "\(path) \(query)", browser)
            }
        }
        #expect(try fixture.unchanged() == before)
        #expect(try fixture.store.quoteExports().isEmpty)
        #expect(Self.downloadFolders() == folders)
    }

    @Test func aReaderDownloadsEveryExportButTheOneThatRecordsQuotes() async throws {
        let fixture = try Self.project()
        let before = try fixture.unchanged()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn(as: "lise", role: .reader)
            for (path, query) in [("codebook", ""), ("participants", ""), ("matrix", "columns=participant"), ("codings", ""), ("wide", "format=csv"),
                                  ("stc/tables", ""), ("stc/chapter", ""), ("stc/csv", "")] {
                let response = try await browser.get("/api/exports/\(path)?\(query)")
                #expect(response.status == .ok, "\(path): \(String(buffer: response.body))")
            }
            let quotes = try await browser.post("/api/exports/quotes", json: #"{"codes": ["Rapportering"]}"#)
            #expect(quotes.status == .forbidden)
            #expect((try browser.json(quotes)["error"] as? String)?.contains("lise may read this project but not change it") == true)
        }
        #expect(try fixture.unchanged() == before)
        #expect(try fixture.store.quoteExports().isEmpty)
    }

    @Test func noExportWithoutASessionNorAQuoteExportWithoutTheCSRFToken() async throws {
        let fixture = try Self.project()
        let before = try fixture.unchanged()
        try await fixture.test { browser in
            let anonymous = try await browser.get("/api/exports/codebook")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.contentDisposition] == nil)
            let anonymousQuotes = try await browser.post("/api/exports/quotes", json: #"{"codes": ["Rapportering"]}"#)
            #expect(anonymousQuotes.status == .unauthorized)
            var browser = browser
            try await browser.logIn()
            let body = #"{"codes": ["Rapportering"]}"#
            let forged = try await browser.post("/api/exports/quotes", json: body, csrf: .some(nil))
            #expect(forged.status == .forbidden)
            let wrong = try await browser.post("/api/exports/quotes", json: body, csrf: "feil-token")
            #expect(wrong.status == .forbidden)
            let foreign = try await browser.post("/api/exports/quotes", json: body, extra: [.origin: "http://evil.example"])
            #expect(foreign.status == .forbidden)
            #expect(foreign.headers[.contentDisposition] == nil)
            // The quote export is no GET, so no link or image on another page can record one.
            let viaGet = try await browser.get("/api/exports/quotes?codes=Rapportering")
            #expect(viaGet.status == .notFound || viaGet.status == .methodNotAllowed, "\(viaGet.status)")
        }
        #expect(try fixture.unchanged() == before)
        #expect(try fixture.store.quoteExports().isEmpty)
    }

    // MARK: - The analysis's snapshots

    @Test func aSnapshotIsListedAndExportedAsItWas() async throws {
        let fixture = try Self.project()
        let stc = Condensation(fixture.store)
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let none = try await browser.get("/api/stc/snapshots")
            #expect(String(buffer: none.body) == "[]")
            _ = try stc.takeSnapshot("Før trinn 3")
            _ = try stc.addUnit(fixture.transcript, .quote("Så blir det mer rapportering", occurrence: nil), groups: ["Tillit som grunnmur"])
            let list = try await browser.get("/api/stc/snapshots")
            let labels = (try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [[String: Any]])?.compactMap { $0["label"] as? String }
            #expect(labels == ["Før trinn 3"])
            let then = try await Self.get(browser, "stc/csv", [("snapshot", "Før trinn 3")])
            let now = try await Self.get(browser, "stc/csv")
            #expect(then.status == .ok && now.status == .ok)
            #expect(!String(buffer: then.body).contains("Så blir det mer rapportering"))
            #expect(String(buffer: now.body).contains("Så blir det mer rapportering"))
        }
    }

    // MARK: - The page

    @Test func everyLabelTheExportsPageUsesExistsInBothLanguages() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let script = String(buffer: try await browser.get("/assets/exports.js").body)
            var keys = Set(script.matches(of: /"((?:ui|file)[A-Z][A-Za-z_]*)"/).map { String($0.1) })
            keys.formUnion(ExportFormat.allCases.map { "uiFormat_\($0.rawValue)" })
            #expect(keys.count > 60)
            for language in DocumentLanguage.allCases {
                let labels = try browser.json(try await browser.get("/api/labels?lang=\(language.rawValue)"))
                let missing = keys.filter { labels[$0] == nil }.sorted()
                #expect(missing.isEmpty, "\(language): \(missing)")
            }
            let page = String(buffer: try await browser.get("/").body)
            #expect(page.contains(#"<script src="/assets/exports.js" type="module"></script>"#))
            #expect(page.contains(##"href="#/exports""##))
        }
    }

    /// `safe=true` on any export: a finding neither applied nor dismissed refuses the download with one
    /// line naming it, and nothing is recorded; dismissed, it downloads.
    @Test func aSafeExportRefusesUnresolvedFindings() async throws {
        let fixture = try Self.project()
        let text = try fixture.store.transcript(fixture.transcript).text
        _ = try fixture.store.applyEdits([TextEdit(start: 0, end: 0, replacement: "Eva: Ring meg på 912 34 567.\n")], to: fixture.transcript, expectedText: text)
        try fixture.code("Ring meg på 912 34 567", ["Kontakt"])
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            for path in ["exports/codings?format=csv&safe=true", "exports/codebook?safe=1", "exports/refi/project?safe=true"] {
                let refused = try await browser.get("/api/\(path)")
                #expect(refused.status == .unprocessableContent, "\(path)")
                let message = try browser.json(refused)["error"] as? String ?? ""
                #expect(message.hasPrefix("Not written") && message.contains("phone number «912 34 567»") && !message.contains("\n"), "\(path): \(message)")
            }
            let quotes = try await browser.post("/api/exports/quotes", json: #"{"codes": ["Kontakt"], "safe": true}"#)
            #expect(quotes.status == .unprocessableContent)
            #expect(try fixture.store.quoteExports().isEmpty)
            #expect(try await browser.get("/api/exports/codings?safe=banana").status == .badRequest)
            #expect(try await browser.get("/api/map/svg?safe=true").status == .ok)

            let privacy = Privacy(fixture.store)
            let number = try #require(try privacy.scan([fixture.transcript])[0].findings.first { $0.kind == .phoneNumber }).id
            try privacy.dismiss([number])
            #expect(try await browser.get("/api/exports/codings?format=csv&safe=true").status == .ok)
            #expect(try await browser.post("/api/exports/quotes", json: #"{"codes": ["Kontakt"], "safe": true}"#).status == .ok)
        }
    }
}
