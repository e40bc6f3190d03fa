import Foundation
import GRDB
import QualCode

/// Turning what a researcher typed (`Balansekunst`, `Balansekunst/Sparringspartner`, or a subgroup's
/// bare name) into the code of a registered group or subgroup, and the checks every step shares.
extension Condensation {
    /// A group or subgroup as the lookups see it: its code, its path, whether it was laid aside, and
    /// the other paths a link gives it.
    struct RegisteredGroup {
        var code: Code
        var path: String
        var retired: Bool
        /// `Organisering/Struktur` for a subgroup of Balansekunst linked to Organisering.
        var linkedPaths: [String]
    }

    /// Every registered group and subgroup, retired ones too.
    static func registeredGroups(_ db: Database) throws -> [RegisteredGroup] {
        let rows = try Row.fetchAll(db, sql: "SELECT codeId, retiredAt IS NOT NULL AS retired FROM stcGroup")
        let ids = rows.map { $0["codeId"] as UUID }
        var codes = Dictionary(try ProjectStore.codes(db, ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let parentIds = Set(codes.values.compactMap(\.parentId)).subtracting(codes.keys)
        for parent in try ProjectStore.codes(db, ids: parentIds) { codes[parent.id] = parent }
        var linked: [UUID: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT subgroupId, groupId FROM stcLink") {
            guard let sub = codes[row["subgroupId"] as UUID], let group = codes[row["groupId"] as UUID] else { continue }
            linked[sub.id, default: []].append(group.name + "/" + sub.name)
        }
        return rows.compactMap { row in
            guard let code = codes[row["codeId"] as UUID] else { return nil }
            let path = code.parentId.flatMap { codes[$0] }.map { $0.name + "/" + code.name } ?? code.name
            return RegisteredGroup(code: code, path: path, retired: row["retired"], linkedPaths: linked[code.id] ?? [])
        }
    }

    /// The code a group reference names, which must be a registered group or subgroup (not laid aside,
    /// unless `includingRetired`). A full path wins; otherwise the reference may be the end of one (a
    /// subgroup's bare name), and when that fits several, the error lists their paths.
    ///
    /// - Throws: ``StoreError/notFound(what:reference:candidates:suggestions:)`` (the core's, for a name no code has),
    ///   ``StoreError/ambiguous(what:reference:candidates:)``.
    static func registeredGroup(_ db: Database, _ reference: String, includingRetired: Bool = false) throws -> Code {
        func parts(_ path: String) -> [String] {
            path.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping.lowercased() }
        }
        let wanted = parts(reference)
        let groups = try registeredGroups(db).filter { includingRetired || !$0.retired }
        let exact = groups.filter { group in ([group.path] + group.linkedPaths).contains { parts($0) == wanted } }
        let matches = exact.isEmpty ? groups.filter { !wanted.isEmpty && Array(parts($0.path).suffix(wanted.count)) == wanted } : exact
        if matches.count > 1 {
            throw StoreError.ambiguous(what: "code group", reference: reference, candidates: matches.map(\.path).sorted())
        }
        guard let match = matches.first else {
            // A name no code has is the core's «no code»; a code that is not a group is ours.
            _ = try ProjectStore.code(db, reference)
            let names = try registeredGroups(db).filter { !$0.retired }.map(\.code.name).sorted()
            throw StoreError.notFound(what: "code group", reference: reference, candidates: names)
        }
        return match.code
    }

    /// A group or subgroup, retired or not, named by its path as ``registeredGroup(_:_:includingRetired:)`` checks it.
    static func anyGroup(_ db: Database, _ reference: String) throws -> Code {
        try registeredGroup(db, reference, includingRetired: true)
    }

    /// The code's full path from the root, to name it to the core (a group or subgroup that was moved
    /// under other codes has a longer path than ``path(_:_:)`` shows).
    static func corePath(_ db: Database, _ code: Code) throws -> String {
        try ProjectStore.path(db, of: code)
    }

    /// `Balansekunst` for a group, `Balansekunst/Sparringspartner` for a subgroup.
    static func path(_ db: Database, _ code: Code) throws -> String {
        guard let parentId = code.parentId, let parent = try ProjectStore.code(db, id: parentId) else { return code.name }
        return parent.name + "/" + code.name
    }

    /// Whether the code was laid aside.
    static func isRetired(_ db: Database, _ code: Code) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stcGroup WHERE codeId = ? AND retiredAt IS NOT NULL", arguments: [code.id]) ?? 0 > 0
    }

    /// Refuses to put work into a retired group: it would not show anywhere.
    static func refuseRetired(_ db: Database, _ code: Code) throws {
        if try isRetired(db, code) { throw CondensationError.groupRetired(path: try path(db, code)) }
    }

    /// Registers a code as a group or subgroup (once).
    func register(_ db: Database, _ code: Code) throws {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stcGroup WHERE codeId = ?", arguments: [code.id]) == 0 else { return }
        try db.execute(sql: "INSERT INTO stcGroup (codeId, createdAt) VALUES (?, ?)", arguments: [code.id, Date()])
        try store.log(db, "stc.group.add", ["code": LogValue(code.id), "name": .string(code.name)])
    }

    /// One group or subgroup as listed.
    static func group(_ db: Database, _ path: String) throws -> CodeGroup {
        let code = try registeredGroup(db, path)
        guard let group = try groups(db).first(where: { $0.id == code.id }) else {
            throw CondensationError.notInTheAnalysis(path: path)
        }
        return group
    }

    static func groups(_ db: Database) throws -> [CodeGroup] {
        try GroupStructure.read(db).codeGroups
    }
}
