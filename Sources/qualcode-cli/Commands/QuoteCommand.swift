import ArgumentParser
import Foundation
import QualCode

struct QuoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quote",
        abstract: "Edit how one quote is displayed, show it, print a house style, or list and forget recorded exports.",
        subcommands: [Edit.self, Show.self, Style.self, Exports.self]
    )

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Edit how a quote (a coded segment) is displayed; the transcript is never changed.",
            discussion: """
                Write the quote as it should be displayed and QualCode works out the edits against the \
                verbatim text: (…) or […] where you leave words out, … at the start or end for a cut, \
                [text] for your own words (standing in for the words they replace, if any), <text> for a \
                gloss. Filler words you leave out (eh, ehm, …) are recorded as such, and so is a first \
                letter you capitalise («Jeg» for «jeg» once the «Eh,» before it is gone). Any other change \
                to the speaker's words is refused, so every quote stays traceable. Edits are stored with the \
                quote, listed in the CSV quote bank, and marked in the house style's way on export.

                For example:
                  qualcode quote edit 1a2b3c4d \\
                    --display "(…) vi må [jobbspesialistene] stole på hverandre"
                  qualcode quote edit 1a2b3c4d --clean-fillers
                  qualcode quote edit 1a2b3c4d --lead-in "Eva forteller:"
                  qualcode quote edit 1a2b3c4d --verbatim --lead-in ""
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The segment id (as `units` or `code` prints it).") var segment: String
        @Option(parsing: .unconditional, help: "The quote as it should be displayed.") var display: String?
        @Flag(help: "Remove filler words, recording each removal.") var cleanFillers = false
        @Flag(help: "Drop all edits: show the quote verbatim.") var verbatim = false
        @Option(help: ArgumentHelp("A sentence before the quote, e.g. \"Eva forteller:\"; \"\" removes it.", valueName: "text"))
        var leadIn: String?
        @OptionGroup var houseStyle: HouseStyleOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            try refuseOptionNameAsText(display, for: "--display")
            let forms = [display != nil, cleanFillers, verbatim].filter { $0 }.count
            if forms > 1 { throw ValidationError("choose at most one of --display, --clean-fillers and --verbatim.") }
            if forms == 0 && leadIn == nil { throw ValidationError("say what to change: --display, --clean-fillers, --verbatim or --lead-in.") }
        }

        func run() throws {
            var update = QuoteUpdate(leadIn: leadIn)
            if let display { update.form = .display(display) }
            if cleanFillers { update.form = .cleanFillers }
            if verbatim { update.form = .verbatim }
            let style = try houseStyle.resolve()
            let store = try project.openStore()
            let details = try store.editQuote(segment: try store.resolve.segment(segment), update, style: style)
            if json { try Output.printJSON(details); return }
            QuoteCommand.show(details)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a quote: verbatim and displayed text, its edits, lead-in, and the exports it went into.",
            discussion: "For example:\n  qualcode quote show 1a2b3c4d --style report"
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The segment id.") var segment: String
        @OptionGroup var houseStyle: HouseStyleOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let style = try houseStyle.resolve()
            let store = try project.openStore()
            let details = try store.quoteDetails(segment: try store.resolve.segment(segment), style: style)
            if json { try Output.printJSON(details); return }
            QuoteCommand.show(details)
        }
    }

    struct Style: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a house style as the JSON file --style-file reads, to copy and edit.",
            discussion: """
                Every setting is optional in your own file: what it leaves out comes from the built-in style \
                named by "basedOn" (thesis or report). Misspelt settings are refused.

                For example:
                  qualcode quote style report > min-stil.json
                  qualcode quote style min-stil.json        # check a file, with the defaults
                """
        )
        @Argument(help: "thesis, report, or a style file to check.") var name: String = "thesis"

        func run() throws {
            let style = try HouseStyle.named(name) ?? HouseStyle.load(from: URL(fileURLWithPath: name))
            Output.exact(style.json(), terminator: "")
        }
    }

    struct Exports: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the recorded quote exports, or forget one or all of them.",
            discussion: """
                Every `quotes` export that wrote a file is recorded with the label each quote had, so a later \
                export warns when a quote goes out with another label. Forget trial exports to stop those \
                warnings; the files themselves are not touched.

                For example:
                  qualcode quote exports
                  qualcode quote exports forget 1a2b3c4d
                  qualcode quote exports forget proveeksport.docx
                  qualcode quote exports forget --all
                """,
            subcommands: [List.self, Forget.self],
            defaultSubcommand: List.self
        )

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the recorded exports: id, file, who, when, quotes, labels.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let exports = try project.openStore().quoteExports()
                try output.emit(exports) {
                    TextTable(headers: ["export", "file", "by", "when", "quotes", "labels"],
                              rows: exports.map { e in
                                  [e.id.shortID, e.file, e.exportedBy, ISO8601DateFormatter().string(from: e.exportedAt), String(e.quotes),
                                   output.csv ? e.labels.joined(separator: "; ") : Self.labels(e.labels)]
                              })
                }
            }

            /// The first labels and how many more: «(Eva); (Berit) +3».
            static func labels(_ labels: [String]) -> String {
                let shown = labels.prefix(2).map { $0.isEmpty ? "(none)" : $0 }.joined(separator: "; ")
                return labels.count > 2 ? "\(shown) +\(labels.count - 2)" : shown
            }
        }

        struct Forget: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Forget a recorded export (by its id or its file), or --all.",
                discussion: "For example:\n  qualcode quote exports forget 1a2b3c4d\n  qualcode quote exports forget --all"
            )
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The export's id (as `quote exports` prints it) or its file.") var export: String?
            @Flag(help: "Forget every recorded export.") var all = false

            func validate() throws {
                if (export == nil) == !all { throw ValidationError("name one export, or pass --all.") }
            }

            func run() throws {
                let store = try project.openStore()
                if all {
                    let forgotten = try store.forgetAllQuoteExports()
                    Output.line("Forgot \(forgotten.count) export(s) with \(forgotten.reduce(0) { $0 + $1.quotes }) recorded quote use(s)")
                    return
                }
                let forgotten = try store.forgetQuoteExport(try store.resolve.quoteExport(export ?? ""))
                Output.line("Forgot export \(forgotten.id.shortID) to \(forgotten.file) (\(forgotten.quotes) quote(s), by \(forgotten.exportedBy))")
            }
        }
    }

    static func show(_ details: QuoteDetails) {
        Output.line("\(details.segment.shortID)  \(details.transcript) line \(details.lines)")
        if let leadIn = details.leadIn { Output.line("lead-in:   \(leadIn)") }
        Output.line("verbatim:  \(details.verbatim.collapsedWhitespace)")
        Output.line("displayed: \(details.displayed)")
        // A gloss prints as [ ] but is written < > (`--display` reads [ ] as an insertion).
        if details.editable != details.displayed { Output.line("edit as:   \(details.editable)") }
        Output.line("edits:     \(details.edits.isEmpty ? "none" : details.edits)")
        if let editor = details.editedBy { Output.line("edited by: \(editor)") }
        if details.isStale { Output.line("(the transcript changed after the quote was edited: it is shown verbatim until edited again)") }
        for use in details.uses { Output.line("exported:  \(use.file) as \"\(use.label)\" by \(use.exportedBy)") }
    }
}
