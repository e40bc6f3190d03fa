import Foundation
import GRDB

/// Segments by place (transcript, start, end — a matched transcript has the same text, so offsets
/// agree), and codings per coder: (segment, code, coder) is the key, so both coders' codings of one
/// passage stay and nothing is doubled. Edited quote forms go with their segment.
enum MergeCodings {
    static func merge(_ context: MergeContext) throws {
        try mergeSegments(context)
        try mergeCodings(context)
        try mergeQuotes(context)
    }

    private static func mergeSegments(_ context: MergeContext) throws {
        let (ours, theirs) = (context.ours, context.theirs)
        context.declare(.segment)
        var ourPlaces: [SegmentPlace: UUID] = [:]
        var ourPlaceOf: [UUID: SegmentPlace] = [:]
        for row in try Row.fetchAll(ours, sql: "SELECT id, transcriptId, start, \"end\" FROM segment WHERE NOT isOrphaned ORDER BY rowid") {
            let id: UUID = row["id"], place = SegmentPlace(transcript: row["transcriptId"], start: row["start"], end: row["end"])
            if ourPlaces[place] == nil { ourPlaces[place] = id }
            ourPlaceOf[id] = place
        }
        let insert = try ours.makeStatement(sql: """
            INSERT INTO segment (id, transcriptId, start, "end", text, isOrphaned, createdBy, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let lines = try ours.makeStatement(sql: "UPDATE segment SET \(Migrations.segmentLinesAssignment) WHERE id = ?")
        let exists = try ours.makeStatement(sql: "SELECT 1 FROM segment WHERE id = ?")
        let theirSegments = try Segment.order(Column.rowID).fetchAll(theirs)
        try checkSpans(context, theirSegments)
        for segment in theirSegments {
            guard let transcript = context.transcripts[segment.transcriptId] else { continue }
            let place = SegmentPlace(transcript: transcript, start: segment.start, end: segment.end)
            // Two segments an edit shrank onto one place are still two here: the one with their id when it
            // stands there, so each keeps its own codings; else the first at that place.
            if !segment.isOrphaned, let mine = ourPlaceOf[segment.id] == place ? segment.id : ourPlaces[place] {
                context.segments[segment.id] = mine
                context.matched(.segment)
                continue
            }
            // An orphaned segment has no place to match by; the same one is here when its id is.
            if segment.isOrphaned, try Int.fetchOne(exists, arguments: [segment.id]) != nil {
                context.segments[segment.id] = segment.id
                context.matched(.segment)
                continue
            }
            let id = try context.freeID(segment.id, in: "segment")
            try insert.execute(arguments: [id, transcript, segment.start, segment.end, segment.text, segment.isOrphaned,
                                           segment.createdBy, segment.createdAt])
            try lines.execute(arguments: [id])
            context.newSegments.insert(id)
            if !segment.isOrphaned {
                if ourPlaces[place] == nil { ourPlaces[place] = id }
                ourPlaceOf[id] = place
            }
            context.segments[segment.id] = id
            context.added(.segment)
        }
    }

    /// Each live segment of theirs must lie within its transcript's text and hold the text found there:
    /// a doctored or damaged copy would otherwise bring in spans past a text's end, which every later
    /// edit and listing of the transcript would meet.
    private static func checkSpans(_ context: MergeContext, _ segments: [Segment]) throws {
        for (transcriptId, spans) in Dictionary(grouping: segments.filter { !$0.isOrphaned }, by: \.transcriptId) {
            guard let row = try Row.fetchOne(context.theirs, sql: "SELECT slug, text FROM transcript WHERE id = ?", arguments: [transcriptId]) else { continue }
            let slug: String = row["slug"], text: String = row["text"]
            let scalars = text.unicodeScalars
            // Walked once from the start: spans in order of where they begin.
            var index = scalars.startIndex, offset = 0
            for span in spans.sorted(by: { $0.start < $1.start }) {
                let place = "the coded passage \(span.start)–\(span.end) of transcript \(slug.debugDescription)"
                guard span.start >= 0, span.start < span.end,
                      let start = scalars.index(index, offsetBy: span.start - offset, limitedBy: scalars.endIndex),
                      let end = scalars.index(start, offsetBy: span.end - span.start, limitedBy: scalars.endIndex) else {
                    throw context.damaged("\(place) lies outside its text")
                }
                (index, offset) = (start, span.start)
                guard String(scalars[start..<end]) == span.text else {
                    throw context.damaged("\(place) does not hold the text stored for it")
                }
            }
        }
    }

    private static func mergeCodings(_ context: MergeContext) throws {
        let (ours, theirs) = (context.ours, context.theirs)
        context.declare(.coding)
        var ourCodings: [CodingKey: UUID] = [:]
        for row in try Row.fetchAll(ours, sql: "SELECT id, segmentId, codeId, coder FROM coding") {
            ourCodings[CodingKey(segment: row["segmentId"], code: row["codeId"], coder: row["coder"])] = row["id"]
        }
        let insert = try ours.makeStatement(sql: "INSERT INTO coding (id, segmentId, codeId, coder, createdAt) VALUES (?, ?, ?, ?, ?)")
        for coding in try Coding.order(Column.rowID).fetchAll(theirs) {
            guard let segment = context.segments[coding.segmentId], let code = context.codes[coding.codeId] else { continue }
            let key = CodingKey(segment: segment, code: code, coder: coding.coder)
            if let mine = ourCodings[key] {
                context.codings[coding.id] = mine
                context.matched(.coding)
                continue
            }
            let id = try context.freeID(coding.id, in: "coding")
            try insert.execute(arguments: [id, segment, code, coding.coder, coding.createdAt])
            context.newCodings.insert(id)
            ourCodings[key] = id
            context.codings[coding.id] = id
            context.added(.coding)
        }
    }

    private static func mergeQuotes(_ context: MergeContext) throws {
        let (ours, theirs) = (context.ours, context.theirs)
        context.declare(.quote)
        for row in try Row.fetchAll(theirs, sql: """
            SELECT q.segmentId, q.form, q.leadIn, q.updatedBy, q.updatedAt, s.text FROM quote q JOIN segment s ON s.id = q.segmentId ORDER BY q.rowid
            """) {
            guard let segment = context.segments[row["segmentId"]] else { continue }
            let form: String? = row["form"], leadIn: String? = row["leadIn"]
            if let mine = try Row.fetchOne(ours, sql: "SELECT form, leadIn FROM quote WHERE segmentId = ?", arguments: [segment]) {
                context.matched(.quote)
                let what = "«\(String((row["text"] as String).prefix(60)))»"
                var gaps: [String: DatabaseValue] = [:]
                if context.settle(.quote, what, .form, ours: mine["form"], theirs: form) { gaps["form"] = form.databaseValue }
                if context.settle(.quote, what, .leadIn, ours: mine["leadIn"], theirs: leadIn) { gaps["leadIn"] = leadIn.databaseValue }
                try context.fill(.quote, table: "quote", "segmentId", segment, gaps)
                continue
            }
            try ours.execute(sql: "INSERT INTO quote (segmentId, form, leadIn, updatedBy, updatedAt) VALUES (?, ?, ?, ?, ?)",
                             arguments: [segment, form, leadIn, row["updatedBy"] as DatabaseValue, row["updatedAt"] as DatabaseValue])
            context.added(.quote)
        }
    }

    private struct SegmentPlace: Hashable {
        var transcript: UUID
        var start: Int
        var end: Int
    }

    private struct CodingKey: Hashable {
        var segment: UUID
        var code: UUID
        var coder: String
    }
}
