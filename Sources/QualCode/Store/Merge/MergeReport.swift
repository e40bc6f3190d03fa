import Foundation

/// What merging another copy of the project brought in: per kind of record how many came in new and
/// how many were found here already, the conflicts (ours kept), and the backup made first.
public struct MergeReport: Hashable, Sendable, Codable {
    /// The other file's name (never its content).
    public var other: String
    /// The consistent copy of our file made before the merge; nil when nothing new came in (no change,
    /// so the backup was removed again) or the merge was refused.
    public var backup: URL?
    /// Per kind, in the order the merge went through them (core records first, then each module's).
    public var counts: [MergeCount]
    public var conflicts: [MergeConflict]
    /// The modules this project was opened with that have no way to carry their tables in a merge:
    /// what the other copy holds in them stayed behind.
    public var modulesNotCarried: [String]

    public init(other: String, backup: URL? = nil, counts: [MergeCount] = [], conflicts: [MergeConflict] = [],
                modulesNotCarried: [String] = []) {
        self.other = other
        self.backup = backup
        self.counts = counts
        self.conflicts = conflicts
        self.modulesNotCarried = modulesNotCarried
    }

    /// Whether anything came in: false when the other copy held nothing we lack (a second merge).
    public var broughtInAnything: Bool { counts.contains { $0.new > 0 || $0.filled > 0 } }

    /// The count of one kind (zeros when the merge did not meet it).
    public func count(_ kind: MergeKind) -> MergeCount {
        counts.first { $0.kind == kind } ?? MergeCount(kind: kind)
    }
}

/// How many records of one kind came in new, and how many of the other copy's we had already.
public struct MergeCount: Hashable, Sendable, Codable {
    public var kind: MergeKind
    public var new: Int
    public var matched: Int
    /// Of those we had, how many held nothing where theirs held something (a definition, a condensate),
    /// which theirs filled in.
    public var filled: Int

    public init(kind: MergeKind, new: Int = 0, matched: Int = 0, filled: Int = 0) {
        self.kind = kind
        self.new = new
        self.matched = matched
        self.filled = filled
    }
}

/// A kind of record a merge carries, with its name in both report languages. The core's are static
/// members; a module adds its own, its id prefixed with the module's name (`stc.group`).
public struct MergeKind: Hashable, Sendable, Codable {
    public var id: String
    /// Plural nouns for the count table: «codings», «kodinger».
    public var english: String
    public var norwegian: String

    public init(id: String, english: String, norwegian: String) {
        self.id = id
        self.english = english
        self.norwegian = norwegian
    }

    public static let participant = MergeKind(id: "participant", english: "participants", norwegian: "deltakere")
    public static let attribute = MergeKind(id: "attribute", english: "attributes", norwegian: "attributter")
    public static let attributeValue = MergeKind(id: "attributeValue", english: "attribute values", norwegian: "attributtverdier")
    public static let transcript = MergeKind(id: "transcript", english: "transcripts", norwegian: "transkripsjoner")
    public static let code = MergeKind(id: "code", english: "codes", norwegian: "koder")
    public static let segment = MergeKind(id: "segment", english: "segments", norwegian: "segmenter")
    public static let coding = MergeKind(id: "coding", english: "codings", norwegian: "kodinger")
    public static let memo = MergeKind(id: "memo", english: "memos", norwegian: "notater")
    /// A quote's edited display form or lead-in.
    public static let quote = MergeKind(id: "quote", english: "edited quotes", norwegian: "redigerte sitater")
}

/// One place where the two copies disagree. Ours is kept, or theirs comes in under another name; the
/// report says which.
public struct MergeConflict: Hashable, Sendable, Codable {
    public var kind: MergeKind
    /// The record as a person knows it: a code's path, a transcript's short name, «eva: rolle».
    public var what: String
    public var aspect: MergeAspect
    public var ours: String
    public var theirs: String
    public var outcome: MergeOutcome

    public init(kind: MergeKind, what: String, aspect: MergeAspect, ours: String, theirs: String, outcome: MergeOutcome = .keptOurs) {
        self.kind = kind
        self.what = what
        self.aspect = aspect
        self.ours = ours
        self.theirs = theirs
        self.outcome = outcome
    }
}

/// What about a record differs between the copies, in both report languages.
public struct MergeAspect: Hashable, Sendable, Codable {
    public var id: String
    public var english: String
    public var norwegian: String

    public init(id: String, english: String, norwegian: String) {
        self.id = id
        self.english = english
        self.norwegian = norwegian
    }

    public static let path = MergeAspect(id: "path", english: "place in the code tree", norwegian: "plass i kodetreet")
    public static let definition = MergeAspect(id: "definition", english: "definition", norwegian: "definisjon")
    public static let color = MergeAspect(id: "color", english: "colour", norwegian: "farge")
    public static let englishLabel = MergeAspect(id: "englishLabel", english: "English label", norwegian: "engelsk navn")
    public static let name = MergeAspect(id: "name", english: "short name", norwegian: "kortnavn")
    public static let pseudonym = MergeAspect(id: "pseudonym", english: "pseudonym", norwegian: "pseudonym")
    public static let text = MergeAspect(id: "text", english: "text", norwegian: "tekst")
    public static let value = MergeAspect(id: "value", english: "value", norwegian: "verdi")
    public static let type = MergeAspect(id: "type", english: "type", norwegian: "type")
    public static let label = MergeAspect(id: "label", english: "label", norwegian: "etikett")
    public static let form = MergeAspect(id: "form", english: "quote form", norwegian: "sitatform")
    public static let leadIn = MergeAspect(id: "leadIn", english: "lead-in", norwegian: "innledning")
}

/// How a conflict was settled.
public enum MergeOutcome: Hashable, Sendable, Codable {
    /// Ours stays as it is; theirs is not taken.
    case keptOurs
    /// Theirs came in too, under this name.
    case cameInAs(String)
}

/// A merge report's word for something (a kind of record, an aspect in conflict) in both report languages.
public protocol MergeWording {
    var english: String { get }
    var norwegian: String { get }
}

extension MergeWording {
    /// The word in the report's language.
    public func name(in language: DocumentLanguage) -> String { language == .en ? english : norwegian }
}

extension MergeKind: MergeWording {}
extension MergeAspect: MergeWording {}
