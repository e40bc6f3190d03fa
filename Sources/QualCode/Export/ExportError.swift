import Foundation

/// Why an export failed. Nothing is left half-written when one is thrown.
public enum ExportError: Error, Sendable, Equatable {
    case packageFailed(reason: String)
    case cannotWrite(path: String, reason: String)
    case unsupportedFormat(String, expected: String)
    /// A figure's image is not PNG or JPEG, or its header is broken.
    case unsupportedImage(reason: String)
    /// A figure without alt text; the caption names it.
    case missingAltText(caption: String)
    /// A reference document (`--reference-docx`) that cannot be used; `file` is the path as given.
    case badReference(file: String, reason: String)
}

// MARK: - Description

extension ExportError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case let .packageFailed(reason): "the Word package could not be built (\(reason)); nothing was written."
        case let .cannotWrite(path, reason): "\(path): cannot be written (\(reason)); nothing was written."
        case let .unsupportedFormat(format, expected): "this export cannot be written as \(format) (expected \(expected))."
        case let .unsupportedImage(reason): "a figure cannot be used: \(reason); save the image as PNG or JPEG."
        case let .missingAltText(caption):
            "figure \"\(caption.truncated())\" has no alt text; describe what the image shows, for readers who cannot see it."
        case let .badReference(file, reason):
            "\(file): cannot be used as a reference document (\(reason)); nothing was written."
        }
    }
    public var errorDescription: String? { description }
}
