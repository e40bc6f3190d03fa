import ArgumentParser
import Foundation
import QualCode

/// Where and how an export is written: `--format`, `-o`, `--locale`, `--delimiter`. Shared by
/// every command that writes a document or a table file.
struct DocumentOutputOptions: ParsableArguments {
    @Option(help: "docx, wordxml (one-file Word XML), html or csv.")
    var format: ExportFormat = .docx

    @Option(name: [.short, .customLong("output")], help: "The file to write.")
    var output: String

    @Option(help: "Language of headings, captions and numbers: nb (decimal comma) or en.")
    var locale: DocumentLanguage = .nb

    @Option(help: "CSV field separator, e.g. ';' for Norwegian Excel.")
    var delimiter: String = ","

    func validate() throws {
        if delimiter.count != 1 || delimiter == "\"" || delimiter == "\n" {
            throw ValidationError("--delimiter must be one character other than a quote or a newline (got \"\(delimiter)\").")
        }
    }

    var url: URL { URL(fileURLWithPath: output) }

    /// Writes a document in the chosen format (not CSV).
    func write(_ document: Document) throws {
        try document.write(as: format, to: url)
    }

    /// Writes a table as CSV: RFC 4180, UTF-8 with a byte-order mark so Excel reads æøå.
    func write(_ table: TextTable) throws {
        try ExportFile.write(table.renderCSV(delimiter: delimiter.first!, byteOrderMark: true), to: url)
    }
}

extension ExportFormat: ExpressibleByArgument {}
