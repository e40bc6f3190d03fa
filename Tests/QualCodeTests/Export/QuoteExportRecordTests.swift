import Foundation
import GRDB
@testable import QualCode
import Testing

/// The record of quote exports: listed one export a row, and forgotten one at a time or all at once, so
/// the "exported earlier with another label" check stops warning after trial exports.
@Suite struct QuoteExportRecordTests {
    static func export(_ store: ProjectStore, _ folder: TemporaryFolder, label: String, file: String) throws -> QuoteExportReport {
        var request = QuoteExportWorkflowTests.request()
        request.options.style.label = label
        return try store.exportQuotes(request, to: ExportTarget(path: folder.file(file).path, format: .docx))
    }

    static func twoLabelWarnings(_ report: QuoteExportReport) -> Int { report.warnings.filter { $0.kind == .twoLabels }.count }

    @Test func eachExportIsListedWithItsFileWhoWhenQuotesAndLabels() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        _ = try Self.export(store, folder, label: "({pseudonym})", file: "prøve.docx")
        _ = try store.acting(as: "berit").exportQuotes(QuoteExportWorkflowTests.request(), to: ExportTarget(path: folder.file("rapport.docx").path, format: .docx))
        let exports = try store.quoteExports()
        #expect(exports.map(\.file) == [folder.file("prøve.docx").path, folder.file("rapport.docx").path])
        #expect(exports.map(\.exportedBy) == ["tester", "berit"] && exports.map(\.quotes) == [5, 5])
        #expect(exports[0].labels.count == 5 && exports[0].labels.contains("(Åse)"))
        #expect(exports[1].labels.contains("(Jobbspesialist, IPS)") && exports[1].exportedAt >= exports[0].exportedAt)
        let event = try #require(try store.events(last: 1).first)
        #expect(event.action == "quote.export" && event.payload.contains(exports[1].id.uuidString))
    }

    @Test func forgettingATrialExportStopsItsWarnings() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        _ = try Self.export(store, folder, label: "({rolle})", file: "prøve.docx")
        #expect(Self.twoLabelWarnings(try Self.export(store, folder, label: "({tjeneste})", file: "rapport.docx")) > 0)
        let trial = try store.resolve.quoteExport("prøve.docx")
        let forgotten = try store.forgetQuoteExport(trial)
        #expect(forgotten.quotes == 5 && forgotten.file.hasSuffix("prøve.docx"))
        #expect(try store.quoteExports().map(\.file) == [folder.file("rapport.docx").path])
        let event = try #require(try store.events(last: 1).first)
        #expect(event.action == "quote.forget" && event.payload.contains(trial.uuidString))
        #expect(Self.twoLabelWarnings(try Self.export(store, folder, label: "({tjeneste})", file: "rapport2.docx")) == 0)
        #expect(FileManager.default.fileExists(atPath: folder.file("prøve.docx").path))  // the file itself stays
        #expect(throws: StoreError.missing(.quoteExport, trial)) { try store.forgetQuoteExport(trial) }
    }

    @Test func forgettingEveryExport() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        _ = try Self.export(store, folder, label: "({rolle})", file: "a.docx")
        _ = try Self.export(store, folder, label: "({tjeneste})", file: "b.docx")
        #expect(try store.forgetAllQuoteExports().map(\.quotes) == [5, 5])
        #expect(try store.quoteExports().isEmpty)
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quoteUse") } == 0)
        #expect(try store.events(last: 1).first?.action == "quote.forget")
        #expect(try store.forgetAllQuoteExports().isEmpty)
    }

    @Test func anExportIsNamedByItsShortIdOrItsOneFile() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        _ = try Self.export(store, folder, label: "({rolle})", file: "a.docx")
        _ = try Self.export(store, folder, label: "({rolle})", file: "b.docx")
        _ = try Self.export(store, folder, label: "({tjeneste})", file: "b.docx")
        let exports = try store.quoteExports()
        #expect(try store.resolve.quoteExport(exports[1].id.shortID) == exports[1].id)
        #expect(try store.resolve.quoteExport(exports[0].id.uuidString) == exports[0].id)
        #expect(try store.resolve.quoteExport("a.docx") == exports[0].id)
        #expect(try store.resolve.quoteExport(folder.file("a.docx").path) == exports[0].id)
        #expect(throws: StoreError.ambiguous(what: "quote export", reference: "b.docx", candidates: [exports[1].id.shortID, exports[2].id.shortID])) {
            try store.resolve.quoteExport("b.docx")
        }
        #expect(throws: StoreError.notFound(what: "quote export", reference: "c.docx", candidates: exports.map(\.id.shortID))) {
            try store.resolve.quoteExport("c.docx")
        }
    }

    @Test func deletingATranscriptTakesItsQuotesUsesButTheExportStaysListed() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let report = try Self.export(store, folder, label: "({pseudonym})", file: "a.docx")
        let fromAse = report.quotes.filter { $0.transcript == "ase" }.count
        #expect(fromAse > 0)
        try store.deleteTranscript(try store.resolve.transcript("ase"), force: true)
        #expect(try store.quoteExports().map(\.quotes) == [5 - fromAse])
    }

    @Test func usesRecordedBeforeExportsWereAreGroupedByTheMigration() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("gammel.qualcode")
        try FileManager.default.copyItem(at: MigrationTests.landed, to: url)
        let store = try ProjectStore.open(at: url, coder: "migrering")
        let exports = try store.quoteExports()
        #expect(exports.map(\.file) == ["/tmp/landed/sitater.docx", "/tmp/landed/sitater-oppgave.docx", "/tmp/landed/sitatbank.csv"])
        #expect(exports.map(\.quotes) == [12, 9, 5] && exports.allSatisfy { $0.exportedBy == "demo" })
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quoteUse WHERE exportId IS NULL") } == 0)
        try store.forgetQuoteExport(exports[1].id)
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quoteUse") } == 17)
    }
}
