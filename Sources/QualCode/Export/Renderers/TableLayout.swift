import Foundation

/// The column widths of a table in Word, worked out from its content as a browser's automatic table
/// layout does, so that Norwegian compounds («Kvalitetsgjennomgang») are never broken inside the word:
///
/// - each column is at least as wide as its longest word (the header's in bold), and would like to be
///   as wide as its longest line;
/// - when every column can have its longest line, it does, and the columns of text share what is left
///   of the page's width (columns of numbers keep their width);
/// - otherwise each column gets its longest word, and the space left is shared in proportion to how
///   much more each column would like;
/// - when even the longest words do not fit, the text is set a point or two smaller (down to
///   ``minimumSize``), and at that size the cells' margins are narrowed; only when the words do not fit
///   then either are the columns shared out in proportion to their longest words, and some words
///   broken (``breaksWords``). The table never leaves the page.
///
/// Widths are in twips (1/1440 in); sizes in half-points, as Word's `w:sz`.
struct TableLayout: Equatable {
    /// The columns' widths, adding up to the width given.
    var widths: [Int]
    /// The size the table's text is set in; ``WordprocessingML`` writes it on the runs when it is
    /// smaller than the style's.
    var size: Int
    /// The left and right margin inside each cell: Word's 108 twips (0.19 cm), or 57 (0.1 cm) when the
    /// table had to be narrowed.
    var cellMargin: Int
    /// The longest words do not fit the page even at ``minimumSize``: some are broken.
    var breaksWords: Bool

    /// Word's left and right cell margin in the «Table Grid» style, and the narrow one of a table shrunk to fit.
    static let cellMargin = 108, narrowCellMargin = 57
    /// The smallest size a table is shrunk to before words are broken: 8 pt.
    static let minimumSize = 16

    /// - Parameters:
    ///   - width: the width between the page's margins.
    ///   - size: the size of the «Tabelltekst» style (10 pt in QualCode's styles).
    ///   - fontFactor: how much wider the table's font is than Calibri (1 for Calibri and Carlito).
    init(_ table: Table, width: Int, size: Int = 20, fontFactor: Double = 1) {
        let columns = max(table.columnCount, 1)
        let numeric = table.numericColumns
        // The style's size, a point smaller at a time down to the minimum, then the minimum with narrow margins.
        var tries = [(size: size, margin: Self.cellMargin)]
        var smaller = size - 2
        while smaller > Self.minimumSize { tries.append((smaller, Self.cellMargin)); smaller -= 2 }
        if size > Self.minimumSize { tries.append((Self.minimumSize, Self.cellMargin)) }
        tries.append((min(size, Self.minimumSize), Self.narrowCellMargin))

        var chosen = tries.last!
        var measured = Self.measure(table, columns: columns, size: chosen.size, margin: chosen.margin, fontFactor: fontFactor)
        var fits = false
        for candidate in tries {
            let measure = Self.measure(table, columns: columns, size: candidate.size, margin: candidate.margin, fontFactor: fontFactor)
            if measure.minimum.reduce(0, +) <= width {
                (chosen, measured, fits) = (candidate, measure, true)
                break
            }
        }
        let (minimum, maximum) = measured
        var widths: [Int]
        if !fits {
            // Even the longest words are too wide: the columns whose words are widest give way, so that only
            // they break and every other column keeps its words whole, and the table stays on the page.
            widths = Self.capped(minimum, to: width)
        } else if maximum.reduce(0, +) <= width {
            // Every line fits: the text columns (or, in a table of numbers only, all columns) share the rest.
            let takers = (0..<columns).filter { !numeric.contains($0) }
            let weights = (0..<columns).map { (takers.isEmpty || takers.contains($0)) ? Double(maximum[$0]) : 0 }
            let extra = Self.share(width - maximum.reduce(0, +), by: weights)
            widths = zip(maximum, extra).map(+)
        } else {
            let wants = zip(maximum, minimum).map { Double($0 - $1) }
            let extra = Self.share(width - minimum.reduce(0, +), by: wants)
            widths = zip(minimum, extra).map(+)
        }
        self.init(widths: widths, size: chosen.size, cellMargin: chosen.margin, breaksWords: !fits)
    }

    init(widths: [Int], size: Int, cellMargin: Int = Self.cellMargin, breaksWords: Bool) {
        self.widths = widths
        self.size = size
        self.cellMargin = cellMargin
        self.breaksWords = breaksWords
    }

    /// Each column's longest word and longest line at `size`, with the cell's margins and borders.
    static func measure(_ table: Table, columns: Int, size: Int, margin: Int, fontFactor: Double) -> (minimum: [Int], maximum: [Int]) {
        var minimum = Array(repeating: 0, count: columns), maximum = Array(repeating: 0, count: columns)
        func add(_ cells: [[Inline]], bold: Bool) {
            for (column, cell) in cells.enumerated() where column < columns {
                let measured = Self.measure(cell, size: size, bold: bold)
                minimum[column] = max(minimum[column], measured.word)
                maximum[column] = max(maximum[column], measured.line)
            }
        }
        add(table.header, bold: true)
        for row in table.rows { add(row, bold: false) }
        // 4 % for what metrics alone miss (kerning off, rounding), the margins, 24 twips of borders.
        func padded(_ text: Int) -> Int { Int((Double(text) * fontFactor * 1.04).rounded(.up)) + 2 * margin + 24 }
        return (minimum.map(padded), maximum.map(padded))
    }

    /// The widest word and the widest line of one cell. Words end at spaces, tabs and line breaks and
    /// after a hyphen or dash between letters (where Word and LibreOffice may break a line); a no-break
    /// space joins («33,3 %»), and the em spaces that indent a child code count with the word after them.
    static func measure(_ cell: [Inline], size: Int, bold header: Bool) -> (word: Int, line: Int) {
        var widest = (word: 0, line: 0)
        var word = 0, line = 0, spaces = 0
        var previous: Unicode.Scalar?
        func endWord() {
            widest.word = max(widest.word, word)
            word = 0
        }
        func endLine() {
            endWord()
            widest.line = max(widest.line, line)
            line = 0
            spaces = 0
        }
        for inline in cell {
            switch inline {
            case .lineBreak: endLine()
            case .footnote: continue
            case let .text(text, emphasis):
                let bold = header || emphasis.contains(.bold)
                let scalars = Array(text.unicodeScalars)
                for (index, scalar) in scalars.enumerated() {
                    let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                    let advance = FontMetrics.width(String(scalar), halfPoints: size, bold: bold)
                    switch scalar {
                    case "\n": endLine()
                    case " ", "\t":
                        endWord()
                        line += advance
                        spaces += advance
                    case "\u{2003}" where word == 0:
                        // Leading indentation stays with the first word.
                        word += advance
                        line += advance
                    case "-", "–", "—":
                        word += advance
                        line += advance
                        if let previous, let next, previous.properties.isAlphabetic, next.properties.isAlphabetic { endWord() }
                    default:
                        word += advance
                        line += advance
                    }
                    previous = scalar
                }
            }
        }
        endLine()
        return widest
    }

    /// `wanted` with the widest cut down to one cap, so that they add up to `total` (each column gets
    /// at least a fair share of it).
    static func capped(_ wanted: [Int], to total: Int) -> [Int] {
        guard !wanted.isEmpty else { return [] }
        var cap = total / wanted.count
        // Raise the cap while what the columns under it leave over allows.
        for width in wanted.sorted() {
            let below = wanted.filter { $0 <= width }
            let above = wanted.count - below.count
            guard above > 0 else { break }
            let candidate = (total - below.reduce(0, +)) / above
            if candidate >= width { cap = candidate } else { break }
        }
        let widths = wanted.map { min($0, max(cap, total / wanted.count)) }
        let extra = Self.share(total - widths.reduce(0, +), by: wanted.map { Double($0) })
        return zip(widths, extra).map(+)
    }

    /// `total` split by `weights` (equally when they are all zero), in whole twips adding up to `total`.
    static func share(_ total: Int, by weights: [Double]) -> [Int] {
        guard !weights.isEmpty else { return [] }
        let sum = weights.reduce(0, +)
        let normal = sum > 0 ? weights.map { $0 / sum } : weights.map { _ in 1 / Double(weights.count) }
        var parts = normal.map { Int((Double(total) * $0).rounded(.down)) }
        // What rounding left over goes to the largest weights.
        var left = total - parts.reduce(0, +)
        for index in normal.indices.sorted(by: { normal[$0] > normal[$1] }) where left > 0 {
            parts[index] += 1
            left -= 1
        }
        return parts
    }
}
