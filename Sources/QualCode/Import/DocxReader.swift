import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the body text of a Word document (.docx).
///
/// Paragraphs become lines; `w:tab` a tab and `w:br` a line break. Tracked changes read as accepted:
/// insertions are kept, deletions (and the old place of moved text) dropped. Comments, footnotes,
/// headers and footers live in other parts of the package and are left out. Tables are read row by
/// row, one line per row with cells separated by tabs. Text boxes and field codes are skipped.
/// A `document.xml` with a DOCTYPE is refused outright, which rules out entity expansion and
/// external entities before any parser sees the file.
enum DocxReader {
    /// The largest `word/document.xml` accepted once unpacked.
    static let documentLimit = 256 << 20

    static func read(url: URL, file: String) throws(ImportError) -> String {
        let zip = try SafeZip(url: url, file: file)
        let xml = try zip.data("word/document.xml", limit: documentLimit)
        return try text(fromDocumentXML: xml, file: file)
    }

    static func text(fromDocumentXML xml: Data, file: String) throws(ImportError) -> String {
        let entry = "word/document.xml"
        switch WordXML.refusal(xml) {
        case .notUTF8?: throw .malformedXML(file: file, entry: entry, line: 1, reason: WordXML.Refusal.notUTF8.reason)
        case .declaresDTD?: throw .forbiddenDTD(file: file, entry: entry)
        case nil: break
        }
        let collector = BodyCollector()
        let parser = WordXML.parser(for: xml, delegate: collector)
        let finished = parser.parse()
        if let failure = collector.failure {
            throw .malformedXML(file: file, entry: entry, line: failure.line, reason: failure.reason)
        }
        guard finished, collector.rootClosed else {
            throw .malformedXML(file: file, entry: entry, line: parser.lineNumber, reason: "the document ends before w:document is closed")
        }
        var lines: [String] = []
        for line in collector.lines {
            let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
            if isBlank && (lines.last?.isEmpty ?? true) { continue }
            lines.append(isBlank ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

/// SAX collector for `word/document.xml`; builds lines as the parser walks the body.
private final class BodyCollector: NSObject, XMLParserDelegate {
    var lines: [String] = []
    private var paragraph = ""
    private var inText = false
    private var runDepth = 0
    /// Depth inside elements whose text must not be read (deletions, moved-from text, fallbacks…).
    private var skipDepth = 0
    private var cellParagraphs: [[String]] = []  // a stack, one per open table cell
    private var rowCells: [[String]] = []        // a stack, one per open table row
    private var depth = 0
    private(set) var rootClosed = false
    private(set) var failure: (line: Int, reason: String)?

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard failure == nil else { return }
        let code = (parseError as NSError).code
        failure = (parser.lineNumber, Self.reasons[code] ?? "XML error \(code)")
        parser.abortParsing()
    }

    /// libxml2's error numbers for what a broken document.xml usually shows.
    private static let reasons: [Int: String] = [
        4: "the document is empty", 5: "the document ends too early", 9: "an invalid character",
        26: "an undefined entity", 38: "an unquoted attribute value", 39: "an attribute without a value",
        41: "an attribute given twice", 64: "a malformed declaration", 73: "a missing \">\"",
        76: "an end tag that does not match its start tag", 77: "an unclosed tag", 85: "extra content after the document",
    ]

    private static let skipped: Set<String> = [
        "w:del", "w:moveFrom", "mc:Fallback", "w:instrText", "w:delInstrText", "w:txbxContent",
        "w:footnoteReference", "w:endnoteReference", "w:commentReference",
    ]

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        depth += 1
        if Self.skipped.contains(name) { skipDepth += 1; return }
        guard skipDepth == 0 else { return }
        switch name {
        case "w:p": paragraph = ""
        case "w:r": runDepth += 1
        case "w:t": inText = true
        case "w:tab" where runDepth > 0: paragraph += "\t"
        case "w:br", "w:cr": if runDepth > 0 { paragraph += "\n" }
        case "w:noBreakHyphen": paragraph += "-"
        case "w:tr": rowCells.append([])
        case "w:tc": cellParagraphs.append([])
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        if depth == 0 && failure == nil { rootClosed = true }
        if Self.skipped.contains(name) { skipDepth -= 1; return }
        guard skipDepth == 0 else { return }
        switch name {
        case "w:t": inText = false
        case "w:r": runDepth -= 1
        case "w:p":
            if cellParagraphs.isEmpty {
                lines.append(paragraph)
            } else {
                cellParagraphs[cellParagraphs.count - 1].append(paragraph)
            }
            paragraph = ""
        case "w:tc":
            let cell = cellParagraphs.removeLast()
                .map { $0.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ") }
                .filter { !$0.isEmpty }.joined(separator: " ")
            if rowCells.isEmpty { lines.append(cell) } else { rowCells[rowCells.count - 1].append(cell) }
        case "w:tr":
            let row = rowCells.removeLast().joined(separator: "\t")
            if cellParagraphs.isEmpty {
                lines.append(row)
            } else {
                // A nested table flattens into the enclosing cell.
                cellParagraphs[cellParagraphs.count - 1].append(row)
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText && skipDepth == 0 { paragraph += string }
    }
}
