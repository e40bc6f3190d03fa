import Foundation
import GRDB
import QualCode

extension Exchange {
    /// Imports a REFI-QDA project (`.qdpx`, or a bare `.qde` with its sources beside it) as a new
    /// project file at `destination`, made with `extensions`' tables (include ``Exchange/schema`` to keep
    /// GUIDs that are not our own for a later export).
    ///
    /// Each text source's selections are placed by the position counting that fits them best (see
    /// ``OffsetConvention``); the report says which, and lists every selection that could not be placed.
    ///
    /// - Throws: ``ExchangeError/destinationExists(path:)`` when anything is at `destination` (it is left
    ///   as it is); ``ExchangeError`` or ``ImportError`` for a file that cannot be read. The new file is
    ///   removed again on any failure.
    public static func importRefiProject(from url: URL, to destination: URL, coder: String,
                                         extensions: [SchemaExtension]) throws -> RefiImportReport {
        guard !FileManager.default.fileExists(atPath: destination.path) else { throw ExchangeError.destinationExists(path: destination.path) }
        let package = try RefiPackage(url: url)
        let project = package.project
        let fallbackTitle = url.deletingPathExtension().lastPathComponent
        let title = (try? NameRules.checked(project.name, what: "project title")) ?? fallbackTitle
        let question = project.description?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try importProject(package, title: title, question: question, to: destination, coder: coder, extensions: extensions,
                                 conventions: nil)
    }

    /// Makes the new project from a project read: in one transaction, and removed again on any failure.
    static func importProject(_ package: RefiPackage, title: String, question: String?, to destination: URL, coder: String,
                              extensions: [SchemaExtension], conventions: [OffsetConvention]?) throws -> RefiImportReport {
        do {
            return try {
                let store = try ProjectStore.create(at: destination, title: title, researchQuestion: question?.isEmpty == false ? question : nil,
                                                    coder: coder, extensions: extensions)
                var importer = ProjectImporter(package: package, coder: store.coder, conventions: conventions)
                importer.report.path = destination.path
                try store.pool.write { db in try importer.run(db, store: store) }
                return importer.report
            }()
        } catch {
            // The store is gone by now; a half-made project must not stay behind.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: destination.path + suffix) }
            throw error
        }
    }
}

/// Turns a read REFI-QDA project into records, in one transaction.
struct ProjectImporter {
    let package: RefiPackage
    let coder: String
    /// The countings a source's positions may be in; nil: every REFI-QDA one.
    let conventions: [OffsetConvention]?
    var report = RefiImportReport(path: "")
    private var guids = GUIDTable()
    private var usedIds: Set<UUID> = []
    /// The GUIDs met so far, as ``RefiGUID/key(_:)`` gives them.
    private var seenGUIDs: Set<String> = []
    private var users: [String: String] = [:]
    private var codes: [String: UUID] = [:]
    private var variables: [String: Attribute] = [:]
    private var cases: [String: Participant] = [:]
    /// What each note belongs to, from the references to it.
    private var noteTargets: [String: MemoTarget] = [:]

    init(package: RefiPackage, coder: String, conventions: [OffsetConvention]? = nil) {
        self.package = package
        self.coder = coder
        self.conventions = conventions
    }

    private var file: String { package.file }
    private var project: RefiProject { package.project }

    /// The GUID's own UUID when it is one not used yet, else a new id; a GUID that is not what we would
    /// write for that id is kept, unless the file used it before or it is not safe to write back (both
    /// reported): the record then goes out under our own id.
    private mutating func recordId(_ kind: GUIDKind, _ guid: String) -> UUID {
        var id = RefiGUID.uuid(guid) ?? .timeOrdered()
        let repeated = !seenGUIDs.insert(RefiGUID.key(guid)).inserted
        if repeated || usedIds.contains(id) { id = .timeOrdered() }
        usedIds.insert(id)
        let shown = "\(kind.rawValue) \"\(guid.escapingControlCharacters().truncated())\""
        if repeated {
            report.guidsNotKept.append("\(shown): used before in the file")
        } else if !RefiGUID.isSafe(guid) {
            report.guidsNotKept.append("\(shown): not a GUID that can be written back")
        } else {
            guids.keep(kind, key: RefiGUID.written(id), guid: guid, ours: RefiGUID.written(id))
        }
        return id
    }

    /// A name as it can be stored, or `fallback`; every change is reported.
    private mutating func storable(_ raw: String?, fallback: String, taken: inout Set<String>, slash: Bool = false) -> String {
        var name = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if slash { name = name.replacingOccurrences(of: "/", with: "∕") }
        var checked = (try? NameRules.checked(name, what: "name")) ?? fallback
        let base = checked
        var n = 2
        while taken.contains(checked.lowercased()) { checked = "\(base) (\(n))"; n += 1 }
        taken.insert(checked.lowercased())
        if checked != raw { report.renamed.append("\(raw.map { "\"\($0.escapingControlCharacters())\"" } ?? "(no name)") → \"\(checked)\"") }
        return checked
    }

    /// A transcript's title as the name rules allow it: control and format characters (line breaks,
    /// direction changes) become spaces and a long one is cut short; nil when nothing usable is left.
    private func titled(_ raw: String?) -> String? {
        guard let raw else { return nil }
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        var name = String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
        if name.count > NameRules.maximumLength {
            name = String(name.prefix(NameRules.maximumLength - 1)).trimmingCharacters(in: .whitespaces) + "…"
        }
        return try? NameRules.checked(name, what: "title")
    }

    /// A source's or note's text; one that is not UTF-8 is refused in words for this importer (it has
    /// no choice of encoding to offer).
    private static func decode(_ data: Data, file: String) throws -> String {
        do { return try ExchangeInput.decode(data, file: file) } catch let error {
            guard case let .invalidUTF8(_, offset) = error else { throw error }
            throw ExchangeError.notUTF8(file: file, offset: offset)
        }
    }

    private func user(_ guid: String?) -> String {
        guid.flatMap { users[RefiGUID.key($0)] } ?? coder
    }

    mutating func run(_ db: Database, store: ProjectStore) throws {
        report.origin = project.origin
        report.otherSources = project.otherSources
        report.leftOut = project.leftOut
        var names: Set<String> = []
        for user in project.users {
            let name = storable(user.name, fallback: "refi-" + String(RefiGUID.key(user.guid).prefix(8)), taken: &names)
            users[RefiGUID.key(user.guid)] = name
            guids.keep(.user, key: name, guid: user.guid, ours: RefiGUID.written(RefiGUID.named("user", name)))
        }
        var topLevel: Set<String> = []
        for code in project.codes { try insert(code, parent: nil, siblings: &topLevel, db) }
        try insertVariables(db)
        try insertCases(db)
        var slugs: [String] = []
        for (index, source) in project.sources.enumerated() {
            slugs.append(try insert(source, number: index + 1, db, store: store))
        }
        for link in project.links {
            let target: MemoTarget? = link.origin.flatMap { origin in
                let key = RefiGUID.key(origin)
                if let participant = cases[key] { return .participant(participant.id) }
                if let code = codes[key] { return .code(code) }
                return noteTargets[key]
            }
            guard let target else { continue }
            for note in (link.target.map { [$0] } ?? []) + link.noteRefs where noteTargets[RefiGUID.key(note)] == nil {
                noteTargets[RefiGUID.key(note)] = target
            }
        }
        for ref in project.noteRefs where noteTargets[RefiGUID.key(ref)] == nil { noteTargets[RefiGUID.key(ref)] = .project }
        try insertNotes(db)
        report.coders = Array(Set(users.values).union(try String.fetchAll(db, sql: "SELECT DISTINCT coder FROM coding"))).sorted()
        try guids.save(db)
        try store.logExchange(db, "refi.import", ["transcripts": report.transcripts, "codes": report.codes, "segments": report.segments,
                                                  "codings": report.codings, "memos": report.memos, "unplaced": report.unplaced])
    }

    // MARK: - Codes, variables, cases

    private mutating func insert(_ refi: RefiCode, parent: UUID?, siblings: inout Set<String>, _ db: Database) throws {
        let id = recordId(.code, refi.guid)
        let name = storable(refi.name, fallback: "Kode", taken: &siblings, slash: true)
        let definition = refi.description?.trimmingCharacters(in: .whitespacesAndNewlines)
        let code = Code(id: id, name: name, definition: definition?.isEmpty == false ? definition : nil,
                        color: refi.color.flatMap(ProjectWriter.color), parentId: parent)
        try ProjectStore.insertExchanged(db, code)
        codes[RefiGUID.key(refi.guid)] = id
        for ref in refi.noteRefs { noteTargets[RefiGUID.key(ref)] = .code(id) }
        report.codes += 1
        var children: Set<String> = []
        for child in refi.children { try insert(child, parent: id, siblings: &children, db) }
    }

    private mutating func insertVariables(_ db: Database) throws {
        var taken: Set<String> = []
        for variable in project.variables {
            let type: AttributeType = switch variable.type {
            case "Boolean": .boolean
            case "Integer": .integer
            case "Float": .float
            case "Date": .date
            default: .text
            }
            let label = variable.description?.trimmingCharacters(in: .whitespacesAndNewlines)
            let attribute = Attribute(id: recordId(.variable, variable.guid), name: storable(variable.name, fallback: "variabel", taken: &taken),
                                      type: type, label: label?.isEmpty == false ? label : nil)
            try ProjectStore.insertExchanged(db, attribute)
            variables[RefiGUID.key(variable.guid)] = attribute
            report.attributes += 1
        }
    }

    private mutating func insertCases(_ db: Database) throws {
        var taken: Set<String> = []
        for (index, refi) in project.cases.enumerated() {
            let label = refi.description?.trimmingCharacters(in: .whitespacesAndNewlines)
            // MAXQDA and Quirkos hold a document's variables in a case without a name that refers to that one document.
            let only = refi.sourceRefs.count == 1 ? project.sources.first { RefiGUID.key($0.guid) == RefiGUID.key(refi.sourceRefs[0]) } : nil
            let fallback = only?.name?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty ?? "Kasus \(index + 1)"
            let participant = Participant(id: recordId(.case, refi.guid), pseudonym: storable(refi.name ?? only?.name, fallback: fallback, taken: &taken),
                                          label: label?.isEmpty == false ? label : nil)
            try ProjectStore.insertExchanged(db, participant)
            cases[RefiGUID.key(refi.guid)] = participant
            report.participants += 1
            var set: Set<UUID> = []
            for value in refi.values {
                guard let attribute = variables[RefiGUID.key(value.variable)], !set.contains(attribute.id) else { continue }
                guard let normal = attribute.type.normalized(value.value) else {
                    report.valuesLeftOut.append("\(participant.pseudonym): \(attribute.name) = \(value.value)")
                    continue
                }
                set.insert(attribute.id)
                try ProjectStore.insertExchangedValue(db, participant: participant.id, attribute: attribute.id, value: normal)
            }
        }
    }

    // MARK: - Sources

    /// One text source with its selections and codings; returns the transcript's short name.
    private mutating func insert(_ source: RefiTextSource, number: Int, _ db: Database, store: ProjectStore) throws -> String {
        let title = titled(source.name)
            ?? titled(source.plainTextPath.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }) ?? "Kilde \(number)"
        if let name = source.name, name.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty != nil,
           title != name.trimmingCharacters(in: .whitespacesAndNewlines) {
            report.renamed.append("\"\(name.escapingControlCharacters().truncated())\" → \"\(title.truncated())\"")
        }
        let data: Data
        let raw: String
        if let path = source.plainTextPath, source.content == nil {
            data = try package.sourceData(path, source: title)
            raw = try Self.decode(data, file: "\(file): \(path)")
        } else {
            raw = source.content ?? ""
            data = Data(raw.utf8)
        }
        var text = SourceText(raw: raw)
        let sourceKey = RefiGUID.key(source.guid)
        let linked = project.cases.filter { $0.sourceRefs.contains { RefiGUID.key($0) == sourceKey } }.compactMap { cases[RefiGUID.key($0.guid)] }
        let id = recordId(.source, source.guid)
        let transcript = try store.insertExchangedTranscript(
            db, Transcript(id: id, slug: "", title: title, sourceFileName: source.plainTextPath.map { URL(fileURLWithPath: $0).lastPathComponent },
                           sourceFormat: "txt", sourceSHA256: SHA256Digest.hex(data), lineEnding: text.lineEnding, text: text.text,
                           createdAt: source.created ?? Date()),
            name: title, participants: linked)
        report.transcripts += 1
        for ref in source.noteRefs { noteTargets[RefiGUID.key(ref)] = .transcript(id) }

        let placement = Placement(source.selections, in: &text, origin: project.origin, conventions: conventions)
        var sourceReport = SourcePlacementReport(source: title, transcript: transcript.slug, convention: placement.convention,
                                                 conventionsAgree: placement.conventionsAgree, unplaced: placement.unplaced,
                                                 endInclusive: placement.endInclusive)
        // Notes on a selection that found no place stay with the transcript rather than be lost.
        for unplaced in source.selections where placement.unplaced.contains(where: { $0.guid == unplaced.guid }) {
            for ref in unplaced.noteRefs + unplaced.codings.flatMap(\.noteRefs) { noteTargets[RefiGUID.key(ref)] = .transcript(id) }
        }
        var places = placement.placed
        if !source.codings.isEmpty, text.scalars.contains(where: { !$0.properties.isWhitespace }) {
            let whole = RefiSelection(guid: RefiGUID.written(.timeOrdered()), start: 0, end: text.count, creatingUser: source.creatingUser,
                                      created: source.created, codings: source.codings)
            places.append(Placement.Placed(selection: whole, start: 0, end: text.count, reanchored: false))
        }
        var segments: [Segment] = []
        var bySpan: [Range<Int>: Segment.ID] = [:]
        var codings: [Coding] = []
        var seen: Set<String> = []
        for place in places {
            let selection = place.selection
            let segmentId: Segment.ID
            if let existing = bySpan[place.start..<place.end] {
                segmentId = existing
            } else {
                segmentId = recordId(.selection, selection.guid)
                bySpan[place.start..<place.end] = segmentId
                segments.append(Segment(id: segmentId, transcriptId: id, start: place.start, end: place.end, text: "",
                                        createdBy: user(selection.creatingUser), createdAt: selection.created ?? Date()))
            }
            sourceReport.placed += 1
            if place.reanchored { sourceReport.reanchored += 1 }
            for ref in selection.noteRefs { noteTargets[RefiGUID.key(ref)] = .segment(segmentId) }
            for refi in selection.codings {
                for ref in refi.noteRefs { noteTargets[RefiGUID.key(ref)] = .segment(segmentId) }
                guard let code = codes[RefiGUID.key(refi.code)] else { report.codingsWithoutCode += 1; continue }
                let coder = user(refi.creatingUser ?? selection.creatingUser)
                guard seen.insert("\(segmentId)|\(code)|\(coder)").inserted else { report.duplicateCodings += 1; continue }
                codings.append(Coding(id: recordId(.coding, refi.guid), segmentId: segmentId, codeId: code, coder: coder,
                                      createdAt: refi.created ?? selection.created ?? Date()))
            }
        }
        try ProjectStore.insertExchangedSegments(db, segments, in: transcript)
        for coding in codings { try ProjectStore.insertExchanged(db, coding) }
        report.segments += segments.count
        report.codings += codings.count
        report.sources.append(sourceReport)
        return transcript.slug
    }

    // MARK: - Notes

    private mutating func insertNotes(_ db: Database) throws {
        for note in project.notes {
            var text = note.content
            if text == nil, let path = note.plainTextPath {
                text = try Self.decode(try package.sourceData(path, source: note.name ?? "note"), file: "\(file): \(path)")
            }
            let body = (text ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            guard body.unicodeScalars.contains(where: { !$0.properties.isWhitespace }), body.unicodeScalars.count <= Memo.maximumLength else {
                report.notesLeftOut += 1
                continue
            }
            let target = noteTargets[RefiGUID.key(note.guid)] ?? .project
            let memo = Memo(id: recordId(.note, note.guid), target: target, text: body, author: user(note.creatingUser), createdAt: note.created ?? Date())
            try ProjectStore.insertExchanged(db, memo)
            report.memos += 1
        }
    }
}

extension String {
    /// nil for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
