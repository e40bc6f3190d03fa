import ArgumentParser
import Condensation
import Foundation
import QualCode
import QualCodeKit
import WorkMapping

/// Which project a command works on and who is working.
///
/// The root command declares this group too, so `--project` and `--coder` can stand before the command's
/// name as well as after it (`qualcode --project studie.qualcode codes`). ArgumentParser parses the root's
/// options wherever they stand and hands the value to every subcommand that declares the same group.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The project file.", valueName: "file"))
    var project: String?

    @OptionGroup var coderOption: CoderOption

    var coder: String? { coderOption.coder }

    /// The project, opened with every module's tables (``ProjectModules``).
    func openStore() throws -> ProjectStore {
        let url = try ProjectLocator.locate(explicit: project)
        return try ProjectModules.open(at: url, coder: ProjectLocator.coder(explicit: coder))
    }

    /// The project's condensation (the `stc` commands).
    func openCondensation() throws -> Condensation {
        Condensation(try openStore())
    }

    /// The project's work map (the `map` commands).
    func openWorkMap() throws -> WorkMapping {
        WorkMapping(try openStore())
    }
}

/// `--coder` on its own, for `init`, which names its project as an argument.
struct CoderOption: ParsableArguments {
    @Option(name: .long, help: "Who is coding (default: QUALCODE_CODER or the system user).")
    var coder: String?
}
