import Foundation
import GRDB

/// What the exchange module (REFI-QDA) writes into the core's tables: records with the ids and
/// timestamps another tool gave them, so an exported project imported again is the same project.
/// Each function takes the `Database` of a `pool.write` the module opened; the module checks names
/// and ranges before it calls them.
extension ProjectStore {
    /// Stores a transcript as given (id, title, text with LF line ends, time), under a short name made
    /// from `name` that no other transcript has, with its speaker turns and its search index.
    package func insertExchangedTranscript(_ db: Database, _ transcript: Transcript, name: String,
                                           participants: [Participant]) throws -> Transcript {
        var transcript = transcript
        let taken = Set(try String.fetchAll(db, sql: "SELECT slug FROM transcript"))
        let base = Self.slug(name)
        var slug = base, n = 2
        while taken.contains(slug) { slug = "\(base)-\(n)"; n += 1 }
        transcript.slug = slug
        try transcript.insert(db)
        let scalars = ScalarText(transcript.text)
        let everyone = try Participant.fetchAll(db)
        let turns = SpeakerTurns(knownNames: everyone.map(\.pseudonym)).turns(in: scalars)
        let assignment = Self.assignSpeakers(Self.orderedSpeakers(turns), given: participants, everyone: everyone, speakerMap: [:])
        for participant in participants {
            try TranscriptParticipant(transcriptId: transcript.id, participantId: participant.id).insert(db)
        }
        let insertTurn = try db.cachedStatement(sql: """
            INSERT INTO turn (transcriptId, ordinal, speaker, participantId, start, "end", startTime, endTime)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (ordinal, turn) in turns.enumerated() {
            try insertTurn.execute(arguments: [transcript.id, ordinal, turn.speaker, assignment[turn.speaker],
                                               turn.start, turn.end, turn.startTime, turn.endTime])
        }
        try Self.indexPassages(db, transcript, scalars)
        try log(db, "transcript.exchange", ["id": LogValue(transcript.id), "name": .string(slug), "characters": .int(scalars.count)])
        return transcript
    }

    /// Stores segments of one transcript as given (ids, offsets, creator, time); their text and line
    /// numbers are taken from the transcript's stored text. Offsets must lie inside it.
    package static func insertExchangedSegments(_ db: Database, _ segments: [Segment], in transcript: Transcript) throws {
        let text = ScalarText(transcript.text)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO segment (id, transcriptId, start, "end", text, isOrphaned, createdBy, createdAt, firstLine, lastLine)
            VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
            """)
        for segment in segments {
            try insert.execute(arguments: [segment.id, transcript.id, segment.start, segment.end, text.slice(segment.start, segment.end),
                                           segment.createdBy, segment.createdAt, text.line(at: segment.start),
                                           text.line(at: max(segment.start, segment.end - 1))])
        }
    }

    /// Stores a code, a coding, a memo, a participant, an attribute or a value as given.
    package static func insertExchanged(_ db: Database, _ record: some PersistableRecord) throws {
        try record.insert(db)
    }

    /// Stores one participant's value of one attribute, in the attribute's normal form.
    package static func insertExchangedValue(_ db: Database, participant: Participant.ID, attribute: Attribute.ID, value: String) throws {
        try AttributeValue(participantId: participant, attributeId: attribute, value: value).insert(db)
    }

    /// The participants of a transcript, linked.
    package static func linkExchanged(_ db: Database, participant: Participant.ID, transcript: Transcript.ID) throws {
        try TranscriptParticipant(transcriptId: transcript, participantId: participant).insert(db, onConflict: .ignore)
    }

    /// Every coding, segment, memo and link between transcripts and participants, as stored: what an
    /// exchange file carries besides what the public reads give.
    package static func exchangeRecords(_ db: Database) throws -> ExchangeRecords {
        ExchangeRecords(
            transcripts: try Transcript.order(Transcript.Columns.slug).fetchAll(db),
            segments: try Segment.order(Segment.Columns.transcriptId, Segment.Columns.start, Segment.Columns.end).fetchAll(db),
            codings: try Coding.order(Column("createdAt"), Column("id")).fetchAll(db),
            codes: try Code.order(Code.Columns.name).fetchAll(db),
            memos: try Memo.order(Memo.Columns.createdAt).fetchAll(db),
            participants: try Participant.order(Participant.Columns.pseudonym).fetchAll(db),
            attributes: try Attribute.order(Attribute.Columns.name).fetchAll(db),
            values: try AttributeValue.fetchAll(db),
            links: try TranscriptParticipant.fetchAll(db),
            info: try ProjectInfo.fetchOne(db))
    }

    /// Records an exchange in the event log.
    package func logExchange(_ db: Database, _ action: String, _ counts: [String: Int]) throws {
        try log(db, action, counts.mapValues { .int($0) })
    }
}

/// The stored records an exchange file is written from.
package struct ExchangeRecords: Sendable {
    package var transcripts: [Transcript]
    package var segments: [Segment]
    package var codings: [Coding]
    package var codes: [Code]
    package var memos: [Memo]
    package var participants: [Participant]
    package var attributes: [Attribute]
    package var values: [AttributeValue]
    package var links: [TranscriptParticipant]
    package var info: ProjectInfo?
}

/// The core's checks for untrusted input, for the exchange module's files: ZIP entries read with
/// SafeZip's limits, XML refused when it declares a DTD, text decoded and normalised as imports are.
package enum ExchangeInput {
    /// An untrusted ZIP package: its entry paths and their bytes, each held to `limit`.
    package struct Zip {
        private let zip: SafeZip

        package init(url: URL, file: String) throws(ImportError) { zip = try SafeZip(url: url, file: file) }

        package var paths: [String] { zip.archive.map(\.path) }

        package func data(_ path: String, limit: Int) throws(ImportError) -> Data { try zip.data(path, limit: limit) }
    }

    /// A file's bytes, refused when it is not a regular file, is empty or is over `limit`.
    package static func read(_ url: URL, limit: Int) throws(ImportError) -> Data { try ImportFile.read(url, limit: limit) }

    /// Whether XML bytes declare a document type or entities.
    package static func declaresDTD(_ data: Data) -> Bool { WordXML.declaresDTD(data) }

    /// UTF-8 (with or without BOM) or UTF-16 with BOM, as text files are read; line ends kept.
    package static func decode(_ data: Data, file: String) throws(ImportError) -> String {
        try TextDecoding.decode(data, file: file, encoding: nil)
    }

    /// A scalar that is its own NFC form and never combines with a neighbour.
    package static func isNFCStable(_ scalar: Unicode.Scalar) -> Bool { TextDecoding.isNFCStable(scalar) }
}
