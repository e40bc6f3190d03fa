import Foundation

/// Which percentages a code matrix shows beside its counts.
public enum MatrixPercent: String, Sendable, Hashable, CaseIterable, Codable {
    /// Share of the row's total: how a code is spread over the groups.
    case row
    /// Share of the column: of the participants in a group (its N), or of its coded segments.
    case column
}

extension CodeMatrix {
    /// The matrix as a table: a row per code and a total row («Minst én kode»), a column per value
    /// with its N («IPS (N=5)») and a total column, counts with optional percentages (left out where
    /// their base is below ``CodeMatrixOptions/minimumPercentBase``), small counts hidden, and one note
    /// below saying what was counted.
    public func table(_ options: CodeMatrixOptions) -> Table {
        let presentation = options.presentation
        let words = presentation.words, numbers = presentation.numbers
        let minimum = max(1, options.minimumCell)

        var percentLeftOut = false
        func cell(_ n: Int, of denominator: Int) -> String {
            if n > 0 && n < minimum { return "<\(minimum)" }
            guard options.percent != nil, n > 0, denominator > 0 else { return String(n) }
            guard denominator >= options.minimumPercentBase else {
                percentLeftOut = true
                return String(n)
            }
            return "\(n) (\(numbers.percent(n, of: denominator)))"
        }
        // Column percentages: of the participants in the column (its N), or of its coded segments.
        func columnBase(_ column: Int) -> Int { count == .participants ? header[column].participants : anyCode[column] }
        let totalColumnBase = count == .participants ? participants : anyCodeTotal
        // A column of fewer people than the minimum would show who has which code (each «<3» is one
        // person, each 0 none): all of its cells are hidden.
        let smallColumns = Set(header.indices.filter { minimum > 1 && header[$0].participants < minimum })
        func line(_ label: String, _ counts: [Int], total: Int) -> [String] {
            let cells = counts.enumerated().map { column, n in
                smallColumns.contains(column) ? "<\(minimum)" : cell(n, of: options.percent == .column ? columnBase(column) : total)
            }
            return [label] + cells + [cell(total, of: options.percent == .column ? totalColumnBase : total)]
        }

        let titles = header.map { column -> String in
            if case .participant = columns { return column.title }
            let title = column.isMissingValue ? words[.notGiven] : numbers.attributeValue(column.title, type: valueType)
            return "\(title) (N=\(column.participants))"
        }
        let rows = self.rows.map { row in
            line(presentation.codeLabels.label(path: row.path, name: row.name, depth: row.depth), row.counts, total: row.total)
        } + [line(words[.anyCode], anyCode, total: anyCodeTotal)]

        var notes = [count == .participants ? words[.countsParticipants] : words[.countsSegments]]
        if hasSharedSegments { notes.append(words.sharedSegments) }
        switch options.percent {
        case .row?: notes.append(words[.rowPercent])
        case .column?: notes.append(count == .participants ? words[.columnPercentOfN] : words[.columnPercentOfSegments])
        case nil: break
        }
        if percentLeftOut { notes.append(words(.percentFromBase, options.minimumPercentBase)) }
        if minimum > 1 { notes.append(words(.suppressedBelow, minimum)) }
        if !smallColumns.isEmpty { notes.append(words(.smallColumnsHidden, minimum)) }
        if self.rows.contains(where: \.hasChildren) { notes.append(words[includesChildren ? .childCodingsIncluded : .directCodingsOnly]) }
        if case let .attribute(name) = columns, header.contains(where: \.isMissingValue) {
            notes.append(words(.notGivenNote, presentation.attributeHeaders == .label ? columnsLabel ?? name : name))
        }
        if segmentsWithoutParticipant > 0 { notes.append(words.segmentsLeftOut(segmentsWithoutParticipant)) }
        if self.rows.isEmpty { notes.append(words[.noCodes]) }

        let by = presentation.attributeHeaders == .label ? columnsLabel.map(Labels.inSentence) : nil
        return Table(caption: presentation.caption(or: words.matrixCaption(columns, count, attributeLabel: by)),
                     header: [words[.code]] + titles + ["\(words[.total]) (N=\(participants))"], rows: rows,
                     notes: [notes.joined(separator: " ")])
    }
}
