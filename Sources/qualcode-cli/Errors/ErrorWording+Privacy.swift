import Foundation
import Privacy

extension ErrorWording {
    /// A sealed key asked for without its passphrase: where the command line takes one from.
    static func privacyMessage(for error: Error) -> String? {
        guard let error = error as? PrivacyError else { return nil }
        switch error {
        case .passphraseNeeded:
            return error.description.replacingOccurrences(of: "; nothing was changed.", with: "")
                + ": set QUALCODE_KEY_PASSPHRASE or pass --passphrase-stdin. Nothing was changed."
        case .keyNotFound:
            return error.description.replacingOccurrences(of: "make one first", with: "make one with `qualcode key init`")
        default:
            return nil
        }
    }
}
