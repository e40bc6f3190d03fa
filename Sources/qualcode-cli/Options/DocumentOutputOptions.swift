import ArgumentParser
import Foundation
import QualCode

/// Where and how an export is written: `--format`, `-o`, `--locale`, `--delimiter`,
/// `--reference-docx`. Shared by every command that writes a document or a table file.
///
/// Without `-o`, or with `-o -`, CSV and HTML go to standard output, as Unix tools do; a Word document
/// needs a file.
struct DocumentOutputOptions: ParsableArguments {
    @Option(name: .customLong("format"),
            help: "docx, wordxml (one-file Word XML), html or csv; without it, what -o's ending says (.csv, .html, .xml), else docx.")
    var formatOption: ExportFormat?

    /// `--format`, or the format `-o`'s file name ends in, or docx.
    var format: ExportFormat { formatOption ?? file.flatMap(ExportFormat.init(fileNamed:)) ?? .docx }

    @Option(name: [.short, .customLong("output")],
            help: ArgumentHelp("The file to write; without it, or with -, csv and html go to standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Language of headings, captions and numbers: nb (decimal comma) or en.")
    var locale: DocumentLanguage = .nb

    @Option(help: "CSV field separator, e.g. ';' for Norwegian Excel.")
    var delimiter: String = ","

    @Option(name: .customLong("reference-docx"),
            help: ArgumentHelp("A Word document or template (.docx or .dotx) whose styles, theme, fonts and page size the docx or wordxml export takes over; QualCode's own styles fill in what it lacks (Templates/referanse.docx is a starting point).",
                               valueName: "file"))
    var referenceDocx: String?

    @OptionGroup var privacy: SafeExportOptions

    func validate() throws {
        // A Word package in a file named .csv opens as garbage in Excel: the two must agree.
        if let formatOption, let named = file.flatMap(ExportFormat.init(fileNamed:)), named != formatOption {
            throw ValidationError("-o \(file ?? "") ends in .\(URL(fileURLWithPath: file ?? "").pathExtension) but --format is \(formatOption.rawValue); "
                                  + "name the file .\(formatOption.fileExtension) or pass --format \(named.rawValue).")
        }
        do { _ = try ExportTarget.delimiter(parsing: delimiter) } catch {
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

    /// No `-o`, or `-o -`.
    var toStandardOutput: Bool { output == nil || output == "-" }

    /// The file `-o` names; nil for standard output.
    var file: String? { toStandardOutput ? nil : output }

    /// Refuses a target in a folder that does not exist, a folder, the project file or the reference
    /// document, and a Word document for standard output, before any work is done.
    ///
    /// - Parameters:
    ///   - file: a second file the export writes beside `-o` (the wide data set's dictionary).
    ///   - written: the format written when the command has only one (CSV for `stc export csv`).
    func checkDestination(project: ProjectOptions, file second: URL? = nil, writing written: ExportFormat? = nil) throws {
        guard let file else {
            // A zipped package or a page of XML on a terminal helps no one.
            let format = written ?? format
            if format.isWord {
                throw ValidationError("\(format.rawValue) is a Word file and goes to a file: pass -o FILE (csv and html can go to standard output).")
            }
            return
        }
        let inputs = [try? ProjectLocator.locate(explicit: project.project)].compactMap { $0 }
            + [referenceDocx.map { URL(fileURLWithPath: $0) }].compactMap { $0 }
        try ExportDestination.check(second ?? URL(fileURLWithPath: file), protecting: inputs)
    }

    /// Where the export goes, for the library: `-o` or standard output, `--format`, `--delimiter`,
    /// the reference document, read and checked (a reference that cannot be used stops the export
    /// before anything is written), and with `--safe` the privacy screen.
    ///
    /// - Parameter written: the format written when the command has only one (CSV for `stc export csv`).
    func target(_ project: ProjectOptions, writing written: ExportFormat? = nil) throws -> ExportTarget {
        let format = written ?? format
        let separator = try ExportTarget.delimiter(parsing: delimiter)
        var target = file.map { ExportTarget(path: $0, format: format, delimiter: separator, reference: nil) }
            ?? ExportTarget(stream: .standardOutput, format: format, delimiter: separator)
        target.reference = try reference()
        target.screen = try privacy.screen(project)
        return target
    }

    /// Says what was written (`line` of the file's path), when it went to a file: what goes to standard
    /// output is the export alone, also when `-o` names it (`-o /dev/stdout`).
    func wrote(_ line: (String) -> String) {
        guard let file else { return }
        var written = stat(), standardOutput = stat()
        if stat(file, &written) == 0, fstat(STDOUT_FILENO, &standardOutput) == 0,
           written.st_dev == standardOutput.st_dev, written.st_ino == standardOutput.st_ino { return }
        Output.line(line(file))
    }
}

extension ExportFormat: ExpressibleByArgument {}

extension ExportStream {
    /// The command line's standard output, named so in reports.
    static let standardOutput = ExportStream(name: "standard output") { try FileHandle.standardOutput.write(contentsOf: $0) }
}
