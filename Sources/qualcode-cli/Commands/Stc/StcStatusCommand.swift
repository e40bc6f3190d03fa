import ArgumentParser
import Condensation
import Foundation
import QualCode

extension StcCommand {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The current step, the counts, and what is missing for the next step.")
        @OptionGroup var project: ProjectOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let status = try project.openCondensation().status()
            if json { try Output.printJSON(status); return }
            Output.line("Step \(status.step) of 4: \(Condensation.steps[status.step - 1])")
            if !status.themeNames.isEmpty { Output.line("preliminary themes: \(status.themeNames.joined(separator: ", "))") }
            Output.line("themes \(status.themes) (\(status.themesShared) shared) · units \(status.units) · code groups \(status.groups) · subgroups \(status.subgroups)"
                  + " · condensates \(status.condensed) · golden quotes \(status.withGoldenQuote) · analysed \(status.analysed)")
            if status.missing.isEmpty { Output.line("Nothing missing.") } else {
                Output.line("Missing:")
                for item in status.missing { Output.line("  - \(Self.worded(item))") }
            }
        }

        /// A missing item as the command line says it: the library's sentence and the command that does it.
        static func worded(_ item: CondensationStatus.Missing) -> String {
            let command = switch item {
            case .noProjectMemo: "memo add --on project"
            case .transcriptsWithoutMemo: "memo add --on transcript:NAME"
            case .noThemes: "stc theme add"
            case .themesNotShared: "stc theme share"
            case .noUnits: "stc unit add"
            case .noSubgroups: "stc subgroup add"
            case .unsortedUnits: "stc unit move"
            case .noCondensate: "stc condense"
            case .noGoldenQuote: "stc condense --golden"
            case .notAnalysed: "stc analyse"
            case .strayGroup: "stc validate"
            }
            return "\(item) (`\(command)`)"
        }
    }
}
