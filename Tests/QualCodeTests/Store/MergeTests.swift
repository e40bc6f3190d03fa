import Foundation
import GRDB
@testable import QualCode
import Testing

/// Merging copies of a project: two coders who coded copies of one file, a third project made on its
/// own, merging twice, and the files a merge must refuse.
@Suite struct MergeTests {
    static let interview = """
        Intervjuer: Hva betyr tillit for deg i jobben?
        Eva: Tillit er alt, eh, uten tillit får vi ingenting til med arbeidsgiverne.
        Intervjuer: Og tiden?
        Eva: Tid er det vi har minst av (latter). «Skjemaene» tar den.
        Intervjuer: Hvem bestemmer over dagen din?
        Eva: Lederen min, egentlig. Men jeg får styre mye selv.
        """
    static let otherInterview = """
        Intervjuer: Hvordan møter du arbeidsgiverne?
        Eva: Jeg ringer dem, eh, og så drar jeg ut. Ærlig talt er det det beste.
        """

    /// Anne's project: Eva, one interview, two codes under «Relasjoner», her first coding.
    static func annesProject(_ folder: TemporaryFolder) throws -> (ProjectStore, Transcript.ID) {
        let store = try folder.project(coder: "anne")
        _ = try store.defineAttribute("rolle", type: .text)
        _ = try store.addParticipant(pseudonym: "Eva", attributes: [("rolle", "metodeveileder")])
        var options = ImportOptions()
        options.participants = ["Eva"]
        let transcript = try store.importTranscripts([try folder.write("eva.txt", interview)], options: options)[0].id
        _ = try store.addCode("Relasjoner/Tillit", definition: "Tillit mellom veileder og arbeidsgiver.")
        _ = try store.addCode("Tid")
        _ = try store.code(transcript, .quote("Tillit er alt", occurrence: nil), codes: ["Relasjoner/Tillit"])
        return (store, transcript)
    }

    /// A copy of the project file, as a coder would get it, opened as that coder.
    static func copy(_ store: ProjectStore, to url: URL, as coder: String) throws -> ProjectStore {
        try store.checkpoint()
        try FileManager.default.copyItem(at: store.url, to: url)
        return try ProjectStore.open(at: url, coder: coder)
    }

    static func backups(in folder: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains(".before-merge-") }.sorted()
    }

    /// Every row of the tables a merge writes, in a fixed order, to compare a project before and after.
    static func contents(_ store: ProjectStore) throws -> [String] {
        try store.pool.read { db in
            var lines: [String] = []
            for table in ["participant", "attribute", "attributeValue", "transcript", "transcriptParticipant", "turn", "code", "segment",
                          "coding", "memo", "quote", "codeTally", "segmentSpeaker", "passage"] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") { lines.append("\(table) \(row.description)") }
            }
            return lines.sorted()
        }
    }

    @Test func twoCodersKeepBothSetsOfCodings() throws {
        let folder = try TemporaryFolder()
        let (anne, transcript) = try Self.annesProject(folder)
        let berit = try Self.copy(anne, to: folder.file("berit.qualcode"), as: "berit")
        // Both code the same passage with the same code; each codes something the other did not.
        _ = try berit.code(transcript, .quote("Tillit er alt", occurrence: nil), codes: ["Relasjoner/Tillit"])
        _ = try berit.code(transcript, .quote("Tid er det vi har minst av", occurrence: nil), codes: ["Tid"])
        _ = try berit.addMemo(on: .transcript(transcript), text: "Eva snakker varmt om «arbeidsgiverne».")
        _ = try anne.code(transcript, .quote("Lederen min, egentlig", occurrence: nil), codes: ["Relasjoner/Tillit"])
        let events = try anne.eventCount()

        let report = try anne.merge(from: berit.url)

        #expect(report.count(.transcript) == MergeCount(kind: .transcript, new: 0, matched: 1))
        #expect(report.count(.code) == MergeCount(kind: .code, new: 0, matched: 3))
        #expect(report.count(.segment) == MergeCount(kind: .segment, new: 1, matched: 1))
        #expect(report.count(.coding) == MergeCount(kind: .coding, new: 2, matched: 1))
        #expect(report.count(.memo).new == 1)
        #expect(report.conflicts.isEmpty)
        let codings = try anne.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT k.coder, s.text FROM coding k JOIN segment s ON s.id = k.segmentId ORDER BY k.coder, s.start
                """).map { "\($0["coder"] as String): \($0["text"] as String)" }
        }
        #expect(codings == ["anne: Tillit er alt", "anne: Lederen min, egentlig",
                            "berit: Tillit er alt", "berit: Tid er det vi har minst av"])
        // One segment per passage: the shared one is not doubled.
        #expect(try anne.counts().segments == 3)
        // One event, naming the other file and the counts, not its content.
        #expect(try anne.eventCount() == events + 1)
        let event = try #require(try anne.events(last: 1).first)
        #expect(event.action == "project.merge")
        #expect(event.actor == "anne")
        #expect(event.payload.contains("\"file\":\"berit.qualcode\""))
        #expect(event.payload.contains("\"coding\":2"))
        #expect(!event.payload.contains("Tillit er alt"))
        // The tallies the code tree reads were kept up to date by the merge's inserts.
        let (kept, fresh) = try anne.pool.write { db -> ([Row], [Row]) in
            // A code nobody has coded has no row until its first coding; worked out afresh it has a row of zeros.
            let used = "SELECT * FROM codeTally WHERE segments > 0 OR codings > 0 ORDER BY codeId"
            let kept = try Row.fetchAll(db, sql: used)
            try CodeTally.fill(db)
            return (kept, try Row.fetchAll(db, sql: used))
        }
        #expect(kept == fresh)
        #expect(try anne.integrityCheck() == "ok")
    }

    @Test func mergingTheSameCopyAgainChangesNothing() throws {
        let folder = try TemporaryFolder()
        let (anne, transcript) = try Self.annesProject(folder)
        let berit = try Self.copy(anne, to: folder.file("berit.qualcode"), as: "berit")
        _ = try berit.code(transcript, .quote("Tid er det vi har minst av", occurrence: nil), codes: ["Tid", "Ny kode"])
        let first = try anne.merge(from: berit.url)
        #expect(first.broughtInAnything)
        #expect(try Self.backups(in: folder).count == 1)
        let before = try Self.contents(anne)
        let events = try anne.eventCount()

        let second = try anne.merge(from: berit.url)

        #expect(!second.broughtInAnything)
        #expect(second.counts.allSatisfy { $0.new == 0 })
        #expect(second.count(.coding).matched == 3)
        #expect(second.backup == nil)
        #expect(try Self.backups(in: folder).count == 1)
        #expect(try anne.eventCount() == events)
        #expect(try Self.contents(anne) == before)
        // And the other way round: Berit takes Anne's copy, then takes it again.
        #expect(try berit.merge(from: anne.url).broughtInAnything == false)
    }

    @Test func aTextImportedTwiceKeepsEachTranscriptsCodings() throws {
        let folder = try TemporaryFolder()
        let (anne, first) = try Self.annesProject(folder)
        // The same file imported again on purpose: two transcripts, one text.
        var options = ImportOptions()
        options.allowDuplicate = true
        let second = try anne.importTranscripts([try folder.write("eva-igjen.txt", Self.interview)], options: options)[0].id
        _ = try anne.code(second, .quote("Tid er det vi har minst av", occurrence: nil), codes: ["Tid"])
        let berit = try Self.copy(anne, to: folder.file("berit.qualcode"), as: "berit")
        let before = try Self.contents(anne)

        let report = try anne.merge(from: berit.url)

        // An unchanged copy: each transcript found as itself, nothing moved onto the other.
        #expect(!report.broughtInAnything)
        #expect(report.count(.transcript) == MergeCount(kind: .transcript, new: 0, matched: 2))
        #expect(try Self.contents(anne) == before)
        _ = try berit.code(second, .quote("Lederen min", occurrence: nil), codes: ["Tid"])
        #expect(try anne.merge(from: berit.url).count(.coding) == MergeCount(kind: .coding, new: 1, matched: 2))
        let places = try anne.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT s.transcriptId, s.text FROM coding k JOIN segment s ON s.id = k.segmentId ORDER BY s.start")
                .map { "\($0["transcriptId"] as UUID == first ? "first" : "second"): \($0["text"] as String)" }
        }
        #expect(places == ["first: Tillit er alt", "second: Tid er det vi har minst av", "second: Lederen min"])
    }

    @Test func aProjectMadeOnItsOwnComesInWithItsConflictsReported() throws {
        let folder = try TemporaryFolder()
        let (anne, _) = try Self.annesProject(folder)
        // Carl's project was made from scratch: other ids, the same interview under another name,
        // a second interview whose file name is taken here, a code defined differently.
        let carl = try ProjectStore.create(at: folder.file("carl.qualcode"), title: "Carls kopi", coder: "carl")
        _ = try carl.defineAttribute("rolle", type: .text)
        _ = try carl.defineAttribute("tjeneste", type: .text)
        _ = try carl.addParticipant(pseudonym: "eva", attributes: [("rolle", "jobbspesialist"), ("tjeneste", "IPS")])
        _ = try carl.addParticipant(pseudonym: "Per", attributes: [("rolle", "leder")])
        var options = ImportOptions()
        options.participants = ["eva"]
        let sub = folder.url.appendingPathComponent("carl")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data(Self.interview.utf8).write(to: sub.appendingPathComponent("intervju-eva.txt"))
        try Data(Self.otherInterview.utf8).write(to: sub.appendingPathComponent("eva.txt"))
        let same = try carl.importTranscripts([sub.appendingPathComponent("intervju-eva.txt")], options: options)[0].id
        let new = try carl.importTranscripts([sub.appendingPathComponent("eva.txt")], options: options)[0].id
        _ = try carl.addCode("Relasjoner/Tillit", definition: "Når informanten stoler på noen.")
        _ = try carl.addCode("Relasjoner/Ledelse", color: "#336699")
        _ = try carl.code(same, .quote("Tillit er alt", occurrence: nil), codes: ["Relasjoner/Tillit"])
        _ = try carl.code(new, .quote("Jeg ringer dem", occurrence: nil), codes: ["Relasjoner/Ledelse"])
        _ = try carl.addMemo(on: .code(try carl.resolve.code("Relasjoner/Ledelse")), text: "Ledelse er mer enn lederen.")

        let report = try anne.merge(from: carl.url)

        #expect(report.count(.transcript) == MergeCount(kind: .transcript, new: 1, matched: 1))
        #expect(report.count(.participant) == MergeCount(kind: .participant, new: 1, matched: 1))
        #expect(report.count(.attribute) == MergeCount(kind: .attribute, new: 1, matched: 1))
        #expect(report.count(.code) == MergeCount(kind: .code, new: 1, matched: 2))
        #expect(report.count(.coding) == MergeCount(kind: .coding, new: 2, matched: 0))
        #expect(report.count(.segment) == MergeCount(kind: .segment, new: 1, matched: 1))
        let conflicts = Set(report.conflicts.map { "\($0.kind.id) \($0.what) \($0.aspect.id): \($0.ours) | \($0.theirs) | \($0.outcome)" })
        #expect(conflicts == [
            "attributeValue Eva: rolle value: metodeveileder | jobbspesialist | keptOurs",
            "transcript eva name: eva | eva | cameInAs(\"eva-2\")",
            "code Relasjoner/Tillit definition: Tillit mellom veileder og arbeidsgiver. | Når informanten stoler på noen. | keptOurs",
        ])
        // Ours kept; the new code sits under the parent we had; the new transcript has its own name and speaker.
        let tillit = try anne.resolve.code("Relasjoner/Tillit")
        #expect(try anne.pool.read { db in try Code.fetchOne(db, key: tillit)?.definition } == "Tillit mellom veileder og arbeidsgiver.")
        let ledelse = try anne.pool.read { db in try Code.filter(Code.Columns.name == "Ledelse").fetchOne(db) }
        #expect(ledelse?.parentId == (try anne.pool.read { db in try Code.filter(Code.Columns.name == "Relasjoner").fetchOne(db)?.id }))
        let names = try anne.transcripts().map(\.name)
        #expect(names == ["eva", "eva-2"])
        let second = try #require(try anne.transcripts().first { $0.name == "eva-2" })
        #expect(second.participants == ["Eva"])
        #expect(second.turns == 2)
        // The new transcript is searchable, and its coded passage lies on its own line 2.
        #expect(try anne.search("ringer").total == 1)
        let codings = try anne.retrieve(code: try anne.resolve.code("Relasjoner/Ledelse"))
        #expect(codings.map(\.segment.text) == ["Jeg ringer dem"])
        #expect(codings.first?.segment.firstLine == 2)
        // Per's value came in; Eva's «tjeneste» came in beside her «rolle», which kept ours.
        let eva = try #require(try anne.participants().first { $0.pseudonym == "Eva" })
        #expect(eva.attributes["tjeneste"] == "IPS")
        #expect(eva.attributes["rolle"] == "metodeveileder")
        #expect(try anne.memos(on: .code(ledelse!.id)).map(\.text) == ["Ledelse er mer enn lederen."])
        #expect(try anne.integrityCheck() == "ok")
    }

    @Test func twoSegmentsAnEditPutOnOnePlaceKeepTheirOwnCodings() throws {
        let folder = try TemporaryFolder()
        let (anne, transcript) = try Self.annesProject(folder)
        _ = try anne.code(transcript, .quote("Tid er det vi har minst av", occurrence: nil), codes: ["Tid"])
        _ = try anne.code(transcript, .quote("Tid er det vi har minst av (latter)", occurrence: nil), codes: ["Relasjoner/Tillit"])
        // The edit takes away the end of the longer one: both now stand on the same passage.
        _ = try anne.replaceText(in: transcript, find: " (latter)", with: "")
        let berit = try Self.copy(anne, to: folder.file("berit.qualcode"), as: "berit")
        let before = try Self.contents(anne)

        let report = try anne.merge(from: berit.url)

        #expect(!report.broughtInAnything)
        #expect(report.count(.coding) == MergeCount(kind: .coding, new: 0, matched: 3))
        #expect(try Self.contents(anne) == before)
    }

    @Test func aParticipantRenamedHereIsNotBroughtBackUnderTheOldName() throws {
        let folder = try TemporaryFolder()
        let (anne, _) = try Self.annesProject(folder)
        let berit = try Self.copy(anne, to: folder.file("berit.qualcode"), as: "berit")
        let eva = try #require(try anne.participants().first)
        _ = try anne.renameParticipant(eva.id, to: "Evelyn")

        let report = try anne.merge(from: berit.url)

        #expect(!report.broughtInAnything)
        #expect(try anne.participants().map(\.pseudonym) == ["Evelyn"])
        #expect(report.count(.participant) == MergeCount(kind: .participant, new: 0, matched: 1))
        #expect(report.conflicts.map { "\($0.what) \($0.aspect.id): \($0.ours) | \($0.theirs)" } == ["Evelyn pseudonym: Evelyn | Eva"])
    }

    @Test func aCodeNamedInAnotherLetterCaseIsOurs() throws {
        let folder = try TemporaryFolder()
        let (anne, _) = try Self.annesProject(folder)
        // Carl made «tid» and «relasjoner/tillit» on his own: the same codes as ours by the store's rule.
        let carl = try ProjectStore.create(at: folder.file("carl.qualcode"), title: "Carls kopi", coder: "carl")
        let transcript = try carl.importTranscripts([try folder.write("eva.txt", Self.interview)], options: ImportOptions())[0].id
        _ = try carl.addCode("relasjoner/tillit")
        _ = try carl.addCode("tid")
        _ = try carl.code(transcript, .quote("Tid er det vi har minst av", occurrence: nil), codes: ["tid"])
        _ = try carl.code(transcript, .quote("Lederen min", occurrence: nil), codes: ["relasjoner/tillit"])

        let report = try anne.merge(from: carl.url)

        #expect(report.count(.code) == MergeCount(kind: .code, new: 0, matched: 3))
        #expect(try anne.pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM code ORDER BY name") } == ["Relasjoner", "Tid", "Tillit"])
        #expect(try anne.retrieve(code: try anne.resolve.code("Tid")).map(\.segment.text) == ["Tid er det vi har minst av"])
        #expect(Set(report.conflicts.map { "\($0.what) \($0.aspect.id): \($0.ours) | \($0.theirs)" }) == [
            "Relasjoner path: Relasjoner | relasjoner", "Relasjoner/Tillit path: Relasjoner/Tillit | relasjoner/tillit", "Tid path: Tid | tid",
        ])
    }

    @Test func aDefinitionWrittenOnlyInTheCopyFillsOursAndAnotherIsAConflict() throws {
        let folder = try TemporaryFolder()
        let (anne, _) = try Self.annesProject(folder)
        let berit = try Self.copy(anne, to: folder.file("berit.qualcode"), as: "berit")
        // «Tid» has no definition here; Berit writes one. Both copies define «Tillit», differently.
        _ = try berit.updateCode(try berit.resolve.code("Tid"), definition: "Når informanten snakker om tid.")
        _ = try berit.updateCode(try berit.resolve.code("Relasjoner/Tillit"), definition: "Berits definisjon.")

        let report = try anne.merge(from: berit.url)

        #expect(report.count(.code) == MergeCount(kind: .code, new: 0, matched: 3, filled: 1))
        #expect(report.broughtInAnything)
        let tid = try anne.resolve.code("Tid")
        #expect(try anne.pool.read { db in try Code.fetchOne(db, key: tid)?.definition } == "Når informanten snakker om tid.")
        #expect(report.conflicts.map { "\($0.what) \($0.aspect.id): \($0.ours) | \($0.theirs)" }
            == ["Relasjoner/Tillit definition: Tillit mellom veileder og arbeidsgiver. | Berits definisjon."])
        #expect(!(try anne.merge(from: berit.url).broughtInAnything))
    }

    @Test func aTranscriptEditedInTheCopyComesInBesideOurs() throws {
        let folder = try TemporaryFolder()
        let (anne, transcript) = try Self.annesProject(folder)
        let berit = try Self.copy(anne, to: folder.file("berit.qualcode"), as: "berit")
        // Berit corrects a word: the same transcript (the same id), another text, so offsets may differ.
        _ = try berit.replaceText(in: transcript, find: "Lederen min", with: "Avdelingslederen min")
        _ = try berit.code(transcript, .quote("Avdelingslederen min", occurrence: nil), codes: ["Tid"])

        let report = try anne.merge(from: berit.url)

        #expect(report.count(.transcript) == MergeCount(kind: .transcript, new: 1, matched: 0))
        #expect(report.conflicts.map { "\($0.what) \($0.aspect.id) \($0.ours) | \($0.theirs) | \($0.outcome)" } == [
            "eva text \(Self.interview.unicodeScalars.count) characters | \(Self.interview.unicodeScalars.count + 9) characters | cameInAs(\"eva-2\")",
        ])
        // Theirs came in whole beside ours, with its codings (Anne's first one too, on its copy of the text).
        #expect(try anne.transcripts().map(\.name) == ["eva", "eva-2"])
        #expect(try anne.transcript(transcript).text == Self.interview)
        let texts = try anne.retrieve(code: try anne.resolve.code("Tid")).map(\.segment.text)
        #expect(texts == ["Avdelingslederen min"])
        #expect(try anne.integrityCheck() == "ok")
    }

    @Test func theBackupIsTheProjectAsItWasBeforeTheMerge() throws {
        let folder = try TemporaryFolder()
        let (anne, transcript) = try Self.annesProject(folder)
        let berit = try Self.copy(anne, to: folder.file("berit.qualcode"), as: "berit")
        _ = try berit.code(transcript, .quote("Tid er det vi har minst av", occurrence: nil), codes: ["Tid"])
        let before = try Self.contents(anne)
        let counts = try anne.counts()

        let report = try anne.merge(from: berit.url)

        let backup = try #require(report.backup)
        #expect(backup.deletingLastPathComponent().standardizedFileURL == anne.url.deletingLastPathComponent().standardizedFileURL)
        #expect(backup.lastPathComponent.hasPrefix("studie.qualcode.before-merge-2"))
        let restored = try ProjectStore.open(at: backup, coder: "anne")
        #expect(try restored.integrityCheck() == "ok")
        #expect(try restored.counts() == counts)
        #expect(try Self.contents(restored) == before)
        #expect(try anne.counts() != counts)
    }

    @Test func refusalsChangeNothingAndLeaveNoBackup() throws {
        let folder = try TemporaryFolder()
        let (anne, _) = try Self.annesProject(folder)
        try anne.checkpoint()
        let before = try Self.contents(anne)
        let events = try anne.eventCount()

        let text = try folder.write("notater.txt", "Eva: dette er ikke et prosjekt, eh.\n")
        #expect(throws: StoreError.notAProject(path: text.path, reason: "not an SQLite database")) { try anne.merge(from: text) }
        let empty = try folder.write("tom.qualcode", "")
        #expect(throws: StoreError.notAProject(path: empty.path, reason: "the file is empty")) { try anne.merge(from: empty) }
        let missing = folder.file("finnes-ikke.qualcode")
        #expect(throws: StoreError.projectNotFound(path: missing.path)) { try anne.merge(from: missing) }
        #expect(throws: StoreError.mergeRefused(path: anne.url.path, reason: .sameFile)) { try anne.merge(from: anne.url) }
        // The same file by another spelling of its path.
        try FileManager.default.createDirectory(at: folder.file("carl"), withIntermediateDirectories: true)
        let roundabout = folder.url.appendingPathComponent("carl/../studie.qualcode")
        #expect(throws: StoreError.mergeRefused(path: roundabout.path, reason: .sameFile)) { try anne.merge(from: roundabout) }
        // And by a hard link.
        let link = folder.file("lenke.qualcode")
        try FileManager.default.linkItem(at: anne.url, to: link)
        #expect(throws: StoreError.mergeRefused(path: link.path, reason: .sameFile)) { try anne.merge(from: link) }
        try FileManager.default.removeItem(at: link)

        // A copy cut short: the first pages only.
        let whole = try Data(contentsOf: anne.url)
        let truncated = folder.file("avkuttet.qualcode")
        try whole.prefix(whole.count / 2).write(to: truncated)
        #expect { try anne.merge(from: truncated) } throws: { error in
            guard case let StoreError.notAProject(path, _) = error else { return false }
            return path == truncated.path
        }

        // A copy written by a newer QualCode.
        let newer = try Self.copy(anne, to: folder.file("nyere.qualcode"), as: "berit")
        try newer.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('addSomethingLater')") }
        try newer.checkpoint()
        #expect(throws: StoreError.newerVersion(path: newer.url.path, unknownMigrations: ["addSomethingLater"])) { try anne.merge(from: newer.url) }

        // A copy holding a module's tables this project was not opened with.
        let module = SchemaExtension(name: "demo") { migrator in
            migrator.registerMigration("demo.createNotes") { db in try db.execute(sql: "CREATE TABLE demoNote (id INTEGER PRIMARY KEY)") }
        }
        let withModule = try ProjectStore.create(at: folder.file("modul.qualcode"), title: "Med modul", coder: "berit", extensions: [module])
        try withModule.checkpoint()
        #expect(throws: StoreError.mergeRefused(path: withModule.url.path, reason: .missingModules(["demo"]))) {
            try anne.merge(from: withModule.url)
        }

        #expect(try Self.backups(in: folder).isEmpty)
        #expect(try anne.eventCount() == events)
        #expect(try Self.contents(anne) == before)
        // The other files were only read.
        #expect(try String(contentsOf: text, encoding: .utf8) == "Eva: dette er ikke et prosjekt, eh.\n")
    }

    @Test func aCopyWhoseSpansPointOutsideTheTextIsRefused() throws {
        let folder = try TemporaryFolder()
        let (anne, transcript) = try Self.annesProject(folder)
        try anne.checkpoint()
        let before = try Self.contents(anne)
        let length = Self.interview.unicodeScalars.count
        // Doctored copies: a passage running past the text's end, one starting before it, one whose
        // stored text is not what its offsets hold.
        for (name, sql) in [
            ("forbi.qualcode", "UPDATE segment SET \"end\" = \(length + 500)"),
            ("foran.qualcode", "UPDATE segment SET start = -3"),
            ("annen.qualcode", "UPDATE segment SET text = 'Tillit er ALT'"),
        ] {
            let copy = try Self.copy(anne, to: folder.file(name), as: "berit")
            _ = try copy.code(transcript, .quote("Tid er det vi har minst av", occurrence: nil), codes: ["Tid"])
            try copy.pool.write { db in try db.execute(sql: sql + " WHERE text = 'Tillit er alt'") }
            try copy.checkpoint()
            #expect { try anne.merge(from: copy.url) } throws: { error in
                guard case let StoreError.notAProject(path, reason) = error else { return false }
                return path == copy.url.path && reason.hasPrefix("damaged: the coded passage ") && reason.contains("\"eva\"")
            }
        }
        #expect(try Self.backups(in: folder).isEmpty)
        #expect(try Self.contents(anne) == before)
    }

    @Test func theOtherCopyIsReadThroughAFolderOnlyWeCanOpen() throws {
        let folder = try TemporaryFolder()
        let (anne, _) = try Self.annesProject(folder)
        let berit = try Self.copy(anne, to: folder.file("berit.qualcode"), as: "berit")
        let source = try MergeSource(url: berit.url, into: anne)
        defer { source.close() }
        let snapshotFolder = source.store.url.deletingLastPathComponent()
        let permissions = try FileManager.default.attributesOfItem(atPath: snapshotFolder.path)[.posixPermissions] as? Int
        #expect(permissions == 0o700)
    }

    @Test func aModuleThatCannotMergeIsNamedInTheReport() throws {
        let folder = try TemporaryFolder()
        let module = SchemaExtension(name: "demo") { migrator in
            migrator.registerMigration("demo.createNotes") { db in try db.execute(sql: "CREATE TABLE demoNote (id INTEGER PRIMARY KEY)") }
        }
        let ours = try ProjectStore.create(at: folder.file("studie.qualcode"), title: "Med modul", coder: "anne", extensions: [module])
        _ = try ours.addCode("Tillit")
        let theirs = try ProjectStore.create(at: folder.file("berit.qualcode"), title: "Med modul", coder: "berit", extensions: [module])
        _ = try theirs.addCode("Trygghet")
        let report = try ours.merge(from: theirs.url)
        #expect(report.modulesNotCarried == ["demo"])
        #expect(report.count(.code).new == 1)
        let words = report.document(language: .en).blocks.compactMap { block -> String? in
            if case let .paragraph(inlines) = block { return Inline.plainText(inlines) } else { return nil }
        }
        #expect(words.contains("Not brought in: the tables of demo, which cannot be merged yet."))
    }

    @Test func theReportReadsBackFromWord() throws {
        let folder = try TemporaryFolder()
        let (anne, _) = try Self.annesProject(folder)
        let carl = try ProjectStore.create(at: folder.file("carl.qualcode"), title: "Carls kopi", coder: "carl")
        _ = try carl.addCode("Relasjoner/Tillit", definition: "Når informanten stoler på noen.")
        _ = try carl.addCode("Relasjoner/Ledelse")
        let report = try anne.merge(from: carl.url)
        let docx = folder.file("rapport.docx")
        try report.export(language: .nb, to: ExportTarget(path: docx.path, format: .docx))
        let read = try runPython("""
            import sys, docx
            d = docx.Document(sys.argv[1])
            for p in d.paragraphs: print("P", p.text)
            for t in d.tables:
                for r in t.rows: print("R", " | ".join(c.text for c in r.cells))
            """, [docx.path])
        let lines = String(decoding: read, as: UTF8.self).components(separatedBy: "\n")
        #expect(lines.contains("P Hentet inn fra carl.qualcode."))
        #expect(lines.contains { $0.hasPrefix("P Sikkerhetskopi tatt før sammenslåingen: studie.qualcode.before-merge-") })
        #expect(lines.contains("R Slag | Nye | Fantes fra før"))
        #expect(lines.contains("R koder | 1 | 2"))
        #expect(lines.contains("R Slag | Hva | Forskjell | Vår | Deres | Utfall"))
        #expect(lines.contains("R koder | Relasjoner/Tillit | definisjon | Tillit mellom veileder og arbeidsgiver. | Når informanten stoler på noen. | vår beholdt"))

        let csv = folder.file("konflikter.csv")
        try report.export(language: .en, to: ExportTarget(path: csv.path, format: .csv), csvTable: .conflicts)
        let rows = String(decoding: try runPython("""
            import sys, csv
            for r in csv.reader(open(sys.argv[1], encoding="utf-8-sig")): print(" | ".join(r))
            """, [csv.path]), as: UTF8.self).components(separatedBy: "\n")
        #expect(rows.first == "Kind | What | Difference | Ours | Theirs | Outcome")
        #expect(rows.contains("codes | Relasjoner/Tillit | definition | Tillit mellom veileder og arbeidsgiver. | Når informanten stoler på noen. | ours kept"))
    }
}
