import Foundation
import GRDB
import QualCode

/// A term in the institution's words («kartlegging», «jobbmatch») that may hide the work it stands for.
public struct MapTerm: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "mapTerm"
    public var id: UUID
    public var term: String
    /// The work behind the term was asked about and described.
    public var unpacked: Bool
    /// The question to ask in the next interview («Hva gjør du konkret når du kartlegger?»).
    public var followUp: String?
    /// What the informants say it means.
    public var definition: String?
}

/// Where a term occurs: the lines that use it, and how many per transcript.
public struct TermOccurrences: Sendable, Hashable, Codable {
    public var term: MapTerm
    public var hits: [SearchHit]
    /// Lines using the term, by transcript (its short name).
    public var byTranscript: [String: Int]
    /// All lines using it, also past the hits listed.
    public var total: Int
}

/// A standing question each transcript is read with, and the answers written to it.
public struct MapQuestion: Sendable, Hashable, Codable, FetchableRecord, Identifiable {
    public var id: UUID
    public var text: String
    public var position: Int
}

extension WorkMapping {
    // MARK: - Institutional-capture terms

    /// Adds a term to watch for.
    @discardableResult
    public func addTerm(_ term: String, followUp: String? = nil, definition: String? = nil) throws -> MapTerm {
        let term = try NameRules.checked(term, what: "term")
        // A term is found through the full-text index: one with no word in it («»», an emoji) finds nothing.
        guard (try? FullTextQuery(Self.phrase(term))) != nil else {
            throw StoreError.invalidValue(what: "term", value: term, expected: "a word or words to find in the transcripts")
        }
        return try store.pool.write { db in
            if try MapTerm.fetchAll(db).contains(where: { Self.sameName($0.term, term) }) { throw StoreError.duplicate(what: "term", name: term) }
            let entry = MapTerm(id: UUID.timeOrdered(), term: term, unpacked: false, followUp: followUp.flatMap(Self.clean),
                                definition: definition.flatMap(Self.clean))
            try entry.insert(db)
            try store.log(db, "map.term.add", ["id": LogValue(entry.id), "term": .string(term)])
            return entry
        }
    }

    /// Marks a term as unpacked (or not), with what the informants say it means.
    @discardableResult
    public func setUnpacked(_ id: MapTerm.ID, _ unpacked: Bool, definition: String? = nil) throws -> MapTerm {
        try store.pool.write { db in
            guard var entry = try MapTerm.fetchOne(db, key: id) else {
                throw StoreError.invalidValue(what: "term", value: id.uuidString.lowercased(), expected: "a term of this map")
            }
            entry.unpacked = unpacked
            if let definition { entry.definition = Self.clean(definition) }
            try entry.update(db)
            try store.log(db, "map.term.update", ["id": LogValue(entry.id), "unpacked": .bool(unpacked)])
            return entry
        }
    }

    /// A term by its words, whatever their case; a typo gets the nearest terms.
    public func resolveTerm(_ term: String) throws -> MapTerm.ID {
        let all = try terms()
        let wanted = term.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        if let hit = all.first(where: { Self.sameName($0.term, wanted) }) { return hit.id }
        let hint = Suggestions.nearest(to: wanted, among: all.map(\.term))
        throw StoreError.invalidValue(what: "term", value: term,
                                      expected: hint.isEmpty ? "a term of this map" : "one of \(Suggestions.alternatives(hint))")
    }

    /// The terms, alphabetically.
    public func terms() throws -> [MapTerm] {
        try store.pool.read { db in try MapTerm.order(Column("term").collating(.nocase)).fetchAll(db) }
    }

    /// Finds every term in the transcripts through the full-text index (the term as a phrase, so
    /// «kartlegging» does not match «kartleggingsmal» — add that as its own term).
    public func scanTerms(limit: Int = 200) throws -> [TermOccurrences] {
        try terms().map { term in
            // Every line is fetched so the counts per transcript are whole; `limit` only shortens the list.
            // A term with no word (kept from before such terms were refused) finds nothing.
            guard let result = try? store.search(Self.phrase(term.term), limit: .max) else {
                return TermOccurrences(term: term, hits: [], byTranscript: [:], total: 0)
            }
            var counts: [String: Int] = [:]
            for hit in result.hits { counts[hit.transcript, default: 0] += 1 }
            return TermOccurrences(term: term, hits: Array(result.hits.prefix(limit)), byTranscript: counts, total: result.total)
        }
    }

    /// The term as one full-text phrase.
    static func phrase(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: " ") + "\""
    }

    // MARK: - Standing questions

    /// The questions each transcript is read with, in order.
    public func questions() throws -> [MapQuestion] {
        try store.pool.read { db in try MapQuestion.fetchAll(db, sql: "SELECT id, text, position FROM mapQuestion ORDER BY position") }
    }

    /// Answers a question for one transcript: a memo on the transcript, tied to the question.
    @discardableResult
    public func answer(_ question: MapQuestion.ID, for transcript: Transcript.ID, _ text: String) throws -> Memo {
        try store.pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM mapQuestion WHERE id = ?", arguments: [question]) != nil else {
                throw StoreError.invalidValue(what: "question", value: question.uuidString.lowercased(), expected: "a question of this map")
            }
            let memo = try store.addMemo(in: db, on: .transcript(transcript), text: text)
            try db.execute(sql: "INSERT INTO mapAnswer (questionId, memoId) VALUES (?, ?)", arguments: [question, memo.id])
            return memo
        }
    }

    /// The answers written for a transcript, by question (questions without an answer have none).
    public func answers(for transcript: Transcript.ID) throws -> [(question: MapQuestion, answers: [String])] {
        try answers(for: transcript, questions: try questions(), questionOf: try answerMemos())
    }

    func answers(for transcript: Transcript.ID, questions: [MapQuestion], questionOf: [Memo.ID: MapQuestion.ID])
        throws -> [(question: MapQuestion, answers: [String])] {
        let memos = try store.memos(on: .transcript(transcript)).filter { questionOf[$0.id] != nil }
        return questions.map { question in (question, memos.filter { questionOf[$0.id] == question.id }.map(\.text)) }
    }

    /// Which question each answer memo answers.
    func answerMemos() throws -> [Memo.ID: MapQuestion.ID] {
        try store.pool.read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT memoId, questionId FROM mapAnswer").map { ($0[0] as UUID, $0[1] as UUID) },
                       uniquingKeysWith: { first, _ in first })
        }
    }
}
