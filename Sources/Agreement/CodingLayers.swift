import Foundation
import GRDB
import QualCode

/// The compared coders' codings read once, transcript by transcript: what the statistics, the
/// disagreement list and consensus decisions are all worked out from. Orphaned segments (text an edit
/// removed) are left out: there is nothing left to agree on.
struct CodingLayers: Sendable {
    /// One coder's mark: a segment they coded with the code.
    struct Mark: Hashable, Sendable {
        var segment: UUID
        var span: Span
    }

    struct Layer: Sendable {
        var id: UUID
        var slug: String
        var text: String
        var length: Int
        /// Which compared coders (by index) coded anything in the transcript: the others' decisions
        /// are missing here, not «not coded».
        var coded: [Bool]
        /// Per code, per coder (by index), the coder's marks in text order.
        var marks: [UUID: [[Mark]]]
        /// Every compared coder's marks, of any code.
        var allSpans: [Span]

        func marks(of code: UUID, coder: Int) -> [Mark] { marks[code]?[coder] ?? [] }

        /// What the coder covered with the code, or nil when the coder did not code the transcript.
        func coverage(of code: UUID, coder: Int) -> [Span]? {
            coded[coder] ? marks(of: code, coder: coder).map(\.span).covered() : nil
        }

        var codedByAll: Bool { !coded.contains(false) }
    }

    var coders: [String]
    /// The transcripts at least two of the coders coded, by short name.
    var layers: [Layer]
    /// Transcripts in scope that fewer than two of the coders coded: nothing to compare there.
    var leftOut: [String]
    /// The codes compared, by path.
    var codes: [UUID]
    var paths: [UUID: String]

    static func read(_ db: Database, _ scope: AgreementScope) throws -> CodingLayers {
        var coders: [String] = []
        for coder in scope.coders where !coders.contains(coder) { coders.append(coder) }
        guard coders.count >= 2 else { throw AgreementError.needsTwoCoders }
        let known = try ProjectStore.coders(db)
        for coder in coders where !known.contains(coder) { throw AgreementError.unknownCoder(name: coder, known: known) }
        let summaries = try ProjectStore.transcripts(db)
        for id in scope.transcripts where !summaries.contains(where: { $0.id == id }) { throw StoreError.missing(.transcript, id) }
        let wanted = scope.transcripts.isEmpty ? nil : Set(scope.transcripts)
        let index = try CodeIndex(db)
        let existing = Set(try ProjectStore.codes(db, ids: scope.codes).map(\.id))
        for id in scope.codes where !existing.contains(id) { throw StoreError.missing(.code, id) }

        let places = try ProjectStore.codings(db, by: coders, in: scope.transcripts.isEmpty ? nil : scope.transcripts)
            .filter { !$0.isOrphaned }
        let coderIndex = Dictionary(uniqueKeysWithValues: coders.enumerated().map { ($1, $0) })
        var byTranscript: [UUID: [ProjectStore.CodingPlace]] = [:]
        for place in places { byTranscript[place.transcriptId, default: []].append(place) }

        let only = scope.codes.isEmpty ? nil : Set(scope.codes)
        var used: Set<UUID> = []
        var layers: [Layer] = [], leftOut: [String] = []
        for summary in summaries.sorted(by: { $0.name < $1.name }) where wanted?.contains(summary.id) ?? true {
            let here = byTranscript[summary.id] ?? []
            var coded = Array(repeating: false, count: coders.count)
            for place in here { coded[coderIndex[place.coder]!] = true }
            guard coded.filter({ $0 }).count >= 2 else { leftOut.append(summary.name); continue }
            let text = try ProjectStore.transcriptText(db, id: summary.id) ?? ""
            var marks: [UUID: [[Mark]]] = [:]
            // The coding table's unique key (segment, code, coder) means each place is one mark.
            for place in here {
                if let only, !only.contains(place.code) { continue }
                used.insert(place.code)
                marks[place.code, default: Array(repeating: [], count: coders.count)][coderIndex[place.coder]!]
                    .append(Mark(segment: place.segment, span: Span(start: place.start, end: place.end)))
            }
            layers.append(Layer(id: summary.id, slug: summary.name, text: text, length: text.unicodeScalars.count, coded: coded,
                                marks: marks, allSpans: here.map { Span(start: $0.start, end: $0.end) }))
        }
        let codes = (scope.codes.isEmpty ? Array(used) : scope.codes).reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        let paths = Dictionary(uniqueKeysWithValues: codes.map { ($0, index.path(of: $0)) })
        return CodingLayers(coders: coders, layers: layers, leftOut: leftOut,
                            codes: codes.sorted { (paths[$0]!.lowercased(), paths[$0]!) < (paths[$1]!.lowercased(), paths[$1]!) },
                            paths: paths)
    }
}
