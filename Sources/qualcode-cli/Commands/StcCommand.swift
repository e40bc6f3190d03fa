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
            subgroups are codes (Group/Subgroup), so units show in `units`, `retrieve` and `quotes` too. \
            `stc status` says which step you are at and what is missing for the next.

            For example:
              qualcode stc theme add Tillit --note "Går igjen hos nesten alle"
              qualcode stc unit add eva --quote "tillit er alt" --group Tillit
              qualcode stc subgroup add Balansekunst Sparringspartner
              qualcode stc unit move 1a2b3c4d Balansekunst/Sparringspartner
              qualcode stc condense Balansekunst/Sparringspartner --text "Jeg er den de kan sparre med …" --golden 1a2b3c4d
              qualcode stc status
            """,
        subcommands: [Status.self, Theme.self, Group.self, Subgroup.self, Unit.self, Units.self, Condense.self, Analyse.self,
                      Validate.self, Settings.self, Snapshot.self, Export.self]
    )

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The current step, the counts, and what is missing for the next step.")
        @OptionGroup var project: ProjectOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let status = try Condensation(project.openStore()).status()
            if json { print(try Output.json(status)); return }
            print("Step \(status.step) of 4: \(Condensation.steps[status.step - 1])")
            if !status.themeNames.isEmpty { print("preliminary themes: \(status.themeNames.joined(separator: ", "))") }
            print("themes \(status.themes) (\(status.themesShared) shared) · units \(status.units) · code groups \(status.groups) · subgroups \(status.subgroups)"
                  + " · condensates \(status.condensed) · golden quotes \(status.withGoldenQuote) · analysed \(status.analysed)")
            if status.missing.isEmpty { print("Nothing missing.") } else {
                print("Missing:")
                for item in status.missing { print("  - \(item)") }
            }
        }
    }

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
                let theme = try Condensation(project.openStore()).addTheme(name, note: note)
                print("Added theme \(theme.position): \(theme.name)")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the preliminary themes.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions
            func run() throws {
                let themes = try Condensation(project.openStore()).themes()
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
                let count = try Condensation(project.openStore()).shareThemes()
                print("Marked \(count) theme(s) as shared with the supervisor.")
            }
        }
    }

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
                try Condensation(project.openStore()).retire(group, restore: restore)
                print(restore ? "Restored \(group)" : "Laid \(group) aside; a snapshot keeps the analysis as it was (`stc snapshot`)")
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
                let report = try Condensation(project.openStore()).merge(source, into: into)
                print("Merged \(source) into \(into): \(report.codingsMoved) unit coding(s) moved; its texts are kept in a snapshot (`stc snapshot`)")
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a code group (or make an existing top-level code one).",
                                                            discussion: "For example:\n  qualcode stc group add Balansekunst")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The group's name.") var name: String
            func run() throws {
                let group = try Condensation(project.openStore()).addGroup(name)
                print("Code group \(group.path): \(group.units) unit(s)")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Code groups and subgroups with units, participants, condensates.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions
            func run() throws {
                let groups = try Condensation(project.openStore()).groups()
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
                try Condensation(project.openStore()).link(subgroup, to: group)
                print("\(subgroup) now also belongs to \(group)")
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a subgroup to a code group.",
                                                            discussion: "For example:\n  qualcode stc subgroup add Balansekunst Sparringspartner")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The code group.") var group: String
            @Argument(help: "The subgroup's name.") var name: String
            func run() throws {
                let subgroup = try Condensation(project.openStore()).addSubgroup(group, name)
                print("Subgroup \(subgroup.path)")
            }
        }
    }

    struct Unit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Meaning units.", subcommands: [Add.self, Move.self, Contradicts.self])

        struct Contradicts: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Mark a unit as contradicting the rest of its group or subgroup (listed by `stc validate`).",
                discussion: "For example:\n  qualcode stc unit contradicts 1a2b3c4d Balansekunst/Sparringspartner --note \"Opplever rollen som kontroll\"")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The unit's id.") var unit: String
            @Argument(help: "Group or Group/Subgroup.") var group: String
            @Option(help: "Why.") var note: String?
            @Flag(help: "Take the mark away.") var remove = false
            func run() throws {
                try Condensation(project.openStore()).markContradicting(unit, in: group, note: note, !remove)
                print(remove ? "Unmarked \(unit) in \(group)" : "Marked \(unit) as contradicting \(group)")
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Mark a meaning unit and sort it into code groups; prints the unit's id.",
                discussion: "For example:\n  qualcode stc unit add eva --quote \"tillit er alt\" --group Tillit --group Relasjon")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The transcript.") var transcript: String
            @OptionGroup var segment: SegmentSelectorOptions
            @Option(name: .customLong("group"), help: "A code group (made when missing); repeatable.") var groups: [String] = []
            @Flag(help: "Print the result as JSON.") var json = false
            func validate() throws { if groups.isEmpty { throw ValidationError("name at least one --group.") } }
            func run() throws {
                let store = try project.openStore()
                let result = try Condensation(store).addUnit(try store.resolve.transcript(transcript), try segment.selector(), groups: groups)
                if json { print(try Output.json(result)); return }
                print("\(result.segment.id.shortID)  \(result.segment.transcript) line \(result.segment.lineLabel): \(groups.joined(separator: ", "))")
            }
        }

        struct Move: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Sort a unit into a subgroup (or another group); it may sit in several.",
                discussion: "For example:\n  qualcode stc unit move 1a2b3c4d Balansekunst/Sparringspartner\n  qualcode stc unit move 1a2b3c4d Balansekunst/Nærhet --from Balansekunst/Sparringspartner")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The unit's id.") var unit: String
            @Argument(help: "Group or Group/Subgroup.") var target: String
            @Option(help: ArgumentHelp("Take it out of this group or subgroup (a move rather than a copy).", valueName: "group"))
            var from: String?
            func run() throws {
                try Condensation(project.openStore()).moveUnit(unit, to: target, from: from)
                print(from.map { "Moved \(unit) from \($0) to \(target)" } ?? "Sorted \(unit) into \(target)")
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
            let units = try Condensation(project.openStore()).units(group: group)
            try output.emit(units) {
                TextTable(headers: ["unit", "participant", "transcript", "line", "groups", "text"],
                          rows: units.map { [$0.id.shortID, $0.participants.joined(separator: ", "), $0.transcript, $0.lines,
                                             $0.codes.joined(separator: "; "), $0.text.truncated(to: 60)] })
            }
        }
    }

    struct Condense: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a subgroup's condensate and pick its golden quote.",
            discussion: """
                The condensate is your own first-person summary of the subgroup's units (an artificial \
                quotation); it is stored as your text and never exported as a quote. The golden quote is a \
                real unit of the subgroup.

                For example:
                  qualcode stc condense Balansekunst/Sparringspartner --text "Jeg er den de kan sparre med …" --golden 1a2b3c4d
                """)
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Group/Subgroup.") var subgroup: String
        @Option(help: "The condensate.") var text: String?
        @Option(help: "The golden quote's unit id.") var golden: String?
        func validate() throws { if text == nil && golden == nil { throw ValidationError("give --text, --golden or both.") } }
        func run() throws {
            try Condensation(project.openStore()).condense(subgroup, text: text, golden: golden)
            print("Condensed \(subgroup)")
        }
    }

    struct Analyse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the analytic text of a group or subgroup under its category heading (step 4).",
            discussion: "For example:\n  qualcode stc analyse Balansekunst --heading \"Balansekunsten\" --text-file analyse.md")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Group or Group/Subgroup.") var group: String
        @Option(help: "The category heading.") var heading: String?
        @Option(help: "The analytic text.") var text: String?
        @Option(help: ArgumentHelp("Read the analytic text from a UTF-8 file.", valueName: "file")) var textFile: String?
        func validate() throws {
            if text != nil && textFile != nil { throw ValidationError("--text and --text-file cannot be combined.") }
            if heading == nil && text == nil && textFile == nil { throw ValidationError("give --heading, --text or --text-file.") }
        }
        func run() throws {
            var body = text
            if let textFile {
                guard let data = FileManager.default.contents(atPath: textFile), let string = String(data: data, encoding: .utf8) else {
                    throw ValidationError("--text-file \(textFile): cannot be read as UTF-8 text.")
                }
                body = string
            }
            try Condensation(project.openStore()).analyse(group, heading: heading, text: body)
            print("Analysed \(group)")
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the analysis back against the material, and say how many participants support each group.",
            discussion: """
                Reports subgroups with units from fewer participants than the minimum (`stc set \
                minimumParticipants 3`), golden quotes that no longer match their transcript, condensates \
                without units, units orphaned by a transcript edit, and lists the units marked as \
                contradicting. Exits with status 1 when anything but contradicting units was found.

                For example:
                  qualcode stc validate
                """)
        @OptionGroup var project: ProjectOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let report = try Condensation(project.openStore()).validate()
            if json {
                print(try Output.json(report))
            } else {
                for support in report.support {
                    print("\(support.path)\(support.heading.map { " («\($0)»)" } ?? ""): \(support.wording)"
                          + (support.participants.isEmpty ? "" : " — \(support.participants.joined(separator: ", "))"))
                }
                if report.findings.isEmpty { print("No problems found.") }
                for finding in report.findings { print("\(finding.kind == .contradicting ? "note" : "problem"): \(finding)") }
            }
            if !report.passed { throw ExitCode.failure }
        }
    }

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
            try Condensation(project.openStore()).set(key, to: value)
            print("Set \(key) to \(value)")
        }
    }

    struct Snapshot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keep the analysis as it is now under a label, to export later.",
            discussion: """
                Take one at each step, or before dropping or merging a group; `stc export … --snapshot LABEL` \
                exports it as it was.

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
                let info = try Condensation(project.openStore()).takeSnapshot(label)
                print("Snapshot \"\(info.label)\" taken at step \(info.step)")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the snapshots.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions
            func run() throws {
                let snapshots = try Condensation(project.openStore()).snapshots()
                let date = ISO8601DateFormatter()
                try output.emit(snapshots) {
                    TextTable(headers: ["label", "step", "by", "taken"], rows: snapshots.map { [$0.label, String($0.step), $0.takenBy, date.string(from: $0.takenAt)] })
                }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the analysis: the thesis tables, the results chapter, or every link as CSV.",
            discussion: """
                tables: «Tabell 1» units and codes, «Tabell 2» units, codes, subgroups and groups, «Tabell 3» \
                groups, subgroups and codes (--with-units adds the unit ids), «Tabell 4» condensates and \
                golden quotes. chapter: a section per category heading, subsections «Kategori — Subgruppe», \
                the analytic text, the golden quote and the other units in the house style, and how many \
                participants support each. csv: one row per link at every level. Every export uses your level \
                names (`stc set`); --snapshot exports the analysis as a snapshot kept it.

                For example:
                  qualcode stc export tables -o tabeller.docx
                  qualcode stc export chapter -o resultater.docx --reference-docx mal.docx
                  qualcode stc export csv -o analyse.csv --delimiter ';'
                  qualcode stc export chapter --snapshot "Etter trinn 3" -o resultater-tidlig.docx
                """,
            subcommands: [Tables.self, Chapter.self, CSV.self])

        struct Tables: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The thesis tables of the analysis.")
            @OptionGroup var project: ProjectOptions
            @Option(help: "Export this snapshot instead of the analysis as it is now.") var snapshot: String?
            @Flag(help: "Add the unit ids to the overview table.") var withUnits = false
            @OptionGroup var out: DocumentOutputOptions
            func validate() throws {
                if out.format == .csv { throw ValidationError("stc export tables writes docx, wordxml or html; use `stc export csv` for CSV.") }
            }
            func run() throws {
                try out.checkDestination(project: project)
                let model = try StcCommand.model(project, snapshot)
                try out.write(model.tablesDocument(withUnits: withUnits, language: out.locale))
                print("Wrote \(out.output)")
            }
        }

        struct Chapter: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The results chapter's skeleton.")
            @OptionGroup var project: ProjectOptions
            @Option(help: "Export this snapshot instead of the analysis as it is now.") var snapshot: String?
            @OptionGroup var houseStyle: HouseStyleOptions
            @OptionGroup var out: DocumentOutputOptions
            func validate() throws {
                if out.format == .csv { throw ValidationError("stc export chapter writes docx, wordxml or html; use `stc export csv` for CSV.") }
            }
            func run() throws {
                try out.checkDestination(project: project)
                let model = try StcCommand.model(project, snapshot)
                try out.write(model.chapterDocument(style: try houseStyle.resolve(), language: out.locale))
                print("Wrote \(out.output)")
            }
        }

        struct CSV: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "csv", abstract: "Every level, one row per link, as CSV.")
            @OptionGroup var project: ProjectOptions
            @Option(help: "Export this snapshot instead of the analysis as it is now.") var snapshot: String?
            @OptionGroup var out: DocumentOutputOptions
            func run() throws {
                try out.checkDestination(project: project)
                try out.write(try StcCommand.model(project, snapshot).csvTable(language: out.locale))
                print("Wrote \(out.output)")
            }
        }
    }

    static func model(_ project: ProjectOptions, _ snapshot: String?) throws -> AnalysisModel {
        let stc = Condensation(try project.openStore())
        return try snapshot.map { try stc.snapshot($0) } ?? stc.model()
    }
}
