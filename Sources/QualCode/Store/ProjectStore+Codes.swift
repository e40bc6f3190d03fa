import Foundation
import GRDB

/// A code in the tree, with how much it is used, on its own and with everything below it.
public struct CodeNode: Hashable, Sendable, Codable {
    public var id: UUID
    public var parentId: UUID?
    public var name: String
    public var path: String
    public var depth: Int
    public var definition: String?
    public var color: String?
    public var englishLabel: String?
    /// Segments carrying this code (any coder); orphaned segments are not counted.
    public var segments: Int
    /// Participants who said those segments.
    public var participants: Int
    public var codings: Int
    /// Segments carrying this code or any code below it, each counted once.
    public var segmentsWithChildren: Int
    /// Participants who said those segments.
    public var participantsWithChildren: Int
}

/// What deleting or merging a code removed or moved.
public struct CodeChangeReport: Hashable, Sendable, Codable {
    /// The name of the code merged away or deleted.
    public var code: String
    public var codingsMoved: Int
    public var codingsRemoved: Int
    public var childrenMoved: [String]
    public var childrenRemoved: [String]
    /// The id of the code merged away or deleted (it no longer exists).
    public var codeId: Code.ID
    /// The code that remains after a merge; nil for a delete.
    public var targetId: Code.ID?
    /// The children moved or removed, in the order of ``childrenMoved`` and ``childrenRemoved``.
    public var childrenMovedIds: [Code.ID]
    public var childrenRemovedIds: [Code.ID]
    /// Memos deleted with the codes and with the segments left without codings.
    public var memosRemoved: Int

    public init(code: String, codingsMoved: Int, codingsRemoved: Int, childrenMoved: [String], childrenRemoved: [String],
                codeId: Code.ID, targetId: Code.ID? = nil, childrenMovedIds: [Code.ID] = [], childrenRemovedIds: [Code.ID] = [],
                memosRemoved: Int = 0) {
        self.code = code
        self.codingsMoved = codingsMoved
        self.codingsRemoved = codingsRemoved
        self.childrenMoved = childrenMoved
        self.childrenRemoved = childrenRemoved
        self.codeId = codeId
        self.targetId = targetId
        self.childrenMovedIds = childrenMovedIds
        self.childrenRemovedIds = childrenRemovedIds
        self.memosRemoved = memosRemoved
    }
}

extension ProjectStore {
    // MARK: - Reads

    /// All codes, depth first, parents before children, siblings by name, with their own and rolled-up
    /// counts: of everyone's codings, or of `coder`'s only (what a coder sees under blind coding).
    public func codeTree(countingOnly coder: String? = nil) throws -> [CodeNode] {
        try pool.read { db in
            let index = try CodeIndex(db)
            let counts = try CodeCounts(db, nested: index.codes.contains { $0.parentId != nil }, coder: coder)
            var nodes: [CodeNode] = []
            var seen: Set<UUID> = []
            func add(_ code: Code, depth: Int) {
                let own = counts.own[code.id], total = counts.rolledUp[code.id] ?? own
                nodes.append(CodeNode(id: code.id, parentId: code.parentId, name: code.name, path: index.path(of: code.id), depth: depth,
                                      definition: code.definition, color: code.color, englishLabel: code.englishLabel,
                                      segments: own?.segments ?? 0, participants: own?.participants ?? 0,
                                      codings: counts.codings[code.id] ?? 0,
                                      segmentsWithChildren: total?.segments ?? 0, participantsWithChildren: total?.participants ?? 0))
            }
            func visit(_ parent: UUID?, depth: Int) {
                for code in index.children(of: parent) where seen.insert(code.id).inserted {
                    add(code, depth: depth)
                    visit(code.id, depth: depth + 1)
                }
            }
            visit(nil, depth: 0)
            // Codes caught in a parent cycle (a damaged file) are listed too, at the top, so they can be moved out.
            for code in index.codes where seen.insert(code.id).inserted { add(code, depth: 0) }
            return nodes
        }
    }

    /// Finds a code by its path from the root (`Belastning/Rapportering`), or by a bare name or the last
    /// parts of a path that fit exactly one code; case-insensitively.
    ///
    /// - Throws: ``StoreError/ambiguous(what:reference:candidates:)`` with the paths that fit, or
    ///   ``StoreError/notFound(what:reference:candidates:suggestions:)`` with every path.
    package static func code(_ db: Database, _ reference: String) throws -> Code {
        try CodeIndex(db).resolve(reference)
    }

    /// The code with this id. - Throws: ``StoreError/missing(_:_:)`` when there is none.
    package static func existingCode(_ db: Database, _ id: Code.ID) throws -> Code {
        guard let code = try Code.fetchOne(db, key: id) else { throw StoreError.missing(.code, id) }
        return code
    }

    /// The parts of a code path; refuses empty or blank names. A leading «/» (which anchors a path at
    /// the top, `/Tillit`) is not a part.
    package static func codePath(_ reference: String) throws -> [String] {
        let unanchored = CodeIndex.isAnchored(reference)
            ? String(reference.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst()) : reference
        let parts = unanchored.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.contains(where: { !$0.isEmpty }) else { throw StoreError.emptyName(what: "code") }
        guard parts.allSatisfy({ !$0.isEmpty }) else {
            throw StoreError.invalidName(what: "code", name: reference.trimmingCharacters(in: .whitespacesAndNewlines), problem: .emptyPathPart)
        }
        let shown = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        // New codes are held to the depth limit where they are made; a path may name a deeper code an
        // older file has, but not one ten times deeper (resolving it would cost that much).
        guard parts.count <= NameRules.maximumCodeDepth * 10 else {
            throw StoreError.invalidName(what: "code", name: shown, problem: .tooDeep(limit: NameRules.maximumCodeDepth))
        }
        return try parts.map { try NameRules.checked($0, what: "code") }
    }

    /// Refuses a change that would put a code more than ``NameRules/maximumCodeDepth`` levels down,
    /// unless it was that deep already (`before`: a tree from an older file may be made shallower).
    static func requireDepth(_ levels: Int, for name: String, before: Int = 0) throws {
        guard levels <= max(NameRules.maximumCodeDepth, before) else {
            throw StoreError.invalidName(what: "code", name: name, problem: .tooDeep(limit: NameRules.maximumCodeDepth))
        }
    }

    /// The code at `reference`, creating it (and the missing end of a path) when it does not exist.
    ///
    /// A path or name that fits one code is that code. Otherwise the longest beginning of the path that
    /// fits one code is the parent of what is created (`Balansekunst/Ny` creates «Ny» under the one
    /// «Balansekunst», wherever it sits); with none, the path is created from the top. A reference that
    /// fits several codes is refused with their paths.
    ///
    /// With ``NewCodes/createUnlessSimilar(confirmed:)``, a level to be created whose name is close to an
    /// existing code's anywhere in the tree (``Suggestions``: a letter or two off, ignoring case) is
    /// refused with ``StoreError/similarCode(name:similar:)`` before anything is written. The same name
    /// under another parent is not a typo: code names are unique among siblings only.
    package func codeCreatingIfNeeded(_ db: Database, _ reference: String, definition: String? = nil,
                                      newCodes: NewCodes = .create) throws -> (Code, Bool) {
        let path = try Self.codePath(reference)
        let index = try CodeIndex(db)
        if let existing = try index.find(path, reference: reference) { return (existing, false) }
        // A path anchored at the top (`/Ny/B`) keeps its anchor for every beginning looked up.
        let anchor = CodeIndex.isAnchored(reference) ? "/" : ""
        var parent: Code?
        var rest = path[...]
        for length in stride(from: path.count - 1, through: 1, by: -1) {
            if let found = try index.find(Array(path.prefix(length)), reference: anchor + path.prefix(length).joined(separator: "/")) {
                parent = found
                rest = path.dropFirst(length)
                break
            }
        }
        if case let .createUnlessSimilar(confirmed) = newCodes, !confirmed.contains(reference) {
            let names = Array(Set(index.codes.map(\.name))).sorted()
            for name in rest {
                let same = Suggestions.fold(name)
                let similar = Suggestions.nearest(to: name, among: names).filter { Suggestions.fold($0) != same }
                if !similar.isEmpty { throw StoreError.similarCode(name: reference, similar: similar) }
            }
        }
        try Self.requireDepth(index.depth(of: parent?.id) + rest.count, for: reference)
        var colors = index.codes.map(\.color)
        for (offset, name) in rest.enumerated() {
            let code = Code(name: name, definition: offset == rest.count - 1 ? definition : nil, color: CodePalette.next(among: colors),
                            parentId: parent?.id)
            colors.append(code.color)
            try code.insert(db)
            try log(db, "code.add", ["id": LogValue(code.id), "name": .string(name), "parent": parent.map { LogValue($0.id) } ?? .null])
            parent = code
        }
        return (parent!, true)
    }

    /// Refuses a name that a sibling under `parent` already has (case-insensitively).
    static func requireFreeName(_ db: Database, _ name: String, under parent: UUID?, except id: UUID? = nil) throws {
        let siblings = try Code.filter(Code.Columns.parentId == parent).fetchAll(db)
        if siblings.contains(where: { $0.id != id && $0.name.lowercased() == name.lowercased() }) {
            throw StoreError.duplicate(what: "code", name: name)
        }
    }

    /// A code's parent, grandparent and so on (stops at a cycle rather than looping).
    static func ancestors(_ db: Database, of code: Code) throws -> [Code] {
        var result: [Code] = []
        var seen: Set<UUID> = [code.id]
        var next = code.parentId
        while let id = next, seen.insert(id).inserted, let parent = try Code.fetchOne(db, key: id) {
            result.append(parent)
            next = parent.parentId
        }
        return result
    }

    // MARK: - Writes

    /// Adds a code (a path adds the missing levels) under `parent`, or at the top. Refused when the code
    /// already exists there; a name used under another parent is fine.
    @discardableResult
    public func addCode(_ reference: String, parent: Code.ID? = nil, definition: String? = nil, color: String? = nil,
                        englishLabel: String? = nil) throws -> Code {
        try pool.write { db in
            let path = try Self.codePath(reference)
            var under = try parent.map { try Self.existingCode(db, $0) }
            let index = try CodeIndex(db)
            var rest = path[...]
            // The levels that exist already, walked from the parent (or the top) exactly as written.
            while let name = rest.first, let existing = index.child(named: name, of: under?.id) {
                under = existing
                rest = rest.dropFirst()
            }
            guard !rest.isEmpty else {
                throw StoreError.duplicate(what: "code", name: path.joined(separator: "/"))
            }
            try Self.requireDepth(index.depth(of: under?.id) + rest.count, for: reference)
            var colors = index.codes.map(\.color)
            for (offset, name) in rest.enumerated() {
                let new = Code(name: name, definition: offset == rest.count - 1 ? definition : nil, color: CodePalette.next(among: colors),
                               parentId: under?.id)
                colors.append(new.color)
                try new.insert(db)
                try log(db, "code.add", ["id": LogValue(new.id), "name": .string(name), "parent": under.map { LogValue($0.id) } ?? .null])
                under = new
            }
            var code = under!
            if let color { code.color = try Self.validColor(color) }
            code.englishLabel = englishLabel
            try code.update(db)
            return code
        }
    }

    /// Changes a code's name, definition, colour or English label; nil leaves a field as it is.
    @discardableResult
    public func updateCode(_ id: Code.ID, name: String? = nil, definition: String? = nil, color: String? = nil,
                           englishLabel: String? = nil) throws -> Code {
        try pool.write { db in
            var code = try Self.existingCode(db, id)
            let oldName = code.name
            if let name {
                let new = try Self.codePath(name)
                guard new.count == 1 else {
                    throw StoreError.renameWithPath(code: code.name, name: name)
                }
                try Self.requireFreeName(db, new[0], under: code.parentId, except: code.id)
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
            throw StoreError.invalidInput(.color, value: color, expected: "#RRGGBB")
        }
        return "#" + hex.uppercased()
    }

    /// Moves a code under another (or to the top with `parent == nil`).
    public func moveCode(_ id: Code.ID, under parent: Code.ID?) throws {
        try pool.write { db in
            var code = try Self.existingCode(db, id)
            var newParent: Code?
            if let parent {
                let target = try Self.existingCode(db, parent)
                if try target.id == code.id || Self.ancestors(db, of: target).contains(where: { $0.id == code.id }) {
                    throw StoreError.codeCycle(code: code.name, parent: target.name)
                }
                newParent = target
            }
            let index = try CodeIndex(db)
            let height = index.height(of: code.id)
            try Self.requireDepth(index.depth(of: newParent?.id) + height, for: code.name, before: index.depth(of: code.id) + height - 1)
            try Self.requireFreeName(db, code.name, under: newParent?.id, except: code.id)
            code.parentId = newParent?.id
            try code.update(db)
            try log(db, "code.move", ["id": LogValue(code.id), "parent": newParent.map { LogValue($0.id) } ?? .null])
        }
    }

    /// Merges `source` into `target`: its codings move (a segment that already had the target from the
    /// same coder keeps one coding), its children move under the target, and `source` is deleted.
    public func mergeCode(_ source: Code.ID, into target: Code.ID) throws -> CodeChangeReport {
        try pool.write { db in try mergeCode(in: db, source, into: target) }
    }

    /// ``mergeCode(_:into:)`` inside a transaction a module already holds.
    package func mergeCode(in db: Database, _ source: Code.ID, into target: Code.ID) throws -> CodeChangeReport {
        let from = try Self.existingCode(db, source), to = try Self.existingCode(db, target)
        guard from.id != to.id else {
            throw StoreError.invalidValue(what: "merge", value: from.name, expected: "two different codes")
        }
        // The merged code's children go under the target, which takes its place when it sits below it.
        let index = try CodeIndex(db)
        let targetDepth = index.subtree(of: from.id).contains(to.id) ? index.depth(of: from.id) : index.depth(of: to.id)
        let height = index.height(of: from.id)
        try Self.requireDepth(targetDepth + height - 1, for: index.path(of: from.id), before: index.depth(of: from.id) + height - 1)
        return try mergeCode(in: db, from, into: to)
    }

    /// Merges by record. A child whose name the target already has among its children is merged into
    /// that child in turn, so two branches of one name become one.
    private func mergeCode(in db: Database, _ from: Code, into to: Code) throws -> CodeChangeReport {
        // The merged code goes at the end; until then it gives up its name, so neither the target taking
        // its place nor a child of the same name moving up meets it as a namesake.
        try db.execute(sql: "UPDATE code SET name = lower(hex(id)) WHERE id = ?", arguments: [from.id])
        // Merging a code into one of its own descendants: the target first takes the merged code's
        // place in the tree, so moving the children under it cannot make a cycle.
        var target = to
        if try Self.ancestors(db, of: target).contains(where: { $0.id == from.id }) {
            try Self.requireFreeName(db, target.name, under: from.parentId, except: target.id)
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
        var children: [Code] = []
        for var child in try Code.filter(Code.Columns.parentId == from.id).fetchAll(db) where child.id != to.id {
            if let namesake = try Code.filter(Code.Columns.parentId == to.id).fetchAll(db)
                .first(where: { $0.id != child.id && $0.id != from.id && $0.name.lowercased() == child.name.lowercased() }) {
                let inner = try mergeCode(in: db, child, into: namesake)
                moved += inner.codingsMoved
                collapsed += inner.codingsRemoved
            } else {
                child.parentId = to.id
                try child.update(db)
            }
            children.append(child)
        }
        try db.execute(sql: "UPDATE memo SET targetId = ? WHERE targetKind = 'code' AND targetId = ?", arguments: [to.id, from.id])
        try from.delete(db)
        try log(db, "code.merge", ["from": LogValue(from.id), "into": LogValue(to.id), "moved": .int(moved), "collapsed": .int(collapsed)])
        return CodeChangeReport(code: from.name, codingsMoved: moved, codingsRemoved: collapsed, childrenMoved: children.map(\.name),
                                childrenRemoved: [], codeId: from.id, targetId: to.id, childrenMovedIds: children.map(\.id))
    }

    /// What deleting a code with `force` would take, counted without deleting anything: the codings, the
    /// child codes below it and the memos that would go. The same report ``deleteCode(_:force:)`` returns.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` when no code has this id.
    public func codeDeletion(_ id: Code.ID) throws -> CodeChangeReport {
        try pool.read { db in try Self.codeDeletionPlan(db, id).report }
    }

    /// The subtree of a code, what deleting it touches, and the report that says so.
    private static func codeDeletionPlan(_ db: Database, _ id: Code.ID)
        throws -> (code: Code, subtree: [Code], segmentsToGo: [UUID], report: CodeChangeReport) {
        let code = try Self.existingCode(db, id)
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
        let touched = Set(try Coding.filter(ids.contains(Coding.Columns.codeId)).fetchAll(db).map(\.segmentId))
        var memos = try Memo.filter(Memo.Columns.targetKind == MemoTarget.Kind.code && ids.contains(Memo.Columns.targetId)).fetchCount(db)
        // Segments left without any coding go too; they existed only to carry these codes.
        var segmentsToGo: [UUID] = []
        for segmentId in touched
        where try Coding.filter(Coding.Columns.segmentId == segmentId && !ids.contains(Coding.Columns.codeId)).fetchCount(db) == 0 {
            memos += try Self.memoCount(db, on: .segment(segmentId))
            segmentsToGo.append(segmentId)
        }
        let report = CodeChangeReport(code: code.name, codingsMoved: 0, codingsRemoved: codings, childrenMoved: [],
                                      childrenRemoved: subtree.dropFirst().map(\.name), codeId: code.id,
                                      childrenRemovedIds: subtree.dropFirst().map(\.id), memosRemoved: memos)
        return (code, subtree, segmentsToGo, report)
    }

    /// Deletes a code. Refused while it has codings or children unless `force`, which also deletes
    /// the codings, the child codes and their codings, and reports them. Memos on the deleted codes, and
    /// on segments left without codings, go with them and are counted. ``codeDeletion(_:)`` shows the
    /// same report beforehand.
    public func deleteCode(_ id: Code.ID, force: Bool = false) throws -> CodeChangeReport {
        try pool.write { db in
            let (code, subtree, segmentsToGo, report) = try Self.codeDeletionPlan(db, id)
            let ids = subtree.map(\.id)
            let codings = report.codingsRemoved
            guard force || (codings == 0 && subtree.count == 1) else {
                throw StoreError.codeInUse(code: code.name, codings: codings, children: subtree.count - 1)
            }
            try Coding.filter(ids.contains(Coding.Columns.codeId)).deleteAll(db)
            // Memos go with their code or segment (a trigger deletes them); counted in the plan.
            for segmentId in segmentsToGo { try Segment.deleteOne(db, key: segmentId) }
            for c in subtree.reversed() { try c.delete(db) }
            try log(db, "code.delete", ["id": LogValue(code.id), "name": .string(code.name), "codings": .int(codings),
                                        "children": .array(subtree.dropFirst().map { LogValue($0.id) }), "memos": .int(report.memosRemoved)])
            return report
        }
    }
}
