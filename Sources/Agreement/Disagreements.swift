import Foundation
import GRDB
import QualCode

/// A passage the coders coded differently with one code: some coded it and some did not (presence),
/// or all did but over different stretches (boundaries). Overlapping marks of the code are one passage.
public struct Disagreement: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Some coders gave the code here, some did not.
        case presence
        /// Every coder gave the code here, over different stretches.
        case boundaries
    }

    /// A passage one coder marked with the code.
    public struct Passage: Sendable, Hashable, Codable {
        public var segment: Segment.ID
        public var start: Int
        public var end: Int
        public var firstLine: Int
        public var lastLine: Int
        public var text: String
    }

    /// What one coder did here: their passages (none when they did not give the code here).
    public struct Side: Sendable, Hashable, Codable {
        public var coder: String
        public var passages: [Passage]
    }

    /// Sixteen hexadecimal digits worked out from the code, the transcript, the passage and the coders,
    /// so the same disagreement has the same number in every listing until the codings change.
    public var id: String
    public var code: Code.ID
    public var codePath: String
    public var transcript: Transcript.ID
    /// The transcript's short name.
    public var transcriptName: String
    /// The stretch every side's passages lie in (Unicode scalars, end exclusive), and its lines.
    public var start: Int
    public var end: Int
    public var firstLine: Int
    public var lastLine: Int
    public var kind: Kind
    /// One per compared coder, in their order.
    public var sides: [Side]
    /// The consensus decision taken on it, if one was.
    public var decision: ConsensusDecision?
}

/// The disagreements between the coders, in code and text order.
public struct DisagreementList: Sendable, Hashable, Codable {
    public var coders: [String]
    public var items: [Disagreement]
    /// Passages every coder gave the code to, over the same stretch.
    public var agreed: Int
    /// Transcripts left out because not every compared coder coded them (a missing coder is no
    /// disagreement), by short name.
    public var notCodedByAll: [String]
    /// Decisions between these coders on passages that are no longer as they were decided (their
    /// codings changed since): their consensus codings stand until the passage is decided again.
    public var changedDecisions = 0
}

extension Agreement {
    /// The passages the coders coded differently, side by side, with any consensus decision taken.
    ///
    /// - Throws: as ``agreement(_:)``.
    public func disagreements(_ scope: AgreementScope) throws -> DisagreementList {
        try store.pool.read { db in
            let layers = try CodingLayers.read(db, scope)
            return try Self.disagreements(layers, decisions: ConsensusDecision.all(db, coders: layers.coders))
        }
    }

    static func disagreements(_ layers: CodingLayers, decisions: [String: ConsensusDecision]) -> DisagreementList {
        var list = DisagreementList(coders: layers.coders, items: [], agreed: 0, notCodedByAll: [])
        let compared = layers.layers.filter(\.codedByAll)
        list.notCodedByAll = layers.layers.filter { !$0.codedByAll }.map(\.slug) + layers.leftOut
        list.notCodedByAll.sort()
        let texts = Dictionary(uniqueKeysWithValues: compared.map { ($0.id, ScalarText($0.text)) })
        var seen: Set<String> = []
        for code in layers.codes {
            for layer in compared {
                let marks = layers.coders.indices.map { layer.marks(of: code, coder: $0) }
                for (cluster, inside) in passages(marks) {
                    let coverage = inside.map { $0.map(\.span).covered() }
                    let id = disagreementID(code: code, transcript: layer.id, span: cluster, coders: layers.coders)
                    if !coverage.contains(where: \.isEmpty), Set(coverage).count == 1 {
                        list.agreed += 1
                        seen.insert(id)
                        continue
                    }
                    let text = texts[layer.id]!
                    let sides = zip(layers.coders, inside).map { coder, marks in
                        Disagreement.Side(coder: coder, passages: marks.map { mark in
                            Disagreement.Passage(segment: mark.segment, start: mark.span.start, end: mark.span.end,
                                                 firstLine: text.line(at: mark.span.start), lastLine: text.line(at: max(mark.span.start, mark.span.end - 1)),
                                                 text: text.slice(mark.span.start, mark.span.end))
                        })
                    }
                    seen.insert(id)
                    list.items.append(Disagreement(
                        id: id, code: code, codePath: layers.paths[code] ?? "", transcript: layer.id, transcriptName: layer.slug,
                        start: cluster.start, end: cluster.end, firstLine: text.line(at: cluster.start),
                        lastLine: text.line(at: max(cluster.start, cluster.end - 1)),
                        kind: coverage.contains(where: \.isEmpty) ? .presence : .boundaries, sides: sides, decision: decisions[id]))
                }
            }
        }
        list.changedDecisions = decisions.keys.filter { !seen.contains($0) }.count
        return list
    }

    /// The first sixteen hex digits of the SHA-256 of what makes the disagreement this one: 64 bits, so
    /// two passages of one project do not share a number.
    static func disagreementID(code: UUID, transcript: UUID, span: Span, coders: [String]) -> String {
        let key = [code.uuidString, transcript.uuidString, String(span.start), String(span.end)] + coders.sorted()
        return String(SHA256Digest.hex(Data(key.joined(separator: "\u{1F}").utf8)).prefix(16))
    }

    /// The passages one code's marks make (overlapping marks of any coder joined), each with every
    /// coder's marks in it; each mark lies in exactly one passage, found by binary search.
    static func passages(_ marks: [[CodingLayers.Mark]]) -> [(Span, [[CodingLayers.Mark]])] {
        let clusters = marks.flatMap { $0.map(\.span) }.clustered()
        var inside = Array(repeating: Array(repeating: [CodingLayers.Mark](), count: marks.count), count: clusters.count)
        for (coder, own) in marks.enumerated() {
            for mark in own where mark.span.start < mark.span.end {
                var low = 0, high = clusters.count
                while low < high {
                    let mid = (low + high) / 2
                    if clusters[mid].end <= mark.span.start { low = mid + 1 } else { high = mid }
                }
                if low < clusters.count { inside[low][coder].append(mark) }
            }
        }
        return Array(zip(clusters, inside))
    }
}
