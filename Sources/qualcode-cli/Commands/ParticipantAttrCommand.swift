import ArgumentParser
import Foundation
import QualCode

extension ParticipantCommand {
    /// `qualcode participant attr …`: the attributes themselves, and the display names tables show.
    struct Attr: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List or define attributes, or give one the display name tables show in their headers.",
            discussion: """
                An attribute keeps its name in templates and options ({rolle}, --attr rolle); its display \
                name heads its column in Word and HTML tables and is named in captions («Koder etter rolle i \
                tjenesten»). CSV keeps the names, for scripts. A participant sheet can give display names \
                in its header: rolle=Rolle i tjenesten.

                Define an attribute with `attr add` to choose its type before any participant has a value \
                (otherwise the first value sets it).

                For example:
                  qualcode participant attr add ansiennitet --type float --label "År i NAV"
                  qualcode participant attr label rolle "Rolle i tjenesten"
                  qualcode participant attr label rolle ""      # back to the name
                  qualcode participant attr list
                """,
            subcommands: [List.self, Add.self, Label.self],
            defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the attributes: name, type and display name.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let attributes = try project.openStore().attributes()
                try output.emit(attributes) {
                    TextTable(headers: ["name", "type", "label"], rows: attributes.map { [$0.name, $0.type.rawValue, $0.label ?? ""] })
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Define an attribute with its type, before any participant has a value for it.",
                discussion: """
                    Values set later must fit the type: integer (6), float (3.5 or 3,5), boolean (true/false, \
                    ja/nei, yes/no), date (YYYY-MM-DD) or text. Names are unique ignoring case.

                    For example:
                      qualcode participant attr add ansiennitet --type float --label "År i NAV"
                    """)
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The attribute's name, as templates and --attr use it.") var name: String
            @Option(help: "The type its values must have.") var type: AttributeType = .text
            @Option(help: "The display name tables show.") var label: String?

            func run() throws {
                let attribute = try project.openStore().defineAttribute(name, type: type, label: label)
                Output.line("Defined attribute \(attribute.name) (\(attribute.type.rawValue))" + (attribute.label.map { ", shown as «\($0)»" } ?? ""))
            }
        }

        struct Label: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Give an attribute the display name tables show (\"\" for none).",
                discussion: "For example:\n  qualcode participant attr label ansiennitet \"Antall år i NAV\"")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The attribute's name.") var name: String
            @Argument(help: "Its display name; \"\" goes back to the name.") var label: String

            func run() throws {
                let attribute = try project.openStore().setAttributeLabel(name, to: label)
                if let label = attribute.label {
                    Output.line("Attribute \(attribute.name) is shown as «\(label)»")
                } else {
                    Output.line("Attribute \(attribute.name) is shown by its name")
                }
            }
        }
    }
}

extension AttributeType: ExpressibleByArgument {}
