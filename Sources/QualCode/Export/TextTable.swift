import Foundation

/// Rows and columns for listings, rendered as an aligned text table or as CSV.
///
/// Both the command line and (later) the web UI render listings through this type, so a column
/// added here shows up everywhere.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// Aligned columns for a terminal; cells longer than `maxWidth` are cut with `…`, line breaks and
    /// tabs shown as spaces, and other control characters and U+2028/U+2029 escaped (`\u{1B}`), so a
    /// stored name or text cannot move the cursor or clear the screen. ``renderCSV(delimiter:byteOrderMark:)``
    /// keeps every cell exact.
    public func renderText(maxWidth: Int = 60) -> String {
        let clean = ([headers] + rows).map { row in row.map { $0.truncated(to: maxWidth).escapingControlCharacters() } }
        var widths = headers.map { _ in 0 }
        for row in clean { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        return clean.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// RFC 4180 CSV with CRLF line ends. Cells starting with `=`, `+`, `-` or `@` get a leading
    /// apostrophe so spreadsheets do not run them as formulas.
    public func renderCSV(delimiter: Character = ",", byteOrderMark: Bool = false) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        for row in [headers] + rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { out.append(delimiter) }
                Self.appendField(Self.neutralized(cell), delimiter: delimiter, to: &out)
            }
            out += "\r\n"
        }
        return out
    }

    /// One field, quoted when it holds a quote, the delimiter or a line break; inner quotes doubled.
    static func appendField(_ field: String, delimiter: Character, to out: inout String) {
        let delimiterScalar = delimiter.unicodeScalars.count == 1 ? delimiter.unicodeScalars.first! : nil
        let needsQuotes = field.unicodeScalars.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == delimiterScalar }
            || (delimiterScalar == nil && field.contains(delimiter))
        guard needsQuotes else { out += field; return }
        out.unicodeScalars.append("\"")
        for scalar in field.unicodeScalars {
            if scalar == "\"" { out.unicodeScalars.append("\"") }
            out.unicodeScalars.append(scalar)
        }
        out.unicodeScalars.append("\"")
    }

    static func neutralized(_ cell: String) -> String {
        guard let first = cell.first, "=+-@".contains(first) else { return cell }
        // A negative number is data, not a formula, with a decimal point or a Norwegian decimal comma.
        if first == "-", Double(cell) != nil || Double(cell.replacingOccurrences(of: ",", with: ".")) != nil { return cell }
        return "'" + cell
    }
}
