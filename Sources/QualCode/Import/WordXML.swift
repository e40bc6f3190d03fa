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

    /// Parses one part of a Word package into `collector`, refusing it first if it must not be parsed.
    ///
    /// - parameter root: the root element's name, for the message when the part stops before it closes.
    /// - Throws: ``ImportError/forbiddenDTD(file:entry:)`` or ``ImportError/malformedXML(file:entry:line:reason:)``.
    static func parse(_ data: Data, entry: String, file: String, root: String, into collector: Collector) throws(ImportError) {
        switch refusal(data) {
        case .notUTF8?: throw .malformedXML(file: file, entry: entry, line: 1, reason: Refusal.notUTF8.reason)
        case .declaresDTD?: throw .forbiddenDTD(file: file, entry: entry)
        case nil: break
        }
        let parser = parser(for: data, delegate: collector)
        let finished = parser.parse()
        if let failure = collector.failure {
            throw .malformedXML(file: file, entry: entry, line: failure.line, reason: failure.reason)
        }
        guard finished, collector.rootClosed else {
            throw .malformedXML(file: file, entry: entry, line: parser.lineNumber, reason: "the part ends before \(root) is closed")
        }
    }

    /// A SAX delegate that records the first error and whether the root element closed; what a part
    /// holds is read by a subclass through `start`, `end` and `characters`.
    class Collector: NSObject, XMLParserDelegate {
        private var depth = 0
        private(set) var rootClosed = false
        private(set) var failure: (line: Int, reason: String)?

        func start(_ name: String, attributes: [String: String]) {}
        func end(_ name: String) {}
        func characters(_ string: String) {}
        /// Called once the root element has closed.
        func finish() {}

        final func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            guard failure == nil else { return }
            let code = (parseError as NSError).code
            failure = (parser.lineNumber, WordXML.reasons[code] ?? "XML error \(code)")
            parser.abortParsing()
        }

        final func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                          attributes: [String: String] = [:]) {
            depth += 1
            start(name, attributes: attributes)
        }

        final func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            end(name)
            if depth == 0 && failure == nil {
                rootClosed = true
                finish()
            }
        }

        final func parser(_ parser: XMLParser, foundCharacters string: String) { characters(string) }
    }

    /// libxml2's error numbers for what a broken part usually shows.
    static let reasons: [Int: String] = [
        4: "the document is empty", 5: "the document ends too early", 9: "an invalid character",
        26: "an undefined entity", 38: "an unquoted attribute value", 39: "an attribute without a value",
        41: "an attribute given twice", 64: "a malformed declaration", 73: "a missing \">\"",
        76: "an end tag that does not match its start tag", 77: "an unclosed tag", 85: "extra content after the document",
    ]

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
