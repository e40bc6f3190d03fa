import ArgumentParser
import Condensation
import Foundation
import QualCode

struct StcCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stc",
        abstract: "Malterud's systematic text condensation: themes, meaning units, code groups, condensates, analytic text.",
        discussion: """
            The four steps: (1) total impression and preliminary themes; (2) meaning units sorted into code \
            groups; (3) subgroups, each with a condensate (your first-person summary, never a quote) and a \
            golden quote (a real unit); (4) analytic text under a category heading. Code groups and \
            subgroups are codes (Group/Subgroup), so units show in `units`, `retrieve` and `quotes` too.

            `qualcode stc status` says which step you are at and what is missing for the next.

            For example:
              qualcode stc theme add Tillit --note "Går igjen hos nesten alle"
              qualcode stc unit add eva --quote "tillit er alt" --group Tillit
              qualcode stc subgroup add Balansekunst Sparringspartner
              qualcode stc unit move 1a2b3c4d Balansekunst/Sparringspartner
              qualcode stc condense Balansekunst/Sparringspartner \\
                --text "Jeg er den de kan sparre med …" --golden 1a2b3c4d
              qualcode stc status
            """,
        subcommands: [Status.self, Theme.self, Group.self, Subgroup.self, Unit.self, Units.self, Condense.self, Analyse.self,
                      Validate.self, Settings.self, Snapshot.self, Export.self]
    )
}
