import ArgumentParser
import Condensation
import Foundation
import QualCode

extension StcCommand {
    struct Theme: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Preliminary themes from the total impression (step 1).",
            subcommands: [Add.self, List.self, Share.self], defaultSubcommand: List.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a preliminary theme with a note.",
                                                            discussion: "For example:\n  qualcode stc theme add \"Det navske\" --note \"Regelverk, brev, systemer\"")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The theme's name.") var name: String
            @Option(help: "What you noticed.") var note: String?
            func run() throws {
                let theme = try project.openCondensation().addTheme(name, note: note)
                Output.line("Added theme \(theme.position): \(theme.name)")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the preliminary themes.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions
            func run() throws {
                let themes = try project.openCondensation().themes()
                let date = ISO8601DateFormatter()
                date.formatOptions = [.withFullDate]
                try output.emit(themes) {
                    TextTable(headers: ["#", "theme", "shared", "note"],
                              rows: themes.map { [String($0.position), $0.name, $0.sharedAt.map(date.string) ?? "", ($0.note ?? "").truncated(to: 60)] })
                }
            }
        }

        struct Share: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Mark the themes as shared with the supervisor (today).")
            @OptionGroup var project: ProjectOptions
            func run() throws {
                let count = try project.openCondensation().shareThemes()
                Output.line("Marked \(count) theme(s) as shared with the supervisor.")
            }
        }
    }
}
