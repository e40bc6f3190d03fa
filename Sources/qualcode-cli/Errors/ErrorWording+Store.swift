import Foundation

extension ErrorWording {
    /// Errors of the Store domain worded for the command line (nil: not one of its errors).
    static func storeMessage(for error: Error) -> String? {
        nil
    }
}
