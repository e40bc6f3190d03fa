import Foundation
import GRDB
import Testing
@testable import QualCode

/// The kept tallies of code use against a count from scratch, after every step of a seeded run of
/// codings, removals, edits that move and orphan segments, relinked speakers, merges, moves and deletes.
@Suite struct CodeTallyTests {
    struct Counts: Equatable, CustomStringConvertible {
        var codes: [String: [Int]] = [:]
        var speakers: [String: Int] = [:]
        var description: String { "codes \(codes.sorted { $0.key < $1.key }) speakers \(speakers.sorted { $0.key < $1.key })" }
    }

    static func kept(_ db: Database) throws -> Counts {
        var counts = Counts()
        for row in try Row.fetchAll(db, sql: "SELECT hex(codeId), segments, codings FROM codeTally WHERE segments != 0 OR codings != 0") {
            counts.codes[row[0]] = [row[1], row[2]]
        }
        for row in try Row.fetchAll(db, sql: "SELECT hex(codeId) || '/' || hex(participantId), segments FROM codeSpeakerTally WHERE segments != 0") {
            counts.speakers[row[0]] = row[1]
        }
        return counts
    }

    static func fresh(_ db: Database) throws -> Counts {
        var counts = Counts()
        for row in try Row.fetchAll(db, sql: """
            SELECT hex(c.id),
              (SELECT COUNT(DISTINCT k.segmentId) FROM coding k JOIN segment s ON s.id = k.segmentId WHERE k.codeId = c.id AND NOT s.isOrphaned),
              (SELECT COUNT(*) FROM coding k WHERE k.codeId = c.id)
            FROM code c
            """) where (row[1] as Int) != 0 || (row[2] as Int) != 0 {
            counts.codes[row[0]] = [row[1], row[2]]
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT hex(k.codeId) || '/' || hex(sp.participantId), COUNT(DISTINCT k.segmentId)
              FROM coding k JOIN segment s ON s.id = k.segmentId AND NOT s.isOrphaned JOIN segmentSpeaker sp ON sp.segmentId = k.segmentId
             GROUP BY k.codeId, sp.participantId
            """) {
            counts.speakers[row[0]] = row[1]
        }
        return counts
    }

    @Test(arguments: [1, 2, 3]) func tallyMatchesACountFromScratch(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        for name in ["Eva", "Siri", "Tore"] { try store.addParticipant(pseudonym: name) }
        let url = try folder.write("gruppe.txt", """
            Intervjuer: Hva betyr tillit for dere i hverdagen?
            Eva: Tillit er alt. Uten tillit får vi ingenting til, ærlig talt.
            Siri: For meg handler det om tid og om å bli sett av lederen.
            Tore: Og om måltall. (latter) Vi teller alt som kan telles.
            Eva: Men deltakerne merker det når vi har tid til dem.
            """)
        var options = ImportOptions()
        options.participants = ["Eva", "Siri", "Tore"]
        try store.importTranscripts([url], options: options)
        let notes = try folder.write("notat.txt", "Et notat uten talere om tillit og tid, skrevet etter besøket.")
        try store.importTranscripts([notes], options: ImportOptions())
        let group = try store.resolve.transcript("gruppe"), note = try store.resolve.transcript("notat")
        var rng = SeededRandom(state: seed &* 0x9E37_79B9_7F4A_7C15 | 1)
        let codes = ["Tillit", "Tid", "Ledelse/Måltall", "Ledelse/Sett", "Tid/Rapportering"]
        func check(_ step: String) throws { try Self.check(store, "seed \(seed), after \(step)") }
        for step in 0..<60 {
            let who = try store.acting(as: ["anne", "berit"][rng.below(2)])
            switch rng.below(10) {
            case 0...4:
                let transcript = rng.below(3) == 0 ? note : group
                let length = try store.transcript(transcript).text.unicodeScalars.count
                let start = rng.below(length - 6), end = min(length, start + 2 + rng.below(30))
                _ = try? who.code(transcript, .offsets(start: start, end: end), codes: [codes[rng.below(codes.count)], codes[rng.below(codes.count)]])
            case 5:
                if let unit = try store.units().randomElement(using: &rng) { _ = try who.uncode(segment: unit.id, codes: []) }
            case 6:
                let words = ["tillit", "tid", "lederen", "måltall", "deltakerne"]
                _ = try? store.replaceText(in: group, find: words[rng.below(words.count)], with: ["", "tryggheten", "T"][rng.below(3)], all: true)
            case 7:
                let everyone = try store.participantIDs("Eva", "Siri", "Tore")
                try store.updateTranscript(rng.below(2) == 0 ? group : note,
                                           TranscriptUpdate(participants: Array(everyone.shuffled(using: &rng).prefix(1 + rng.below(3)))))
            case 8:
                let tree = try store.codeTree()
                if tree.count >= 2 {
                    let a = tree[rng.below(tree.count)], b = tree[rng.below(tree.count)]
                    if a.id != b.id { _ = try? store.mergeCode(a.id, into: b.id) }
                }
            default:
                let tree = try store.codeTree()
                if let victim = tree.randomElement(using: &rng) {
                    if rng.below(2) == 0 { _ = try? store.deleteCode(victim.id, force: true) } else { try? store.moveCode(victim.id, under: nil) }
                }
            }
            try check("step \(step)")
        }
        #expect(try store.integrityCheck() == "ok")
    }

    /// The kept tallies against a count from scratch, the roll-up of each code against its subtree, and
    /// who said each segment against its definition.
    static func check(_ store: ProjectStore, _ step: String) throws {
        let (kept, fresh, speakers, definition) = try store.pool.read { db in
            (try Self.kept(db), try Self.fresh(db), try maintainedSpeakers(db), try speakersFromScratch(db))
        }
        #expect(kept == fresh, "\(step)")
        #expect(speakers == definition, "\(step): who said a segment")
        // The roll-up: each code with everything below it, every segment and participant once.
        let (all, spoken) = try store.pool.read { db in
            (try Row.fetchAll(db, sql: """
                SELECT k.codeId, k.segmentId, k.coder FROM coding k JOIN segment s ON s.id = k.segmentId WHERE NOT s.isOrphaned
                """).map { (code: $0[0] as UUID, segment: $0[1] as UUID, coder: $0[2] as String) },
             Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT segmentId, participantId FROM segmentSpeaker"), by: { $0[0] as UUID })
                .mapValues { Set($0.map { $0[1] as UUID }) })
        }
        // Everyone's counts, and each coder's alone (a coder's view under blind coding).
        for coder in [nil] + Set(all.map(\.coder)).sorted().map(Optional.some) {
            let pairs = all.filter { coder == nil || $0.coder == coder }
            let tree = try store.codeTree(countingOnly: coder)
            for node in tree {
                var below: Set<UUID> = [node.id]
                var grew = true
                while grew {
                    let next = below.union(tree.filter { $0.parentId.map(below.contains) ?? false }.map(\.id))
                    grew = next.count > below.count
                    below = next
                }
                let segments = Set(pairs.filter { below.contains($0.code) }.map(\.segment))
                let people = Set(segments.flatMap { spoken[$0] ?? [] })
                let own = Set(pairs.filter { $0.code == node.id }.map(\.segment))
                #expect(node.segmentsWithChildren == segments.count && node.participantsWithChildren == people.count,
                        "\(step), \(coder ?? "everyone"): \(node.path)")
                #expect(node.segments == own.count && node.codings == pairs.filter { $0.code == node.id }.count,
                        "\(step), \(coder ?? "everyone"): \(node.path)")
                #expect(node.participants == Set(own.flatMap { spoken[$0] ?? [] }).count, "\(step), \(coder ?? "everyone"): \(node.path)")
            }
        }
        // The participant list counts from the same rows.
        let said = Dictionary(grouping: spoken.flatMap { segment, people in people.map { ($0, segment) } }, by: \.0)
        let live = try store.pool.read { db in Set(try UUID.fetchAll(db, sql: "SELECT id FROM segment WHERE NOT isOrphaned")) }
        for participant in try store.participants() {
            #expect(participant.segments == (said[participant.id] ?? []).filter { live.contains($0.1) }.count, "\(step): \(participant.pseudonym)")
        }
    }

    /// Deleting transcripts and participants, forced, in a seeded order over seeded codings: the tallies,
    /// the roll-ups and who said what stay right after each deletion.
    @Test(arguments: [1, 2, 3]) func tallyStaysRightWhenTranscriptsAndParticipantsAreDeleted(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        for name in ["Eva", "Siri", "Tore", "Une"] { try store.addParticipant(pseudonym: name, attributes: [("rolle", "jobbspesialist")]) }
        var options = ImportOptions()
        options.participants = ["Eva", "Siri", "Tore"]
        let groupText = """
            Intervjuer: Hva betyr tillit for dere i hverdagen?
            Eva: Tillit er alt. Uten tillit får vi ingenting til, ærlig talt.
            Siri: For meg handler det om tid og om å bli sett av lederen.
            Tore: Og om måltall. (latter) Vi teller alt som kan telles.
            """
        try store.importTranscripts([try folder.write("gruppe.txt", groupText)], options: options)
        options.allowDuplicate = true
        try store.importTranscripts([try folder.write("gruppe.txt", groupText)], options: options)
        options.participants = ["Une", "Siri"]
        try store.importTranscripts([try folder.write("notat.txt", "Et notat uten talere om tillit og tid, skrevet etter besøket.")],
                                    options: options)
        let names = ["gruppe", "gruppe-2", "notat"]
        var rng = SeededRandom(state: seed &* 0x9E37_79B9_7F4A_7C15 | 1)
        let codes = ["Tillit", "Tid", "Ledelse/Måltall", "Ledelse/Sett"]
        for _ in 0..<40 {
            let transcript = try store.resolve.transcript(names[rng.below(names.count)])
            let length = try store.transcript(transcript).text.unicodeScalars.count
            let start = rng.below(length - 6), end = min(length, start + 2 + rng.below(40))
            _ = try? store.acting(as: ["anne", "berit"][rng.below(2)])
                .code(transcript, .offsets(start: start, end: end), codes: [codes[rng.below(codes.count)]])
        }
        _ = try? store.replaceText(in: "gruppe", find: "tillit", with: "", all: true)  // orphans some segments
        try Self.check(store, "seed \(seed), before deleting")
        var deletions: [(String, () throws -> DeletionReport)] = [
            ("Siri", { try store.deleteParticipant(try store.resolve.participant("Siri"), force: true) }),
            ("Une", { try store.deleteParticipant(try store.resolve.participant("Une"), force: true) }),
            ("gruppe-2", { try store.deleteTranscript(try store.resolve.transcript("gruppe-2"), force: true) }),
            ("notat", { try store.deleteTranscript(try store.resolve.transcript("notat"), force: true) }),
        ]
        deletions.shuffle(using: &rng)
        for (name, delete) in deletions {
            #expect(try delete().wasDeleted)
            try Self.check(store, "seed \(seed), after deleting \(name)")
        }
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.pool.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }
}
