import Foundation
import QualCode
import QualCodeKit
import Testing
@testable import Exchange

/// Each tool counts positions its own way; the import finds the way per source and places every
/// selection on the words it was made on, emoji outside the BMP and CRLF line ends included.
@Suite struct OffsetTests {
    /// An interview with CRLF line ends and emoji before and inside the passages that are coded.
    static let text = "Intervjuer: Hva tenker du om tillit?\r\nEva: 😀 Tillit er alt 😀, eh, (latter) men det tar tid.\r\n"
        + "Intervjuer: Og lederne?\r\nEva: Lederne er «fraværende» 🙂 på små kontorer i Øst-Finnmark.\r\n"
    static let quotes = ["Tillit er alt 😀", "det tar tid", "Lederne er «fraværende» 🙂", "små kontorer"]

    enum Counting { case codePoints, codePointsCRLFAsOne, utf16 }

    /// Where `quote` starts and ends, counted as a tool would.
    static func span(_ quote: String, _ counting: Counting) -> (Int, Int) {
        let range = text.range(of: quote)!
        func count(_ s: Substring) -> Int {
            switch counting {
            case .codePoints: s.unicodeScalars.count
            case .codePointsCRLFAsOne: s.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.count
            case .utf16: s.utf16.count
            }
        }
        return (count(text[..<range.lowerBound]), count(text[..<range.upperBound]))
    }

    /// A package in the style of one tool: its name for the project file and the sources folder, its
    /// origin, namespace spelling and GUIDs, and whether selections carry their quoted text.
    static func package(in folder: URL, counting: Counting, origin: String?, qde: String = "project.qde", sources: String = "sources",
                        namespace: String = "urn:QDA-XML:project:1.0", quoted: Bool = false, upperCase: Bool = false,
                        bom: Bool = false, inclusive: Bool = false, extra: [(Int, Int)] = []) throws -> URL {
        func guid() -> String { upperCase ? "{\(UUID().uuidString)}" : UUID().uuidString.lowercased() }
        let code = guid(), sourceGUID = guid()
        // An inclusive end is the last character's own position (every quote here ends in a one-unit character or in code points).
        var selections = quotes.map { quote -> ((Int, Int), String?) in
            let (start, end) = span(quote, counting)
            return ((start, inclusive ? end - 1 : end), quote)
        }
        selections += extra.map { ($0, nil) }
        let body = selections.map { span, quote -> String in
            let name = quoted ? " name=\"\(quote ?? "")\"" : ""
            return """
                <PlainTextSelection guid="\(guid())"\(name) startPosition="\(span.0)" endPosition="\(span.1)">\
                <Coding guid="\(guid())"><CodeRef targetGUID="\(code)"/></Coding></PlainTextSelection>
                """
        }.joined(separator: "\n")
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Project xmlns="\(namespace)" name="Tillit"\(origin.map { " origin=\"\($0)\"" } ?? "")>
            <CodeBook><Codes><Code guid="\(code)" name="Tillit" isCodable="true"/></Codes></CodeBook>
            <Sources><TextSource guid="\(sourceGUID)" name="Intervju Eva" plainTextPath="internal://\(sourceGUID).txt">
            \(body)
            </TextSource></Sources>
            <Sets/>
            </Project>
            """
        let textData = (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8)
        return try Study.package([(qde, Data(xml.utf8)), ("\(sources)/\(sourceGUID).txt", textData)],
                                 at: folder.appendingPathComponent("\(UUID().uuidString).qdpx"))
    }

    func imported(_ package: URL, in folder: URL) throws -> (RefiImportReport, [String]) {
        let target = folder.appendingPathComponent("\(UUID().uuidString).qualcode")
        let report = try Exchange.importRefiProject(from: package, to: target, coder: "anne", extensions: ProjectModules.all)
        let texts = try Study.records(try ProjectModules.open(at: target, coder: "anne")).segments.sorted { $0.start < $1.start }.map(\.text)
        return (report, texts)
    }

    @Test func nvivoForWindowsCountsUTF16WithCRLFAsTwo() throws {
        let folder = try Study.folder()
        let (report, texts) = try imported(try Self.package(in: folder, counting: .utf16, origin: "NVivo 12.6 (Windows)", sources: "Sources",
                                                           bom: true), in: folder)
        #expect(texts == Self.quotes)
        #expect(report.sources.first?.convention == .utf16 && report.sources.first?.placed == 4 && report.unplaced == 0)
        #expect(report.sources.first?.conventionsAgree == false)
    }

    @Test func atlasTiCountsCRLFAsOneAndQuotesTheText() throws {
        let folder = try Study.folder()
        let package = try Self.package(in: folder, counting: .codePointsCRLFAsOne, origin: "ATLAS.ti 23.2.3", qde: "Tillit.QDE",
                                       sources: "Sources", namespace: "urn:QDA-XML:project:1:0", quoted: true, upperCase: true)
        let (report, texts) = try imported(package, in: folder)
        #expect(texts == Self.quotes)
        #expect(report.sources.first?.convention == .codePointsCRLFAsOne && report.sources.first?.reanchored == 0)
    }

    @Test func theStandardCountsCodePoints() throws {
        let folder = try Study.folder()
        let (report, texts) = try imported(try Self.package(in: folder, counting: .codePoints, origin: "MAXQDA 24"), in: folder)
        #expect(texts == Self.quotes)
        #expect(report.sources.first?.convention == .codePoints)
    }

    /// Ends on the last character, as the standard's wording has it, are told from ends after it by where they fall.
    @Test func endsOnTheLastCharacterAreRecognised() throws {
        let folder = try Study.folder()
        let (report, texts) = try imported(try Self.package(in: folder, counting: .codePoints, origin: nil, inclusive: true), in: folder)
        #expect(texts == Self.quotes)
        #expect(report.sources.first?.endInclusive == true && report.sources.first?.convention == .codePoints)
    }

    /// Without an origin, where the selections' ends fall between words decides.
    @Test func wordBoundariesDecideWhenNothingElseSays() throws {
        let folder = try Study.folder()
        let (report, texts) = try imported(try Self.package(in: folder, counting: .utf16, origin: nil), in: folder)
        #expect(texts == Self.quotes)
        #expect(report.sources.first?.convention == .utf16)
    }

    /// A selection past the end of the text, or inside an emoji, is listed, never dropped silently; the rest are imported.
    @Test func selectionsThatFindNoPlaceAreListed() throws {
        let folder = try Study.folder()
        let emoji = Self.span("😀", .utf16).0 + 1
        let package = try Self.package(in: folder, counting: .utf16, origin: "NVivo", extra: [(40, 99_999), (emoji, emoji + 4), (30, 30)])
        let (report, texts) = try imported(package, in: folder)
        #expect(texts == Self.quotes)
        let reasons = report.sources.first?.unplaced.map(\.reason) ?? []
        #expect(reasons == [.outsideText(length: SourceText(raw: Self.text).count), .splitsCharacter, .empty])
    }

    /// A selection whose position is no whole number of 0 or more (a file written by hand, a tool's
    /// bug) is listed with what was written; it neither stops the import nor sways the convention.
    @Test func aSelectionWithABrokenPositionIsListedAndTheRestComeIn() throws {
        let folder = try Study.folder()
        var package = try Self.package(in: folder, counting: .utf16, origin: "NVivo", extra: [(-3, 10), (4, -1)])
        // A position that is not a number at all, written into a copy of the project file.
        let entries = try Study.entries(try Data(contentsOf: package))
        let xml = String(decoding: try #require(entries["project.qde"]), as: UTF8.self)
            .replacingOccurrences(of: "startPosition=\"-3\"", with: "startPosition=\"tolv\"")
        let source = try #require(entries.first { $0.key.hasPrefix("sources/") })
        package = try Study.package([("project.qde", Data(xml.utf8)), (source.key, source.value)], at: folder.appendingPathComponent("endret.qdpx"))
        let (report, texts) = try imported(package, in: folder)
        #expect(texts == Self.quotes)
        #expect(report.sources.first?.convention == .utf16 && report.sources.first?.placed == 4)
        let reasons = report.sources.first?.unplaced.map(\.reason) ?? []
        #expect(reasons == [.badPosition("startPosition=\"tolv\""), .badPosition("endPosition=\"-1\"")])
        #expect(reasons.first?.description == "its position startPosition=\"tolv\" is not a whole number of 0 or more")
    }

    /// A quoted selection whose positions are off (a tool that lost a character) is found by its text.
    @Test func aQuotedSelectionIsFoundByItsText() throws {
        let folder = try Study.folder()
        let code = UUID().uuidString
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="Flytt">
            <CodeBook><Codes><Code guid="\(code)" name="Tid" isCodable="true"/></Codes></CodeBook>
            <Sources><TextSource guid="\(UUID().uuidString)" name="Ola">
            <PlainTextContent>Ola: Jeg ringer jobbsøkeren samme uke. Eh, det tar tid.</PlainTextContent>
            <PlainTextSelection guid="\(UUID().uuidString)" name="det tar tid" startPosition="41" endPosition="52">
            <Coding guid="\(UUID().uuidString)"><CodeRef targetGUID="\(code)"/></Coding></PlainTextSelection>
            </TextSource></Sources></Project>
            """
        let file = folder.appendingPathComponent("flytt.qde")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        let (report, texts) = try imported(file, in: folder)
        #expect(texts == ["det tar tid"])
        #expect(report.sources.first?.reanchored == 1)
    }
}

extension OffsetTests {
    /// A name that is a label, or a quote cut short, is not taken for the selection's text.
    @Test func aNameThatIsNoQuoteDoesNotMoveASelection() {
        let selection = RefiSelection(guid: "x", name: nil, start: 41, end: 52)
        #expect(Placement.isQuote("det tar tid", of: selection))
        #expect(!Placement.isQuote("Tid", of: selection))
        #expect(!Placement.isQuote("Ola: Jeg ringer jobbsøkeren samme uke. Eh, det…", of: selection))
    }
}

extension OffsetTests {
    /// A long interview (some 300,000 characters, CRLF, emoji) with 3,000 selections in UTF-16: every one placed.
    @Test func aLongInterviewWithThousandsOfSelections() throws {
        let folder = try Study.folder()
        let turn = "Eva: Eh, tillit er alt 😀, skjønner du – (latter) men det tar tid på små kontorer i Øst-Finnmark.\r\n"
        let text = String(repeating: turn, count: 3_000)
        let code = UUID().uuidString, source = UUID().uuidString
        let unitsBefore = turn.utf16.count, quoteStart = "Eva: Eh, ".utf16.count, quoteLength = "tillit er alt 😀".utf16.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Lang\" origin=\"NVivo\">"
            + "<CodeBook><Codes><Code guid=\"\(code)\" name=\"Tillit\" isCodable=\"true\"/></Codes></CodeBook>"
            + "<Sources><TextSource guid=\"\(source)\" name=\"Lang\" plainTextPath=\"internal://\(source).txt\">"
        for i in 0..<3_000 {
            let start = i * unitsBefore + quoteStart
            xml += "<PlainTextSelection guid=\"\(UUID().uuidString)\" startPosition=\"\(start)\" endPosition=\"\(start + quoteLength)\">"
                + "<Coding guid=\"\(UUID().uuidString)\"><CodeRef targetGUID=\"\(code)\"/></Coding></PlainTextSelection>"
        }
        xml += "</TextSource></Sources></Project>"
        let package = try Study.package([("project.qde", Data(xml.utf8)), ("sources/\(source).txt", Data(text.utf8))],
                                        at: folder.appendingPathComponent("lang.qdpx"))
        let started = Date()
        let (report, texts) = try imported(package, in: folder)
        #expect(report.sources.first?.placed == 3_000 && report.unplaced == 0 && report.sources.first?.convention == .utf16)
        #expect(Set(texts) == ["tillit er alt 😀"])
        #expect(Date().timeIntervalSince(started) < 60)
    }
}
