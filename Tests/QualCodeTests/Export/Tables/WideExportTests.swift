import Foundation
@testable import QualCode
import Testing

/// `exportWideDataSet(_:to:)`: the data set and its dictionary, both or neither.
@Suite struct WideExportTests {
    @Test func csvWritesTheDataAndTheDictionaryBesideIt() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let target = ExportTarget(path: folder.file("deltakere.csv").path, format: .csv)
        let report = try store.exportWideDataSet(WideOptions(), to: target)
        #expect(report.participants == 6 && report.dictionaryPath == folder.file("deltakere_dictionary.csv").path)
        #expect(try TableFixture.readCSV(target.fileURL!).count == 7)
        #expect(try TableFixture.readCSV(folder.file("deltakere_dictionary.csv")).count == report.variables + 1)
    }

    @Test func whenTheDictionaryCannotBeWrittenTheDataFileIsNotLeftBehind() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        // A folder where the dictionary should go: the second write fails after the first succeeded.
        try FileManager.default.createDirectory(at: folder.file("deltakere_dictionary.csv"), withIntermediateDirectories: false)
        let target = ExportTarget(path: folder.file("deltakere.csv").path, format: .csv)
        #expect(throws: ExportError.self) { try store.exportWideDataSet(WideOptions(), to: target) }
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func whenTheDictionaryCannotBeWrittenAnEarlierDataFileIsRestored() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        try folder.write("deltakere.csv", "forrige,eksport\n1,2\n")
        try FileManager.default.createDirectory(at: folder.file("deltakere_dictionary.csv"), withIntermediateDirectories: false)
        let target = ExportTarget(path: folder.file("deltakere.csv").path, format: .csv)
        #expect(throws: ExportError.self) { try store.exportWideDataSet(WideOptions(), to: target) }
        #expect(try String(contentsOf: target.fileURL!, encoding: .utf8) == "forrige,eksport\n1,2\n")
    }

    @Test func whenTheDictionaryCannotBeWrittenALinkedDataFileIsRestoredAndTheLinkKept() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        try folder.write("ekte.csv", "forrige,eksport\n1,2\n")
        try FileManager.default.createSymbolicLink(atPath: folder.file("deltakere.csv").path, withDestinationPath: "ekte.csv")
        try FileManager.default.createDirectory(at: folder.file("deltakere_dictionary.csv"), withIntermediateDirectories: false)
        let target = ExportTarget(path: folder.file("deltakere.csv").path, format: .csv)
        #expect(throws: ExportError.self) { try store.exportWideDataSet(WideOptions(), to: target) }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: target.path) == "ekte.csv")
        #expect(try String(contentsOf: folder.file("ekte.csv"), encoding: .utf8) == "forrige,eksport\n1,2\n")
        // Nothing left behind: no temporary file beside them.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func aDocumentHoldsBothTablesInOneFile() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let target = ExportTarget(path: folder.file("deltakere.html").path, format: .html)
        let report = try store.exportWideDataSet(WideOptions(), to: target)
        #expect(report.dictionaryPath == nil)
        let html = try String(contentsOf: target.fileURL!, encoding: .utf8)
        #expect(html.contains("Tabell 1 Informanter og koder") && html.contains("Tabell 2 Variabelliste"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("deltakere_dictionary.csv").path))
    }
}
