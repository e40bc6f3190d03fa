import Foundation
import GRDB
@testable import QualCode
import Testing

/// An import that meets a full disk: one error naming the files, and the project as it was.
@Suite struct ImportStorageTests {
    /// A transcript of about 1.5 MB: more than a tiny disk has room for in the WAL and the index.
    static func longInterview() -> String {
        var lines: [String] = []
        for i in 0..<8_000 {
            lines.append(i % 2 == 0 ? "Intervjuer: Spørsmål \(i) om tillit, trygghet og samarbeid i teamet?"
                                    : "Eva: Svar \(i): vi får til mye sammen, og det er en balansekunst å være metodeveileder.")
        }
        return lines.joined(separator: "\n")
    }

    @Test(.enabled(if: TinyDisk.isAvailable, "mounting a tmpfs needs root"))
    func aFullDiskNamesTheFilesAndImportsNothing() throws {
        let disk = try TinyDisk(kibibytes: 1024)
        let store = try ProjectStore.create(at: disk.file("studie.qualcode"), title: "Fullt", coder: "tester")
        let folder = try TemporaryFolder()
        let files = [try folder.write("intervju-eva.txt", Self.longInterview()), try folder.write("intervju-kort.txt", "Eva: Kort.")]
        try disk.fill(leaving: 256 << 10)
        let before = try ProjectSnapshot(store)

        #expect(throws: ImportError.notSaved(files: ["intervju-eva.txt", "intervju-kort.txt"], reason: .diskFull)) {
            try store.importTranscripts(files)
        }
        #expect(try ProjectSnapshot(store) == before)
        #expect(try store.transcripts().isEmpty)
    }

    @Test(.enabled(if: TinyDisk.isAvailable, "mounting a tmpfs needs root"))
    func theProjectWorksAgainOnceThereIsSpace() throws {
        let disk = try TinyDisk(kibibytes: 16 << 10)
        let url = disk.file("studie.qualcode")
        let folder = try TemporaryFolder()
        let file = try folder.write("intervju-eva.txt", Self.longInterview())
        do {
            let store = try ProjectStore.create(at: url, title: "Fullt", coder: "tester")
            let filler = try disk.fill(leaving: 256 << 10)
            #expect(throws: ImportError.self) { try store.importTranscripts([file]) }
            try FileManager.default.removeItem(at: filler)
        }
        let reopened = try ProjectStore.open(at: url, coder: "tester")
        #expect(try reopened.integrityCheck() == "ok")
        #expect(try reopened.importTranscripts([file]).map(\.words) == [Self.longInterview().wordCount])
    }

    /// The seam below the real condition: what SQLite's result codes become.
    @Test func sqliteFullAndIOErrorsBecomeStorageFailures() {
        #expect(ProjectStore.storageFailure(DatabaseError(resultCode: .SQLITE_FULL)) == .diskFull)
        #expect(ProjectStore.storageFailure(DatabaseError(resultCode: .SQLITE_IOERR_WRITE)) == .ioError(code: 778))
        #expect(ProjectStore.storageFailure(DatabaseError(resultCode: .SQLITE_CONSTRAINT)) == nil)
    }

    @Test func theMessageNamesTheFilesAndSaysWhatToDo() {
        let one = ImportError.notSaved(files: ["intervju-eva.docx"], reason: .diskFull)
        #expect(one.description == "intervju-eva.docx: the disk holding the project is full; nothing was imported. Free some space and import again.")
        let many = ImportError.notSaved(files: (1...12).map { "intervju-\($0).docx" }, reason: .ioError(code: 778))
        #expect(many.description == "intervju-1.docx, intervju-2.docx, intervju-3.docx and 9 more files: the project file could not be "
            + "written (disk I/O error, SQLite code 778); nothing was imported.")
    }
}
