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
            if json { print(try Output.json(status)); return }
            print("Step \(status.step) of 4: \(Condensation.steps[status.step - 1])")
            if !status.themeNames.isEmpty { print("preliminary themes: \(status.themeNames.joined(separator: ", "))") }
            print("themes \(status.themes) (\(status.themesShared) shared) · units \(status.units) · code groups \(status.groups) · subgroups \(status.subgroups)"
                  + " · condensates \(status.condensed) · golden quotes \(status.withGoldenQuote) · analysed \(status.analysed)")
            if status.missing.isEmpty { print("Nothing missing.") } else {
                print("Missing:")
                for item in status.missing { print("  - \(Self.worded(item))") }
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
