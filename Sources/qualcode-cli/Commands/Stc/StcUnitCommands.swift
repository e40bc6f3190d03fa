import ArgumentParser
import Condensation
import Foundation
import QualCode

extension StcCommand {
    struct Unit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Meaning units.", subcommands: [Add.self, Move.self, Contradicts.self])

        struct Contradicts: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Mark a unit as contradicting the rest of its group or subgroup (listed by `stc validate`).",
                discussion: "For example:\n  qualcode stc unit contradicts 1a2b3c4d Balansekunst/Sparringspartner \\\n    --note \"Opplever rollen som kontroll\"")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The unit's id.") var unit: String
            @Argument(help: "Group or Group/Subgroup.") var group: String
            @Option(help: "Why.") var note: String?
            @Flag(help: "Take the mark away.") var remove = false
            func run() throws {
                let stc = try project.openCondensation()
                try stc.markContradicting(try stc.store.resolve.segment(unit), in: group, note: note, !remove)
                Output.line(remove ? "Unmarked \(unit) in \(group)" : "Marked \(unit) as contradicting \(group)")
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Mark a meaning unit and sort it into code groups; prints the unit's id.",
                discussion: "For example:\n  qualcode stc unit add eva --quote \"tillit er alt\" --group Tillit \\\n    --group Relasjon")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The transcript.") var transcript: String
            @OptionGroup var segment: SegmentSelectorOptions
            @Option(name: .customLong("group"), help: "A code group (made when missing); repeatable.") var groups: [String] = []
            @Flag(help: "Print the result as JSON.") var json = false
            func validate() throws { if groups.isEmpty { throw ValidationError("name at least one --group.") } }
            func run() throws {
                let stc = try project.openCondensation()
                let result = try stc.addUnit(try stc.store.resolve.transcript(transcript), try segment.selector(), groups: groups)
                if json { try Output.printJSON(result); return }
                Output.line("\(result.segment.id.shortID)  \(result.segment.transcript) line \(result.segment.lineLabel): \(groups.joined(separator: ", "))")
            }
        }

        struct Move: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Sort a unit into a subgroup (or another group); it may sit in several.",
                discussion: "For example:\n  qualcode stc unit move 1a2b3c4d Balansekunst/Sparringspartner\n  qualcode stc unit move 1a2b3c4d Balansekunst/Nærhet \\\n    --from Balansekunst/Sparringspartner")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The unit's id.") var unit: String
            @Argument(help: "Group or Group/Subgroup.") var target: String
            @Option(help: ArgumentHelp("Take it out of this group or subgroup (a move rather than a copy).", valueName: "group"))
            var from: String?
            func run() throws {
                let stc = try project.openCondensation()
                try stc.moveUnit(try stc.store.resolve.segment(unit), to: target, from: from)
                Output.line(from.map { "Moved \(unit) from \($0) to \(target)" } ?? "Sorted \(unit) into \(target)")
            }
        }
    }

    struct Units: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The process log of meaning units: unit | participant | transcript | line | groups | text.",
            discussion: "For example:\n  qualcode stc units --group Balansekunst")
        @OptionGroup var project: ProjectOptions
        @Option(help: "Only the units of this group or subgroup.") var group: String?
        @OptionGroup var output: OutputOptions
        func run() throws {
            let units = try project.openCondensation().units(group: group)
            try output.emit(units) {
                TextTable(headers: ["unit", "participant", "transcript", "line", "groups", "text"],
                          rows: units.map { [$0.id.shortID, $0.participants.joined(separator: ", "), $0.transcript, $0.lines,
                                             $0.codes.joined(separator: "; "), $0.text.truncated(to: 60)] })
            }
        }
    }
}
