import ArgumentParser
import Foundation
import Condensation
import QualCode

/// Which project a command works on and who is working.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The project file.", valueName: "file"))
    var project: String?

    @Option(name: .long, help: "Who is coding (default: QUALCODE_CODER or the system user).")
    var coder: String?

    func openStore() throws -> ProjectStore {
        let url = try ProjectLocator.locate(explicit: project)
        return try ProjectStore.open(at: url, coder: ProjectLocator.coder(explicit: coder), extensions: ProjectOptions.extensions)
    }

    /// The modules whose tables every project the command line opens or creates carries.
    static let extensions = [Condensation.schema]
}
