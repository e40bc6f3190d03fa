import Foundation
@testable import QualCode
import Testing

/// Exports to a stream (a command line's standard output, a web response): the same bytes as a file,
/// through the same workflows.
@Suite struct ExportStreamTests {
    /// Collects what an export sends, as a web front end would before answering.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var storage = Data()
        var data: Data { lock.withLock { storage } }
        var text: String { String(decoding: data, as: UTF8.self) }

        func stream(_ name: String = "svar") -> ExportStream {
            ExportStream(name: name) { [self] data in lock.withLock { storage.append(data) } }
        }
    }

    struct Closed: Error {}

    @Test func aTableSentToAStreamIsTheFilesBytesWithoutTheByteOrderMark() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let file = ExportTarget(path: folder.file("kodebok.csv").path, format: .csv)
        _ = try store.exportTable(.codebook(CodebookOptions()), to: file)
        let collected = Collected()
        let report = try store.exportTable(.codebook(CodebookOptions()), to: ExportTarget(stream: collected.stream(), format: .csv))
        #expect(report.path == "svar")
        let written = try Data(contentsOf: file.fileURL!)
        #expect(written.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(collected.data == written.dropFirst(3))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasSuffix(".csv") } == ["kodebok.csv"])
    }

    @Test func aDocumentSentToAStreamIsTheFilesBytes() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let file = ExportTarget(path: folder.file("kodebok.html").path, format: .html)
        _ = try store.exportTable(.codebook(CodebookOptions()), to: file)
        let collected = Collected()
        _ = try store.exportTable(.codebook(CodebookOptions()), to: ExportTarget(stream: collected.stream(), format: .html))
        #expect(collected.data == (try Data(contentsOf: file.fileURL!)))
        let docx = Collected()
        _ = try store.exportTable(.codebook(CodebookOptions()), to: ExportTarget(stream: docx.stream(), format: .docx))
        #expect(docx.data.prefix(2) == Data("PK".utf8))
    }

    @Test func aStreamThatFailsIsReportedByName() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let broken = ExportStream(name: "standard output") { _ in throw Closed() }
        #expect {
            try store.exportTable(.codebook(CodebookOptions()), to: ExportTarget(stream: broken, format: .csv))
        } throws: { error in
            guard case let ExportError.cannotWrite(path, _)? = error as? ExportError else { return false }
            return path == "standard output"
        }
    }

    @Test func theWideDataSetSentToAStreamIsTheDataAlone() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let collected = Collected()
        let report = try store.exportWideDataSet(WideOptions(), to: ExportTarget(stream: collected.stream(), format: .csv))
        #expect(report.dictionaryLeftOut && report.dictionaryPath == nil)
        #expect(collected.text.split(separator: "\r\n").count == report.participants + 1)
        #expect(collected.text.hasPrefix("pseudonym,"))
        let document = Collected()
        let both = try store.exportWideDataSet(WideOptions(), to: ExportTarget(stream: document.stream(), format: .html))
        #expect(!both.dictionaryLeftOut && document.text.contains("Tabell 2 Variabelliste"))
    }

    @Test func quotesSentToAStreamAreRecordedOnlyWhenAsked() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        var request = QuoteExportWorkflowTests.request()
        request.recordsUses = false
        let look = Collected()
        let report = try store.exportQuotes(request, to: ExportTarget(stream: look.stream(), format: .csv))
        #expect(report.wasWritten && !report.usesRecorded && report.count == 5)
        #expect(look.text.contains(report.quotes[0].verbatim))
        #expect(try QuoteExportWorkflowTests.uses(store, report.quotes) == 0)

        request.recordsUses = true
        let download = Collected()
        let recorded = try store.exportQuotes(request, to: ExportTarget(stream: download.stream("nedlasting"), format: .html))
        #expect(recorded.usesRecorded)
        #expect(try store.quoteDetails(segment: recorded.quotes[0].segment.shortID).uses.map(\.file) == ["nedlasting"])
    }
}
