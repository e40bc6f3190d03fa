import ArgumentParser
import Condensation
import Foundation
import QualCode

extension StcCommand {
    struct Group: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Code groups: add, list, retire, restore, merge.",
            subcommands: [Add.self, List.self, Retire.self, Merge.self], defaultSubcommand: List.self)

        struct Retire: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Lay a group or subgroup aside (a snapshot keeps it first); --restore brings it back.",
                discussion: "For example:\n  qualcode stc group retire Veiledning\n  qualcode stc group retire Veiledning --restore")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "Group or Group/Subgroup.") var group: String
            @Flag(help: "Bring it back.") var restore = false
            func run() throws {
                try project.openCondensation().retire(group, restore: restore)
                Output.line(restore ? "Restored \(group)" : "Laid \(group) aside; a snapshot keeps the analysis as it was (`stc snapshot`)")
            }
        }

        struct Merge: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Merge a group into another (or a subgroup into another); a snapshot keeps the analysis as it was first.",
                discussion: "For example:\n  qualcode stc group merge Veiledning --into Balansekunst")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The group or subgroup to merge.") var source: String
            @Option(help: "The group or subgroup it goes into.") var into: String
            func run() throws {
                let report = try project.openCondensation().merge(source, into: into)
                Output.line("Merged \(source) into \(into): \(report.codingsMoved) unit coding(s) moved; its texts are kept in a snapshot (`stc snapshot`)")
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a code group (or make an existing top-level code one).",
                                                            discussion: "For example:\n  qualcode stc group add Balansekunst")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The group's name.") var name: String
            func run() throws {
                let group = try project.openCondensation().addGroup(name)
                Output.line("Code group \(group.path): \(group.units) unit(s)")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Code groups and subgroups with units, participants, condensates.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions
            func run() throws {
                let groups = try project.openCondensation().groups()
                try output.emit(groups) {
                    TextTable(headers: ["group", "units", "participants", "golden", "condensate"],
                              rows: groups.map { [$0.isSubgroup ? "  " + $0.path : $0.path, String($0.units), String($0.participants),
                                                  $0.goldenUnit?.shortID ?? "", ($0.condensate ?? "").truncated(to: 50)] })
                }
            }
        }
    }

    struct Subgroup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Subgroups inside a code group (step 3).", subcommands: [Add.self, Link.self])

        struct Link: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Let a subgroup belong to another group as well (a theme under two categories).",
                discussion: "For example:\n  qualcode stc subgroup link Balansekunst/Struktur Organisering")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "Group/Subgroup.") var subgroup: String
            @Argument(help: "The other group.") var group: String
            func run() throws {
                try project.openCondensation().link(subgroup, to: group)
                Output.line("\(subgroup) now also belongs to \(group)")
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a subgroup to a code group.",
                                                            discussion: "For example:\n  qualcode stc subgroup add Balansekunst Sparringspartner")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The code group.") var group: String
            @Argument(help: "The subgroup's name.") var name: String
            func run() throws {
                let subgroup = try project.openCondensation().addSubgroup(group, name)
                Output.line("Subgroup \(subgroup.path)")
            }
        }
    }
}
