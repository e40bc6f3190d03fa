import CSV
import Foundation

/// A participant spreadsheet read from CSV: pseudonyms, labels and attribute columns.
struct ParticipantTable {
    struct Row {
        /// The physical line the row starts on, 1-based, the header and blank lines counted: what an
        /// error names, so it is the line an editor or a spreadsheet shows.
        var line: Int
        var pseudonym: String
        var label: String?
        var values: [String]  // one per attribute column
    }
    var attributeNames: [String]
    /// The display name given in each attribute column's header («rolle=Rolle i tjenesten»), if any.
    var attributeLabels: [String?]
    var rows: [Row]

    static let pseudonymHeaders: Set<String> = ["pseudonym", "deltaker", "participant", "informant", "navn", "name"]
    static let labelHeaders: Set<String> = ["label", "etikett", "visningsnavn"]
    static let maxRows = 100_000

    /// Reads and checks the whole file; throws before the store is touched. Held to the same size limit
    /// as a transcript's text, and decoded the same way (`encoding` names one without a BOM).
    static func read(_ url: URL, encoding: String.Encoding? = nil) throws(ImportError) -> ParticipantTable {
        let file = url.lastPathComponent
        let data = try ImportFile.readText(url, encoding: encoding)
        let text = TextDecoding.normalize(try TextDecoding.decode(data, file: file, encoding: encoding)).text
        let firstLine = text.prefix { $0 != "\n" }
        let delimiter: Unicode.Scalar = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter)
        } catch {
            throw .invalidRow(file: file, line: 1, reason: "the header row cannot be read (\(error)); nothing was imported.")
        }
        guard let header = reader.headerRow?.map({ $0.trimmingCharacters(in: .whitespaces) }), !header.isEmpty else {
            throw .missingColumn(file: file, column: "pseudonym")
        }
        let pseudonymColumn = header.firstIndex { pseudonymHeaders.contains($0.lowercased()) } ?? 0
        let labelColumn = header.firstIndex { labelHeaders.contains($0.lowercased()) }
        let attributeColumns = header.indices.filter { $0 != pseudonymColumn && $0 != labelColumn }
        // An attribute column's header may give a display name after «=»: «rolle=Rolle i tjenesten».
        let named = header.map { cell -> (name: String, label: String?) in
            guard let equals = cell.firstIndex(of: "=") else { return (cell, nil) }
            let label = cell[cell.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            return (cell[..<equals].trimmingCharacters(in: .whitespaces), label.isEmpty ? nil : label)
        }
        for column in attributeColumns where named[column].name.isEmpty {
            throw .invalidRow(file: file, line: 1, reason: "column \(column + 1) has no name; nothing was imported.")
        }
        if Set(named.map { $0.name.lowercased() }).count != header.count {
            throw .invalidRow(file: file, line: 1, reason: "two columns have the same name; nothing was imported.")
        }
        var rows: [Row] = []
        var seen: Set<String> = []
        // The physical line each record starts on: one more than where the last one ended, counting the
        // line breaks inside its quoted fields (the text's line ends are LF by now). A blank line is a
        // record of one empty field, so it is counted too.
        var next = 1 + 1 + (reader.headerRow ?? []).reduce(0) { $0 + Self.lineBreaks(in: $1) }
        while let fields = reader.next() {
            let line = next
            next += 1 + fields.reduce(0) { $0 + Self.lineBreaks(in: $1) }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard fields.count == header.count else {
                throw .invalidRow(file: file, line: line, reason: "\(fields.count) fields where the header has \(header.count); nothing was imported.")
            }
            let pseudonym = fields[pseudonymColumn].trimmingCharacters(in: .whitespaces)
            guard !pseudonym.isEmpty else {
                throw .invalidRow(file: file, line: line, reason: "the pseudonym is empty; nothing was imported.")
            }
            guard seen.insert(pseudonym.lowercased()).inserted else {
                throw .invalidRow(file: file, line: line, reason: "pseudonym \"\(pseudonym)\" appears twice; nothing was imported.")
            }
            let label = labelColumn.map { fields[$0].trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            rows.append(Row(line: line, pseudonym: pseudonym, label: label, values: attributeColumns.map { fields[$0] }))
            guard rows.count <= maxRows else {
                throw .invalidRow(file: file, line: line, reason: "more than \(maxRows) participants; nothing was imported.")
            }
        }
        if let error = reader.error {
            throw .invalidRow(file: file, line: next, reason: "malformed CSV (\(error)); nothing was imported.")
        }
        guard !rows.isEmpty else { throw .noText(file: file) }
        return ParticipantTable(attributeNames: attributeColumns.map { named[$0].name }, attributeLabels: attributeColumns.map { named[$0].label },
                                rows: rows)
    }

    static func lineBreaks(in field: String) -> Int {
        field.unicodeScalars.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
    }
}
