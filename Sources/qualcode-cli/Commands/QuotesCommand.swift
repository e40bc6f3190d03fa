import ArgumentParser
import Foundation
import QualCode

struct QuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Export the quotes coded with one or more codes, labelled, as Word, Word XML, HTML or CSV.",
        discussion: """
            Each quote carries the verbatim text from the transcript and the text as displayed, with every \
            edit (omissions, insertions, glosses, removed fillers; see `qualcode quote edit`) listed in the \
            CSV quote bank. House styles: thesis (italic, the pseudonym in parentheses) and report (a label \
            built from participant attributes); --style-file reads your own (copy one from Templates/ or \
            print one with `qualcode quote style report`). Quotes of at least --block-words words are block \
            quotes (style «Sitat» with a «Sitat-etikett» label line); shorter ones are set inline in «». \
            Each group starts with the number of quotes per participant, so you can see when one voice \
            dominates. A code's child codes are left out unless you pass --with-children; a code with \
            no quotes of its own but some in its children is refused without it.

            Before writing, the export checks for a label that fits one participant only, a quote exported \
            earlier with another label, text from notes or e-mail (footnoted, since it is not recorded \
            speech), a lead-in naming a role the speaker does not have, and edits made before the \
            transcript changed. They are printed as warnings; --strict refuses to write. Every export is \
            recorded, so a later export can see which label a quote had; `qualcode quote exports` lists the \
            records and forgets trial exports.

            For example:
              qualcode quotes --code Trivsel --code "Det navske" --label "({rolle}, {tjeneste})" --format docx -o sitater.docx
              qualcode quotes --code Balansekunst --style thesis --format csv -o sitatbank.csv
              qualcode quotes --code Balansekunst --with-children -o balansekunst.docx
              qualcode quotes --code Tillit --style report --lead-in "En {rolle} forteller:" --with-question -o tillit.docx
            """
    )

    @OptionGroup var project: ProjectOptions
    @Option(name: .customLong("code"), help: "A code whose quotes to export; repeatable.") var codes: [String] = []
    @Flag(help: "Also export the quotes of every code below the named ones.") var withChildren = false
    @OptionGroup var houseStyle: HouseStyleOptions
    @Option(help: ArgumentHelp("Label after each quote: {pseudonym}, {label} or attribute names in braces; \"\" for none.", valueName: "template"))
    var label: String?
    @Option(help: ArgumentHelp("A sentence before each quote, e.g. \"{pseudonym} forteller:\" (then no label unless --label is given).",
                               valueName: "template"))
    var leadIn: String?
    @Option(help: ArgumentHelp("code, participant or attr:NAME.", valueName: "grouping")) var groupBy = "code"
    @Option(help: "Quotes of at least this many words become block quotes (default: the house style's, 40).") var blockWords: Int?
    @Flag(help: "Put the interviewer's question before each quote.") var withQuestion = false
    @Flag(help: "Remove filler words (eh, ehm, …) from quotes without edits of their own; each removal is listed.") var cleanFillers = false
    @Flag(help: "Refuse to write when a check finds a problem.") var strict = false
    @OptionGroup var out: DocumentOutputOptions

    func validate() throws {
        if codes.isEmpty { throw ValidationError("name at least one --code.") }
        if let blockWords, blockWords < 1 { throw ValidationError("--block-words must be 1 or more (got \(blockWords)).") }
        _ = try grouping()
    }

    func grouping() throws -> QuoteGrouping {
        // The library's sentence starts with the value: «"x": expected code, participant or attr:NAME.»
        do { return try QuoteGrouping(parsing: groupBy) } catch { throw ValidationError("--group-by \(error)") }
    }

    func run() throws {
        try out.checkDestination(project: project)
        let store = try project.openStore()
        var options = QuoteOptions(codes: codes)
        options.includeChildren = withChildren
        options.style = try houseStyle.resolve()
        if let leadIn { options.style.leadIn = leadIn; options.style.label = "" }
        if let label { options.style.label = label }
        if let blockWords { options.style.blockWords = blockWords }
        options.grouping = try grouping()
        options.language = out.locale
        options.withQuestion = withQuestion
        options.cleanFillers = cleanFillers

        let report = try store.exportQuotes(QuoteExportRequest(options: options, strict: strict), to: try out.target())
        for warning in report.warnings { Output.note("Warning: \(ErrorWording.warning(warning))") }
        guard report.wasWritten else { throw ChecksFailed(count: report.warnings.count) }
        print("Wrote \(report.count) quote(s) to \(report.path)")
    }
}

/// `--strict` with warnings: an error, without the usage text a ValidationError would print.
struct ChecksFailed: Error, CustomStringConvertible {
    var count: Int
    var description: String { "\(count) check(s) found a problem and --strict is set; nothing was written." }
}

extension DocumentLanguage: ExpressibleByArgument {}
