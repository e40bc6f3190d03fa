import ArgumentParser
import Condensation
import Foundation
import QualCode
import QualCodeKit

/// Which project a command works on and who is working.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The project file.", valueName: "file"))
    var project: String?

    @Option(name: .long, help: "Who is coding (default: QUALCODE_CODER or the system user).")
    var coder: String?

    /// The project, opened with every module's tables (``ProjectModules``).
    func openStore() throws -> ProjectStore {
        let url = try ProjectLocator.locate(explicit: project)
        return try ProjectModules.open(at: url, coder: ProjectLocator.coder(explicit: coder))
    }

    /// The project's condensation (the `stc` commands).
    func openCondensation() throws -> Condensation {
        Condensation(try openStore())
    }
}
