import Foundation
import GRDB

/// A kind of record that can hang on another one: codings on a transcript's segments, the turns a
/// participant speaks in. The core's kinds are static members; a module adds its own
/// (`Condensation` counts its golden quotes), each with the words a description uses.
public struct DependentKind: Hashable, Sendable, Codable {
    /// A stable name: the core's in camelCase (`coding`), a module's prefixed with its name (`stc.unit`).
    public var id: String
    public var singular: String
    public var plural: String

    public init(id: String, singular: String, plural: String) {
        self.id = id
        self.singular = singular
        self.plural = plural
    }

    /// «1 coding», «3 codings».
    public func words(_ count: Int) -> String { "\(count) \(count == 1 ? singular : plural)" }

    public static let segment = DependentKind(id: "segment", singular: "segment", plural: "segments")
    public static let orphanedSegment = DependentKind(id: "orphanedSegment", singular: "orphaned segment", plural: "orphaned segments")
    public static let coding = DependentKind(id: "coding", singular: "coding", plural: "codings")
    public static let memo = DependentKind(id: "memo", singular: "memo", plural: "memos")
    /// A quote's stored display form or lead-in.
    public static let quoteEdit = DependentKind(id: "quoteEdit", singular: "edited quote", plural: "edited quotes")
    /// A quote's recorded use in an export (what the "exported before as …" check reads).
    public static let quoteUse = DependentKind(id: "quoteUse", singular: "recorded quote use", plural: "recorded quote uses")
    public static let turn = DependentKind(id: "turn", singular: "speaker turn", plural: "speaker turns")
    /// A transcript linked to a participant (or a participant to a transcript).
    public static let transcriptLink = DependentKind(id: "transcriptLink", singular: "transcript link", plural: "transcript links")
    /// A segment a participant said (a speaker turn of theirs overlaps it).
    public static let spokenSegment = DependentKind(id: "spokenSegment", singular: "segment they said", plural: "segments they said")
    public static let attributeValue = DependentKind(id: "attributeValue", singular: "attribute value", plural: "attribute values")
}

/// How many records of one kind hang on a record about to be deleted, and what the deletion does to them.
public struct Dependent: Hashable, Sendable, Codable {
    public enum Effect: String, Hashable, Sendable, Codable {
        /// Deleted with the record.
        case deleted
        /// Kept, no longer pointing at the record (a turn without its participant, a link removed while
        /// both ends stay, a golden quote slot left empty).
        case detached
    }

    public var kind: DependentKind
    public var count: Int
    public var effect: Effect
    /// Whether it keeps the record from being deleted without force: work a researcher did (codings,
    /// memos) or links that would be lost.
    public var blocksDeletion: Bool
    /// Where a person must look again, by name, when a module says (the code groups whose condensates
    /// lost units); empty otherwise.
    public var names: [String]

    public init(_ kind: DependentKind, _ count: Int, _ effect: Effect = .deleted, blocks: Bool = false, names: [String] = []) {
        self.kind = kind
        self.count = count
        self.effect = effect
        self.blocksDeletion = blocks
        self.names = names
    }

    /// «3 codings, 1 memo» for the dependents with a count above zero; `effect` keeps one effect's only.
    public static func describe(_ dependents: [Dependent], effect: Effect? = nil) -> String {
        dependents.filter { $0.count > 0 && (effect == nil || $0.effect == effect) }.map { $0.kind.words($0.count) }
            .joined(separator: ", ")
    }

    /// What deleting the record does to them, as a verb phrase: «deletes 3 codings, 1 memo and detaches
    /// 4 speaker turns» (`past`: «deleted …, detached …»); empty when nothing hangs on it.
    public static func effects(_ dependents: [Dependent], past: Bool = false) -> String {
        let deleted = describe(dependents, effect: .deleted), detached = describe(dependents, effect: .detached)
        return [deleted.isEmpty ? "" : (past ? "deleted " : "deletes ") + deleted,
                detached.isEmpty ? "" : (past ? "detached " : "detaches ") + detached]
            .filter { !$0.isEmpty }.joined(separator: " and ")
    }
}

/// A record named in a report: its kind, id and the name a person knows it by.
public struct RecordReference: Hashable, Sendable, Codable {
    public var kind: RecordKind
    public var id: UUID
    public var name: String

    public init(_ kind: RecordKind, _ id: UUID, _ name: String) {
        self.kind = kind
        self.id = id
        self.name = name
    }
}

/// What deleting a transcript or a participant takes with it: the same report before (a preview, or a
/// refusal's contents) and after the deletion.
public struct DeletionReport: Hashable, Sendable, Codable {
    /// The record deleted (or to be deleted).
    public var record: RecordReference
    /// Everything that hangs on it, kinds with nothing included (a front end lists what it wants).
    public var dependents: [Dependent]
    /// Records linked to it that stay: a transcript's participants, a participant's transcripts.
    public var linked: [RecordReference]
    /// False for a preview or a refused deletion.
    public var wasDeleted: Bool

    /// The dependents that keep the record from being deleted without force.
    public var blocking: [Dependent] { dependents.filter { $0.blocksDeletion && $0.count > 0 } }

    /// The number of `kind` in the report (0 when it is not there).
    public func count(of kind: DependentKind) -> Int {
        dependents.filter { $0.kind == kind }.reduce(0) { $0 + $1.count }
    }
}

extension SchemaExtension {
    /// What a module holds on the segments in `set`, counted when a deletion would remove them.
    package typealias SegmentDependents = @Sendable (Database, SegmentSet) throws -> [Dependent]
}
