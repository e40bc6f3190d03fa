import ArgumentParser
import Foundation
import Privacy
import QualCode

/// `--safe`: an export that refuses to write text holding what could identify someone (a finding of
/// `privacy scan` neither applied nor dismissed), and names what it found.
struct SafeExportOptions: ParsableArguments {
    @Flag(help: "Write nothing if the text holds a privacy finding neither applied nor dismissed (privacy scan); names it.")
    var safe = false

    @OptionGroup var secret: PassphraseOptions

    /// The privacy screen with --safe (the key opened, when the project has one), else nil.
    func screen(_ project: ProjectOptions) throws -> (any ExportScreen)? {
        guard safe else { return nil }
        let privacy = Privacy(try project.openStore())
        return try privacy.safeExportScreen(key: try secret.key(of: privacy))
    }
}
