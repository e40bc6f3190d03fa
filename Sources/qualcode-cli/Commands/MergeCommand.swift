import ArgumentParser
import Foundation
import QualCode

/// `qualcode merge OTHER`: brings another copy of the project into this one.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Bring another copy of the project into this one, without duplicates.",
        discussion: """
            For double coding: each coder codes a copy of the project file, and one \
            merges the others' copies in. Transcripts are matched by their text, codes \
            by id and then path, codings kept per coder; memos, edited quotes, \
            condensation, the work map and consensus decisions come along. Where the \
            copies disagree, ours is kept and the conflict is listed. A backup of the \
            project is made beside it first; merging the same copy again changes nothing.

            For example:
              qualcode merge berit.qualcode
              qualcode merge berit.qualcode -o sammenslaing.docx
              qualcode merge berit.qualcode -o konflikter.csv --table conflicts
            """)
    @OptionGroup var project: ProjectOptions

    @Argument(help: ArgumentHelp("The other copy of the project.", valueName: "other"))
    var other: String

    @OptionGroup var out: DocumentOutputOptions

    @Option(help: "The table a CSV report holds: counts or conflicts.")
    var table: MergeReportTable = .counts

    func validate() throws {
        if out.output != nil, out.format != .csv, table != .counts {
            throw ValidationError("--table picks the table of a CSV report; a document holds both.")
        }
    }

    func run() throws {
        if out.output != nil { try out.checkDestination(project: project) }
        // The key is opened before the merge, so a missing passphrase stops it before anything changes;
        // the report's own text can only be screened once the merge is made.
        if out.output != nil { _ = try out.privacy.screen(project) }
        let store = try project.openStore()
        let otherURL = URL(fileURLWithPath: other)
        let report: MergeReport
        do {
            report = try store.merge(from: otherURL)
        } catch let StoreError.projectNotFound(path) where path == otherURL.path {
            // The other copy is only read: «create one with qualcode init» is no remedy for it.
            throw WordedError(description: "\(path): no such project file to merge; nothing was merged or changed.")
        }
        for count in report.counts where count.new > 0 || count.matched > 0 {
            let filled = count.filled > 0 ? ", \(count.filled) filled in from theirs" : ""
            Output.line("\(count.kind.english): \(count.new) new, \(count.matched) already here\(filled)")
        }
        if !report.broughtInAnything { Output.line("Nothing new in \(Self.oneLine(report.other)); the project is unchanged.") }
        if let backup = report.backup { Output.line("Backup made first: \(Self.oneLine(backup.path))") }
        if !report.modulesNotCarried.isEmpty {
            Output.line("Not brought in: the tables of \(report.modulesNotCarried.joined(separator: ", ")), which cannot be merged yet.")
        }
        if report.conflicts.isEmpty {
            Output.line("No conflicts.")
        } else {
            Output.line("\(report.conflicts.count) conflict(s), ours kept:")
            for conflict in report.conflicts {
                let outcome = switch conflict.outcome {
                case .keptOurs: ""
                case let .cameInAs(name): " (theirs came in as \(name))"
                }
                Output.line("  \(conflict.kind.english) \(Self.oneLine(conflict.what)), \(conflict.aspect.english): ours \(Self.shown(conflict.ours)), theirs \(Self.shown(conflict.theirs))\(outcome)")
            }
        }
        if out.output != nil {
            try report.export(language: out.locale, to: try out.target(project), csvTable: table)
            out.wrote { "Wrote the merge report to \($0)." }
        }
    }

    /// A file name or a quoted passage, which may hold a line break, kept on its line.
    private static func oneLine(_ text: String) -> String { text.escapingControlCharacters() }

    /// A value on one line, quoted and cut short.
    private static func shown(_ value: String) -> String {
        let line = value.replacingOccurrences(of: "\n", with: " ")
        return "«" + (line.count > 60 ? String(line.prefix(59)) + "…" : line) + "»"
    }
}

extension MergeReportTable: ExpressibleByArgument {}
