import Foundation

/// What the columns of a code matrix are: the values of one participant attribute («IPS», «Utvidet
/// oppfølging»), or the participants themselves.
public enum MatrixColumns: Sendable, Hashable {
    case attribute(String)
    case participant
}

/// What a code matrix counts: participants with at least one segment of the code (the default, as
/// reports count informants), or coded segments.
public enum MatrixCount: String, Sendable, Hashable, CaseIterable, Codable {
    case participants, segments
}

/// A code × column matrix of counts («kode × attributt»), before it is formatted as a table.
///
/// Every participant is in exactly one column: the column of their value of the attribute, a column
/// for participants without a value, or (with ``MatrixColumns/participant``) their own column.
/// A segment said by several participants counts in each of their columns, and once in the total.
public struct CodeMatrix: Sendable, Hashable {
    /// A column: its title and N, the participants in it (coded or not).
    public struct Column: Sendable, Hashable {
        public var title: String
        public var participants: Int
        /// The column of participants without a value for the attribute.
        public var isMissingValue: Bool
    }

    /// A code's counts, one per column, and its total over all columns.
    public struct Row: Sendable, Hashable {
        public var path: String
        public var name: String
        public var depth: Int
        public var hasChildren: Bool
        public var counts: [Int]
        public var total: Int
    }

    public var columns: MatrixColumns
    /// The display name of the attribute whose values are the columns («Rolle i tjenesten»), when it has one.
    public var columnsLabel: String?
    /// The type of the attribute whose values are the columns (text for participants).
    public var valueType: AttributeType
    public var count: MatrixCount
    public var header: [Column]
    public var rows: [Row]
    /// The counts of segments with at least one of the rows' codes (or participants with one).
    public var anyCode: [Int]
    public var anyCodeTotal: Int
    /// All participants in the project: the N of the total column.
    public var participants: Int
    /// Coded segments that no known participant said; they are in no column and no total.
    public var segmentsWithoutParticipant: Int
    /// Whether some segment is said by participants in more than one column.
    public var hasSharedSegments: Bool
    /// Whether each row counts the segments of the codes below its code too.
    public var includesChildren = false
}

/// What to count in a code matrix, and how to show it.
public struct CodeMatrixOptions: Sendable, Hashable {
    public var columns: MatrixColumns
    public var count: MatrixCount
    /// The codes that make the rows (name or path); empty means every code.
    public var codes: [String]
    /// Whether a named code's row also counts the segments of every code below it.
    public var includeChildren: Bool
    /// Adds row or column percentages to the counts.
    public var percent: MatrixPercent?
    /// Non-zero counts below this are hidden as «<N» (small-cell suppression); 1 hides nothing.
    public var minimumCell: Int
    /// A percentage of fewer than this many (participants or segments) is left out and the count shown
    /// alone: «100,0 %» of one person says more than it knows.
    public var minimumPercentBase: Int
    public var presentation: TablePresentation

    public init(columns: MatrixColumns, count: MatrixCount = .participants, codes: [String] = [], includeChildren: Bool = false,
                percent: MatrixPercent? = nil, minimumCell: Int = 1, minimumPercentBase: Int = CodeMatrixOptions.defaultMinimumPercentBase,
                presentation: TablePresentation = TablePresentation()) {
        self.minimumPercentBase = minimumPercentBase
        self.columns = columns
        self.count = count
        self.codes = codes
        self.includeChildren = includeChildren
        self.percent = percent
        self.minimumCell = minimumCell
        self.presentation = presentation
    }
}

extension CodeMatrixOptions {
    /// Percentages of fewer than 5 are left out.
    public static let defaultMinimumPercentBase = 5
}

extension ProjectStore {
    /// The counts of a code × attribute (or code × participant) matrix.
    ///
    /// - Parameter includeChildren: a named code's row counts the segments of every code below it too.
    /// - Throws: ``ExportError/unknownAttribute(name:use:known:suggestions:)`` for an unknown attribute,
    ///   ``StoreError`` for an unknown code, ``ExportError/onlyInChildren(_:)`` for a named code whose
    ///   segments are all in its children while `includeChildren` is false.
    public func codeMatrix(columns: MatrixColumns, count: MatrixCount = .participants, codes: [String] = [],
                           includeChildren: Bool = false) throws -> CodeMatrix {
        try pool.read { db in
            let source = try TableSource.read(db)
            let entries = try source.codes(named: codes, in: db)
            try Self.refuseCodesOnlyInChildren(db, codes, includeChildren: includeChildren)
            var matrix = try CodeMatrix(includeChildren ? source.includingChildren(of: entries) : source, columns: columns, count: count,
                                        rows: entries)
            matrix.includesChildren = includeChildren
            return matrix
        }
    }

    /// The matrix as a table, with N in the column headers, a total column and a total row, and
    /// notes saying what is counted.
    ///
    /// - Throws: what ``codeMatrix(columns:count:codes:includeChildren:)`` throws, and ``StoreError``
    ///   for a `minimumCell` below 1.
    public func codeMatrixTable(_ options: CodeMatrixOptions) throws -> Table {
        guard options.minimumCell >= 1 else {
            throw StoreError.invalidValue(what: "the smallest cell shown", value: String(options.minimumCell), expected: "1 or more")
        }
        guard options.minimumPercentBase >= 1 else {
            throw StoreError.invalidValue(what: "the smallest base for a percentage", value: String(options.minimumPercentBase),
                                          expected: "1 or more")
        }
        return try codeMatrix(columns: options.columns, count: options.count, codes: options.codes,
                              includeChildren: options.includeChildren).table(options)
    }
}

extension CodeMatrix {
    /// - Parameter entries: the codes that make the rows, in tree order.
    init(_ source: TableSource, columns: MatrixColumns, count: MatrixCount, rows entries: [TableSource.CodeEntry]) throws {
        // Each participant's column.
        var header: [Column] = []
        var columnOf: [UUID: Int] = [:]
        var valueType = AttributeType.text
        var columnsLabel: String?
        switch columns {
        case .participant:
            for (index, p) in source.participants.enumerated() {
                header.append(Column(title: p.pseudonym, participants: 1, isMissingValue: false))
                columnOf[p.id] = index
            }
        case let .attribute(name):
            let attribute = try source.attributes(named: [name], for: .matrixColumns)[0]
            valueType = attribute.type
            columnsLabel = attribute.label
            let values = AttributeValueOrder.sorted(Set(source.participants.compactMap { $0.attributes[attribute.name] }), type: attribute.type)
            let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
            var sizes = Array(repeating: 0, count: values.count + 1)
            for p in source.participants {
                let column = p.attributes[attribute.name].flatMap { index[$0] } ?? values.count
                columnOf[p.id] = column
                sizes[column] += 1
            }
            header = values.enumerated().map { Column(title: $1, participants: sizes[$0], isMissingValue: false) }
            if sizes[values.count] > 0 { header.append(Column(title: "", participants: sizes[values.count], isMissingValue: true)) }
        }

        // Counting segments: each segment's columns, worked out once.
        var columnsOfSegment: [UUID: [Int]] = [:]
        if count == .segments {
            for (segment, participants) in source.participantsBySegment {
                columnsOfSegment[segment] = Array(Set(participants.compactMap { columnOf[$0] })).sorted()
            }
        }
        var shared = false

        var rows: [Row] = []
        var anyParticipants: Set<UUID> = [], anySegments: Set<UUID> = [], unattributed: Set<UUID> = []
        for entry in entries {
            var counts = Array(repeating: 0, count: header.count)
            var total = 0
            let segments = source.segmentsByCode[entry.code.id] ?? []
            switch count {
            case .participants:
                let people = source.participants(of: entry.code.id)
                for p in people { if let c = columnOf[p] { counts[c] += 1 } }
                total = people.count
                anyParticipants.formUnion(people)
            case .segments:
                for segment in segments {
                    let cols = columnsOfSegment[segment] ?? []
                    if cols.isEmpty { unattributed.insert(segment); continue }
                    for c in cols { counts[c] += 1 }
                    if cols.count > 1 { shared = true }
                    total += 1
                    anySegments.insert(segment)
                }
            }
            rows.append(Row(path: entry.path, name: entry.code.name, depth: entry.depth, hasChildren: entry.hasChildren,
                            counts: counts, total: total))
        }
        var anyCode = Array(repeating: 0, count: header.count)
        switch count {
        case .participants:
            for p in anyParticipants { if let c = columnOf[p] { anyCode[c] += 1 } }
        case .segments:
            for segment in anySegments { for c in columnsOfSegment[segment] ?? [] { anyCode[c] += 1 } }
        }
        self.init(columns: columns, columnsLabel: columnsLabel, valueType: valueType, count: count, header: header, rows: rows, anyCode: anyCode,
                  anyCodeTotal: count == .participants ? anyParticipants.count : anySegments.count,
                  participants: source.participants.count, segmentsWithoutParticipant: unattributed.count,
                  hasSharedSegments: shared)
    }
}
