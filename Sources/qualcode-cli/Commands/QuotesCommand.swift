import ArgumentParser
import Foundation
import QualCode

struct QuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Export the quotes coded with one or more codes, labelled, as Word, Word XML, HTML or CSV.",
        discussion: """
            Each quote carries the verbatim text from the transcript and the text as displayed. Styles: \
            thesis (italic, the pseudonym in parentheses) and report (a label built from participant \
            attributes). Quotes of at least --block-words words are block quotes (style «Sitat» with a \
            «Sitat-etikett» label line); shorter ones are set inline in «». Each group starts with the \
            number of quotes per participant, so you can see when one voice dominates.

            For example:
              qualcode quotes --code Trivsel --code "Det navske" --label "({rolle}, {tjeneste})" --format docx -o sitater.docx
              qualcode quotes --code Balansekunst --style thesis --format csv -o sitatbank.csv
            """
    )

    @OptionGroup var project: ProjectOptions
    @Option(name: .customLong("code"), help: "A code whose quotes to export; repeatable.") var codes: [String] = []
    @Option(help: "thesis or report.") var style: QuoteStyle = .thesis
    @Option(help: ArgumentHelp("Label template: {pseudonym}, {label} or attribute names in braces.", valueName: "template"))
    var label: String?
    @Option(help: ArgumentHelp("code, participant or attr:NAME.", valueName: "grouping")) var groupBy = "code"
    @Option(help: "Quotes of at least this many words become block quotes.") var blockWords = 40
    @OptionGroup var out: DocumentOutputOptions

    func validate() throws {
        if codes.isEmpty { throw ValidationError("name at least one --code.") }
        if blockWords < 1 { throw ValidationError("--block-words must be 1 or more (got \(blockWords)).") }
        _ = try grouping()
    }

    func grouping() throws -> QuoteGrouping {
        switch groupBy {
        case "code": return .code
        case "participant": return .participant
        case let g where g.hasPrefix("attr:") && g.count > 5: return .attribute(String(g.dropFirst(5)))
        default: throw ValidationError("--group-by \"\(groupBy)\": expected code, participant or attr:NAME.")
        }
    }

    func run() throws {
        let store = try project.openStore()
        var options = QuoteOptions(codes: codes)
        options.style = style
        options.labelTemplate = label
        options.grouping = try grouping()
        options.blockWords = blockWords
        options.language = out.locale
        switch out.format {
        case .csv:
            let quotes = try store.quotes(options)
            let table = TextTable(
                headers: ["kode", "deltakere", "etikett", "transkripsjon", "linjer", "ordrett", "vist", "segment"],
                rows: quotes.map { [$0.codes.joined(separator: "; "), $0.participants.joined(separator: ", "), $0.label, $0.transcript,
                                    $0.lines, $0.verbatim, $0.displayed, $0.segment.uuidString] })
            try out.write(table)
            print("Wrote \(quotes.count) quote(s) to \(out.output)")
        case .docx, .wordxml, .html:
            try out.write(try store.quoteDocument(options))
            print("Wrote \(out.output)")
        }
    }
}

extension QuoteStyle: ExpressibleByArgument {}
extension DocumentLanguage: ExpressibleByArgument {}
