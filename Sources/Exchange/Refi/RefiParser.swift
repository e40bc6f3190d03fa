import Foundation
import QualCode
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a REFI-QDA project (`Project`) or codebook (`CodeBook`) with Foundation's SAX parser: no
/// external entities, no DTD (refused before parsing), namespace prefixes and the `1:0` spelling of
/// the namespace accepted.
enum RefiParser {
    static func project(_ data: Data, file: String) throws(ExchangeError) -> RefiProject {
        try parse(data, file: file, root: "Project").project
    }

    static func codebook(_ data: Data, file: String) throws(ExchangeError) -> [RefiCode] {
        try parse(data, file: file, root: "CodeBook").project.codes
    }

    private static func parse(_ data: Data, file: String, root: String) throws(ExchangeError) -> Collector {
        let head = [UInt8](data.prefix(2))
        if head == [0xFF, 0xFE] || head == [0xFE, 0xFF] || head.first == 0 {
            throw .malformedXML(file: file, line: 1, reason: "not UTF-8, which REFI-QDA files are")
        }
        if ExchangeInput.declaresDTD(data) { throw .forbiddenDTD(file: file) }
        let collector = Collector(root: root)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = collector
        let finished = parser.parse()
        if let problem = collector.problem { throw problem.error(file: file) }
        if let failure = collector.failure { throw .malformedXML(file: file, line: failure.line, reason: failure.reason) }
        if collector.deepestCode > NameRules.maximumCodeDepth {
            throw .codesTooDeep(file: file, depth: collector.deepestCode, limit: NameRules.maximumCodeDepth)
        }
        guard finished, collector.rootClosed else {
            if collector.rootName == nil { throw .notRefi(file: file, expected: root, found: "no element") }
            throw .malformedXML(file: file, line: parser.lineNumber, reason: "the file ends before <\(root)> is closed")
        }
        return collector
    }
}

/// Builds the model while the parser walks the document; the innermost open objects are kept on stacks.
private final class Collector: NSObject, XMLParserDelegate {
    enum Problem {
        case notRefi(expected: String, found: String)
        case attribute(element: String, attribute: String, value: String?)

        func error(file: String) -> ExchangeError {
            switch self {
            case let .notRefi(expected, found): .notRefi(file: file, expected: expected, found: found)
            case let .attribute(element, attribute, value): .invalidAttribute(file: file, element: element, attribute: attribute, value: value)
            }
        }
    }

    let root: String
    var project = RefiProject()
    private(set) var rootName: String?
    private(set) var rootClosed = false
    private(set) var failure: (line: Int, reason: String)?
    private(set) var problem: Problem?

    private var path: [String] = []
    private var codes: [RefiCode] = []
    /// Codes open below the deepest level a project allows: counted, not kept (the file is refused).
    private var codesTooDeep = 0
    /// How many levels the deepest code is down the tree.
    private(set) var deepestCode = 0
    private var source: RefiTextSource?
    private var selection: RefiSelection?
    private var coding: RefiCoding?
    private var note: RefiNote?
    private var refiCase: RefiCase?
    private var value: RefiValue?
    private var link: RefiLink?
    /// Depth at which a non-text source began; everything inside it is skipped.
    private var skipping: Int?
    private var text: String?

    init(root: String) { self.root = root }

    private var parent: String { path.count >= 2 ? path[path.count - 2] : "" }

    private func stop(_ parser: XMLParser, _ problem: Problem) {
        if self.problem == nil { self.problem = problem }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard failure == nil, problem == nil else { return }
        let code = (parseError as NSError).code
        failure = (parser.lineNumber, Self.reasons[code] ?? "XML error \(code)")
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement qualified: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let name = qualified.split(separator: ":").last.map(String.init) ?? qualified
        path.append(name)
        if path.count == 1 {
            rootName = name
            let namespace = attributes["xmlns"] ?? attributes.first { $0.key.hasPrefix("xmlns:") && $0.value.hasPrefix("urn:") }?.value
            let wanted = root == "Project" ? "urn:QDA-XML:project:1" : "urn:QDA-XML:codebook:1"
            guard name == root, namespace.map({ $0.hasPrefix(wanted) }) ?? true else {
                stop(parser, .notRefi(expected: root, found: "<\(name)>" + (namespace.map { " in \($0)" } ?? "")))
                return
            }
            project.name = attributes["name"] ?? ""
            project.origin = attributes["origin"]
            project.basePath = attributes["basePath"]
            project.created = RefiDate.parse(attributes["creationDateTime"])
            return
        }
        if skipping != nil { return }
        func guid() -> String? {
            guard let guid = attributes["guid"], !guid.trimmingCharacters(in: .whitespaces).isEmpty else {
                stop(parser, .attribute(element: name, attribute: "guid", value: attributes["guid"]))
                return nil
            }
            return guid
        }
        switch name {
        case "User" where parent == "Users":
            guard let guid = guid() else { return }
            project.users.append(RefiUser(guid: guid, name: attributes["name"]))
        case "Code" where parent == "Codes" || parent == "Code":
            deepestCode = max(deepestCode, codes.count + codesTooDeep + 1)
            if codes.count >= NameRules.maximumCodeDepth {
                codesTooDeep += 1
                return
            }
            guard let guid = guid() else { return }
            codes.append(RefiCode(guid: guid, name: attributes["name"] ?? "", isCodable: attributes["isCodable"] != "false",
                                  color: attributes["color"]))
        case "Variable" where parent == "Variables":
            guard let guid = guid() else { return }
            project.variables.append(RefiVariable(guid: guid, name: attributes["name"] ?? "", type: attributes["typeOfVariable"] ?? "Text"))
        case "Case" where parent == "Cases":
            guard let guid = guid() else { return }
            refiCase = RefiCase(guid: guid, name: attributes["name"])
        case "VariableValue" where refiCase != nil && parent == "Case":
            value = RefiValue()
        case "VariableRef" where value != nil:
            value?.variable = attributes["targetGUID"] ?? ""
        case "TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue":
            if value != nil { value?.kind = name; text = "" }
        case "SourceRef" where parent == "Case":
            if let target = attributes["targetGUID"] { refiCase?.sourceRefs.append(target) }
        case "TextSource" where parent == "Sources":
            guard let guid = guid() else { return }
            source = RefiTextSource(guid: guid, name: attributes["name"], plainTextPath: attributes["plainTextPath"],
                                    creatingUser: attributes["creatingUser"], created: RefiDate.parse(attributes["creationDateTime"]))
        case "Graph" where parent == "Graphs", "Set" where parent == "Sets":
            project.leftOut[name, default: 0] += 1
        case "PictureSource", "PDFSource", "AudioSource", "VideoSource":
            project.otherSources[name, default: 0] += 1
            skipping = path.count
        case "PlainTextSelection" where source != nil && parent == "TextSource":
            guard let guid = guid() else { return }
            // One selection with a broken position is listed as not placed; it does not stop the import.
            func lenient(_ attribute: String) -> (Int, String?) {
                let raw = attributes[attribute]
                if let raw, let value = Int(raw.trimmingCharacters(in: .whitespaces)), value >= 0 { return (value, nil) }
                return (0, "\(attribute)=\"\(String((raw ?? "").prefix(40)).escapingControlCharacters())\"")
            }
            let (start, badStart) = lenient("startPosition"), (end, badEnd) = lenient("endPosition")
            selection = RefiSelection(guid: guid, name: attributes["name"], start: start, end: end, badPosition: badStart ?? badEnd,
                                      creatingUser: attributes["creatingUser"], created: RefiDate.parse(attributes["creationDateTime"]))
        case "Coding" where source != nil:
            guard let guid = guid() else { return }
            coding = RefiCoding(guid: guid, creatingUser: attributes["creatingUser"], created: RefiDate.parse(attributes["creationDateTime"]))
        case "CodeRef" where coding != nil:
            coding?.code = attributes["targetGUID"] ?? ""
        case "Note" where parent == "Notes":
            guard let guid = guid() else { return }
            note = RefiNote(guid: guid, name: attributes["name"], plainTextPath: attributes["plainTextPath"],
                            creatingUser: attributes["creatingUser"], created: RefiDate.parse(attributes["creationDateTime"]))
        case "Link" where parent == "Links":
            guard let guid = guid() else { return }
            link = RefiLink(guid: guid, origin: attributes["originGUID"], target: attributes["targetGUID"])
        case "NoteRef":
            guard let target = attributes["targetGUID"] else { return }
            addNoteRef(target)
        case "Description" where ["Project", "Code", "Variable", "Case"].contains(parent):
            text = ""
        case "PlainTextContent" where (parent == "TextSource" && source != nil) || (parent == "Note" && note != nil):
            text = ""
        default:
            break
        }
    }

    private func addNoteRef(_ target: String) {
        switch parent {
        case "Project": project.noteRefs.append(target)
        case "Code": if !codes.isEmpty { codes[codes.count - 1].noteRefs.append(target) }
        case "TextSource": source?.noteRefs.append(target)
        case "PlainTextSelection": selection?.noteRefs.append(target)
        case "Coding": coding?.noteRefs.append(target)
        case "Link": link?.noteRefs.append(target)
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if text != nil { text! += string }
    }

    func parser(_ parser: XMLParser, didEndElement qualified: String, namespaceURI: String?, qualifiedName: String?) {
        defer {
            path.removeLast()
            if path.isEmpty && problem == nil && failure == nil { rootClosed = true }
        }
        let name = qualified.split(separator: ":").last.map(String.init) ?? qualified
        if let depth = skipping {
            if path.count == depth { skipping = nil }
            return
        }
        let captured = text
        switch name {
        case "Code" where codesTooDeep > 0 && (parent == "Codes" || parent == "Code"):
            codesTooDeep -= 1
        case "Code" where !codes.isEmpty && (parent == "Codes" || parent == "Code"):
            let code = codes.removeLast()
            if codes.isEmpty { project.codes.append(code) } else { codes[codes.count - 1].children.append(code) }
        case "Case" where refiCase != nil:
            project.cases.append(refiCase!)
            refiCase = nil
        case "VariableValue" where value != nil:
            refiCase?.values.append(value!)
            value = nil
        case "TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue":
            if let captured { value?.value = captured }
        case "TextSource" where source != nil && parent == "Sources":
            project.sources.append(source!)
            source = nil
        case "PlainTextSelection" where selection != nil:
            source?.selections.append(selection!)
            selection = nil
        case "Coding" where coding != nil:
            if selection != nil { selection?.codings.append(coding!) } else { source?.codings.append(coding!) }
            coding = nil
        case "Note" where note != nil && parent == "Notes":
            project.notes.append(note!)
            note = nil
        case "Link" where link != nil:
            project.links.append(link!)
            link = nil
        case "Description" where captured != nil:
            switch parent {
            case "Project": project.description = captured
            case "Code": if !codes.isEmpty { codes[codes.count - 1].description = captured }
            case "Variable": if !project.variables.isEmpty { project.variables[project.variables.count - 1].description = captured }
            case "Case": refiCase?.description = captured
            default: break
            }
        case "PlainTextContent" where captured != nil:
            if parent == "Note" { note?.content = captured } else { source?.content = captured }
        default:
            break
        }
        if ["TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue", "Description", "PlainTextContent"]
            .contains(name) { text = nil }
    }

    /// libxml2's error numbers for what a broken file usually shows.
    static let reasons: [Int: String] = [
        4: "the document is empty", 5: "the document ends too early", 9: "an invalid character",
        26: "an undefined entity", 38: "an unquoted attribute value", 39: "an attribute without a value",
        41: "an attribute given twice", 64: "a malformed declaration", 73: "a missing \">\"",
        76: "an end tag that does not match its start tag", 77: "an unclosed tag", 85: "extra content after the document",
    ]
}
