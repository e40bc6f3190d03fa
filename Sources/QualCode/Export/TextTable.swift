import CSV
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

    /// Aligned columns; cells longer than `maxWidth` are cut with `…`, line breaks shown as spaces.
    public func renderText(maxWidth: Int = 60) -> String {
        let clean = ([headers] + rows).map { row in
            row.map { cell -> String in
                let flat = cell.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
                return flat.count > maxWidth ? String(flat.prefix(maxWidth - 1)) + "…" : flat
            }
        }
        var widths = headers.map { _ in 0 }
        for row in clean { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        return clean.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// RFC 4180 CSV. Cells starting with `=`, `+`, `-` or `@` get a leading apostrophe so spreadsheets
    /// do not run them as formulas.
    public func renderCSV(delimiter: Unicode.Scalar = ",", byteOrderMark: Bool = false) -> String {
        let stream = OutputStream(toMemory: ())
        stream.open()
        if byteOrderMark { _ = stream.write([0xEF, 0xBB, 0xBF], maxLength: 3) }
        do {
            let writer = try CSVWriter(stream: stream, delimiter: String(delimiter), newline: .crlf)
            try writer.write(row: headers.map(Self.neutralized))
            for row in rows { try writer.write(row: row.map(Self.neutralized)) }
        } catch {
            return ""
        }
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        stream.close()
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }

    static func neutralized(_ cell: String) -> String {
        guard let first = cell.first, "=+-@".contains(first) else { return cell }
        if first == "-", Double(cell) != nil { return cell }  // a negative number is data, not a formula
        return "'" + cell
    }
}
