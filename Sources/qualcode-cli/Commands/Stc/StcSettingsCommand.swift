import ArgumentParser
import Condensation
import Foundation
import QualCode

extension StcCommand {
    struct Settings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Name the levels as your analysis does, or change a validation setting.",
            discussion: """
                Level names appear in every export: group, subgroup, unit, code, category, theme, condensate, \
                goldenQuote. Validation: minimumParticipants (1 or more), mostShare and severalShare (the \
                shares of participants from which «de fleste» and «flere» are written). variant: malterud \
                (condensates and golden quotes per subgroup) or tema (the looser units → codes → themes → \
                categories that many theses use; link a theme to several categories with `stc subgroup link`).

                For example:
                  qualcode stc set group tema
                  qualcode stc set subgroup mening
                  qualcode stc set minimumParticipants 3
                """)
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The setting.") var key: String
        @Argument(help: "Its new value.") var value: String
        func run() throws {
            try project.openCondensation().set(key, to: value)
            Output.line("Set \(key) to \(value)")
        }
    }
}
