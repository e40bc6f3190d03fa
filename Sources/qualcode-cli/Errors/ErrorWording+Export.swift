import Foundation

extension ErrorWording {
    /// Errors of the Export domain worded for the command line (nil: not one of its errors).
    static func exportMessage(for error: Error) -> String? {
        nil
    }
}
