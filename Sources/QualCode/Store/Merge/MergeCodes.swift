import Foundation
import GRDB

/// Codes by id, then by path (names are unique among siblings in any letter case, so a parent and a
/// name find one code).
/// A code both copies hold keeps our name, place, definition and colour; differences are reported.
/// A new code comes in under the code its parent became here.
enum MergeCodes {
    static func merge(_ context: MergeContext) throws {
        let (ours, theirs) = (context.ours, context.theirs)
        context.declare(.code)
        let theirCodes = try Code.order(Column.rowID).fetchAll(theirs)
        let theirById = Dictionary(theirCodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var ourById = Dictionary(try Code.fetchAll(ours).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var ourByPlace: [Place: UUID] = [:]
        for code in ourById.values { ourByPlace[Place(parent: code.parentId, name: code.name)] = code.id }

        func path(_ code: Code, in codes: [UUID: Code]) -> String {
            var names = [code.name]
            var parent = code.parentId
            var seen: Set<UUID> = [code.id]
            while let id = parent, let next = codes[id], seen.insert(id).inserted {
                names.append(next.name)
                parent = next.parentId
            }
            return names.reversed().joined(separator: "/")
        }

        // Parents before children, in the order their copy made them.
        var remaining = theirCodes
        while !remaining.isEmpty {
            let ready = remaining.filter { code in code.parentId.map { context.codes[$0] != nil || theirById[$0] == nil } ?? true }
            // A parent cycle cannot be made through the store; should a file hold one, its codes come in at the top.
            let batch = ready.isEmpty ? [remaining[0]] : ready
            let done = Set(batch.map(\.id))
            remaining.removeAll { done.contains($0.id) }
            for code in batch {
                let theirPath = path(code, in: theirById)
                let parent = code.parentId.flatMap { context.codes[$0] }
                let mine = ourById[code.id] ?? ourByPlace[Place(parent: parent, name: code.name)].flatMap { ourById[$0] }
                if let mine {
                    context.codes[code.id] = mine.id
                    context.matched(.code)
                    let ourPath = path(mine, in: ourById)
                    context.compare(.code, ourPath, .path, ours: ourPath, theirs: theirPath)
                    var gaps: [String: DatabaseValue] = [:]
                    if context.settle(.code, ourPath, .definition, ours: mine.definition, theirs: code.definition) {
                        gaps["definition"] = code.definition.databaseValue
                    }
                    context.compare(.code, ourPath, .color, ours: mine.color, theirs: code.color)
                    if context.settle(.code, ourPath, .englishLabel, ours: mine.englishLabel, theirs: code.englishLabel) {
                        gaps["englishLabel"] = code.englishLabel.databaseValue
                    }
                    try context.fill(.code, table: "code", "id", mine.id, gaps)
                    continue
                }
                var new = code
                new.parentId = parent
                try new.insert(ours)
                ourById[new.id] = new
                ourByPlace[Place(parent: parent, name: new.name)] = new.id
                context.codes[code.id] = new.id
                context.added(.code)
            }
        }
    }

    /// A name's place among its siblings, in lower case: the store refuses «tid» beside «Tid», so theirs
    /// is ours rather than a second sibling.
    private struct Place: Hashable {
        var parent: UUID?
        var name: String

        init(parent: UUID?, name: String) {
            self.parent = parent
            self.name = name.lowercased()
        }
    }
}
