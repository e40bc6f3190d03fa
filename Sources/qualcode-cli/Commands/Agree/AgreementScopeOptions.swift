import Agreement
import ArgumentParser
import Foundation
import QualCode

extension AgreementUnit: ExpressibleByArgument {}

/// Whose codings to compare, of which codes, where, in which unit: shared by `agree` and `consensus`.
struct AgreementScopeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The coders to compare, separated by commas (at least two).", valueName: "names"))
    var coders: String

    @Option(help: ArgumentHelp("A code to compare, by path or name (repeat for several; default: every code they used).", valueName: "code"))
    var code: [String] = []

    @Option(help: ArgumentHelp("A transcript to compare in (repeat for several; default: all).", valueName: "transcript"))
    var transcript: [String] = []

    @Option(help: "What one decision is about: characters (as NVivo counts), segments (the passages marked) or sentences.")
    var unit: AgreementUnit = .characters

    var coderNames: [String] {
        coders.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        if Set(coderNames).count < 2 {
            throw ValidationError("--coders needs at least two different coders, separated by commas (e.g. --coders anne,berit).")
        }
    }

    /// The scope, with codes and transcripts resolved as the rest of the command line resolves them.
    func scope(_ store: ProjectStore) throws -> AgreementScope {
        AgreementScope(coders: coderNames, codes: try code.map(store.resolve.code), transcripts: try transcript.map(store.resolve.transcript),
                       unit: unit)
    }
}
