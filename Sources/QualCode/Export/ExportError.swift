import Foundation

/// Why an export failed. Nothing is left half-written when one is thrown.
public enum ExportError: Error, Sendable, Equatable {
    case packageFailed(reason: String)
    case cannotWrite(path: String, reason: String)
    case unsupportedFormat(String, expected: String)
}

// MARK: - Description

extension ExportError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case let .packageFailed(reason): "the Word package could not be built (\(reason)); nothing was written."
        case let .cannotWrite(path, reason): "\(path): cannot be written (\(reason)); nothing was written."
        case let .unsupportedFormat(format, expected): "this export cannot be written as \(format) (expected \(expected))."
        }
    }
    public var errorDescription: String? { description }
}
