import ArgumentParser
import Condensation
import Foundation
import QualCode

extension StcCommand {
    struct Snapshot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keep the analysis as it is now under a label, to export later.",
            discussion: """
                Take one at each step, or before dropping or merging a group. Any `stc export` command \
                exports a snapshot as it was with --snapshot LABEL.

                For example:
                  qualcode stc snapshot take "Etter trinn 3"
                  qualcode stc snapshot list
                """,
            subcommands: [Take.self, List.self], defaultSubcommand: List.self)

        struct Take: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Take a snapshot.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The snapshot's label.") var label: String
            func run() throws {
                let info = try project.openCondensation().takeSnapshot(label)
                Output.line("Snapshot \"\(info.label)\" taken at step \(info.step)")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the snapshots.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions
            func run() throws {
                let snapshots = try project.openCondensation().snapshots()
                let date = ISO8601DateFormatter()
                try output.emit(snapshots) {
                    TextTable(headers: ["label", "step", "by", "taken"], rows: snapshots.map { [$0.label, String($0.step), $0.takenBy, date.string(from: $0.takenAt)] })
                }
            }
        }
    }
}
