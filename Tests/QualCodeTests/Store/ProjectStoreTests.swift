import Foundation
import GRDB
@testable import QualCode
import Testing

@Suite struct ProjectStoreTests {
    @Test func createsAProjectFileInWALModeWithForeignKeys() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        #expect(try store.projectInfo().title == "Metodeveilederes erfaringer")
        let (mode, foreignKeys): (String, Int) = try store.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode")!, try Int.fetchOne(db, sql: "PRAGMA foreign_keys")!)
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func reopensAndLogsWhoDidWhat() throws {
        let folder = try TemporaryFolder()
        _ = try folder.project(coder: "Kari")
        let reopened = try ProjectStore.open(at: folder.file("studie.qualcode"), coder: "Ola")
        try reopened.addParticipant(pseudonym: "Eva")
        let events = try reopened.events()
        #expect(events.map(\.action) == ["project.create", "participant.add"])
        #expect(events.map(\.actor) == ["Kari", "Ola"])
        #expect(events[1].payload.contains("\"pseudonym\":\"Eva\""))
    }

    @Test func theEventLogIsAppendOnly() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        #expect(throws: DatabaseError.self) { try store.pool.write { db in try db.execute(sql: "DELETE FROM event") } }
        #expect(throws: DatabaseError.self) { try store.pool.write { db in try db.execute(sql: "UPDATE event SET actor = 'x'") } }
        #expect(try store.eventCount() == 1)
    }

    @Test func aChangeAndItsEventLandTogetherOrNotAtAll() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Eva", attributes: [("teamstørrelse", "6")])
        let before = try ProjectSnapshot(store)
        // The second attribute value does not fit the integer type: the participant must not be half-added.
        #expect(throws: StoreError.invalidAttribute(name: "teamstørrelse", value: "seks", type: .integer)) {
            try store.addParticipant(pseudonym: "Berit", attributes: [("rolle", "metodeveileder"), ("teamstørrelse", "seks")])
        }
        #expect(try ProjectSnapshot(store) == before)
        #expect(try store.participants().map(\.pseudonym) == ["Eva"])
    }

    @Test func refusesToCreateOverAnExistingFile() throws {
        let folder = try TemporaryFolder()
        _ = try folder.project()
        #expect(throws: StoreError.projectExists(path: folder.file("studie.qualcode").path)) { try folder.project() }
    }

    // MARK: - Hostile input

    @Test func refusesAFileThatIsNotSQLite() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("falsk.qualcode", "Dette er bare tekst, ikke en database.")
        #expect {
            try ProjectStore.open(at: url, coder: "x")
        } throws: { error in
            guard case .notAProject(_, let reason) = error as? StoreError else { return false }
            return reason == "not an SQLite database"
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "Dette er bare tekst, ikke en database.")
    }

    @Test func refusesAnotherProgramsSQLiteFile() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("annen.qualcode")
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)") }
        try queue.close()
        #expect(throws: StoreError.notAProject(path: url.path, reason: "an SQLite database of another program")) {
            try ProjectStore.open(at: url, coder: "x")
        }
        let tables = try DatabaseQueue(path: url.path).read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(tables == ["notes"])
    }

    @Test func refusesAProjectFromANewerVersion() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('addDisjunctureKind')") }
        try store.checkpoint()
        #expect(throws: StoreError.newerVersion(path: store.url.path, unknownMigrations: ["addDisjunctureKind"])) {
            try ProjectStore.open(at: store.url, coder: "x")
        }
    }

    @Test func refusesAMissingOrEmptyFile() throws {
        let folder = try TemporaryFolder()
        #expect(throws: StoreError.projectNotFound(path: folder.file("ingen.qualcode").path)) {
            try ProjectStore.open(at: folder.file("ingen.qualcode"), coder: "x")
        }
        let empty = try folder.write("tom.qualcode", "")
        #expect(throws: StoreError.notAProject(path: empty.path, reason: "the file is empty")) { try ProjectStore.open(at: empty, coder: "x") }
    }

    @Test func locatesTheProjectFile() throws {
        let folder = try TemporaryFolder()
        #expect(throws: StoreError.self) { try ProjectLocator.locate(explicit: nil, environment: [:], directory: folder.url) }
        _ = try folder.project()
        #expect(try ProjectLocator.locate(explicit: nil, environment: [:], directory: folder.url).lastPathComponent == "studie.qualcode")
        #expect(try ProjectLocator.locate(explicit: nil, environment: ["QUALCODE_PROJECT": "/x/y.qualcode"], directory: folder.url).path == "/x/y.qualcode")
        try folder.write("andre.qualcode", "")
        #expect(throws: StoreError.self) { try ProjectLocator.locate(explicit: nil, environment: [:], directory: folder.url) }
        #expect(ProjectLocator.coder(explicit: nil, environment: ["QUALCODE_CODER": "Kari", "USER": "root"]) == "Kari")
        #expect(ProjectLocator.coder(explicit: "Ola", environment: ["QUALCODE_CODER": "Kari"]) == "Ola")
    }
}

@Suite struct ParticipantTests {
    @Test func attributesAreTypedByTheirValues() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Eva", label: "Informant E",
                                 attributes: [("rolle", "metodeveileder"), ("teamstørrelse", "6"), ("andel", "0,5"), ("startet", "2022-08-01")])
        let eva = try #require(try store.participants().first)
        #expect(eva.attributes == ["rolle": "metodeveileder", "teamstørrelse": "6", "andel": "0.5", "startet": "2022-08-01"])
        let types = try store.pool.read { db in try Attribute.fetchAll(db) }.reduce(into: [String: AttributeType]()) { $0[$1.name] = $1.type }
        #expect(types == ["rolle": .text, "teamstørrelse": .integer, "andel": .float, "startet": .date])
    }

    @Test(arguments: ["2024-02-30", "2023-02-29", "-2024-01-01", "2024-1-01", "2024-13-01", "２０２４-01-01"])
    func impossibleDatesAreNotDates(value: String) {
        #expect(AttributeType.date.normalized(value) == nil)
    }

    @Test func realDatesAreDates() {
        #expect(AttributeType.date.normalized("2024-02-29") == "2024-02-29")
        #expect(AttributeType.date.normalized("2026-11-23") == "2026-11-23")
    }

    @Test func pseudonymsAreUniqueIgnoringCase() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Øyvind")
        #expect(throws: StoreError.duplicate(what: "participant", name: "øyvind")) { try store.addParticipant(pseudonym: "øyvind") }
        #expect(throws: StoreError.emptyName(what: "participant")) { try store.addParticipant(pseudonym: "  ") }
    }

    @Test func importsTheDemoParticipantSheet() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        let report = try store.importParticipants(csv: Fixtures.demoFile("deltakere.csv"))
        #expect(report.added.count == 9)
        #expect(report.attributes["teamstørrelse"] == .integer)
        let gunnar = try #require(try store.participants().first { $0.pseudonym == "Gunnar" })
        #expect(gunnar.label == "Informant G, pilot")
        // Importing again updates instead of duplicating.
        let again = try store.importParticipants(csv: Fixtures.demoFile("deltakere.csv"))
        #expect(again.added.isEmpty && again.updated.count == 9)
    }

    @Test func semicolonSheetsFromNorwegianExcelWork() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        let url = try folder.write("ark.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("Deltaker;Rolle;Andel\r\nÅse;jobbspesialist;0,8\r\n".utf8))
        _ = try store.importParticipants(csv: url)
        #expect(try store.participants().first?.attributes == ["Rolle": "jobbspesialist", "Andel": "0.8"])
    }

    // MARK: - Hostile input

    @Test(arguments: [
        ("kort.csv", "pseudonym,rolle\nEva,metodeveileder\nBerit\n", 3),
        ("dobbel.csv", "pseudonym,rolle\nEva,a\neva,b\n", 3),
        ("tom-navn.csv", "pseudonym,rolle\n,metodeveileder\n", 2),
        // Lines are the file's own, 1-based: the header and blank rows count, and so do line breaks
        // inside a quoted cell; the checks made against the project name the same line.
        ("tomme-rader.csv", "pseudonym,rolle\n\nEva,a\n\n\nBerit\n", 6),
        ("tomme-rader-navn.csv", "pseudonym,rolle\n\n\nEva,a\nOl\u{7}a,b\n", 5),
        ("tomme-rader-crlf.csv", "pseudonym,rolle\r\n\r\nEva,a\r\n\r\nOl\u{7}a,b\r\n", 5),
        ("flerlinjet.csv", "pseudonym,rolle\nEva,\"første\nandre\"\n\nOl\u{7}a,b\n", 5),
    ])
    func aBadRowChangesNothing(name: String, csv: String, line: Int) throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        let before = try ProjectSnapshot(store)
        let url = try folder.write(name, csv)
        #expect {
            try store.importParticipants(csv: url)
        } throws: { error in
            guard case let .invalidRow(file, errorLine, _) = error as? ImportError else { return false }
            return file == name && errorLine == line
        }
        #expect(try ProjectSnapshot(store) == before)
        #expect(try store.participants().isEmpty)
    }

    @Test func aValueThatBreaksTheColumnTypeChangesNothing() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Eva", attributes: [("teamstørrelse", "6")])
        let before = try ProjectSnapshot(store)
        let url = try folder.write("ark.csv", "pseudonym,teamstørrelse\nBerit,7\nDag,mange\n")
        #expect(throws: ImportError.self) { try store.importParticipants(csv: url) }
        #expect(try ProjectSnapshot(store) == before)
    }

    @Test func segmentsCountForTheParticipantsOfATranscriptWithoutSpeakerTurns() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Siri")
        try store.addParticipant(pseudonym: "Tore")
        var options = ImportOptions()
        options.participants = ["Siri"]
        // No speaker labels: the whole text is Siri's.
        try store.importTranscripts([try folder.write("notat.txt", "Vi møtes hver fredag.\nDet hjelper på tilliten.\n")], options: options)
        options.participants = ["Tore"]
        try store.importTranscripts([try folder.write("tore.txt", "Intervjuer: Og så?\nTore: Da ble det bra.\nTore: Og mer.\n")], options: options)
        _ = try store.code("notat", .lines(1...2), codes: ["Tillit"])
        _ = try store.code("tore", .lines(2...2), codes: ["Tillit"])
        let counts = Dictionary(uniqueKeysWithValues: try store.participants().map { ($0.pseudonym, $0.segments) })
        #expect(counts == ["Siri": 1, "Tore": 1])
    }
}
