import Foundation
import GRDB

/// The code tree read once: paths, children, and the resolver for what a person types.
///
/// Names are unique among siblings only (REFI-QDA, NVivo, ATLAS.ti and MAXQDA projects repeat names
/// under different parents), so a code is named by its path from the root (`Belastning/Rapportering`);
/// a bare name, or the last parts of a path, name a code when they fit exactly one.
package struct CodeIndex: Sendable {
    package let codes: [Code]
    package let byID: [UUID: Code]
    private let childrenByParent: [UUID?: [Code]]
    private let paths: [UUID: [String]]
    private let labels: [UUID: String]

    package init(_ db: Database) throws {
        self.init(try Code.fetchAll(db))
    }

    package init(_ codes: [Code]) {
        self.codes = codes
        var byID: [UUID: Code] = [:]
        for code in codes { byID[code.id] = code }
        self.byID = byID
        var children: [UUID?: [Code]] = [:]
        for code in codes { children[code.parentId, default: []].append(code) }
        for key in children.keys {
            children[key]!.sort { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
        }
        childrenByParent = children
        var paths: [UUID: [String]] = [:]
        for code in codes {
            var parts = [code.name]
            var seen: Set<UUID> = [code.id]
            var next = code.parentId
            while let id = next, let parent = byID[id], seen.insert(id).inserted {
                parts.insert(parent.name, at: 0)
                next = parent.parentId
            }
            paths[code.id] = parts
        }
        self.paths = paths
        // How many codes each end of a path (lower-cased) fits; a label is the shortest end that fits one.
        var fits: [[String]: Int] = [:]
        for parts in paths.values {
            let lowered = parts.map { $0.lowercased() }
            for length in 1...lowered.count { fits[Array(lowered.suffix(length)), default: 0] += 1 }
        }
        var labels: [UUID: String] = [:]
        for (id, parts) in paths {
            let lowered = parts.map { $0.lowercased() }
            let length = (1...parts.count).first { fits[Array(lowered.suffix($0))] == 1 }
            labels[id] = length.map { parts.suffix($0).joined(separator: "/") } ?? "/" + parts.joined(separator: "/")
        }
        self.labels = labels
    }

    /// Whether a reference is anchored at the top (`/Tillit`).
    package static func isAnchored(_ reference: String) -> Bool {
        reference.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("/")
    }

    /// How many levels down the tree the code sits: 1 at the top, 0 for no code (the top itself).
    package func depth(of id: UUID?) -> Int {
        id.flatMap { paths[$0]?.count } ?? 0
    }

    /// How many levels the code and everything below it take: 1 for a code with no children.
    package func height(of id: UUID) -> Int {
        let top = depth(of: id)
        return subtree(of: id).map { depth(of: $0) - top + 1 }.max() ?? 1
    }

    /// The code's path from the root, `Parent/Child`.
    package func path(of id: UUID) -> String {
        paths[id]?.joined(separator: "/") ?? ""
    }

    /// The shortest end of the code's path that names no other code: its bare name unless another code
    /// shares it (`Rapportering`, or `Belastning/Rapportering` when `Tid/Rapportering` exists too). When
    /// even the whole path ends another code's path, it is anchored at the top (`/Tillit` beside
    /// `Tid/Tillit`), as the resolver reads it.
    package func label(of id: UUID) -> String {
        labels[id] ?? ""
    }

    /// The codes directly under `parent` (the top level for nil), by name.
    package func children(of parent: UUID?) -> [Code] {
        childrenByParent[parent] ?? []
    }

    /// The code and everything below it, parents before children.
    package func subtree(of id: UUID) -> [UUID] {
        var result = [id]
        var seen: Set<UUID> = [id]
        var index = 0
        while index < result.count {
            for child in children(of: result[index]) where seen.insert(child.id).inserted { result.append(child.id) }
            index += 1
        }
        return result
    }

    /// The child of `parent` named `name`: case-insensitively, or, where an older file has siblings that
    /// differ only in case, the one written exactly so.
    package func child(named name: String, of parent: UUID?) -> Code? {
        let key = name.lowercased()
        let fits = children(of: parent).filter { $0.name.lowercased() == key }
        return fits.count == 1 ? fits[0] : fits.first { $0.name == name }
    }

    /// Every path, sorted: what an error lists as the codes there are.
    package var allPaths: [String] {
        codes.map { path(of: $0.id) }.sorted { $0.lowercased() < $1.lowercased() }
    }

    /// What a person typed, resolved: a path from the root (`Belastning/Rapportering`), or a bare name or
    /// the last parts of a path when exactly one code fits. A leading «/» takes the path from the root
    /// only (`/Tillit` is the top-level «Tillit» when «Ny/Tillit» exists too). Nil when nothing fits.
    ///
    /// - Throws: ``StoreError/ambiguous(what:reference:candidates:)`` listing the paths that fit.
    package func find(_ parts: [String], reference: String) throws -> Code? {
        if Self.isAnchored(reference) { return fromRoot(parts) }
        if parts.count > 1, let code = fromRoot(parts) { return code }
        let end = parts.map { $0.lowercased() }
        let fits = codes.filter { code in
            guard let path = paths[code.id], path.count >= end.count else { return false }
            return path.suffix(end.count).map { $0.lowercased() } == end
        }
        if fits.count > 1 {
            // Siblings that differ only in case (an older file): the one written exactly so.
            let exact = fits.filter { paths[$0.id]!.suffix(parts.count).elementsEqual(parts) }
            if exact.count == 1 { return exact[0] }
            throw StoreError.ambiguous(what: "code", reference: reference, candidates: fits.map { path(of: $0.id) }.sorted())
        }
        return fits.first
    }

    /// ``find(_:reference:)``, refusing a reference that fits no code with the codes nearest to it.
    package func resolve(_ reference: String) throws -> Code {
        let parts = try ProjectStore.codePath(reference)
        guard let code = try find(parts, reference: reference) else {
            throw StoreError.notFound(what: "code", reference: reference, candidates: allPaths, suggestions: nearest(to: parts))
        }
        return code
    }

    /// The codes whose paths end nearest to `parts` (a bare name is compared with names, two parts with
    /// the last two of each path), by the labels that name them.
    func nearest(to parts: [String]) -> [String] {
        let typed = parts.joined(separator: "/")
        return Suggestions.nearest(to: typed, among: codes) { code in
            [paths[code.id, default: []].suffix(parts.count).joined(separator: "/")]
        }.map { label(of: $0.id) }
    }

    private func fromRoot(_ parts: [String]) -> Code? {
        var parent: Code?
        for name in parts {
            guard let next = child(named: name, of: parent?.id) else { return nil }
            parent = next
        }
        return parent
    }
}
