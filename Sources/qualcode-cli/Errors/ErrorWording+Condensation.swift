import Foundation

extension ErrorWording {
    /// Errors of the Condensation domain worded for the command line (nil: not one of its errors).
    static func condensationMessage(for error: Error) -> String? {
        nil
    }
}
