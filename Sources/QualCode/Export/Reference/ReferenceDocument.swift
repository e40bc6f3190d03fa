import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A Word document or template (.docx, .dotx) whose look an export takes over, like pandoc's
/// reference document: its styles, theme, fonts, numbering and page size and margins.
///
/// Styles are matched by *name* (`w:name`), case-insensitively, not by id: a Norwegian Word calls
/// Heading 1's id «Overskrift1» but its name is still «heading 1». Where the reference has a style,
/// the export uses it as the reference defines it; QualCode's styles it lacks («Sitat»,
/// «Tabelltekst», …) are added. The reference's text, headers, footers and settings are not used.
///
/// The package is read as untrusted input, with the importer's checks: entry paths that leave the
/// archive, ZIP bombs, a DOCTYPE or entity declaration, or malformed XML give an
/// ``ExportError/badReference(file:reason:)`` before anything is written. A package without a style
/// sheet is refused too: a reference without styles is almost always the wrong file.
///
/// Parts are found as Word finds them, through the package's relationships: `_rels/.rels` names the
/// main document (which need not be `word/document.xml`), and its own relationships name the style
/// sheet, theme, font table and numbering, wherever they are in the package.
///
/// For example:
///
/// ```swift
/// let reference = try ReferenceDocument(contentsOf: URL(fileURLWithPath: "masteroppgave-mal.dotx"))
/// try document.write(as: .docx, to: output, reference: reference)
/// ```
public struct ReferenceDocument: Sendable, Hashable {
    /// The file as given, for messages.
    public let file: String
    let styles: XMLTree
    /// Other parts carried over as they are: theme, font table, numbering.
    let parts: [CarriedPart]
    /// The page of the body's last section, when the reference has a body.
    let page: PageLayout?

    /// A part of the reference copied into the export.
    struct CarriedPart: Sendable, Hashable {
        var path: String
        var contentType: String
        var relationshipType: String
        var tree: XMLTree
    }

    static let stylesLimit = 32 << 20
    static let partLimit = 32 << 20
    static let documentLimit = 256 << 20

    /// Reads and checks a reference document.
    ///
    /// - Parameters:
    ///   - url: the .docx or .dotx.
    ///   - file: the name to use in messages; the path by default.
    /// - Throws: ``ExportError/badReference(file:reason:)`` for a file that is not a Word package,
    ///   is hostile or broken, or has no style sheet.
    public init(contentsOf url: URL, file: String? = nil) throws(ExportError) {
        let file = file ?? url.path
        func failure(_ reason: String) -> ExportError { .badReference(file: file, reason: reason) }

        let zip: SafeZip
        do { zip = try SafeZip(url: url, file: file) } catch { throw failure(Self.reason(error)) }

        func tree(_ entry: String, limit: Int) throws(ExportError) -> XMLTree {
            let data: Data
            do { data = try zip.data(entry, limit: limit) } catch { throw failure(Self.reason(error)) }
            do { return try XMLTree.parse(data) } catch {
                throw failure("\(entry), line \(error.line): \(error.reason)")
            }
        }

        // Parts are found as Word finds them: the package's relationships name the main document, and
        // the main document's name its style sheet, theme, fonts and numbering. A package whose main
        // document has no relationships is read at the usual places.
        let main: String
        let relationships: PackageRelationships?
        do {
            main = try PackageRelationships.mainPart(in: zip)
            relationships = try PackageRelationships.read(of: main, in: zip)
        } catch { throw failure(Self.reason(error)) }
        func part(_ type: String, usually path: String) throws(ExportError) -> String? {
            guard let relationships else { return zip.contains(path) ? path : nil }
            do {
                let target = try relationships.target(ofType: PackageRelationships.partType(type), in: zip)
                return target.flatMap { zip.contains($0) ? $0 : nil }
            } catch { throw failure(Self.reason(error)) }
        }

        guard let stylesPath = try part("styles", usually: "word/styles.xml") else {
            throw failure("it has no style sheet (word/styles.xml), so no styles to take over; pass a .docx or .dotx saved by Word or LibreOffice")
        }
        let styles = try tree(stylesPath, limit: Self.stylesLimit)
        guard styles.name == "w:styles", styles[attribute: "xmlns:w"] == WordprocessingML.namespace else {
            throw failure("\(stylesPath) is not a Word style sheet: its root is not w:styles in the WordprocessingML namespace")
        }

        var parts: [CarriedPart] = []
        let officeDocument = "application/vnd.openxmlformats-officedocument"
        // Each carried part goes where the export's own main document (word/document.xml) expects it.
        for (path, contentType, relationship) in [
            ("word/theme/theme1.xml", officeDocument + ".theme+xml", "theme"),
            ("word/fontTable.xml", officeDocument + ".wordprocessingml.fontTable+xml", "fontTable"),
            ("word/numbering.xml", officeDocument + ".wordprocessingml.numbering+xml", "numbering"),
        ] {
            guard let source = try part(relationship, usually: path) else { continue }
            let part = try tree(source, limit: Self.partLimit)
            // A part with relationships of its own (embedded fonts, picture bullets) would point at
            // parts the export does not have; QualCode's own behaviour (none) is kept instead.
            if zip.contains(PackageRelationships.path(of: source)) || Self.pointsAtRelationships(part) { continue }
            parts.append(CarriedPart(path: path, contentType: contentType,
                                     relationshipType: WordprocessingML.relationshipsNamespace + "/" + relationship, tree: part))
        }

        var page: PageLayout?
        if zip.contains(main) {
            let data: Data
            do { data = try zip.data(main, limit: Self.documentLimit) } catch { throw failure(Self.reason(error)) }
            do { page = try SectionReader.page(in: data) } catch {
                throw failure("\(main), line \(error.line): \(error.reason)")
            }
        }

        self.file = file
        self.styles = styles
        self.parts = parts
        self.page = page
    }

    /// Whether any attribute of the part is in the relationships namespace (`r:id`, `r:embed`).
    private static func pointsAtRelationships(_ part: XMLTree) -> Bool {
        let prefixes = part.attributes.filter { $0.name.hasPrefix("xmlns:") && $0.value == WordprocessingML.relationshipsNamespace }
            .map { String($0.name.dropFirst("xmlns:".count)) + ":" }
        guard !prefixes.isEmpty else { return false }
        return part.contains { element in element.attributes.contains { attribute in prefixes.contains { attribute.name.hasPrefix($0) } } }
    }

    /// The importer's error, worded for a reference document.
    private static func reason(_ error: ImportError) -> String {
        switch error {
        case .notAZip: "it is not a ZIP package, so not a .docx or .dotx"
        case let .unsafeEntryPath(_, entry): "archive entry \"\(entry)\" points outside the document"
        case let .entryTooLarge(_, entry, limit): "\(entry) unpacks to more than \(limit.formattedBytes), a ZIP bomb or a corrupt file"
        case let .missingEntry(_, entry): "the package has no \(entry)"
        case let .damagedEntry(_, entry, damage): "the file is damaged: archive entry \(entry) \(damage)"
        case let .unreadable(_, reason): reason
        default: error.description
        }
    }
}

/// Reads the page size and margins of the body's last section (`w:body/w:sectPr`), which is the
/// section a new document's text would go into.
private final class SectionReader: NSObject, XMLParserDelegate {
    private var path: [String] = []
    private var size: [XMLTree.Attribute]?
    private var margins: [XMLTree.Attribute]?
    private var found: PageLayout?
    private var failure: XMLTree.ParseFailure?
    private var rootClosed = false

    static func page(in data: Data) throws(XMLTree.ParseFailure) -> PageLayout? {
        // The same refusals as for styles.xml, before the parser sees anything.
        if let refusal = WordXML.refusal(data) { throw XMLTree.ParseFailure(line: 1, reason: refusal.reason) }
        let reader = SectionReader()
        let parser = WordXML.parser(for: data, delegate: reader)
        let finished = parser.parse()
        if let failure = reader.failure { throw failure }
        guard finished, reader.rootClosed else {
            throw XMLTree.ParseFailure(line: parser.lineNumber, reason: "the document ends before w:document is closed")
        }
        return reader.found
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard failure == nil else { return }
        failure = XMLTree.ParseFailure(line: parser.lineNumber, reason: "malformed XML (error \((parseError as NSError).code))")
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        path.append(name)
        guard path.count == 4, path[1] == "w:body", path[2] == "w:sectPr" else { return }
        // Only WordprocessingML attributes: the export's document.xml declares no other prefixes.
        // Only values Word accepts: twips as (signed) integers, and the orientation.
        func valid(_ name: String, _ value: String) -> Bool {
            if name == "w:orient" { return value == "portrait" || value == "landscape" }
            let digits = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
            return !digits.isEmpty && digits.count <= 7 && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
        }
        let kept = XMLTree.canonicalOrder(attributes.filter { $0.key.hasPrefix("w:") && valid($0.key, $0.value) }
            .map { XMLTree.Attribute(name: $0.key, value: $0.value) })
        // A page without a valid width and height keeps QualCode's size.
        if name == "w:pgSz", kept.contains(where: { $0.name == "w:w" }), kept.contains(where: { $0.name == "w:h" }) { size = kept }
        if name == "w:pgMar" { margins = kept }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if path.count == 3, path[1] == "w:body", name == "w:sectPr" {
            // A later section replaces an earlier one; either part missing keeps QualCode's.
            found = PageLayout(size: size ?? PageLayout.a4.size, margins: margins ?? PageLayout.a4.margins)
            size = nil
            margins = nil
        }
        path.removeLast()
        if path.isEmpty && failure == nil { rootClosed = true }
    }
}
