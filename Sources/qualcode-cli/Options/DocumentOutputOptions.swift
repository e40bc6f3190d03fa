import ArgumentParser
import Foundation
import QualCode

/// Where and how an export is written: `--format`, `-o`, `--locale`, `--delimiter`,
/// `--reference-docx`. Shared by every command that writes a document or a table file.
struct DocumentOutputOptions: ParsableArguments {
    @Option(help: "docx, wordxml (one-file Word XML), html or csv.")
    var format: ExportFormat = .docx

    @Option(name: [.short, .customLong("output")], help: "The file to write.")
    var output: String

    @Option(help: "Language of headings, captions and numbers: nb (decimal comma) or en.")
    var locale: DocumentLanguage = .nb

    @Option(help: "CSV field separator, e.g. ';' for Norwegian Excel.")
    var delimiter: String = ","

    @Option(name: .customLong("reference-docx"),
            help: ArgumentHelp("A Word document or template (.docx or .dotx) whose styles, theme, fonts and page size the docx or wordxml export takes over; QualCode's own styles fill in what it lacks (Templates/referanse.docx is a starting point).",
                               valueName: "file"))
    var referenceDocx: String?

    func validate() throws {
        if delimiter.count != 1 || delimiter == "\"" || delimiter == "\n" {
            throw ValidationError("--delimiter must be one character other than a quote or a newline (got \"\(delimiter)\").")
        }
        if let referenceDocx {
            guard format.isWord else {
                throw ValidationError("--reference-docx styles Word output only; use it with --format docx or wordxml (got \(format.rawValue)).")
            }
            guard FileManager.default.fileExists(atPath: referenceDocx) else {
                throw ValidationError("--reference-docx: \(referenceDocx) does not exist.")
            }
        }
    }

    /// The reference document, read and checked; nil without `--reference-docx`.
    func reference() throws -> ReferenceDocument? {
        try referenceDocx.map { try ReferenceDocument(contentsOf: URL(fileURLWithPath: $0), file: $0) }
    }

    var url: URL { URL(fileURLWithPath: output) }

    /// Refuses a target in a folder that does not exist, a folder, the project file or the reference
    /// document, before any work is done.
    /// `file` is a second file the export writes beside `-o` (the wide data set's dictionary).
    func checkDestination(project: ProjectOptions, file: URL? = nil) throws {
        let inputs = [try? ProjectLocator.locate(explicit: project.project)].compactMap { $0 }
            + [referenceDocx.map { URL(fileURLWithPath: $0) }].compactMap { $0 }
        try ExportDestination.check(file ?? url, protecting: inputs)
    }

    /// Where the export goes, for the library: `-o`, `--format`, `--delimiter` and the reference
    /// document, read and checked (a reference that cannot be used stops the export before anything
    /// is written).
    func target() throws -> ExportTarget {
        ExportTarget(path: output, format: format, delimiter: delimiter.first!, reference: try reference())
    }

    /// Writes a document in the chosen format (not CSV), styled by `--reference-docx` when given.
    func write(_ document: Document) throws {
        try target().write(document)
    }

    /// Writes a table as CSV: RFC 4180, UTF-8 with a byte-order mark so Excel reads æøå.
    func write(_ table: TextTable) throws {
        try target().write(table)
    }
}

extension ExportFormat: ExpressibleByArgument {}
