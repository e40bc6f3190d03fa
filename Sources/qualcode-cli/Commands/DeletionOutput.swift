import ArgumentParser
import Foundation
import QualCode

/// `--force`, `--dry-run` and `--json` of the commands that delete a transcript or a participant, and
/// how their report is printed.
struct DeletionOptions: ParsableArguments {
    @Flag(help: "Delete even though codings, memos or links depend on it; they go (or are detached) with it.")
    var force = false

    @Flag(help: "Only list what depends on it and what a deletion would take; change nothing.")
    var dryRun = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    /// Deletes the record (or with --dry-run only counts what would go) and prints the report.
    func run(_ id: UUID, preview: (UUID) throws -> DeletionReport, delete: (UUID, Bool) throws -> DeletionReport) throws {
        try report(dryRun ? try preview(id) : try delete(id, force))
    }

    /// Prints what was deleted, or with --dry-run what would be and whether --force is needed.
    func report(_ report: DeletionReport) throws {
        if json { try Output.printJSON(report); return }
        let record = "\(report.record.kind.rawValue) \"\(report.record.name)\""
        let effects = Dependent.effects(report.dependents, past: report.wasDeleted)
        if report.wasDeleted {
            Output.line("Deleted \(record)" + (effects.isEmpty ? "" : "; that also \(effects)"))
        } else {
            Output.line("Deleting \(record) " + (effects.isEmpty ? "takes nothing else with it" : "also \(effects)"))
        }
        if !report.linked.isEmpty {
            let stay = report.linked.first?.kind == .participant ? "Participants linked to it (they stay)" : "Transcripts it is in (they stay)"
            Output.line("\(stay): \(report.linked.map(\.name).joined(separator: ", "))")
        }
        if !report.wasDeleted {
            let blocking = Dependent.describe(report.blocking)
            Output.line(blocking.isEmpty ? "Nothing depends on it; it can be deleted without --force."
                                         : "In use (\(blocking)): deleting it needs --force.")
        }
    }
}
