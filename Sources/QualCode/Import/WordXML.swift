import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The checks every part of a Word package gets before a parser sees it, and the parser set up the
/// one safe way: Word writes UTF-8 without a DOCTYPE, so anything else is refused rather than parsed.
enum WordXML {
    enum Refusal: Sendable, Equatable {
        /// UTF-16 or UTF-32 would hide a DOCTYPE from the byte scan.
        case notUTF8
        /// A document type or entity declaration (entity expansion, external entities).
        case declaresDTD

        var reason: String {
            switch self {
            case .notUTF8: "not UTF-8, which is what Word writes"
            case .declaresDTD: "it declares a DOCTYPE or entities, which Word never writes and QualCode refuses for safety"
            }
        }
    }

    /// Why `data` must not be parsed, or nil when it may be.
    static func refusal(_ data: Data) -> Refusal? {
        let head = [UInt8](data.prefix(4))
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0x00, 0x00])
            || head.starts(with: [0x00, 0x3C]) || head.starts(with: [0x3C, 0x00]) {
            return .notUTF8
        }
        return declaresDTD(data) ? .declaresDTD : nil
    }

    /// A SAX parser that resolves no external entities and keeps qualified names as written. On Linux
    /// `parse()` can report success after an error and accepts a document that just stops, so every
    /// delegate records the first error itself and whether the root element closed.
    static func parser(for data: Data, delegate: XMLParserDelegate) -> XMLParser {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        return parser
    }

    /// Whether the XML declares a document type or entities: one pass over the bytes looking at each
    /// `<!` (`Data.range(of:)` is many times slower on Linux, and this runs over every byte).
    static func declaresDTD(_ data: Data) -> Bool {
        let doctype = Array("DOCTYPE".utf8), entity = Array("ENTITY".utf8)
        return data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            while i + 1 < bytes.count {
                if bytes[i] == UInt8(ascii: "<") && bytes[i + 1] == UInt8(ascii: "!") {
                    let rest = bytes[(i + 2)...]
                    if rest.starts(with: doctype) || rest.starts(with: entity) { return true }
                }
                i += 1
            }
            return false
        }
    }
}
