import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The relationships of a part of an Open Packaging Conventions package (a .docx): how Word finds
/// its main document, which is usually `word/document.xml` but need not be (Word for the web, for
/// one, writes `word/document2.xml`). The package's own relationships are in `_rels/.rels`; a part's
/// are in `_rels/NAME.rels` beside it, and its targets are relative to its folder.
///
/// The importer reads the main document through them; a reference document
/// (``ReferenceDocument``) also finds the main document's styles, theme, fonts and numbering.
struct PackageRelationships {
    struct Relationship: Hashable {
        var type: String
        var target: String
        var isExternal: Bool
    }

    var part: String
    var relationships: [Relationship]

    /// The main document's relationship type, transitional and strict OOXML.
    static let officeDocument: Set<String> = [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
    ]

    /// Where Word puts the main document, and where it is looked for when nothing says otherwise.
    static let defaultMainPart = "word/document.xml"

    /// The main document's path: the target of the package's office-document relationship, or
    /// ``defaultMainPart`` when the package has none.
    static func mainPart(in zip: SafeZip) throws(ImportError) -> String {
        try read(of: "", in: zip)?.target(ofType: officeDocument, in: zip) ?? defaultMainPart
    }

    /// A relationship type of the main document's parts (`styles`, `theme`, `fontTable`), transitional
    /// and strict OOXML.
    static func partType(_ name: String) -> Set<String> {
        ["http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + name,
         "http://purl.oclc.org/ooxml/officeDocument/relationships/" + name]
    }

    /// A relationships part is a short list; anything larger is not one.
    static let limit = 1 << 20

    /// Where the relationships of `part` are: `_rels/.rels` for the package (`""`),
    /// `word/_rels/document2.xml.rels` for `word/document2.xml`.
    static func path(of part: String) -> String {
        let slash = part.lastIndex(of: "/")
        let folder = slash.map { String(part[...$0]) } ?? ""
        let name = slash.map { String(part[part.index(after: $0)...]) } ?? part
        return folder + "_rels/" + name + ".rels"
    }

    /// The relationships of `part` (`""` for the package itself), or nil when it has none.
    static func read(of part: String, in zip: SafeZip) throws(ImportError) -> PackageRelationships? {
        let entry = path(of: part)
        guard zip.contains(entry) else { return nil }
        let collector = RelationshipsCollector()
        try WordXML.parse(try zip.data(entry, limit: limit), entry: entry, file: zip.file, root: "Relationships", into: collector)
        let relationships = collector.relationships
        return PackageRelationships(part: part, relationships: relationships)
    }

    /// The path inside the package of the first internal relationship of one of `types`, or nil.
    func target(ofType types: Set<String>, in zip: SafeZip) throws(ImportError) -> String? {
        guard let relationship = relationships.first(where: { types.contains($0.type) && !$0.isExternal }) else { return nil }
        return try Self.resolve(relationship.target, from: part, in: zip)
    }

    /// A target as an entry path: relative to the source part's folder, or to the package's root when
    /// it starts with `/`; `.` and `..` resolved, and refused if they lead out of the package.
    static func resolve(_ target: String, from part: String, in zip: SafeZip) throws(ImportError) -> String {
        var segments: [Substring] = target.hasPrefix("/") ? [] : part.split(separator: "/").dropLast()
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..":
                guard segments.popLast() != nil else { throw .unsafeEntryPath(file: zip.file, entry: target) }
            default: segments.append(segment)
            }
        }
        let path = segments.joined(separator: "/")
        // Part names are URIs: `document%202.xml` may be stored as `document 2.xml`.
        if !zip.contains(path), let decoded = path.removingPercentEncoding, zip.contains(decoded) { return decoded }
        return path
    }
}

/// SAX collector for a relationships part: every `Relationship` element's type, target and mode.
private final class RelationshipsCollector: WordXML.Collector {
    var relationships: [PackageRelationships.Relationship] = []

    override func start(_ name: String, attributes: [String: String]) {
        guard name == "Relationship" || name.hasSuffix(":Relationship"),
              let type = attributes["Type"], let target = attributes["Target"] else { return }
        relationships.append(.init(type: type, target: target, isExternal: attributes["TargetMode"] == "External"))
    }
}
