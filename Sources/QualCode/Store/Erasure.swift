import Foundation
import GRDB

/// What a withdrawal or redaction took out of the project, kept as ids and fingerprints only, so a copy
/// made before it cannot bring the words back in a merge.
enum Erasure: String {
    /// A withdrawn participant, by id.
    case participant
    /// A transcript withdrawn, or changed by a redaction or a withdrawal from a focus group, by id.
    case transcript
    /// A transcript's text as it was before, by its SHA-256 (as a merge matches texts).
    case text

    /// Records that `value` of this kind was erased (once).
    func record(_ db: Database, _ value: String) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO erasure (kind, value) VALUES (?, ?)", arguments: [rawValue, value])
    }

    /// Records a transcript changed or removed, with its text as it was.
    static func record(_ db: Database, transcript id: UUID, text: String) throws {
        try Erasure.transcript.record(db, id.uuidString)
        try Erasure.text.record(db, MergeTranscripts.hash(text))
    }

    /// The values of this kind recorded in `db`.
    func values(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT value FROM erasure WHERE kind = ?", arguments: [rawValue]))
    }
}

extension ProjectStore {
    /// Refuses a copy holding what was withdrawn or redacted here: a withdrawn participant, a
    /// transcript as it was before (by its text anywhere, or by its id with a text other than ours
    /// now), which a merge would otherwise bring back in beside ours.
    ///
    /// A text this project still holds itself (a transcript imported twice, one of them redacted) is
    /// nothing the merge could bring back. A transcript changed on either side after the copy was made
    /// is refused only when the copy has not been through every erasure made here: one made since (or
    /// where the same was withdrawn and redacted) records them too.
    ///
    /// - Throws: ``StoreError/mergeRefused(path:reason:)`` with ``MergeRefusal/holdsErasedWords(participants:transcripts:)``.
    func refuseErasedWords(_ theirs: Database, ours: Database, path: String) throws {
        let participants = try Erasure.participant.values(ours)
        let transcripts = try Erasure.transcript.values(ours)
        guard !participants.isEmpty || !transcripts.isEmpty else { return }
        let kept = Set(try String.fetchAll(ours, sql: "SELECT text FROM transcript").map(MergeTranscripts.hash))
        let texts = try Erasure.text.values(ours)
        let erasedSince = try theirs.tableExists("erasure") ? texts.subtracting(try Erasure.text.values(theirs)) : texts
        let people = try Row.fetchAll(theirs, sql: "SELECT id, pseudonym FROM participant ORDER BY pseudonym")
            .filter { participants.contains(($0["id"] as UUID).uuidString) }.map { $0["pseudonym"] as String }
        var held: [String] = []
        for row in try Row.fetchAll(theirs, sql: "SELECT id, slug, text FROM transcript ORDER BY slug") {
            let id: UUID = row["id"], text: String = row["text"], digest = MergeTranscripts.hash(text)
            if texts.contains(digest) && !kept.contains(digest) { held.append(row["slug"]); continue }
            guard transcripts.contains(id.uuidString), !erasedSince.isEmpty else { continue }
            let mine = try String.fetchOne(ours, sql: "SELECT text FROM transcript WHERE id = ?", arguments: [id])
            if mine != text { held.append(row["slug"]) }
        }
        guard people.isEmpty && held.isEmpty else {
            throw StoreError.mergeRefused(path: path, reason: .holdsErasedWords(participants: people, transcripts: held))
        }
    }
}
