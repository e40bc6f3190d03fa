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
            built from participant attributes, upright even in block quotes); --style-file reads your own \
            (copy one from Templates/ or print one with `qualcode quote style report`). Quotes of at least \
            --block-words words are block quotes (style «Sitat» with a «Sitat-etikett» label line); shorter \
            ones are set inline in «». A quote whose segment starts mid-sentence begins with the style's cut \
            mark («… og da»). With --with-question the interviewer's question is a paragraph of its own \
            (style «Sitat-spørsmål») before the quote. Each group starts with the number of quotes and \
            participants; the thesis style (or --names-in-summary) also gives each participant's count, so \
            you can see when one voice dominates, while the report style leaves pseudonyms out of a file \
            meant for readers. A code's child codes are left out unless you pass --with-children; a code \
            with no quotes of its own but some in its children is refused without it.

            Before writing, the export checks for a label that fits one participant only, a quote exported \
            earlier with another label, text from notes or e-mail (footnoted, since it is not recorded \
            speech), a lead-in naming a role the speaker does not have, and edits made before the \
            transcript changed. They are printed as warnings; --strict refuses to write. Every export to a \
            file is recorded, so a later export can see which label a quote had. To list the records and \
            forget trial exports:
              qualcode quote exports

            Without -o, or with -o -, csv and html go to standard output (a look at the quotes, which is \
            not recorded); docx and wordxml need a file.

            For example:
              qualcode quotes --code Trivsel --code "Det navske" \\
                --label "({rolle}, {tjeneste})" --format docx -o sitater.docx
              qualcode quotes --code Balansekunst --style thesis --format csv \\
                -o sitatbank.csv
              qualcode quotes --code Balansekunst --with-children -o balansekunst.docx
              qualcode quotes --code Tillit --style report \\
                --lead-in "En {rolle} forteller:" --with-question -o tillit.docx
            """
    )

    @OptionGroup var project: ProjectOptions
    @Option(name: .customLong("code"), help: "A code whose quotes to export; repeatable.") var codes: [String] = []
    @Flag(help: "Also export the quotes of every code below the named ones.") var withChildren = false
    @OptionGroup var quoteStyle: QuoteStyleOptions
    @Option(help: ArgumentHelp("code, participant or attr:NAME.", valueName: "grouping")) var groupBy = "code"
    @Flag(help: "Put the interviewer's question before each quote.") var withQuestion = false
    @Flag(help: "Remove filler words (eh, ehm, …) from quotes without edits of their own; each removal is listed.") var cleanFillers = false
    @Flag(help: "Refuse to write when a check finds a problem.") var strict = false
    @OptionGroup var out: DocumentOutputOptions

    func validate() throws {
        if codes.isEmpty { throw ValidationError("name at least one --code.") }
        _ = try grouping()
    }

    func grouping() throws -> QuoteGrouping {
        // The library's sentence starts with the value: «"x": expected code, participant or attr:NAME.»
        do { return try QuoteGrouping(parsing: groupBy) } catch { throw ValidationError("--group-by \(error)") }
    }

    func run() throws {
        try out.checkDestination(project: project)
        let store = try project.openStore()
        let options = QuoteOptions(codes: codes, includeChildren: withChildren, style: try quoteStyle.resolve(), grouping: try grouping(),
                                   language: out.locale, withQuestion: withQuestion, cleanFillers: cleanFillers)

        // Quotes printed to standard output are a look at them, not an export to record.
        let request = QuoteExportRequest(options: options, strict: strict, recordsUses: !out.toStandardOutput)
        let report = try store.exportQuotes(request, to: try out.target(project))
        if let literal = report.literalLabel { Output.note("Warning: \(ErrorWording.literalLabel(literal))") }
        for warning in report.warnings { Output.note("Warning: \(ErrorWording.warning(warning))") }
        guard report.wasWritten else { throw ChecksFailed(count: report.warnings.count) }
        out.wrote { "Wrote \(report.count) quote(s) to \($0)" }
        if !report.usesRecorded && report.count > 0 {
            Output.note("Note: quotes sent to standard output are not recorded as exported; write them with -o FILE to record their labels.")
        }
    }
}

/// `--strict` with warnings: an error, without the usage text a ValidationError would print.
struct ChecksFailed: Error, CustomStringConvertible {
    var count: Int
    var description: String { "\(count) check(s) found a problem and --strict is set; nothing was written." }
}

extension DocumentLanguage: ExpressibleByArgument {}
