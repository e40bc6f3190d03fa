import Foundation
@testable import QualCode
import Testing

@Suite struct QuoteExportTests {
    func demo(_ folder: TemporaryFolder) throws -> ProjectStore {
        let store = try folder.project()
        _ = try store.importParticipants(csv: Fixtures.demoFile("deltakere.csv"))
        var options = ImportOptions()
        options.participants = ["Eva"]
        options.speakerMap = ["I": "Intervjuer", "E": "Eva"]
        try store.importTranscripts([Fixtures.demoFile("intervju-eva.docx")], options: options)
        options.participants = ["Berit"]
        options.speakerMap = [:]
        try store.importTranscripts([Fixtures.demoFile("intervju-berit.vtt")], options: options)
        let plan = try String(contentsOf: Fixtures.demoFile("koding.txt"), encoding: .utf8).split(separator: "\n")
        let requests = try plan.compactMap { line -> CodingRequest? in
            let parts = line.split(separator: "\t").map(String.init)
            guard parts.count == 3, ["eva", "berit"].contains(parts[0]) else { return nil }
            return try store.request(parts[0], .quote(parts[1], occurrence: nil), codes: parts[2].components(separatedBy: ";"))
        }
        _ = try store.code(requests)
        return store
    }

    @Test func quotesCarryVerbatimAndDisplayedTextAndLabels() throws {
        let folder = try TemporaryFolder()
        let store = try demo(folder)
        var options = QuoteOptions(codes: ["Tillit"])
        options.style = .report
        options.style.label = "({rolle}, {tjeneste})"
        let quotes = try store.quotes(options)
        #expect(Set(quotes.flatMap(\.participants)) == ["Eva", "Berit"])
        #expect(quotes.allSatisfy { !$0.verbatim.isEmpty && $0.displayed == $0.verbatim.split(whereSeparator: \.isWhitespace).joined(separator: " ") })
        #expect(quotes.first { $0.participants == ["Eva"] }?.label == "(Metodeveileder, IPS ung)")
        options.style = .thesis
        #expect(try store.quotes(options).first { $0.participants == ["Berit"] }?.label == "(Berit)")
    }

    @Test func theDocumentCountsVoicesAndUsesBlockQuotesForLongOnes() throws {
        let folder = try TemporaryFolder()
        let store = try demo(folder)
        var options = QuoteOptions(codes: ["Tillit", "Relasjon"])
        options.style.blockWords = 15
        let document = try store.quoteDocument(options)
        let headings = document.blocks.compactMap { block -> String? in
            if case let .heading(2, text) = block { return Inline.plainText(text) }
            return nil
        }
        #expect(headings == ["Tillit", "Relasjon"])
        let summaries = document.blocks.compactMap { block -> String? in
            if case let .paragraph(text) = block, Inline.plainText(text).contains(" fra ") { return Inline.plainText(text) }
            return nil
        }
        #expect(summaries.first?.hasSuffix("(Berit 1, Eva 1).") == true || summaries.first?.contains("informanter (") == true)
        let quotes = try store.quotes(options)
        let long = quotes.filter { $0.words >= 15 }.count
        let blockQuotes = document.blocks.filter { if case .blockQuote = $0 { true } else { false } }.count
        #expect(blockQuotes >= long && long > 0)
    }

    @Test func innerQuotationMarksBecomeSingleQuotes() {
        #expect(ProjectStore.innerQuotes("vi sier «det navske» og \"sånn\" da") == "vi sier ‘det navske’ og ‘sånn’ da")
    }

    @Test func anUnknownLabelFieldIsAClearError() throws {
        let folder = try TemporaryFolder()
        let store = try demo(folder)
        var options = QuoteOptions(codes: ["Tillit"])
        options.style.label = "({yrke})"
        #expect(throws: ExportError.self) { try store.quotes(options) }
        options.style.label = "({rolle"
        #expect(throws: ExportError.badTemplate(template: "({rolle", part: .label)) { try store.quotes(options) }
        #expect(throws: StoreError.self) { try store.quotes(QuoteOptions(codes: ["Finnes ikke"])) }
    }
}
