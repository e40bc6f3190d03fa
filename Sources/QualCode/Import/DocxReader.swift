import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the body text of a Word document (.docx).
///
/// The main document is the part the package's relationships (`_rels/.rels`) name as its office
/// document, usually `word/document.xml`, which is also read when the package has no relationships.
/// Paragraphs become lines; `w:tab` a tab and `w:br` a line break. A drop capital (a first letter
/// in a frame of its own, `w:framePr w:dropCap`) is joined to the paragraph it opens. Tracked changes read as accepted:
/// insertions are kept, deletions (and the old place of moved text) dropped. Comments, footnotes,
/// headers and footers live in other parts of the package and are left out. Tables are read row by
/// row, one line per row with cells separated by tabs. Text boxes and field codes are skipped.
/// A main document (or relationships part) with a DOCTYPE is refused outright, which rules out
/// entity expansion and external entities before any parser sees the file.
enum DocxReader {
    /// The largest main document accepted once unpacked.
    static let documentLimit = 256 << 20

    static func read(url: URL, file: String) throws(ImportError) -> String {
        let zip = try SafeZip(url: url, file: file)
        let entry = try PackageRelationships.mainPart(in: zip)
        let xml = try zip.data(entry, limit: documentLimit)
        return try text(fromDocumentXML: xml, entry: entry, file: file)
    }

    static func text(fromDocumentXML xml: Data, entry: String = PackageRelationships.defaultMainPart, file: String) throws(ImportError) -> String {
        let collector = BodyCollector()
        try WordXML.parse(xml, entry: entry, file: file, root: "w:document", into: collector)
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

/// SAX collector for the main document; builds lines as the parser walks the body.
private final class BodyCollector: WordXML.Collector {
    var lines: [String] = []
    private var paragraph = ""
    /// A drop capital's text, waiting for the paragraph it opens.
    private var dropCapital = ""
    private var paragraphIsDropCapital = false
    private var inText = false
    private var runDepth = 0
    /// Depth inside elements whose text must not be read (deletions, moved-from text, fallbacks…).
    private var skipDepth = 0
    private var cellParagraphs: [[String]] = []  // a stack, one per open table cell
    private var rowCells: [[String]] = []        // a stack, one per open table row

    private static let skipped: Set<String> = [
        "w:del", "w:moveFrom", "mc:Fallback", "w:instrText", "w:delInstrText", "w:txbxContent",
        "w:footnoteReference", "w:endnoteReference", "w:commentReference",
        "w:pPrChange",  // a paragraph's earlier formatting (a tracked change), such as a frame it no longer has
    ]

    override func start(_ name: String, attributes: [String: String]) {
        if Self.skipped.contains(name) { skipDepth += 1; return }
        guard skipDepth == 0 else { return }
        switch name {
        case "w:p": paragraph = ""; paragraphIsDropCapital = false
        case "w:framePr": paragraphIsDropCapital = ["drop", "margin"].contains(attributes["w:dropCap"] ?? "none")
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

    override func end(_ name: String) {
        if Self.skipped.contains(name) { skipDepth -= 1; return }
        guard skipDepth == 0 else { return }
        switch name {
        case "w:t": inText = false
        case "w:r": runDepth -= 1
        case "w:p":
            if paragraphIsDropCapital {
                dropCapital += paragraph
                paragraph = ""
                return
            }
            paragraph = dropCapital + paragraph
            dropCapital = ""
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

    override func finish() {
        // A drop capital with no paragraph after it keeps its own line.
        if !dropCapital.isEmpty { lines.append(dropCapital) }
    }

    override func characters(_ string: String) {
        if inText && skipDepth == 0 { paragraph += string }
    }
}
