import ArgumentParser
import Condensation
import Foundation
import QualCode

extension StcCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the analysis: the thesis tables, the results chapter, or every link as CSV.",
            discussion: """
                tables: «Tabell 1» units and codes, «Tabell 2» units, codes, subgroups and groups, «Tabell 3» \
                groups, subgroups and codes (--with-units adds the unit ids), «Tabell 4» groups, subgroups, \
                condensates and golden quotes. A group is named one way in every table: its heading if it has \
                one, else its name. --landscape sets each table on a landscape page; a house style \
                (--style, --style-file) gives the words and caption style (APA 7 with "captions": "apa"). \
                chapter: a section per category heading, subsections «Kategori — Subgruppe», the analytic text \
                (Markdown: *italic*, **bold**, paragraphs, lists), the golden quote and the other units as \
                quotes, and how many participants support each. The quotes take the same house style and \
                --label, --lead-in and --block-words as `qualcode quotes`; the report style names no \
                participants in the support lines. csv: one row per link at every level. Every export uses \
                your level names (`stc set`); --snapshot exports the analysis as a snapshot kept it.

                For example:
                  qualcode stc export tables -o tabeller.docx --landscape
                  qualcode stc export chapter -o resultater.docx --reference-docx mal.docx
                  qualcode stc export chapter --style report --label "({rolle})" -o r.docx
                  qualcode stc export csv -o analyse.csv --delimiter ';'
                  qualcode stc export chapter --snapshot "Etter trinn 3" \\
                    -o resultater-tidlig.docx
                """,
            subcommands: [Tables.self, Chapter.self, CSV.self])

        struct Tables: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The thesis tables of the analysis.")
            @OptionGroup var project: ProjectOptions
            @Option(help: "Export this snapshot instead of the analysis as it is now.") var snapshot: String?
            @Flag(help: "Add the unit ids to the overview table.") var withUnits = false
            @Flag(help: "Set each table on a landscape page of its own.") var landscape = false
            @OptionGroup var houseStyle: HouseStyleOptions
            @OptionGroup var out: DocumentOutputOptions
            func validate() throws {
                if !AnalysisExportRequest.Kind.tables.formats.contains(out.format) {
                    throw ValidationError("stc export tables writes docx, wordxml or html; use `stc export csv` for CSV.")
                }
            }
            func run() throws {
                try out.checkDestination(project: project)
                let request = AnalysisExportRequest(kind: .tables, snapshot: snapshot, style: try houseStyle.resolve(), language: out.locale,
                                                    withUnits: withUnits, landscape: landscape)
                let wide = try project.openCondensation().export(request, to: try out.target(project)).tablesTooWide
                out.wrote { "Wrote \($0)" }
                if !wide.isEmpty {
                    Output.note("Note: table \(wide.map(String.init).joined(separator: ", ")) is too wide for the page even at 8 pt, so some words "
                                + "are broken" + (landscape ? "." : "; --landscape gives each table a wider page."))
                }
            }
        }

        struct Chapter: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The results chapter's skeleton.")
            @OptionGroup var project: ProjectOptions
            @Option(help: "Export this snapshot instead of the analysis as it is now.") var snapshot: String?
            @OptionGroup var quoteStyle: QuoteStyleOptions
            @OptionGroup var out: DocumentOutputOptions
            func validate() throws {
                if !AnalysisExportRequest.Kind.chapter.formats.contains(out.format) {
                    throw ValidationError("stc export chapter writes docx, wordxml or html; use `stc export csv` for CSV.")
                }
            }
            func run() throws {
                try out.checkDestination(project: project)
                let request = AnalysisExportRequest(kind: .chapter, snapshot: snapshot, style: try quoteStyle.resolve(), language: out.locale)
                _ = try project.openCondensation().export(request, to: try out.target(project))
                out.wrote { "Wrote \($0)" }
            }
        }

        struct CSV: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "csv", abstract: "Every level, one row per link, as CSV.")
            @OptionGroup var project: ProjectOptions
            @Option(help: "Export this snapshot instead of the analysis as it is now.") var snapshot: String?
            @OptionGroup var out: DocumentOutputOptions
            func run() throws {
                try out.checkDestination(project: project, writing: .csv)
                let request = AnalysisExportRequest(kind: .csv, snapshot: snapshot, language: out.locale)
                _ = try project.openCondensation().export(request, to: try out.target(project, writing: .csv))
                out.wrote { "Wrote \($0)" }
            }
        }
    }
}
