import Foundation
import QualCode

/// Writes a project's records as REFI-QDA 1.0 XML (`project.qde`), with the text of each transcript as
/// a source file beside it, and the code tree alone as a codebook (`.qdc`).
struct ProjectWriter {
    static let projectNamespace = "urn:QDA-XML:project:1.0"
    static let codebookNamespace = "urn:QDA-XML:codebook:1.0"
    static let origin = "QualCode"

    let records: ExchangeRecords
    let guids: GUIDTable
    let graph: WorkMapGraph?
    let condensation: CondensationNotes?
    private let children: [UUID?: [Code]]
    /// Segments whose text an edit removed have no place in the text: they are left out and counted.
    private let segments: [Transcript.ID: [Segment]]
    private let codings: [Segment.ID: [Coding]]
    private let memos: [MemoTarget.Kind: [UUID?: [Memo]]]
    /// Memos on left-out (orphaned) segments, written as notes on their transcript.
    let orphanedSegmentMemos: Int

    init(_ records: ExchangeRecords, guids: GUIDTable, graph: WorkMapGraph? = nil, condensation: CondensationNotes? = nil) {
        self.records = records
        self.guids = guids
        self.graph = graph
        self.condensation = condensation
        children = Dictionary(grouping: records.codes, by: \.parentId).mapValues { $0.sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) } }
        segments = Dictionary(grouping: records.segments.filter { !$0.isOrphaned }, by: \.transcriptId)
        codings = Dictionary(grouping: records.codings, by: \.segmentId)
        // A memo on a segment that is left out (its text was removed) goes with the segment's transcript.
        let orphans = Dictionary(records.segments.filter(\.isOrphaned).map { ($0.id, $0.transcriptId) }, uniquingKeysWith: { first, _ in first })
        var grouped: [MemoTarget.Kind: [UUID?: [Memo]]] = [:]
        var moved = 0
        for memo in records.memos {
            if memo.targetKind == .segment, let segment = memo.targetId, let transcript = orphans[segment] {
                grouped[.transcript, default: [:]][transcript, default: []].append(memo)
                moved += 1
            } else {
                grouped[memo.targetKind, default: [:]][memo.targetId, default: []].append(memo)
            }
        }
        memos = grouped
        orphanedSegmentMemos = moved
    }

    /// Everyone who coded, marked a segment or wrote a memo, by name.
    var users: [String] {
        Set(records.codings.map(\.coder) + records.segments.map(\.createdBy) + records.memos.map(\.author)).sorted()
    }

    /// The name a transcript's text has in the package's `sources/` folder: always our own id, never a
    /// GUID another tool wrote.
    func sourceFileName(_ transcript: Transcript) -> String { RefiGUID.written(transcript.id) + ".txt" }

    func memos(_ kind: MemoTarget.Kind, _ id: UUID?) -> [Memo] { memos[kind]?[id] ?? [] }

    // MARK: - Project

    func project() -> String {
        var xml = RefiXML()
        let info = records.info
        xml.start("Project", [("xmlns", Self.projectNamespace), ("name", info?.title ?? "QualCode"), ("origin", Self.origin),
                              ("creationDateTime", info.map { RefiDate.format($0.createdAt) })])
        if !users.isEmpty {
            xml.start("Users")
            for user in users { xml.empty("User", [("guid", guids.user(user)), ("name", user)]) }
            xml.end()
        }
        if !records.codes.isEmpty {
            xml.start("CodeBook")
            xml.start("Codes")
            for code in children[nil] ?? [] { write(code, to: &xml, withNotes: true) }
            xml.end()
            xml.end()
        }
        writeVariables(to: &xml)
        writeCases(to: &xml)
        if !records.transcripts.isEmpty {
            xml.start("Sources")
            for transcript in records.transcripts { write(transcript, to: &xml) }
            xml.end()
        }
        let condensed = condensation?.notes ?? []
        if !records.memos.isEmpty || !condensed.isEmpty {
            xml.start("Notes")
            for memo in records.memos {
                xml.start("Note", [("guid", guids.guid(.note, memo.id)), ("name", "Memo"), ("creatingUser", guids.user(memo.author)),
                                   ("creationDateTime", RefiDate.format(memo.createdAt))])
                xml.element("PlainTextContent", text: memo.text)
                xml.end()
            }
            for note in condensed {
                xml.start("Note", [("guid", note.guid), ("name", note.name), ("creationDateTime", RefiDate.format(note.created))])
                xml.element("PlainTextContent", text: note.text)
                xml.end()
            }
            xml.end()
        }
        // A case has no note references in the schema: a participant's memo is a link from the case to the note.
        let participantMemos = records.memos.filter { $0.targetKind == .participant && $0.targetId != nil }
        if !participantMemos.isEmpty {
            xml.start("Links")
            for memo in participantMemos {
                xml.empty("Link", [("guid", RefiGUID.written(RefiGUID.named("link", RefiGUID.written(memo.id)))), ("name", "Memo"),
                                   ("direction", "OneWay"), ("originGUID", guids.guid(.case, memo.targetId!)),
                                   ("targetGUID", guids.guid(.note, memo.id))])
            }
            xml.end()
        }
        if let graph, !graph.isEmpty { graph.write(to: &xml, name: "Arbeidskart", code: { guids.guid(.code, $0) }) }
        if let question = info?.researchQuestion, !question.isEmpty { xml.element("Description", text: question) }
        for memo in memos(.project, nil) { xml.empty("NoteRef", [("targetGUID", guids.guid(.note, memo.id))]) }
        xml.end()
        return xml.output
    }

    private func write(_ code: Code, to xml: inout RefiXML, withNotes: Bool) {
        xml.start("Code", [("guid", guids.guid(.code, code.id)), ("name", code.name), ("isCodable", "true"), ("color", code.color.flatMap(Self.color))])
        if let definition = code.definition, !definition.isEmpty { xml.element("Description", text: definition) }
        if withNotes {
            for memo in memos(.code, code.id) { xml.empty("NoteRef", [("targetGUID", guids.guid(.note, memo.id))]) }
            for note in condensation?.notes(on: code.id) ?? [] { xml.empty("NoteRef", [("targetGUID", note.guid)]) }
        }
        for child in children[code.id] ?? [] { write(child, to: &xml, withNotes: withNotes) }
        xml.end()
    }

    /// `#RRGGBB` as the schema has it, or nothing for a colour that is not one.
    static func color(_ color: String) -> String? {
        let hex = color.hasPrefix("#") ? String(color.dropFirst()) : color
        guard [3, 6].contains(hex.count), hex.allSatisfy(\.isHexDigit) else { return nil }
        return "#" + (hex.count == 3 ? hex.map { "\($0)\($0)" }.joined() : hex).uppercased()
    }

    private func writeVariables(to xml: inout RefiXML) {
        guard !records.attributes.isEmpty else { return }
        xml.start("Variables")
        for attribute in records.attributes {
            xml.start("Variable", [("guid", guids.guid(.variable, attribute.id)), ("name", attribute.name),
                                   ("typeOfVariable", Self.variableType(attribute.type))])
            if let label = attribute.label { xml.element("Description", text: label) }
            xml.end()
        }
        xml.end()
    }

    static func variableType(_ type: AttributeType) -> String {
        switch type {
        case .text: "Text"
        case .integer: "Integer"
        case .float: "Float"
        case .boolean: "Boolean"
        case .date: "Date"
        }
    }

    private func writeCases(to xml: inout RefiXML) {
        guard !records.participants.isEmpty else { return }
        let attributes = Dictionary(uniqueKeysWithValues: records.attributes.map { ($0.id, $0) })
        let values = Dictionary(grouping: records.values, by: \.participantId)
        let links = Dictionary(grouping: records.links, by: \.participantId)
        xml.start("Cases")
        for participant in records.participants {
            xml.start("Case", [("guid", guids.guid(.case, participant.id)), ("name", participant.pseudonym)])
            if let label = participant.label { xml.element("Description", text: label) }
            for value in (values[participant.id] ?? []).sorted(by: { (attributes[$0.attributeId]?.name ?? "") < (attributes[$1.attributeId]?.name ?? "") }) {
                guard let attribute = attributes[value.attributeId] else { continue }
                xml.start("VariableValue")
                xml.empty("VariableRef", [("targetGUID", guids.guid(.variable, attribute.id))])
                let (element, text) = Self.value(value.value, attribute.type)
                xml.element(element, text: text)
                xml.end()
            }
            for link in links[participant.id] ?? [] {
                xml.empty("SourceRef", [("targetGUID", guids.guid(.source, link.transcriptId))])
            }
            xml.end()
        }
        xml.end()
    }

    /// The element and text of an attribute value; a float in exponent form is written out in full
    /// (`xsd:decimal` has no exponent).
    static func value(_ value: String, _ type: AttributeType) -> (String, String) {
        switch type {
        case .text: ("TextValue", value)
        case .integer: ("IntegerValue", value)
        case .boolean: ("BooleanValue", value)
        case .date: ("DateValue", value)
        case .float:
            ("FloatValue", value.lowercased().contains("e") ? (Decimal(string: value).map { "\($0)" } ?? value) : value)
        }
    }

    private func write(_ transcript: Transcript, to xml: inout RefiXML) {
        xml.start("TextSource", [("guid", guids.guid(.source, transcript.id)), ("name", transcript.title),
                                 ("plainTextPath", "internal://" + sourceFileName(transcript)),
                                 ("creationDateTime", RefiDate.format(transcript.createdAt))])
        for segment in segments[transcript.id] ?? [] {
            xml.start("PlainTextSelection", [("guid", guids.guid(.selection, segment.id)), ("name", segment.text),
                                             ("startPosition", String(segment.start)), ("endPosition", String(segment.end)),
                                             ("creatingUser", guids.user(segment.createdBy)),
                                             ("creationDateTime", RefiDate.format(segment.createdAt))])
            for coding in codings[segment.id] ?? [] {
                xml.start("Coding", [("guid", guids.guid(.coding, coding.id)), ("creatingUser", guids.user(coding.coder)),
                                     ("creationDateTime", RefiDate.format(coding.createdAt))])
                xml.empty("CodeRef", [("targetGUID", guids.guid(.code, coding.codeId))])
                xml.end()
            }
            for memo in memos(.segment, segment.id) { xml.empty("NoteRef", [("targetGUID", guids.guid(.note, memo.id))]) }
            xml.end()
        }
        for memo in memos(.transcript, transcript.id) { xml.empty("NoteRef", [("targetGUID", guids.guid(.note, memo.id))]) }
        xml.end()
    }

    // MARK: - Codebook

    func codebook() -> String {
        var xml = RefiXML()
        xml.start("CodeBook", [("xmlns", Self.codebookNamespace), ("origin", Self.origin)])
        xml.start("Codes")
        for code in children[nil] ?? [] { write(code, to: &xml, withNotes: false) }
        xml.end()
        xml.end()
        return xml.output
    }
}
