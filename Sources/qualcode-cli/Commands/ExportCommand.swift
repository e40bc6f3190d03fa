import ArgumentParser
import Foundation
import QualCode

/// `qualcode export …`: the standard tables of a report or thesis, as Word, Word XML, HTML or CSV.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export standard tables: codebook, participant overview, code matrix, codings, wide data set.",
        discussion: """
            Every table can be written as Word (docx), one-file Word XML (wordxml), HTML or CSV. In a document \
            the caption stands above the table («Tabell 1 Kodebok») and a note below it says what was \
            counted («Kommentar: …»). Columns are as wide as their content asks (never narrower than their \
            longest word; text columns take the rest), numbers are right-aligned, and a table too wide for \
            the page is set a point or two smaller; --landscape sets it on a landscape page. Attributes \
            head their columns by their display names (`qualcode participant attr label`); in CSV by their \
            names. Captions, headers and notes are Norwegian with a decimal comma; \
            --locale en gives English and a decimal point. CSV is UTF-8 with a byte-order mark; use \
            --delimiter ';' for Norwegian Excel. Cells that start like a formula (=, +, -, @) get an \
            apostrophe in CSV. Orphaned segments (text deleted from a transcript) are left out of every table. \
            Without -o, or with -o -, csv and html go to standard output, for a pipe (CSV without the \
            byte-order mark, which is for Excel opening a file); docx and wordxml need a file. -o replaces \
            a file in one step (complete or not at all), writes the file a symbolic link points to, writes \
            through to a device or named pipe, and refuses a folder.

            For example:
              qualcode export codebook -o kodebok.docx
              qualcode export participants --attr rolle --attr tjeneste -o info.docx
              qualcode export matrix --cols attr:tjeneste --min-cell 3 -o matrise.docx
              qualcode export codings --format csv --delimiter ';' -o kodinger.csv
              qualcode export wide --format csv -o deltakere.csv
              qualcode export codings --format csv | grep Tillit
            """,
        subcommands: [Codebook.self, Participants.self, Matrix.self, Codings.self, Wide.self, ReferenceDocx.self]
    )
}

/// Where a table goes and how it is worded: the shared output options plus `--caption`.
struct TableOutputOptions: ParsableArguments {
    @OptionGroup var out: DocumentOutputOptions

    @Option(help: "Your own caption instead of the standard one (documents only).")
    var caption: String?

    @Option(help: ArgumentHelp("A house-style file (see Templates/) whose words («Tabell», «Kommentar») and caption style (\"captions\": \"apa\") the tables use.",
                               valueName: "file"))
    var styleFile: String?

    @Flag(help: "Set the table on a landscape page (documents only).")
    var landscape = false

    func validate() throws {
        do { _ = try TablePresentation(for: out.format, landscape: landscape) } catch {
            throw ValidationError("--landscape sets a document's page; CSV has none (use --format docx, wordxml or html).")
        }
    }

    func presentation() throws -> TablePresentation {
        let style = try styleFile.map { try HouseStyle.load(from: URL(fileURLWithPath: $0)) }
        return try TablePresentation(for: out.format, language: out.locale, caption: caption, style: style, landscape: landscape)
    }

    /// Refuses a target in a folder that does not exist before any work is done.
    func checkDestination(project: ProjectOptions) throws { try out.checkDestination(project: project) }

    /// Writes one standard table through the library and says what was written.
    func export(_ table: StandardTable, from project: ProjectOptions, counting what: String) throws {
        let report = try project.openStore().exportTable(table, to: try out.target(project))
        out.wrote { "Wrote \($0) (\(report.rows) \(what))" }
        if report.isTooWide {
            Output.note("Note: the table is too wide for the page even at 8 pt, so some words are broken"
                        + (landscape ? "; the CSV (--format csv) suits it better." : "; --landscape gives it a wider page."))
        }
    }
}

extension ExportCommand {
    struct Codebook: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the codebook: codes with definition, parent, an example, segments and participants.",
            discussion: """
                One row per code, in the order of the code tree. The example is the shortest coded segment of \
                at least six words, cut at a word boundary after 160 characters. Segments and participants \
                count only the codings of the code itself, not of its child codes. In a document, child codes \
                are indented under their parent; in CSV the code column holds the full path.

                For example:
                  qualcode export codebook -o kodebok.docx
                  qualcode export codebook --format csv --delimiter ';' -o kodebok.csv
                """
        )
        @OptionGroup var project: ProjectOptions
        @OptionGroup var table: TableOutputOptions

        func run() throws {
            try table.checkDestination(project: project)
            try table.export(.codebook(CodebookOptions(presentation: try table.presentation())), from: project, counting: "codes")
        }
    }

    struct Participants: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the overview of the participants: pseudonym, label, attributes, transcripts, segments.",
            discussion: """
                One row per participant, by pseudonym, with one column per attribute (all of them, by name, \
                unless you choose them with --attr, in the order given). Values are shown as stored; a \
                missing value is an empty cell. Segments counts the coded segments in which the participant \
                speaks.

                For example:
                  qualcode export participants -o informanter.docx
                  qualcode export participants --attr rolle --attr tjeneste -o info.docx
                  qualcode export participants --format csv -o informanter.csv
                """
        )
        @OptionGroup var project: ProjectOptions
        @Option(name: .customLong("attr"), help: ArgumentHelp("An attribute column to include; repeatable (default: all).", valueName: "name"))
        var attributes: [String] = []
        @OptionGroup var table: TableOutputOptions

        func run() throws {
            try table.checkDestination(project: project)
            let options = ParticipantOverviewOptions(attributes: attributes.isEmpty ? nil : attributes, presentation: try table.presentation())
            try table.export(.participants(options), from: project, counting: "participants")
        }
    }

    struct Matrix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a code × attribute matrix: how many participants (or segments) have each code, per group.",
            discussion: """
                Rows are codes; columns are the values of an attribute (--cols attr:NAME), each with its N \
                in the header («IPS (N=5)», N = participants with that value), or the participants \
                themselves (--cols participant). A total column and a «Minst én kode» row are added. \
                --count participants (the default) counts participants with at least one segment of the \
                code; --count segments counts coded segments. --percent row|column adds percentages \
                (decimal comma with --locale nb), except where their base — the column's N, or the row's total — \
                is below --percent-min-n (5 by default): «100,0 %» of one person says more than it knows, so \
                those cells show the count alone and the note says so. --min-cell N hides non-zero counts below N as «<N» and \
                says so in the note below the table. A code named with --code counts its own segments; \
                --with-children adds those of every code below it (a parent with none of its own is \
                refused without it).

                For example:
                  qualcode export matrix --cols attr:tjeneste --percent column -o matrise.docx
                  qualcode export matrix --cols attr:rolle --min-cell 3 -o matrise.docx
                  qualcode export matrix --cols participant --count segments -o matrise.docx
                  qualcode export matrix --cols attr:rolle --code Tillit -o tillit.docx
                  qualcode export matrix --cols attr:rolle --code Balansekunst \\
                    --with-children -o balansekunst.docx
                """
        )
        @OptionGroup var project: ProjectOptions
        @Option(help: ArgumentHelp("What the rows are: code.", valueName: "rows")) var rows = "code"
        @Option(help: ArgumentHelp("What the columns are: attr:NAME or participant.", valueName: "columns")) var cols: String
        @Option(help: "What to count: participants or segments.") var count: MatrixCount = .participants
        @Option(help: "Add row or column percentages.") var percent: MatrixPercent?
        @Option(help: ArgumentHelp("Hide non-zero counts below this as «<N».", valueName: "n")) var minCell = 1
        @Option(help: ArgumentHelp("Show a percentage only where its base is at least this.", valueName: "n"))
        var percentMinN = CodeMatrixOptions.defaultMinimumPercentBase
        @Option(name: .customLong("code"), help: "A code to include as a row; repeatable (default: all).") var codes: [String] = []
        @Flag(help: "A named code's row also counts the segments of every code below it.") var withChildren = false
        @OptionGroup var table: TableOutputOptions

        func validate() throws {
            if rows != "code" { throw ValidationError("--rows \"\(rows)\": expected code.") }
            if minCell < 1 { throw ValidationError("--min-cell must be 1 or more (got \(minCell)).") }
            if percentMinN < 1 { throw ValidationError("--percent-min-n must be 1 or more (got \(percentMinN)).") }
            _ = try columns()
        }

        func columns() throws -> MatrixColumns {
            do { return try MatrixColumns(parsing: cols) } catch { throw ValidationError("--cols \(error)") }
        }

        func run() throws {
            try table.checkDestination(project: project)
            let options = CodeMatrixOptions(columns: try columns(), count: count, codes: codes, includeChildren: withChildren, percent: percent,
                                            minimumCell: minCell, minimumPercentBase: percentMinN, presentation: try table.presentation())
            try table.export(.matrix(options), from: project, counting: "rows")
        }
    }

    struct Codings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export every coding as a row: segment, transcript, lines, offsets, code, coder, participants, attributes, text.",
            discussion: """
                The long format for R, SPSS or Excel, one row per coding in transcript order: segment id, \
                transcript, first and last line, start and end offsets (Unicode scalars, end exclusive), the \
                code's full path, coder, time of coding (ISO 8601, UTC), the participants who said the \
                segment, one column per attribute, and the segment text. When several participants said a \
                segment they are separated by «; », and so are their attribute values, in the same order. \
                --with-children adds the codings of every code below those named with --code.

                For example:
                  qualcode export codings --format csv -o kodinger.csv
                  qualcode export codings --code Tillit --format csv -o tillit.csv
                  qualcode export codings --code Balansekunst --with-children --format csv \\
                    -o balansekunst.csv
                """
        )
        @OptionGroup var project: ProjectOptions
        @Option(name: .customLong("attr"), help: ArgumentHelp("An attribute column to include; repeatable (default: all).", valueName: "name"))
        var attributes: [String] = []
        @Option(name: .customLong("code"), help: "Only codings of this code; repeatable (default: all).") var codes: [String] = []
        @Flag(help: "Also the codings of every code below the named ones.") var withChildren = false
        @OptionGroup var table: TableOutputOptions

        func run() throws {
            try table.checkDestination(project: project)
            let options = CodingsOptions(attributes: attributes.isEmpty ? nil : attributes, codes: codes, includeChildren: withChildren,
                                         presentation: try table.presentation())
            try table.export(.codings(options), from: project, counting: "codings")
        }
    }

    struct Wide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a participant × code data set for SPSS, R or Stata, with a data dictionary.",
            discussion: """
                One row per participant: the pseudonym, the attributes, then one column per code holding 1 \
                when the participant said at least one segment with the code and 0 otherwise (--values \
                presence, the default), or the number of such segments (--values counts). Variable names \
                are safe for SPSS, R and Stata: ASCII, starting with a letter, at most 32 characters, \
                unique; æ, ø and å become ae, oe and aa, and codes are numbered in tree order \
                (k01_balansekunst, k02_det_navske, …). With --format csv the data dictionary — each \
                variable's name, the full code path or attribute name, its type and what its values mean — \
                is written beside the data as STEM_dictionary.csv (both files or neither; standard output \
                gets the data alone); in a document it is a second table. With --with-children a code named with --code counts the segments of \
                every code below it too.

                For example:
                  qualcode export wide --format csv -o deltakere.csv
                  qualcode export wide --values counts --format csv -o data.csv
                """
        )
        @OptionGroup var project: ProjectOptions
        @Option(name: .customLong("attr"), help: ArgumentHelp("An attribute column to include; repeatable (default: all).", valueName: "name"))
        var attributes: [String] = []
        @Option(name: .customLong("code"), help: "A code column to include; repeatable (default: all).") var codes: [String] = []
        @Flag(help: "A named code's column also counts the segments of every code below it.") var withChildren = false
        @Option(help: "presence (0/1) or counts.") var values: WideValues = .presence
        @OptionGroup var table: TableOutputOptions

        func run() throws {
            let out = table.out
            try table.checkDestination(project: project)
            if out.format == .csv, let file = out.file {
                try out.checkDestination(project: project, file: URL(fileURLWithPath: WideDataSet.dictionaryPath(for: file)))
            }
            let options = WideOptions(attributes: attributes.isEmpty ? nil : attributes, codes: codes, includeChildren: withChildren,
                                      values: values, presentation: try table.presentation())
            let report = try project.openStore().exportWideDataSet(options, to: try out.target(project))
            let size = "\(report.participants) participants, \(report.variables) variables"
            if report.dictionaryLeftOut {
                Output.note("Note: \(out.file ?? "standard output") carries the data alone; write it with -o FILE to get its data dictionary beside it.")
            } else if let dictionaryPath = report.dictionaryPath {
                out.wrote { "Wrote \($0) (\(size))\nWrote \(dictionaryPath) (data dictionary)" }
            } else {
                out.wrote { "Wrote \($0) (\(size); the data dictionary is the second table)" }
            }
        }
    }
}

extension MatrixCount: ExpressibleByArgument {}
extension MatrixPercent: ExpressibleByArgument {}
extension WideValues: ExpressibleByArgument {}
