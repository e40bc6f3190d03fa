import Foundation
@testable import QualCode
import Testing

/// `exportTable(_:to:)`: a standard table built and written in one call.
@Suite struct StandardTableExportTests {
    @Test func eachTableIsWrittenAsCSVWithItsRowCount() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let tables: [(StandardTable, Int)] = [
            (.codebook(CodebookOptions()), try store.codebook().rows.count),
            (.participants(ParticipantOverviewOptions()), 6),
            (.matrix(CodeMatrixOptions(columns: .attribute("rolle"))), try store.codeMatrixTable(CodeMatrixOptions(columns: .attribute("rolle"))).rows.count),
            (.codings(CodingsOptions(codes: ["Tillit"])), 5),
        ]
        for (index, (table, rows)) in tables.enumerated() {
            let target = ExportTarget(path: folder.file("tabell-\(index).csv").path, format: .csv, delimiter: ";")
            let report = try store.exportTable(table, to: target)
            #expect(report.rows == rows && report.path == target.path)
            #expect(try TableFixture.readCSV(target.fileURL!, delimiter: ";").count == rows + 1)
        }
    }

    @Test func aDocumentUsesTheTablesLanguageAndLabels() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let presentation = TablePresentation(language: .en, labelSet: LabelSet.core.overriding(.table, with: "Tab.", in: .en))
        let target = ExportTarget(path: folder.file("codebook.html").path, format: .html)
        _ = try store.exportTable(.codebook(CodebookOptions(presentation: presentation)), to: target)
        let html = try String(contentsOf: target.fileURL!, encoding: .utf8)
        #expect(html.contains("Tab. 1 Codebook") && html.contains("Note: "))
    }

    @Test func nothingIsWrittenWhenTheTableCannotBeBuilt() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let target = ExportTarget(path: folder.file("matrise.docx").path, format: .docx)
        #expect(throws: ExportError.self) { try store.exportTable(.matrix(CodeMatrixOptions(columns: .attribute("yrke"))), to: target) }
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }
}
