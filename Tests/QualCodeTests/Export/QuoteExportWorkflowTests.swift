import Foundation
@testable import QualCode
import Testing

/// `exportQuotes(_:to:)`: read, check, gate, render, write and record, in one call.
@Suite struct QuoteExportWorkflowTests {
    /// Quotes of «Tillit» labelled by role and service: Cecilie («metodeveileder, Utvidet oppfølging»)
    /// and Dagfinn («leder, IPS») are the only ones with their label, so the checks warn.
    static func request(strict: Bool = false) -> QuoteExportRequest {
        var options = QuoteOptions(codes: ["Tillit"])
        options.style = .report
        options.style.label = "({rolle}, {tjeneste})"
        return QuoteExportRequest(options: options, strict: strict)
    }

    static func uses(_ store: ProjectStore, _ quotes: [ExportedQuote]) throws -> Int {
        try quotes.map { try store.quoteDetails(segment: $0.segment.shortID).uses.count }.reduce(0, +)
    }

    @Test func oneCallWritesTheFileAndRecordsEveryQuotesUse() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let target = ExportTarget(path: folder.file("tillit.docx").path, format: .docx)
        let report = try store.exportQuotes(Self.request(), to: target)
        #expect(report.wasWritten && report.count == 5 && report.path == target.path)
        #expect(FileManager.default.fileExists(atPath: target.path))
        #expect(try Self.uses(store, report.quotes) == 5)
        let use = try store.quoteDetails(segment: report.quotes[0].segment.shortID).uses[0]
        #expect(use.file == target.path && use.label == report.quotes[0].label && use.exportedBy == "tester")
    }

    @Test func theWarningsCarryTheirKindAndSegment() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let report = try store.exportQuotes(Self.request(), to: ExportTarget(path: folder.file("tillit.docx").path, format: .docx))
        let identifying = report.warnings.filter { $0.kind == .labelIdentifiesOne }
        #expect(identifying.count == 2)
        #expect(Set(identifying.map(\.segment)).isSubset(of: Set(report.quotes.map(\.segment))))
        #expect(identifying.allSatisfy { $0.remedy == nil && !$0.description.contains("--") })
        #expect(identifying.contains { $0.message.contains("(Cecilie)") } && identifying.contains { $0.message.contains("(Dagfinn)") })
    }

    @Test func aStrictRequestWithWarningsWritesNothingAndRecordsNoUse() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        for format in [ExportFormat.docx, .csv] {
            let target = ExportTarget(path: folder.file("tillit.\(format.fileExtension)").path, format: format)
            let report = try store.exportQuotes(Self.request(strict: true), to: target)
            #expect(!report.wasWritten && report.warnings.count == 2 && report.count == 5)
            #expect(!FileManager.default.fileExists(atPath: target.path))
            #expect(try Self.uses(store, report.quotes) == 0)
        }
    }

    @Test func aStrictRequestWithoutWarningsIsWritten() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        var request = Self.request(strict: true)
        request.options.style.label = "({pseudonym})"  // one person by design: not checked
        let target = ExportTarget(path: folder.file("tillit.csv").path, format: .csv, delimiter: ";")
        let report = try store.exportQuotes(request, to: target)
        #expect(report.warnings.isEmpty && report.wasWritten)
        let rows = try TableFixture.readCSV(target.fileURL!, delimiter: ";")
        #expect(rows.first?.first == "kode" && rows.count == 6)
        #expect(try Self.uses(store, report.quotes) == 5)
    }

    @Test func anEnglishQuoteBankHasEnglishHeaders() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        var request = Self.request()
        request.options.language = .en
        let target = ExportTarget(path: folder.file("tillit.csv").path, format: .csv)
        _ = try store.exportQuotes(request, to: target)
        #expect(try TableFixture.readCSV(target.fileURL!).first == ["code", "participants", "label", "lead_in", "question", "transcript", "lines",
                                                               "source", "verbatim", "displayed", "edits", "segment"])
    }

    @Test func aFileThatCannotBeWrittenRecordsNoUse() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let target = ExportTarget(path: folder.file("mangler/tillit.docx").path, format: .docx)
        #expect(throws: ExportError.self) { try store.exportQuotes(Self.request(), to: target) }
        #expect(try Self.uses(store, try store.quotes(Self.request().options)) == 0)
    }
}
