import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A figure's drawing as SVG, carried beside its PNG or JPEG (``FigureImage/svg``): Word 2016 and later
/// and browsers show the SVG, which stays sharp at any size; older Word, LibreOffice and other readers
/// show the raster image, which is why a figure never has an SVG alone.
///
/// The bytes are checked when the value is made, so a renderer never writes a part that a reader
/// would refuse: UTF-8, at most ``maximumSize`` bytes, well-formed XML with no DOCTYPE or entity
/// declarations (the same rule as every XML QualCode reads: no entity expansion, nothing fetched), and
/// an `<svg>` root element in the SVG namespace, without which Word and browsers draw nothing.
///
/// For example:
///
/// ```swift
/// let image = try FigureImage(data: png, svg: SVGImage(svgText))
/// let figure = try Figure(image: image, altText: "Arbeidskart med sju steg", caption: [.text("Kart over arbeidet")])
/// ```
public struct SVGImage: Sendable, Hashable {
    public let data: Data

    /// 16 MiB: a work map of a hundred boxes is about 50 KB; far more than that is not a figure.
    public static let maximumSize = 16 << 20
    public static let namespace = "http://www.w3.org/2000/svg"
    public static let contentType = "image/svg+xml"

    /// - Throws: ``ExportError/unsupportedSVG(reason:)`` when the bytes are too many, not UTF-8, not
    ///   well-formed XML, declare a DOCTYPE or entities, or have another root than SVG's `<svg>`.
    public init(data: Data) throws(ExportError) {
        guard data.count <= Self.maximumSize else {
            throw .unsupportedSVG(reason: "it is \(data.count) bytes, more than the \(Self.maximumSize) a figure may hold")
        }
        guard !data.isEmpty else { throw .unsupportedSVG(reason: "it is empty") }
        switch WordXML.refusal(data) {
        case .notUTF8?: throw .unsupportedSVG(reason: "it is not UTF-8")
        case .declaresDTD?: throw .unsupportedSVG(reason: "it declares a DOCTYPE or entities, which QualCode refuses for safety")
        case nil: break
        }
        guard String(validating: data, as: UTF8.self) != nil else { throw .unsupportedSVG(reason: "it is not valid UTF-8") }
        try Self.checkRoot(data)
        self.data = data
    }

    /// An SVG from its text.
    public init(_ text: String) throws(ExportError) {
        try self.init(data: Data(text.utf8))
    }

    /// Parses the whole document (a file that breaks off after a good start is refused too) and looks
    /// at its root element.
    private static func checkRoot(_ data: Data) throws(ExportError) {
        let root = RootCollector()
        let parser = WordXML.parser(for: data, delegate: root)
        let finished = parser.parse()
        if let failure = root.failure {
            throw .unsupportedSVG(reason: "it is not well-formed XML (line \(failure.line): \(failure.reason))")
        }
        guard finished, root.rootClosed, let name = root.name else {
            throw .unsupportedSVG(reason: "it is not well-formed XML (it ends before its root element is closed)")
        }
        // Namespaces are not processed, so the root's name is as written («svg» or «prefix:svg») and its
        // namespace is the matching xmlns attribute.
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        let (prefix, local) = parts.count == 2 ? (parts[0], parts[1]) : (nil, name)
        guard local == "svg" else {
            throw .unsupportedSVG(reason: "its root element is <\(name.escapingControlCharacters().truncated())>, not <svg>")
        }
        guard root.attributes[prefix.map { "xmlns:" + $0 } ?? "xmlns"] == namespace else {
            throw .unsupportedSVG(reason: "its <svg> root is not in the SVG namespace (xmlns=\"\(namespace)\")")
        }
    }

    /// Records the root element's name and attributes; the base class records errors and whether it closed.
    private final class RootCollector: WordXML.Collector {
        private(set) var name: String?
        private(set) var attributes: [String: String] = [:]

        override func start(_ name: String, attributes: [String: String]) {
            guard self.name == nil else { return }
            self.name = name
            self.attributes = attributes
        }
    }
}
