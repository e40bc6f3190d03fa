import Foundation

/// A figure: an image with alt text, a numbered caption above it («Figur 2 Arbeidsprosessen», as
/// APA 7 places it) and optional notes below («Kommentar: …»).
///
/// The image and its alt text are checked when the figure is made: only PNG and JPEG are accepted
/// (Word, LibreOffice and browsers all show them), and the alt text must say something, because a
/// screen reader has nothing else to read. A drawing may carry an SVG beside its raster image
/// (``FigureImage/svg``), which Word 2016 and later and browsers show in its place.
///
/// For example:
///
/// ```swift
/// let figure = try Figure(imageData: png, altText: "Flytskjema: henvisning, kartlegging, jobbsøk",
///                         caption: "Arbeidsprosessen i IPS", width: .centimetres(12))
/// document.blocks.append(.figure(figure))
/// ```
public struct Figure: Sendable, Hashable {
    public let image: FigureImage
    /// What the image shows, for readers who cannot see it (Word's «Alternativ tekst», HTML `alt`).
    public let altText: String
    public var caption: [Inline]
    public var notes: [[Inline]]
    public var width: FigureWidth

    /// - Throws: ``ExportError/missingAltText(caption:)`` when `altText` is empty or only spaces.
    public init(image: FigureImage, altText: String, caption: [Inline], notes: [[Inline]] = [],
                width: FigureWidth = .textWidth) throws(ExportError) {
        let trimmed = altText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .missingAltText(caption: Inline.plainText(caption)) }
        self.image = image
        self.altText = trimmed
        self.caption = caption
        self.notes = notes
        self.width = width
    }

    /// A figure from PNG or JPEG bytes (and perhaps the same drawing as SVG) with a plain-text caption.
    ///
    /// - Throws: ``ExportError/unsupportedImage(reason:)`` for bytes that are not PNG or JPEG, and
    ///   ``ExportError/missingAltText(caption:)``.
    public init(imageData: Data, svg: SVGImage? = nil, altText: String, caption: String, notes: [String] = [],
                width: FigureWidth = .textWidth) throws(ExportError) {
        try self.init(image: FigureImage(data: imageData, svg: svg), altText: altText, caption: [.text(caption)],
                      notes: notes.map { [.text($0)] }, width: width)
    }
}

/// How wide a figure is set. Its height always follows from the image's aspect ratio.
public enum FigureWidth: Sendable, Hashable {
    /// As wide as the text (the page less its margins), the default.
    case textWidth
    /// A fixed width, at most the text width.
    case centimetres(Double)
}

/// The image formats a figure may hold.
public enum ImageFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case png, jpeg

    public var contentType: String { "image/" + rawValue }
    public var fileExtension: String { rawValue }
}

/// The bytes of a PNG or JPEG image, with the format and pixel size read from its header, and perhaps
/// the same drawing as SVG.
public struct FigureImage: Sendable, Hashable {
    public let data: Data
    public let format: ImageFormat
    public let pixelWidth: Int
    public let pixelHeight: Int
    /// The drawing as SVG, shown in place of the raster image where the reader can: Word 2016 and later
    /// (the `asvg:svgBlip` extension of the picture), browsers. The raster image's aspect ratio sets the
    /// figure's size, so the two should have the same.
    public let svg: SVGImage?

    /// Reads the format and pixel size from the header.
    ///
    /// - Throws: ``ExportError/unsupportedImage(reason:)`` when the bytes are neither PNG nor JPEG,
    ///   or the header is cut short or gives no size.
    public init(data: Data, svg: SVGImage? = nil) throws(ExportError) {
        let bytes = [UInt8](data.prefix(4 << 20))
        let (format, width, height) = try Self.header(bytes)
        guard width > 0, height > 0 else {
            throw .unsupportedImage(reason: "the \(format.rawValue.uppercased()) header gives a size of \(width) × \(height) pixels")
        }
        self.data = data
        self.format = format
        self.pixelWidth = width
        self.pixelHeight = height
        self.svg = svg
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    private static func header(_ bytes: [UInt8]) throws(ExportError) -> (ImageFormat, Int, Int) {
        if bytes.starts(with: pngSignature) {
            // The first chunk is IHDR: length, "IHDR", then width and height as big-endian 32-bit numbers.
            guard bytes.count >= 24, bytes[12..<16].elementsEqual("IHDR".utf8) else {
                throw .unsupportedImage(reason: "a PNG whose header (IHDR) is missing or cut short")
            }
            return (.png, bigEndian(bytes, 16, 4), bigEndian(bytes, 20, 4))
        }
        if bytes.starts(with: [0xFF, 0xD8]) {
            return try jpegSize(bytes)
        }
        if bytes.isEmpty { throw .unsupportedImage(reason: "the image is empty") }
        let start = bytes.prefix(4).map { String(format: "%02X", $0) }.joined(separator: " ")
        throw .unsupportedImage(reason: "the image is neither PNG nor JPEG (it starts with bytes \(start))")
    }

    /// Walks the JPEG's marker segments up to the first frame header (SOF0–SOF15 but DHT, JPG, DAC).
    private static func jpegSize(_ bytes: [UInt8]) throws(ExportError) -> (ImageFormat, Int, Int) {
        var i = 2
        while i + 3 < bytes.count {
            guard bytes[i] == 0xFF else { break }
            let marker = bytes[i + 1]
            if marker == 0xFF { i += 1; continue }                       // fill byte
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }  // no length
            if marker == 0xD9 || marker == 0xDA { break }                // end of image, start of scan
            let length = bigEndian(bytes, i + 2, 2)
            if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard i + 9 <= bytes.count else { break }
                return (.jpeg, bigEndian(bytes, i + 7, 2), bigEndian(bytes, i + 5, 2))
            }
            guard length >= 2 else { break }
            i += 2 + length
        }
        throw .unsupportedImage(reason: "a JPEG without a readable frame header")
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
    }
}
