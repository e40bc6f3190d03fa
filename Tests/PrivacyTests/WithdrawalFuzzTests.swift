import Condensation
import Foundation
import GRDB
import QualCode
import QualCodeKit
import Testing
@testable import Privacy

/// Random synthetic focus groups (invented names and words only): a participant is withdrawn and the
/// invariants checked — the preview agrees with the withdrawal, every word of their turns is gone from
/// the file's and the write-ahead log's raw bytes, every word of the others' stays where it was, the
/// lines and the others' speaker labels keep their numbers, a second withdrawal is refused, and a
/// merge refuses a copy made before and takes one made since.
@Suite struct WithdrawalFuzzTests {
    /// SplitMix64: the same seed gives the same project, so a failure names one to replay.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let names = ["Eva", "Ola", "Kari", "Per", "Nina", "Åse"]
    static let filler = ["jeg", "syntes", "at", "det", "var", "greit", "på", "kontoret", "før", "møtet", "blåbær", "også",
                         "hjemme", "naboen", "😀", "café", "e\u{301}n", "ja", "nei", "eh", "«sånn»", "altså"]

    /// A word no filler holds, lower case (as the search index keeps its terms).
    static func token(_ random: inout Random) -> String {
        "zq" + String((0..<9).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement(using: &random)! })
    }

    static let projects = 24

    @Test(arguments: 0..<projects) func aRandomFocusGroupWithdrawal(seed: Int) throws {
        var random = Random(state: UInt64(seed) &* 7919 &+ 17)
        let people = Array(Self.names.shuffled(using: &random).prefix(Int.random(in: 2...4, using: &random)))
        var lines = ["Moderator: Velkommen, hva tenker dere om \(Self.token(&random))?"]
        var tokens: [String] = []
        // Everyone speaks at least once, then at random (the same speaker twice in a row too).
        let speakers = people + (0..<Int.random(in: 1...10, using: &random)).map { _ in people.randomElement(using: &random)! }
        for who in speakers.shuffled(using: &random) {
            var words = (0..<Int.random(in: 1...9, using: &random)).map { _ in Self.filler.randomElement(using: &random)! }
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                let token = Self.token(&random)
                tokens.append(token)
                words.insert(token, at: Int.random(in: 0...words.count, using: &random))
            }
            lines.append("\(who): " + words.joined(separator: " "))
        }
        let text = lines.joined(separator: "\n") + "\n"
        let (store, transcript, folder) = try WithdrawalTests.focusGroup(text, participants: people)
        let withdrawn = people.randomElement(using: &random)!
        let id = try store.resolve.participant(withdrawn)
        // An interview of their own too, now and then.
        var ownTokens: [String] = []
        if Bool.random(using: &random) {
            let own = Self.token(&random)
            ownTokens.append(own)
            let file = folder.appendingPathComponent("eget.txt")
            try Data("\(withdrawn): Alene sa jeg \(own) om saken.\n".utf8).write(to: file)
            var options = ImportOptions()
            options.participants = [withdrawn]
            let mine = try store.importTranscripts([file], options: options)[0].id
            try FileManager.default.removeItem(at: file)
            _ = try store.code(mine, .quote(own, occurrence: nil), codes: ["Egen"])
        }
        let stored = try store.transcript(transcript).text
        let scalars = ScalarText(stored)
        let turns = try store.pool.read { try Turn.filter(Column("transcriptId") == transcript).fetchAll($0) }
        func owner(_ token: String) -> Participant.ID? {
            guard let start = scalars.occurrences(of: token).first else { return nil }
            return turns.first { $0.start <= start && start + token.unicodeScalars.count <= $0.end }?.participantId
        }
        let theirs = tokens.filter { owner($0) == id }
        let others = tokens.filter { owner($0) != id }

        // Random codings, some across turns; a golden quote, a condensate and a snapshot; an edited quote.
        let length = scalars.scalars.count
        var segments: [Segment.ID] = []
        for index in 0..<Int.random(in: 1...8, using: &random) {
            let start = Int.random(in: 0..<length - 1, using: &random)
            let end = min(length, start + Int.random(in: 1...80, using: &random))
            guard let result = try? store.code(transcript, .offsets(start: start, end: end), codes: ["Kode\(index % 3)"]) else { continue }
            segments.append(result.segment.id)
        }
        let stc = Condensation(store)
        _ = try stc.addGroup("Tema")
        _ = try stc.addSubgroup("Tema", "Del")
        if let golden = segments.randomElement(using: &random) {
            let start = Int.random(in: 0..<length - 1, using: &random)
            if let unit = try? stc.addUnit(transcript, .offsets(start: start, end: min(length, start + 40)), groups: ["Tema/Del"]) {
                try stc.condense("Tema/Del", text: "Kort sagt: det gikk greit.", golden: unit.segment.id)
            }
            _ = try? store.editQuote(segment: golden, QuoteUpdate(form: .display("(…) " + (try store.pool.read {
                try String.fetchOne($0, sql: "SELECT text FROM segment WHERE id = ?", arguments: [golden]) ?? ""
            }))))
            _ = try stc.takeSnapshot("før")
        }
        try store.checkpoint()
        let before = folder.appendingPathComponent("før.qualcode")
        try FileManager.default.copyItem(at: store.url, to: before)

        let preview = try store.withdrawalPreview(participant: id)
        let report = try store.withdraw(participant: id)
        #expect(preview.transcripts == report.transcripts && preview.focusGroups == report.focusGroups
                && preview.turnsWithdrawn == report.turnsWithdrawn && preview.dependents == report.dependents, "seed \(seed)")
        #expect(report.turnsWithdrawn == turns.filter { $0.participantId == id }.count, "seed \(seed)")
        #expect(try store.integrityCheck() == "ok", "seed \(seed)")
        try FileManager.default.removeItem(at: before.deletingLastPathComponent().appendingPathComponent("før.qualcode"))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: before.path + suffix) }

        let after = try store.transcript(transcript).text
        for token in theirs + ownTokens {
            let places = try store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'").flatMap { table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description).compactMap { (row: String) -> String? in
                        guard let found = row.range(of: token) else { return nil }
                        let from = row.index(found.lowerBound, offsetBy: -120, limitedBy: row.startIndex) ?? row.startIndex
                        return table + ": …" + String(row[from..<found.upperBound])
                    }
                }
            }
            #expect(places.isEmpty, "seed \(seed): \(places)")
            for (name, data) in try WithdrawalTests.bytes(folder) {
                #expect(data.range(of: Data(token.utf8)) == nil, "seed \(seed): «\(token)» of \(withdrawn) left in \(name)")
            }
        }
        for token in others { #expect(after.contains(token), "seed \(seed): «\(token)» of another lost") }
        // The lines keep their numbers and the others their labels.
        let (old, new) = (stored.split(separator: "\n", omittingEmptySubsequences: false), after.split(separator: "\n", omittingEmptySubsequences: false))
        #expect(old.count == new.count, "seed \(seed)")
        for (line, was) in zip(new, old) where !was.hasPrefix(withdrawn + ":") {
            #expect(line == was, "seed \(seed): «\(was)» became «\(line)»")
        }
        for line in new where line.hasPrefix(withdrawn + ":") { #expect(line == "\(withdrawn): \(ProjectStore.withdrawnMark)", "seed \(seed)") }
        #expect(throws: StoreError.self) { try store.withdraw(participant: id) }

        // A copy made before is refused; a copy of it as it is now comes in.
        let copy = folder.appendingPathComponent("nå.qualcode")
        try store.checkpoint()
        try FileManager.default.copyItem(at: store.url, to: copy)
        _ = try store.merge(from: copy)
    }

    /// A segment from someone else's turn into theirs stays; its edited quote's base text and a golden
    /// quote made of it keep none of their words, however few.
    @Test func aSegmentReachingIntoTheirTurnKeepsNoneOfTheirWordsInItsCopies() throws {
        let text = "Moderator: Hva skjedde?\nOla: Vi ventet lenge.\nEva: Zqmorbakk sa nei.\n"
        let (store, transcript, folder) = try WithdrawalTests.focusGroup(text, participants: ["Eva", "Ola"])
        let segment = try store.code(transcript, .quote("ventet lenge.\nEva: Zqmorbakk", occurrence: nil), codes: ["Venting"]).segment
        _ = try store.editQuote(segment: segment.id, QuoteUpdate(form: .display("(…) ventet lenge. Eva: Zqmorbakk")))
        try PrivacyFixture.condense(store, transcript, "lenge.\nEva: Zqmorbakk sa", into: "Tid/Venting", text: "Det tok tid.")
        _ = try store.withdraw(participant: try store.resolve.participant("Eva"))
        for (name, data) in try WithdrawalTests.bytes(folder) {
            #expect(data.range(of: Data("Zqmorbakk".utf8)) == nil, "left in \(name)")
        }
        #expect(try store.transcript(transcript).text.contains("Vi ventet lenge."))
    }
}
