import Foundation
import QualCode

/// The forms the drawn map is exported in on its own, outside a document: SVG to edit or print, PNG for
/// slides, Graphviz DOT for those who restyle it themselves.
public enum MapDrawingFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case svg, png, dot

    public var fileExtension: String { rawValue }

    public var contentType: String {
        switch self {
        case .svg: "image/svg+xml"
        case .png: "image/png"
        case .dot: "text/vnd.graphviz; charset=utf-8"
        }
    }
}

/// What a drawing export asks for: the form, swim lanes per actor, the language of caption, legend and
/// note, and for PNG its size.
public struct MapDrawingRequest: Sendable, Hashable {
    public var format: MapDrawingFormat
    public var lanes: Bool
    public var language: DocumentLanguage
    public var size: MapRaster.Size

    public init(_ format: MapDrawingFormat, lanes: Bool = false, language: DocumentLanguage = .nb, size: MapRaster.Size = .standard) {
        self.format = format
        self.lanes = lanes
        self.language = language
        self.size = size
    }
}

extension WorkMapping {
    /// The map drawn as SVG, PNG or DOT, the bytes of the file.
    ///
    /// - Parameter screen: what the drawing's words (its labels, caption and legend) must pass first
    ///   (a safe export).
    /// - Throws: ``MapError`` for a PNG size out of range or rsvg-convert missing or failing; what
    ///   `screen` throws.
    public func drawing(_ request: MapDrawingRequest, screen: (any ExportScreen)? = nil) throws -> Data {
        try screen?.check(drawingTexts(lanes: request.lanes, language: request.language))
        return switch request.format {
        case .svg: Data(try mapSVG(lanes: request.lanes, language: request.language).utf8)
        case .png: try mapPNG(lanes: request.lanes, language: request.language, size: request.size)
        case .dot: Data(try dot(lanes: request.lanes, language: request.language).utf8)
        }
    }

    /// Writes the map as a figure in a Word document (docx or one-file Word XML) or an HTML page.
    ///
    /// - Throws: ``ExportError/unsupportedFormat(_:expected:)`` for CSV, what ``mapDocument(lanes:language:)``
    ///   throws, ``ExportError`` for a target that cannot be written. Nothing is written then.
    public func exportMapDocument(lanes: Bool = false, language: DocumentLanguage = .nb, to target: ExportTarget) throws {
        guard target.format != .csv else { throw ExportError.unsupportedFormat(target.format.rawValue, expected: "docx, wordxml or html") }
        // The drawing's labels are in its image, where the document's own screen does not look.
        try target.screen?.check(drawingTexts(lanes: lanes, language: language))
        try target.write(try mapDocument(lanes: lanes, language: language))
    }
}

extension WorkMapping {
    /// The words a drawing shows, as its Graphviz source holds them with each label whole and its
    /// escapes undone: what a safe export screens. The drawing's own line breaks would split a name or
    /// an address where nothing finds it.
    func drawingTexts(lanes: Bool, language: DocumentLanguage) throws -> [String] {
        try dotMap().render(lanes: lanes, words: MapWords(language), language: language, palette: .standard, wrapped: false)
            .components(separatedBy: "\n").map(DOT.unquoted)
    }
}
