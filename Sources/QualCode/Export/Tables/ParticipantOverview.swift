import Foundation

/// The overview of the participants («Oversikt over informantene»), as a thesis or report has it in
/// its method chapter or appendix: pseudonym, label, attributes, transcripts and coded segments.
public struct ParticipantOverviewOptions: Sendable, Hashable {
    /// The attribute columns, in this order; nil shows every attribute, by name.
    public var attributes: [String]?
    public var presentation: TablePresentation

    public init(attributes: [String]? = nil, presentation: TablePresentation = TablePresentation()) {
        self.attributes = attributes
        self.presentation = presentation
    }
}

extension ProjectStore {
    /// One row per participant, ordered by pseudonym. Attribute values are shown as stored (floats
    /// with the language's decimal separator); a missing value is an empty cell.
    ///
    /// - Throws: ``StoreError/notFound(what:reference:candidates:suggestions:)`` for an attribute the project
    ///   does not have.
    public func participantOverview(_ options: ParticipantOverviewOptions = ParticipantOverviewOptions()) throws -> Table {
        try pool.read { db in try Self.participantOverview(TableSource.read(db), options) }
    }

    static func participantOverview(_ source: TableSource, _ options: ParticipantOverviewOptions) throws -> Table {
        let presentation = options.presentation
        let words = presentation.words, numbers = presentation.numbers
        let attributes = try source.attributes(named: options.attributes, for: .tableColumns)
        let segments = source.segmentsByParticipant
        let rows = source.participants.map { p in
            [p.pseudonym, p.label ?? ""]
                + attributes.map { a in p.attributes[a.name].map { numbers.attributeValue($0, type: a.type) } ?? "" }
                + [String(source.transcriptsByParticipant[p.id] ?? 0), String(segments[p.id] ?? 0)]
        }
        let header = [words[.pseudonym], words[.label]] + attributes.map(presentation.header) + [words[.transcripts], words[.segments]]
        let note = source.participants.isEmpty ? words[.noParticipants] : words[.participantOverviewNote]
        return Table(caption: presentation.caption(or: words[.participantOverviewCaption]), header: header, rows: rows, notes: [note])
    }
}
