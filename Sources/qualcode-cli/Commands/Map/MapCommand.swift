import ArgumentParser
import Foundation
import QualCode
import WorkMapping

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Institutional-ethnography work mapping: standpoint, steps, actions, actors, texts, links, evidence.",
        discussion: """
            Map the work people describe from their standpoint: the steps in the order they tell them, the \
            actions within each step, the actors, and the texts (forms, standards, targets) that coordinate \
            the work. Every step, action, actor and text is also a code under «Arbeidskart», so its evidence \
            is ordinary coding: `map evidence add` codes a passage with it, and `retrieve` shows the quotes.

            `qualcode map status` says what the map holds and what is missing.

            For example:
              qualcode map standpoint "Jobbspesialister i NAV"
              qualcode map step add "Bli kjent"
              qualcode map step add Henvisning --before "Bli kjent"
              qualcode map action add Informasjonssamtale --step "Bli kjent"
              qualcode map text add Samtykkeerklæring --kind form --step "Bli kjent"
              qualcode map text add Kvalitetsveileder --kind quality-tool --process
              qualcode map link precedes step:Henvisning "step:Bli kjent"
              qualcode map evidence add step:Henvisning siv --quote "en henvisning"
              qualcode map status
            """,
        subcommands: [Status.self, Standpoint.self, Problematic.self, Step.self, Action.self, Actor.self, Text.self, Clause.self, Link.self,
                      Evidence.self, Disjuncture.self, Term.self, Question.self, Export.self]
    )
}

/// A library enum whose camel-case raw values the command line writes in kebab case (`qualityTool` as
/// `quality-tool`), and also takes as written in the library.
protocol KebabCaseArgument: ExpressibleByArgument, CaseIterable, RawRepresentable<String> {}

extension KebabCaseArgument {
    public init?(argument: String) {
        let wanted = argument.lowercased().replacingOccurrences(of: "-", with: "")
        guard let value = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
        self = value
    }

    public static var allValueStrings: [String] { allCases.map(\.argument) }

    /// The value as the command line writes it (`quality-tool`).
    var argument: String { rawValue.replacing(/[A-Z]/) { "-" + $0.output.lowercased() } }
}

extension MapTextKind: KebabCaseArgument {}
extension MapLinkKind: KebabCaseArgument {}

/// `kind:name` as the command line names a node (`step:Henvisning`, `text:Kartleggingsmal`).
struct NodeArgument: ExpressibleByArgument {
    let kind: MapNodeKind
    let name: String

    public init?(argument: String) {
        guard let colon = argument.firstIndex(of: ":"), let kind = MapNodeKind(rawValue: String(argument[..<colon]).lowercased()) else {
            return nil
        }
        let name = String(argument[argument.index(after: colon)...])
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        self.kind = kind
        self.name = name
    }

    static var defaultCompletionKind: CompletionKind { .default }

    func reference(in map: WorkMapping) throws -> WorkMapping.NodeReference {
        WorkMapping.NodeReference(kind, try map.resolve(name, as: kind))
    }
}

extension MapCommand {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What the work map holds and what is missing.")
        @OptionGroup var project: ProjectOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let status = try project.openWorkMap().status()
            if json { try Output.printJSON(status); return }
            Output.line("standpoint: \(status.standpoint ?? "(none: `map standpoint`)")")
            Output.line("steps \(status.steps) · actions \(status.actions) · actors \(status.actors) · texts \(status.texts) · links \(status.links)"
                        + " · disjunctures \(status.disjunctures) · terms \(status.terms)")
            if !status.withoutEvidence.isEmpty {
                Output.line("without evidence (`map evidence add`): \(status.withoutEvidence.joined(separator: ", "))")
            }
            for (name, count) in status.orphanedEvidence.sorted(by: { $0.key < $1.key }) {
                Output.line("evidence whose text was removed by an edit: \(name) (\(count))")
            }
            if !status.termsNotUnpacked.isEmpty { Output.line("terms not unpacked: \(status.termsNotUnpacked.joined(separator: ", "))") }
            if !status.transcriptsWithoutAnswers.isEmpty {
                Output.line("transcripts not read with every standing question: \(status.transcriptsWithoutAnswers.joined(separator: ", "))")
            }
        }
    }

    struct Standpoint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set whose standpoint the map is drawn from.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The standpoint, e.g. \"Jobbspesialister i NAV\".") var text: String

        func run() throws {
            try project.openWorkMap().setStandpoint(text)
            Output.line("Standpoint: \(text.trimmingCharacters(in: .whitespaces))")
        }
    }
}
