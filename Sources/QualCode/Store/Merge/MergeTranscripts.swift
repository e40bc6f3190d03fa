import Foundation
import GRDB

/// Transcripts by the SHA-256 of their stored text: the same text is the same transcript whatever
/// its id or short name, so offsets into it agree between the copies. A new one comes in whole —
/// participants linked, speaker turns, the full-text index, its recording's place.
enum MergeTranscripts {
    static func merge(_ context: MergeContext) throws {
        let (ours, theirs) = (context.ours, context.theirs)
        context.declare(.transcript)
        var byHash: [String: UUID] = [:]
        var ourHashes: [UUID: String] = [:]
        var ourSlugs: Set<String> = []
        for row in try Row.fetchAll(ours, sql: "SELECT id, slug, text FROM transcript ORDER BY rowid") {
            let id: UUID = row["id"], digest = hash(row["text"])
            if byHash[digest] == nil { byHash[digest] = id }
            ourHashes[id] = digest
            ourSlugs.insert(row["slug"])
        }
        for transcript in try Transcript.order(Column.rowID).fetchAll(theirs) {
            let digest = hash(transcript.text)
            // A text imported twice on purpose is two transcripts here: the one with their id when its
            // text is the same, so each keeps its own codings; else the first with that text.
            if let mine = ourHashes[transcript.id] == digest ? transcript.id : byHash[digest] {
                context.transcripts[transcript.id] = mine
                context.matched(.transcript)
                continue
            }
            var new = transcript
            // Our copy of this very transcript, edited differently: offsets no longer agree, so theirs
            // comes in beside ours rather than over it.
            if let mine = try Transcript.fetchOne(ours, key: transcript.id) {
                new.id = UUID.timeOrdered()
                new.slug = try ProjectStore.uniqueSlug(ours, transcript.slug)
                context.conflict(.transcript, mine.slug, .text, ours: characters(mine.text), theirs: characters(transcript.text),
                                 outcome: .cameInAs(new.slug))
            } else if ourSlugs.contains(transcript.slug) {
                new.slug = try ProjectStore.uniqueSlug(ours, transcript.slug)
                context.conflict(.transcript, transcript.slug, .name, ours: transcript.slug, theirs: transcript.slug,
                                 outcome: .cameInAs(new.slug))
            }
            try new.insert(ours)
            try carry(context, from: transcript.id, to: new)
            if byHash[digest] == nil { byHash[digest] = new.id }
            ourHashes[new.id] = digest
            ourSlugs.insert(new.slug)
            context.transcripts[transcript.id] = new.id
            context.added(.transcript)
        }
    }

    /// The new transcript's participant links, speaker turns, passages and recording.
    private static func carry(_ context: MergeContext, from theirId: UUID, to new: Transcript) throws {
        let (ours, theirs) = (context.ours, context.theirs)
        for link in try TranscriptParticipant.filter(TranscriptParticipant.Columns.transcriptId == theirId).order(Column.rowID).fetchAll(theirs) {
            guard let participant = context.participants[link.participantId] else { continue }
            try TranscriptParticipant(transcriptId: new.id, participantId: participant).insert(ours)
        }
        for var turn in try Turn.filter(Turn.Columns.transcriptId == theirId).order(Turn.Columns.ordinal).fetchAll(theirs) {
            turn.transcriptId = new.id
            turn.participantId = turn.participantId.flatMap { context.participants[$0] }
            try turn.insert(ours)
        }
        try ProjectStore.indexPassages(ours, new)
        if let media = try Row.fetchOne(theirs, sql: "SELECT path, contentType, byteCount, attachedAt, attachedBy FROM transcriptMedia WHERE transcriptId = ?",
                                        arguments: [theirId]) {
            try ours.execute(sql: """
                INSERT INTO transcriptMedia (transcriptId, path, contentType, byteCount, attachedAt, attachedBy) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [new.id, media["path"] as DatabaseValue, media["contentType"] as DatabaseValue,
                                 media["byteCount"] as DatabaseValue, media["attachedAt"] as DatabaseValue, media["attachedBy"] as DatabaseValue])
        }
    }

    static func hash(_ text: String) -> String { SHA256Digest.hex(Data(text.utf8)) }

    private static func characters(_ text: String) -> String { "\(text.unicodeScalars.count) characters" }
}
