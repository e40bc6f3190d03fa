import Agreement
import ArgumentParser
import Foundation
import QualCode

/// `qualcode consensus …`: settles disagreements as codings of a consensus coder.
struct ConsensusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consensus",
        abstract: "Settle disagreements: adopt one coder's passage, both, or none, as the consensus coding.",
        discussion: """
            The decision is made as codings of a consensus coder («konsensus», or --as: a name nobody \
            codes under), on the adopted coders' passages (both: the stretch they cover together), so the \
            coders' codings, and the agreement worked out from them, stay as they were. Deciding a \
            passage again, or deciding one whose codings changed since, replaces the earlier decision. --agreed adopts every \
            passage all coders coded the same, so the consensus coding is complete. Every decision is \
            in the event log and in `agree disagreements`.

            For example:
              qualcode consensus 3f2a91c0d4e5f607 --coders anne,berit --adopt anne
              qualcode consensus 3f2a91c0d4e5f607 --coders anne,berit --adopt both \\
                  --note "Begge leser tillit her"
              qualcode consensus 77b0e1d2a9c8f6e5 --coders anne,berit --adopt none
              qualcode consensus --agreed --coders anne,berit
            """)
    @OptionGroup var project: ProjectOptions
    @OptionGroup var scope: AgreementScopeOptions

    @Argument(help: "The disagreements' numbers, as `agree disagreements` lists them.")
    var disagreements: [String] = []

    @Option(help: ArgumentHelp("Whose passage to adopt: a coder, several separated by commas, both (or all: every compared coder) or none.",
                               valueName: "side"))
    var adopt: String?

    @Flag(help: "Adopt every passage the coders coded the same.")
    var agreed = false

    @Option(name: .customLong("as"), help: ArgumentHelp("The consensus coder's name.", valueName: "name"))
    var consensusCoder = Agreement.defaultConsensusCoder

    @Option(help: "Why, in a sentence: kept with the decision.")
    var note: String?

    func validate() throws {
        if agreed {
            if !disagreements.isEmpty || adopt != nil { throw ValidationError("--agreed adopts the agreed passages; give no numbers and no --adopt with it.") }
        } else {
            if disagreements.isEmpty { throw ValidationError("name the disagreements to decide (their numbers from `agree disagreements`), or pass --agreed.") }
            if adopt == nil { throw ValidationError("say whose passage to adopt: --adopt CODER, --adopt both or --adopt none.") }
        }
    }

    func run() throws {
        let store = try project.openStore()
        let agreement = Agreement(store)
        let scope = try scope.scope(store)
        if agreed {
            let adoption = try agreement.adoptAgreed(scope, as: consensusCoder)
            Output.line("Adopted \(adoption.added) agreed passage(s) for \(consensusCoder)"
                        + (adoption.alreadyPresent > 0 ? " (\(adoption.alreadyPresent) already adopted)." : "."))
            return
        }
        let sides: [String]
        switch adopt!.trimmingCharacters(in: .whitespaces).lowercased() {
        case "both", "all": sides = scope.coders
        case "none": sides = []
        default: sides = adopt!.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for decision in try agreement.decide(disagreements, in: scope, adopt: sides, as: consensusCoder, note: note) {
            let adopted = decision.adopted.isEmpty ? "none adopted" : "\(decision.adopted.joined(separator: ", ")) adopted"
            Output.line("\(decision.disagreement): \(adopted); \(decision.codings) coding(s) for \(decision.consensusCoder).")
        }
    }
}
