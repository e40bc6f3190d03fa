import Agreement
import ArgumentParser
import Foundation
import QualCode

/// `qualcode agree …`: how far coders agree, where they disagree, and blind coding on the server.
struct AgreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agree",
        abstract: "Intercoder agreement: percent, Cohen's κ and Krippendorff's α per code; the disagreements.",
        discussion: """
            Compares the codings of two or more coders (every coding records its coder: --coder, or the \
            account on the server). Each code is compared on its own, then every decision is pooled. The \
            unit is characters by default (each character coded or not, as NVivo and QualCoder count), \
            or segments (each passage anyone marked; boundaries do not count), or sentences. Cohen's κ \
            needs exactly two coders; Krippendorff's α (nominal) takes any number and missing decisions. \
            A transcript a coder did not code at all counts as missing for that coder, not as «not \
            coded»; transcripts fewer than two of them coded are left out, and the report says so. \
            Orphaned segments (text an edit removed) are not compared.

            For example:
              qualcode agree --coders anne,berit
              qualcode agree --coders anne,berit --unit sentences --code Tillit
              qualcode agree --coders anne,berit,cato -o samsvar.docx
              qualcode agree disagreements --coders anne,berit -o uenigheter.docx
              qualcode agree report --coders anne,berit -o samsvar.docx
              qualcode agree blind on
            """,
        subcommands: [Statistics.self, Disagreements.self, Report.self, Blind.self], defaultSubcommand: Statistics.self)
}

extension AgreeCommand {
    struct Statistics: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Percent agreement, Cohen's κ and Krippendorff's α per code and pooled.",
            discussion: """
                Without -o or --format, prints a table. With them, writes it as docx, wordxml or html \
                with its unit and formulas named under it, or as csv (the table alone).

                For example:
                  qualcode agree stats --coders anne,berit --unit segments
                  qualcode agree stats --coders anne,berit --format csv > samsvar.csv
                """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var scope: AgreementScopeOptions
        @OptionGroup var out: DocumentOutputOptions

        func run() throws {
            try AgreeCommand.show(.statistics, project, scope, out, counted: "rows") { agreement, scope in
                printPlain(Agreement.statisticsTable(try agreement.agreement(scope), language: out.locale))
            }
        }
    }

    struct Disagreements: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The passages the coders coded differently, side by side, for a consensus meeting.",
            discussion: """
                Overlapping marks with one code are one passage. «coded / not coded»: some coders gave \
                the code there, others did not; «different boundaries»: all did, over different \
                stretches. Each passage has a number that `qualcode consensus` takes. Only transcripts \
                every compared coder coded are listed.

                For example:
                  qualcode agree disagreements --coders anne,berit --code Tillit
                  qualcode agree disagreements --coders anne,berit -o uenigheter.docx
                """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var scope: AgreementScopeOptions
        @OptionGroup var out: DocumentOutputOptions

        func run() throws {
            try AgreeCommand.show(.disagreements, project, scope, out, counted: "disagreements") { agreement, scope in
                Self.list(try agreement.disagreements(scope))
            }
        }

        private static func list(_ list: DisagreementList) {
            for item in list.items {
                let lines = item.firstLine == item.lastLine ? "line \(item.firstLine)" : "lines \(item.firstLine)-\(item.lastLine)"
                let kind = item.kind == .presence ? "coded / not coded" : "different boundaries"
                Output.line("\(item.id)  \(item.codePath)  \(item.transcriptName), \(lines)  (\(kind))")
                let width = item.sides.map(\.coder.count).max() ?? 0
                for side in item.sides {
                    let label = side.coder.padding(toLength: width, withPad: " ", startingAt: 0)
                    let text = side.passages.isEmpty ? "(not coded)" : side.passages.map { "«\($0.text.truncated(to: 200))»" }.joined(separator: " … ")
                    Output.line("    \(label)  \(text.replacingOccurrences(of: "\n", with: " "))")
                }
                if let decision = item.decision {
                    let adopted = decision.adopted.isEmpty ? "none adopted" : "\(decision.adopted.joined(separator: ", ")) adopted"
                    Output.line("    decided: \(adopted) (\(decision.decidedBy))\(decision.note.map { ": \($0)" } ?? "")")
                }
            }
            let decided = list.items.filter { $0.decision != nil }.count
            Output.line("\(list.items.count) disagreement(s), \(decided) decided; \(list.agreed) passage(s) coded the same by all.")
            if list.changedDecisions > 0 {
                Output.note("\(list.changedDecisions) decision(s) concern passages coded differently since: decide them again by their new numbers.")
            }
            if !list.notCodedByAll.isEmpty {
                Output.note("Not listed (not every coder coded them): \(list.notCodedByAll.joined(separator: ", ")).")
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the statistics and the disagreement list as one document.",
            discussion: """
                For example:
                  qualcode agree report --coders anne,berit -o samsvar.docx
                  qualcode agree report --coders anne,berit --locale en -o agreement.docx
                """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var scope: AgreementScopeOptions
        @OptionGroup var out: DocumentOutputOptions

        func validate() throws {
            if out.format == .csv { throw ValidationError("a CSV file holds one table: use `agree stats` or `agree disagreements` with --format csv.") }
        }

        func run() throws {
            let store = try project.openStore()
            try out.checkDestination(project: project)
            let report = try Agreement(store).export([.statistics, .disagreements], try scope.scope(store), language: out.locale,
                                                     to: try out.target(project))
            out.wrote { "Wrote \($0) (\(report.rows[.statistics] ?? 0) rows of statistics, \(report.rows[.disagreements] ?? 0) disagreements)" }
        }
    }

    struct Blind: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Blind coding on the server: coders see only their own codings until it is turned off.",
            discussion: """
                For example:
                  qualcode agree blind on
                  qualcode agree blind off
                  qualcode agree blind
                """)
        @OptionGroup var project: ProjectOptions
        @Argument(help: "on or off; without it, says which it is.") var state: BlindState?

        enum BlindState: String, ExpressibleByArgument { case on, off }

        func run() throws {
            let agreement = Agreement(try project.openStore())
            if let state { try agreement.setBlindCoding(state == .on) }
            Output.line("Blind coding is \(try agreement.isBlindCoding() ? "on: coders see only their own codings" : "off").")
        }
    }
}

extension AgreeCommand {
    /// What `stats` and `disagreements` share: `inTerminal` prints it when neither -o nor --format is
    /// given; otherwise the one table is written as the file asked for.
    static func show(_ kind: AgreementTableKind, _ project: ProjectOptions, _ options: AgreementScopeOptions, _ out: DocumentOutputOptions,
                     counted noun: String, inTerminal: (Agreement, AgreementScope) throws -> Void) throws {
        let store = try project.openStore()
        let agreement = Agreement(store)
        let scope = try options.scope(store)
        guard out.output != nil || out.formatOption != nil else {
            // What the terminal shows passes the same screen as the file would (its output may go to one).
            if let screen = try out.privacy.screen(project) {
                var check = ExportTarget(stream: ExportStream(name: "standard output") { _ in }, format: .csv)
                check.screen = screen
                _ = try agreement.export([kind], scope, language: out.locale, to: check)
            }
            return try inTerminal(agreement, scope)
        }
        try out.checkDestination(project: project)
        let report = try agreement.export([kind], scope, language: out.locale, to: try out.target(project))
        out.wrote { "Wrote \($0) (\(report.rows[kind] ?? 0) \(noun))" }
    }
}

/// A table as plain text with its notes under it, for the terminal.
func printPlain(_ table: Table) {
    Output.line(Inline.plainText(table.caption))
    Output.exact(table.textTable.renderText(maxWidth: 40))
    for note in table.notes { Output.line(Inline.plainText(note)) }
}
