import Foundation
import QualCode
import ZIPFoundation

/// A project or codebook written as REFI-QDA, and what it carries.
public struct RefiExport: Sendable {
    /// The `.qdpx` package (ZIP) or the `.qdc` codebook (XML).
    public var data: Data
    public var summary: RefiExportSummary
}

/// What an export carries, and what it had to leave out.
public struct RefiExportSummary: Sendable, Hashable, Codable {
    public var sources = 0
    public var codes = 0
    public var selections = 0
    public var codings = 0
    public var notes = 0
    public var cases = 0
    public var variables = 0
    public var users = 0
    /// Segments whose text an edit removed: they have no place in the text, so they and their codings are left out.
    public var orphanedSegmentsLeftOut = 0
    /// Memos on those segments: written as notes on the segment's transcript rather than lost.
    public var orphanedSegmentMemosOnTranscript = 0
    /// English labels of codes: REFI-QDA has no place for them.
    public var englishLabelsLeftOut = 0
    /// Steps, actions, actors, texts and disjunctures of the work map, as vertices of a graph.
    public var mapNodes = 0
    /// Links of the work map, as edges of that graph.
    public var mapLinks = 0
    /// Condensates and analytic texts of code groups and subgroups, as notes on their codes.
    public var condensationNotes = 0
}

extension Exchange {
    /// The whole project as a REFI-QDA package: `project.qde` and `sources/<guid>.txt` (UTF-8) per
    /// transcript. Codes (tree, colours, definitions), coders as users, transcripts with their segments
    /// and codings (positions in Unicode code points, end exclusive), memos as notes, participants as
    /// cases with their attributes as variables, the work map as a graph, condensates and analytic texts as notes on their
    /// group's code. GUIDs are our ids, or the ones an import brought in.
    ///
    /// - Parameter screen: what every string of `project.qde` (names, descriptions, notes, variables,
    ///   the map's vertices) and every transcript must pass first (a safe export).
    public func refiProject(screen: (any ExportScreen)? = nil) throws -> RefiExport {
        let (records, guids, graph, condensation) = try store.pool.read { db in
            (try ProjectStore.exchangeRecords(db), try GUIDTable(db), try WorkMapGraph(db), try CondensationNotes(db))
        }
        let writer = ProjectWriter(records, guids: guids, graph: graph, condensation: condensation)
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ name: String, _ data: Data) throws {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let project = writer.project()
        // The strings of project.qde and every transcript whole, as this very package carries them.
        try screen?.check(Self.visibleStrings(ofXML: project) + records.transcripts.map(\.text))
        try add("project.qde", Data(project.utf8))
        for transcript in records.transcripts {
            try add("sources/" + writer.sourceFileName(transcript), Data(transcript.text.utf8))
        }
        guard let data = archive.data else { throw ExportError.archiveFailed(reason: "the archive has no data") }
        let exported = records.segments.filter { !$0.isOrphaned }
        let exportedIds = Set(exported.map(\.id))
        let summary = RefiExportSummary(
            sources: records.transcripts.count, codes: records.codes.count, selections: exported.count,
            codings: records.codings.filter { exportedIds.contains($0.segmentId) }.count, notes: records.memos.count,
            cases: records.participants.count, variables: records.attributes.count, users: writer.users.count,
            orphanedSegmentsLeftOut: records.segments.count - exported.count,
            englishLabelsLeftOut: records.codes.filter { $0.englishLabel != nil }.count,
            mapNodes: graph.vertices.count, mapLinks: graph.links.count, condensationNotes: condensation.notes.count)
        var counted = summary
        counted.orphanedSegmentMemosOnTranscript = writer.orphanedSegmentMemos
        return RefiExport(data: data, summary: counted)
    }

    /// The code tree as a REFI-QDA codebook (`.qdc`): names, nesting, colours and definitions.
    ///
    /// - Throws: ``ExchangeError/noCodes`` when the project has no codes (a codebook must hold one).
    ///
    /// - Parameter screen: what every string of the codebook must pass first (a safe export).
    public func refiCodebook(screen: (any ExportScreen)? = nil) throws -> RefiExport {
        let (records, guids) = try store.pool.read { db in (try ProjectStore.exchangeRecords(db), try GUIDTable(db)) }
        guard !records.codes.isEmpty else { throw ExchangeError.noCodes }
        let writer = ProjectWriter(records, guids: guids)
        var summary = RefiExportSummary()
        summary.codes = records.codes.count
        summary.englishLabelsLeftOut = records.codes.filter { $0.englishLabel != nil }.count
        let codebook = writer.codebook()
        try screen?.check(Self.visibleStrings(ofXML: codebook))
        return RefiExport(data: Data(codebook.utf8), summary: summary)
    }

    /// The attribute values and text of an XML document we wrote, each its own string with the entities
    /// undone: what another program shows of it, and what a privacy screen reads.
    static func visibleStrings(ofXML xml: String) -> [String] {
        var strings: [String] = []
        var current = ""
        var inTag = false, quote: Character?
        for character in xml {
            if let open = quote {
                if character == open { strings.append(current); current = ""; quote = nil } else { current.append(character) }
            } else if inTag {
                if character == "\"" || character == "'" { quote = character } else if character == ">" { inTag = false }
            } else if character == "<" {
                if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { strings.append(current) }
                current = ""
                inTag = true
            } else {
                current.append(character)
            }
        }
        return strings.filter { !$0.isEmpty }.map(unescaped)
    }

    private static func unescaped(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&#10;", "\n"), ("&#13;", "\r"), ("&#9;", "\t")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result.replacingOccurrences(of: "&amp;", with: "&")
    }
}
