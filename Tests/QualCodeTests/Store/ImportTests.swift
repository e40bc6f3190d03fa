import Foundation
import GRDB
@testable import QualCode
import Testing

@Suite struct ImportTests {
    func demoStore(_ folder: TemporaryFolder) throws -> ProjectStore {
        let store = try folder.project()
        _ = try store.importParticipants(csv: Fixtures.demoFile("deltakere.csv"))
        return store
    }

    @Test func importsAWordInterviewWithASpeakerMap() throws {
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        var options = ImportOptions()
        options.participants = ["Eva"]
        options.speakerMap = ["I": "Intervjuer", "E": "Eva"]
        let summary = try #require(try store.importTranscripts([Fixtures.demoFile("intervju-eva.docx")], options: options).first)
        #expect(summary.name == "intervju-eva")
        #expect(summary.participants == ["Eva"])
        #expect(summary.kind == .interview)
        let turns = try store.pool.read { db in try Turn.filter(Turn.Columns.transcriptId == summary.id).fetchAll(db) }
        #expect(Set(turns.map(\.speaker)) == ["Intervjuer", "Eva"])
        let eva = try store.participant("Eva")
        #expect(turns.filter { $0.speaker == "Eva" }.allSatisfy { $0.participantId == eva.id })
        #expect(turns.filter { $0.speaker == "Intervjuer" }.allSatisfy { $0.participantId == nil })
        // "eva" finds the transcript through its only participant.
        #expect(try store.transcript("eva").id == summary.id)
    }

    @Test func focusGroupTurnsAreAttributedToEachSpeaker() throws {
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        var options = ImportOptions()
        options.participants = ["Hanne", "Ivar", "Jorunn"]
        let summary = try #require(try store.importTranscripts([Fixtures.demoFile("fokusgruppe-teamledere.txt")], options: options).first)
        #expect(summary.kind == .focusGroup)
        #expect(summary.participants == ["Hanne", "Ivar", "Jorunn"])
        let (_, lines) = try store.lines(of: "fokusgruppe-teamledere")
        let ivarLine = try #require(lines.first { $0.speaker == "Ivar" })
        let quote = String(ivarLine.text.dropFirst("Ivar: ".count).prefix(40))
        let result = try store.code("fokusgruppe-teamledere", .quote(quote, occurrence: nil), codes: ["Teamkultur"])
        #expect(try store.units().first { $0.id == result.segment.id }?.participants == ["Ivar"])
        let hits = try store.search("\"\(quote.split(separator: " ").prefix(3).joined(separator: " "))\"")
        #expect(hits.hits.contains { $0.participant == "Ivar" })
    }

    @Test func subtitlesKeepTheirTimestamps() throws {
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        var options = ImportOptions()
        options.participants = ["Berit"]
        let summary = try #require(try store.importTranscripts([Fixtures.demoFile("intervju-berit.vtt")], options: options).first)
        let turns = try store.pool.read { db in try Turn.filter(Turn.Columns.transcriptId == summary.id).order(Turn.Columns.ordinal).fetchAll(db) }
        #expect(turns.count == summary.turns && turns.count > 10)
        #expect(turns.allSatisfy { $0.startTime != nil && $0.endTime != nil })
        #expect(zip(turns, turns.dropFirst()).allSatisfy { $0.startTime! <= $1.startTime! })
        #expect(turns.contains { $0.speaker == "Berit" && $0.participantId != nil })
    }

    @Test func importsAFolderInOneGoAndLinksSpeakersByName() throws {
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        let files = ["intervju-anne.docx", "intervju-berit.vtt", "intervju-dag.srt", "intervju-fatima.txt", "intervju-gunnar.md"]
        let progress = ProgressLog()
        let imported = try store.importTranscripts(files.map(Fixtures.demoFile), options: ImportOptions()) { done, total, _ in progress.add(done, total) }
        #expect(imported.count == 5)
        #expect(progress.calls == (1...5).map { [$0, 5] })
        // Berit, Dag and Fatima speak under their own names and are linked without --participant.
        #expect(imported.first { $0.name == "intervju-berit" }?.participants == ["Berit"])
        #expect(imported.first { $0.name == "intervju-fatima" }?.participants == ["Fatima"])
    }

    @Test func participantsCanBeLinkedAfterAFolderImport() throws {
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        var options = ImportOptions()
        options.speakerMap = ["I": "Intervjuer", "A": "Anne"]
        let before = try #require(try store.importTranscripts([Fixtures.demoFile("intervju-anne.docx")]).first)
        #expect(before.participants.isEmpty)
        let unit = try store.code("intervju-anne", .lines(12...12), codes: ["Tillit"])
        #expect(try store.units().first { $0.id == unit.segment.id }?.participants.isEmpty == true)
        let after = try store.updateTranscript("intervju-anne", TranscriptUpdate(title: "Intervju med Anne", date: "2026-09-14", participants: try store.participantIDs("Anne")))
        #expect(after.participants == ["Anne"] && after.title == "Intervju med Anne")
        // Anne's turns are labelled "A"; the one speaker who is not the interviewer is Anne.
        #expect(try store.units().first { $0.id == unit.segment.id }?.participants == ["Anne"])
        #expect(throws: StoreError.self) { try store.updateTranscript("intervju-anne", TranscriptUpdate(date: "14.09.2026")) }
        #expect(throws: StoreError.self) { try store.updateTranscript("intervju-anne", TranscriptUpdate(participants: try store.participantIDs("Zelda"))) }
        #expect(try store.transcripts()[0].participants == ["Anne"])
    }

    @Test func theSameFileTwiceIsRefusedUnlessAsked() throws {
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        let url = Fixtures.demoFile("intervju-fatima.txt")
        try store.importTranscripts([url])
        let before = try ProjectSnapshot(store)
        #expect(throws: StoreError.duplicateImport(file: "intervju-fatima.txt", existing: "intervju-fatima")) { try store.importTranscripts([url]) }
        #expect(try ProjectSnapshot(store) == before)
        var options = ImportOptions()
        options.allowDuplicate = true
        #expect(try store.importTranscripts([url], options: options).first?.name == "intervju-fatima-2")
    }

    // MARK: - Hostile input

    @Test func oneBadFileImportsNothing() throws {
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        let broken = try folder.write("brutt.vtt", "WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nHei\n")
        let before = try ProjectSnapshot(store)
        #expect(throws: ImportError.badCueTiming(file: "brutt.vtt", line: 3, cue: 1,
                                                 problem: .unreadable(found: "00:00:01.000 -> 00:00:02.000", format: .vtt))) {
            try store.importTranscripts([Fixtures.demoFile("intervju-dag.srt"), Fixtures.demoFile("intervju-anne.docx"), broken])
        }
        #expect(try ProjectSnapshot(store) == before)
        #expect(try store.transcripts().isEmpty)
        let indexed = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM passage") ?? -1 }
        #expect(indexed == 0)
    }

    @Test(arguments: [
        ("tom.txt", [UInt8]()),
        ("søppel.txt", [UInt8](repeating: 0, count: 64) + [0xFF, 0xFE, 0x00]),
        ("ugyldig.md", Array("Hei ".utf8) + [0xC3, 0x28]),
        ("falsk.docx", Array("PK ikke egentlig".utf8)),
        ("rar.vtt", Array("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n".utf8)),
    ])
    func badFilesChangeNothing(name: String, bytes: [UInt8]) throws {
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        let url = try folder.write(name, bytes: bytes)
        let before = try ProjectSnapshot(store)
        #expect(throws: ImportError.self) { try store.importTranscripts([url]) }
        #expect(try ProjectSnapshot(store) == before)
    }

    @Test func aLargeTranscriptImportsAndIsSearchable() throws {
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        // About 4 MB: 20,000 turns, every one with æøå, the last one unique.
        var lines: [String] = []
        for i in 0..<20_000 {
            lines.append(i % 2 == 0 ? "Intervjuer: Spørsmål nummer \(i) om tillit og trygghet?"
                                    : "Eva: Eh, svar \(i): vi får til mye i teamet, (latter) og det er en balansekunst å være metodeveileder.")
        }
        lines.append("Eva: Helt til slutt: sjøsprøyt.")
        let url = try folder.write("langt.txt", lines.joined(separator: "\n"))
        var options = ImportOptions()
        options.participants = ["Eva"]
        let summary = try #require(try store.importTranscripts([url], options: options).first)
        #expect(summary.turns == 20_001)
        #expect(try store.search("sjøsprøyt").hits.map(\.line) == [20_001])
        let result = try store.code("langt", .quote("sjøsprøyt", occurrence: nil), codes: ["Slutt"])
        #expect(result.segment.firstLine == 20_001)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func aHugeParticipantSheetIsRefusedWholeWhenOneRowIsBad() throws {
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        let before = try ProjectSnapshot(store)
        var rows = ["pseudonym,rolle,teamstørrelse"]
        for i in 0..<50_000 { rows.append("Deltaker \(i),jobbspesialist,\(i % 12)") }
        rows.append("Deltaker siste,jobbspesialist,tolv")
        let url = try folder.write("stor.csv", rows.joined(separator: "\n"))
        #expect(throws: ImportError.self) { try store.importParticipants(csv: url) }
        #expect(try ProjectSnapshot(store) == before)
        #expect(try store.participants().count == 9)
    }

    @Test func aWindows1252ParticipantSheetImportsWhenItsEncodingIsNamed() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        // As Excel saves «CSV» on a Norwegian Windows: windows-1252, semicolons, an en dash.
        let sheet = try #require("pseudonym;rolle\nSølvi;jobbspesialist – IPS\nÅse;veileder\n".data(using: .windowsCP1252))
        let url = folder.file("deltakere-excel.csv")
        try sheet.write(to: url)
        let before = try ProjectSnapshot(store)
        #expect {
            try store.importParticipants(csv: url)
        } throws: { error in
            error as? ImportError == .invalidUTF8(file: "deltakere-excel.csv", byteOffset: 17) && (error as? ImportError)?.remedy == .nameEncoding
        }
        #expect(try ProjectSnapshot(store) == before)
        let report = try store.importParticipants(csv: url, encoding: TextEncoding.windows1252.stringEncoding)
        #expect(report.added == ["Sølvi", "Åse"])
        let sølvi = try #require(try store.participants().first { $0.pseudonym == "Sølvi" })
        #expect(sølvi.attributes["rolle"] == "jobbspesialist – IPS")
    }

    @Test func anUnknownParticipantIsAnError() throws {
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        var options = ImportOptions()
        options.participants = ["Zelda"]
        #expect(throws: StoreError.self) { try store.importTranscripts([Fixtures.demoFile("intervju-dag.srt")], options: options) }
        #expect(try store.transcripts().isEmpty)
    }
}

final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [[Int]] = []
    func add(_ done: Int, _ total: Int) { lock.withLock { storage.append([done, total]) } }
    var calls: [[Int]] { lock.withLock { storage } }
}
