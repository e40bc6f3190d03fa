import Foundation
import GRDB

/// Every coding as a row: the long format for R, SPSS or Excel («én rad per koding»).
public struct CodingsOptions: Sendable, Hashable {
    /// The attribute columns, in this order; nil gives every attribute, by name.
    public var attributes: [String]?
    /// Only codings of these codes (name or path); empty means all.
    public var codes: [String]
    /// Whether the codings of every code below a named one are included too.
    public var includeChildren: Bool
    public var presentation: TablePresentation

    public init(attributes: [String]? = nil, codes: [String] = [], includeChildren: Bool = false,
                presentation: TablePresentation = TablePresentation()) {
        self.attributes = attributes
        self.codes = codes
        self.includeChildren = includeChildren
        self.presentation = presentation
    }
}

extension ProjectStore {
    /// One row per coding, in transcript and text order: segment id, transcript, first and last
    /// line, start and end offsets (Unicode scalars, end exclusive), code path, coder, when it was
    /// coded (ISO 8601, UTC), who said the segment, each participant attribute, and the segment text.
    ///
    /// When several participants said a segment, the participant column lists them separated by
    /// «; », and each attribute column lists their values in the same order. Orphaned segments are
    /// left out, as in every standard table.
    ///
    /// - Throws: ``ExportError/unknownAttribute(name:use:known:suggestions:)`` for an unknown attribute,
    ///   ``StoreError`` for an unknown code, ``ExportError/onlyInChildren(_:)`` for a named code whose
    ///   segments are all in its children while `options.includeChildren` is false.
    public func codingsTable(_ options: CodingsOptions = CodingsOptions()) throws -> Table {
        try pool.read { db in
            let source = try TableSource.read(db)
            let presentation = options.presentation
            let words = presentation.words, numbers = presentation.numbers
            let attributes = try source.attributes(named: options.attributes, for: .tableColumns)
            try Self.refuseCodesOnlyInChildren(db, options.codes, includeChildren: options.includeChildren)
            let codes = try source.codes(named: options.codes, includeChildren: options.includeChildren, in: db)
            let codeIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.code.id, $0) })
            let segments = Dictionary(uniqueKeysWithValues: try Self.segmentRows(db, in: .every, where: "NOT s.isOrphaned").map { ($0.info.id, $0) })
            let people = Dictionary(uniqueKeysWithValues: source.participants.map { ($0.pseudonym, $0) })

            let codings = try Row.fetchAll(db, sql: """
                SELECT g.segmentId, g.codeId, g.coder, g.createdAt FROM coding g JOIN segment s ON s.id = g.segmentId
                WHERE NOT s.isOrphaned
                """).compactMap { row -> (segment: SegmentRow, code: Int, coder: String, at: Date)? in
                    guard let segment = segments[row["segmentId"]], let code = codeIndex[row["codeId"]] else { return nil }
                    return (segment, code, row["coder"], row["createdAt"])
                }
                .sorted { a, b in
                    (a.segment.info.transcript, a.segment.info.start, a.segment.info.end, a.code, a.coder)
                        < (b.segment.info.transcript, b.segment.info.start, b.segment.info.end, b.code, b.coder)
                }

            let dateFormat = ISO8601DateFormatter()
            dateFormat.timeZone = TimeZone(identifier: "UTC")
            let rows = codings.map { coding -> [String] in
                let info = coding.segment.info
                let speakers = coding.segment.participants.map(\.pseudonym)
                let values = attributes.map { attribute in
                    let each = speakers.map { people[$0]?.attributes[attribute.name].map { numbers.attributeValue($0, type: attribute.type) } ?? "" }
                    return each.allSatisfy(\.isEmpty) ? "" : each.joined(separator: "; ")
                }
                return [info.id.uuidString, info.transcript, String(info.firstLine), String(info.lastLine), String(info.start), String(info.end),
                        codes[coding.code].path, coding.coder, dateFormat.string(from: coding.at), speakers.joined(separator: "; ")]
                    + values + [info.text]
            }
            let header = words.codingsHeader.prefix(10) + attributes.map(presentation.header) + words.codingsHeader.suffix(1)
            return Table(caption: presentation.caption(or: words[.codingsCaption]), header: Array(header), rows: rows,
                         notes: [rows.isEmpty ? words[.noCodings] : words[.codingsNote]])
        }
    }
}
