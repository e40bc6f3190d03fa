import Foundation
import GRDB

/// A code in the tree, with how much it is used.
public struct CodeNode: Hashable, Sendable, Codable {
    public var id: UUID
    public var name: String
    public var path: String
    public var depth: Int
    public var definition: String?
    public var color: String?
    public var englishLabel: String?
    /// Segments carrying this code (any coder).
    public var segments: Int
    /// Participants who said those segments.
    public var participants: Int
    public var codings: Int
}

/// What deleting or merging a code removed or moved.
public struct CodeChangeReport: Hashable, Sendable, Codable {
    public var code: String
    public var codingsMoved: Int
    public var codingsRemoved: Int
    public var childrenMoved: [String]
    public var childrenRemoved: [String]
}

extension ProjectStore {
    // MARK: - Reads

    /// All codes, depth first, parents before children, siblings by name.
    public func codeTree() throws -> [CodeNode] {
        try pool.read { db in
            let codes = try Code.fetchAll(db)
            let counts = try Row.fetchAll(db, sql: """
                SELECT c.id,
                  (SELECT COUNT(DISTINCT g.segmentId) FROM coding g JOIN segment s ON s.id = g.segmentId
                     WHERE g.codeId = c.id AND NOT s.isOrphaned) AS segments,
                  (SELECT COUNT(*) FROM coding g WHERE g.codeId = c.id) AS codings,
                  (SELECT COUNT(DISTINCT sp.participantId) FROM coding g JOIN segmentParticipant sp ON sp.segmentId = g.segmentId
                     JOIN segment s ON s.id = g.segmentId WHERE g.codeId = c.id AND NOT s.isOrphaned) AS participants
                FROM code c
                """).reduce(into: [UUID: (Int, Int, Int)]()) { $0[$1["id"]] = ($1["segments"], $1["codings"], $1["participants"]) }
            var nodes: [CodeNode] = []
            func visit(_ parent: UUID?, depth: Int, prefix: String) {
                for code in codes.filter({ $0.parentId == parent }).sorted(by: { $0.name.lowercased() < $1.name.lowercased() }) {
                    let path = prefix.isEmpty ? code.name : prefix + "/" + code.name
                    let (segments, codings, participants) = counts[code.id] ?? (0, 0, 0)
                    nodes.append(CodeNode(id: code.id, name: code.name, path: path, depth: depth, definition: code.definition,
                                          color: code.color, englishLabel: code.englishLabel, segments: segments,
                                          participants: participants, codings: codings))
                    visit(code.id, depth: depth + 1, prefix: path)
                }
            }
            visit(nil, depth: 0, prefix: "")
            return nodes
        }
    }

    /// Finds a code by name or path (`Balansekunst/Sparringspartner`), case-insensitively.
    package static func code(_ db: Database, _ reference: String) throws -> Code {
        let path = try codePath(reference)
        let all = try Code.fetchAll(db)
        guard let code = all.first(where: { $0.name.lowercased() == path.last!.lowercased() }) else {
            throw StoreError.notFound(what: "code", reference: reference, candidates: all.map(\.name).sorted())
        }
        return code
    }

    /// The parts of a code path; refuses empty or blank names.
    static func codePath(_ reference: String) throws -> [String] {
        let parts = reference.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping }
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { throw StoreError.emptyName(what: "code") }
        return parts
    }

    /// The code at `reference`, creating it (and missing parents in a path) when it does not exist.
    package func codeCreatingIfNeeded(_ db: Database, _ reference: String, definition: String? = nil) throws -> (Code, Bool) {
        let path = try Self.codePath(reference)
        var parent: Code?
        var created = false
        for name in path {
            if let existing = try Code.fetchAll(db).first(where: { $0.name.lowercased() == name.lowercased() }) {
                // Names are unique in the whole tree: an existing code named in a path must sit where the path says.
                if let parent, existing.parentId != parent.id {
                    throw StoreError.duplicate(what: "code", name: existing.name)
                }
                parent = existing
            } else {
                let code = Code(name: name, definition: name == path.last ? definition : nil, parentId: parent?.id)
                try code.insert(db)
                try log(db, "code.add", ["id": LogValue(code.id), "name": .string(name), "parent": parent.map { LogValue($0.id) } ?? .null])
                parent = code
                created = true
            }
        }
        return (parent!, created)
    }

    /// The ids of a code's parent, grandparent and so on (stops at a cycle rather than looping).
    static func ancestors(_ db: Database, of code: Code) throws -> [UUID] {
        var result: [UUID] = []
        var next = code.parentId
        while let id = next, !result.contains(id) {
            result.append(id)
            next = try Code.fetchOne(db, key: id)?.parentId
        }
        return result
    }

    // MARK: - Writes

    @discardableResult
    public func addCode(_ reference: String, parent: String? = nil, definition: String? = nil, color: String? = nil,
                        englishLabel: String? = nil) throws -> Code {
        try pool.write { db in
            let path = try Self.codePath(reference)
            if try Code.fetchAll(db).contains(where: { $0.name.lowercased() == path.last!.lowercased() }) {
                throw StoreError.duplicate(what: "code", name: path.last!)
            }
            let full = try parent.map { try Self.code(db, $0).name + "/" + reference } ?? reference
            var (code, _) = try self.codeCreatingIfNeeded(db, full, definition: definition)
            if let color { code.color = try Self.validColor(color) }
            code.englishLabel = englishLabel
            try code.update(db)
            return code
        }
    }

    /// Changes a code's name, definition, colour or English label; nil leaves a field as it is.
    @discardableResult
    public func updateCode(_ reference: String, name: String? = nil, definition: String? = nil, color: String? = nil,
                           englishLabel: String? = nil) throws -> Code {
        try pool.write { db in
            var code = try Self.code(db, reference)
            let oldName = code.name
            if let name {
                let new = try Self.codePath(name)
                guard new.count == 1 else {
                    throw StoreError.invalidValue(what: "new code name", value: name, expected: "a name without \"/\"; use `codes move` to change the parent")
                }
                if try Code.fetchAll(db).contains(where: { $0.id != code.id && $0.name.lowercased() == new[0].lowercased() }) {
                    throw StoreError.duplicate(what: "code", name: new[0])
                }
                code.name = new[0]
            }
            if let definition { code.definition = definition.isEmpty ? nil : definition }
            if let color { code.color = try Self.validColor(color) }
            if let englishLabel { code.englishLabel = englishLabel.isEmpty ? nil : englishLabel }
            try code.update(db)
            try log(db, "code.update", ["id": LogValue(code.id), "oldName": .string(oldName), "name": .string(code.name)])
            return code
        }
    }

    static func validColor(_ color: String) throws -> String {
        let hex = color.hasPrefix("#") ? String(color.dropFirst()) : color
        guard [3, 6].contains(hex.count), hex.allSatisfy(\.isHexDigit) else {
            throw StoreError.invalidValue(what: "--color", value: color, expected: "#RRGGBB")
        }
        return "#" + hex.uppercased()
    }

    /// Moves a code under another (or to the top with `parent == nil`).
    public func moveCode(_ reference: String, under parent: String?) throws {
        try pool.write { db in
            var code = try Self.code(db, reference)
            var newParent: Code?
            if let parent {
                let target = try Self.code(db, parent)
                if try target.id == code.id || Self.ancestors(db, of: target).contains(code.id) {
                    throw StoreError.codeCycle(code: code.name, parent: target.name)
                }
                newParent = target
            }
            code.parentId = newParent?.id
            try code.update(db)
            try log(db, "code.move", ["id": LogValue(code.id), "parent": newParent.map { LogValue($0.id) } ?? .null])
        }
    }

    /// Merges `source` into `target`: its codings move (a segment that already had the target from the
    /// same coder keeps one coding), its children move under the target, and `source` is deleted.
    public func mergeCode(_ source: String, into target: String) throws -> CodeChangeReport {
        try pool.write { db in try mergeCode(in: db, source, into: target) }
    }

    /// ``mergeCode(_:into:)`` inside a transaction a module already holds.
    package func mergeCode(in db: Database, _ source: String, into target: String) throws -> CodeChangeReport {
        do {
            let from = try Self.code(db, source), to = try Self.code(db, target)
            guard from.id != to.id else {
                throw StoreError.invalidValue(what: "merge", value: from.name, expected: "two different codes")
            }
            // Merging a code into one of its own descendants: the target first takes the merged code's
            // place in the tree, so moving the children under it cannot make a cycle.
            var target = to
            if try Self.ancestors(db, of: target).contains(from.id) {
                target.parentId = from.parentId
                try target.update(db)
            }
            var moved = 0, collapsed = 0
            for coding in try Coding.filter(Coding.Columns.codeId == from.id).fetchAll(db) {
                let duplicate = try Coding.filter(Coding.Columns.segmentId == coding.segmentId && Coding.Columns.codeId == to.id
                                                  && Coding.Columns.coder == coding.coder).fetchCount(db) > 0
                if duplicate {
                    try coding.delete(db); collapsed += 1
                } else {
                    var c = coding; c.codeId = to.id; try c.update(db); moved += 1
                }
            }
            var children: [String] = []
            for var child in try Code.filter(Code.Columns.parentId == from.id).fetchAll(db) where child.id != to.id {
                child.parentId = to.id
                try child.update(db)
                children.append(child.name)
            }
            try db.execute(sql: "UPDATE memo SET targetId = ? WHERE targetKind = 'code' AND targetId = ?", arguments: [to.id, from.id])
            try from.delete(db)
            try log(db, "code.merge", ["from": LogValue(from.id), "into": LogValue(to.id), "moved": .int(moved), "collapsed": .int(collapsed)])
            return CodeChangeReport(code: from.name, codingsMoved: moved, codingsRemoved: collapsed, childrenMoved: children, childrenRemoved: [])
        }
    }

    /// Deletes a code. Refused while it has codings or children unless `force`, which also deletes
    /// the codings, the child codes and their codings, and reports them.
    public func deleteCode(_ reference: String, force: Bool = false) throws -> CodeChangeReport {
        try pool.write { db in
            let code = try Self.code(db, reference)
            var subtree: [Code] = [code]
            var seen: Set<UUID> = [code.id]
            var index = 0
            while index < subtree.count {
                for child in try Code.filter(Code.Columns.parentId == subtree[index].id).fetchAll(db) where seen.insert(child.id).inserted {
                    subtree.append(child)
                }
                index += 1
            }
            let ids = subtree.map(\.id)
            let codings = try Coding.filter(ids.contains(Coding.Columns.codeId)).fetchCount(db)
            guard force || (codings == 0 && subtree.count == 1) else {
                throw StoreError.codeInUse(code: code.name, codings: codings, children: subtree.count - 1)
            }
            let touched = try Coding.filter(ids.contains(Coding.Columns.codeId)).fetchAll(db).map(\.segmentId)
            try Coding.filter(ids.contains(Coding.Columns.codeId)).deleteAll(db)
            // Segments left without any coding go too; they existed only to carry these codes.
            for segmentId in Set(touched) where try Coding.filter(Coding.Columns.segmentId == segmentId).fetchCount(db) == 0 {
                try Segment.deleteOne(db, key: segmentId)
            }
            // Memos about a deleted code would point at nothing.
            try Memo.filter(Memo.Columns.targetKind == MemoTarget.Kind.code.rawValue && ids.contains(Memo.Columns.targetId)).deleteAll(db)
            for c in subtree.reversed() { try c.delete(db) }
            try log(db, "code.delete", ["id": LogValue(code.id), "name": .string(code.name), "codings": .int(codings),
                                        "children": .array(subtree.dropFirst().map { LogValue($0.id) })])
            return CodeChangeReport(code: code.name, codingsMoved: 0, codingsRemoved: codings, childrenMoved: [],
                                    childrenRemoved: subtree.dropFirst().map(\.name))
        }
    }
}
