import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree for the parts QualCode reads from a reference document and writes back
/// (`styles.xml`, the theme, the font table). Names stay qualified as written (`w:style`), namespace
/// declarations stay attributes, and the tree is written out again through ``XMLWriter``, so it is
/// escaped like everything else QualCode writes. Comments and processing instructions are dropped.
struct XMLTree: Sendable, Hashable {
    var name: String
    var attributes: [Attribute]
    var children: [Node]

    struct Attribute: Sendable, Hashable {
        var name: String
        var value: String
    }

    enum Node: Sendable, Hashable {
        case element(XMLTree)
        case text(String)
    }

    /// An element; its attributes are kept in ``canonicalOrder(_:)``, as parsed ones are.
    init(_ name: String, _ attributes: [(String, String)] = [], children: [XMLTree] = []) {
        self.name = name
        self.attributes = Self.canonicalOrder(attributes.map { Attribute(name: $0.0, value: $0.1) })
        self.children = children.map(Node.element)
    }

    /// Namespace declarations first, then the other attributes, each sorted by name: the parser
    /// hands attributes over unordered, and one order makes equal trees write equal text.
    static func canonicalOrder(_ attributes: [Attribute]) -> [Attribute] {
        attributes.sorted { a, b in
            let aDeclares = a.name == "xmlns" || a.name.hasPrefix("xmlns:"), bDeclares = b.name == "xmlns" || b.name.hasPrefix("xmlns:")
            return aDeclares != bDeclares ? aDeclares : a.name < b.name
        }
    }

    // MARK: - Reading and changing

    subscript(attribute name: String) -> String? {
        get { attributes.first { $0.name == name }?.value }
        set {
            if let index = attributes.firstIndex(where: { $0.name == name }) {
                if let newValue { attributes[index].value = newValue } else { attributes.remove(at: index) }
            } else if let newValue {
                attributes = Self.canonicalOrder(attributes + [Attribute(name: name, value: newValue)])
            }
        }
    }

    /// The child elements, in order.
    var elements: [XMLTree] {
        children.compactMap { if case let .element(element) = $0 { element } else { nil } }
    }

    /// The first child element called `name`.
    func first(_ name: String) -> XMLTree? {
        elements.first { $0.name == name }
    }

    /// Whether this element or any element below it satisfies `test`.
    func contains(where test: (XMLTree) -> Bool) -> Bool {
        test(self) || elements.contains { $0.contains(where: test) }
    }

    mutating func append(_ element: XMLTree) {
        children.append(.element(element))
    }

    /// Calls `change` on every child element called `name`.
    mutating func updateElements(named name: String, _ change: (inout XMLTree) -> Void) {
        for index in children.indices {
            if case var .element(element) = children[index], element.name == name {
                change(&element)
                children[index] = .element(element)
            }
        }
    }

    // MARK: - Writing

    func write(to xml: inout XMLWriter) {
        let pairs = attributes.map { ($0.name, $0.value) }
        if children.isEmpty {
            xml.empty(name, pairs)
            return
        }
        xml.start(name, pairs)
        for child in children {
            switch child {
            case let .element(element): element.write(to: &xml)
            case let .text(text): xml.text(text)
            }
        }
        xml.end()
    }

    /// The element as markup, without an XML declaration.
    var xml: String {
        var writer = XMLWriter()
        write(to: &writer)
        return writer.output
    }

    // MARK: - Parsing

    /// Why a part could not be parsed: the line and a short reason.
    struct ParseFailure: Error, Sendable {
        var line: Int
        var reason: String
    }

    /// Parses a UTF-8 part from an untrusted package.
    ///
    /// A DOCTYPE or ENTITY declaration is refused before any parser sees the bytes (no entity
    /// expansion, no external entities), as is UTF-16 or UTF-32, which would hide one from that scan.
    static let maximumDepth = 256

    static func parse(_ data: Data) throws(ParseFailure) -> XMLTree {
        if let refusal = WordXML.refusal(data) { throw ParseFailure(line: 1, reason: refusal.reason) }
        let builder = TreeBuilder()
        let parser = WordXML.parser(for: data, delegate: builder)
        let finished = parser.parse()
        if let failure = builder.failure { throw failure }
        guard finished, let root = builder.root else {
            throw ParseFailure(line: parser.lineNumber, reason: "the part ends before its root element is closed")
        }
        return root
    }
}

/// SAX delegate that builds an ``XMLTree``.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [XMLTree] = []
    private(set) var root: XMLTree?
    private(set) var failure: XMLTree.ParseFailure?

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard failure == nil else { return }
        failure = XMLTree.ParseFailure(line: parser.lineNumber, reason: "malformed XML (error \((parseError as NSError).code))")
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard failure == nil else { return }
        if root != nil {
            failure = XMLTree.ParseFailure(line: parser.lineNumber, reason: "extra content after the root element")
            parser.abortParsing()
            return
        }
        // Writing the tree back recurses; Word's own parts nest a few dozen levels, so a deeper part is
        // hostile (and libxml2 readers such as python-docx refuse past 256).
        guard stack.count < XMLTree.maximumDepth else {
            failure = XMLTree.ParseFailure(line: parser.lineNumber, reason: "elements nested deeper than \(XMLTree.maximumDepth) levels")
            parser.abortParsing()
            return
        }
        stack.append(XMLTree(name, attributes.map { ($0.key, $0.value) }))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil, let element = stack.popLast() else { return }
        if stack.isEmpty { root = element } else { stack[stack.count - 1].append(element) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil, !stack.isEmpty else { return }
        if case let .text(previous)? = stack[stack.count - 1].children.last {
            stack[stack.count - 1].children[stack[stack.count - 1].children.count - 1] = .text(previous + string)
        } else {
            stack[stack.count - 1].children.append(.text(string))
        }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
    }
}
