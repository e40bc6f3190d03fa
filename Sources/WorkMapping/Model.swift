import Foundation
import GRDB

/// What kind of text coordinates the work: from the law and the «boss texts» that regulate other texts
/// down to the forms, plans and IT systems activated in a day's work, and the targets measured.
public enum MapTextKind: String, Sendable, Hashable, Codable, CaseIterable {
    case law, bossText, method, qualityTool, form, plan, system, target

    /// Norwegian words for tables and the legend.
    public var nb: String {
        switch self {
        case .law: "lov eller forskrift"
        case .bossText: "styringstekst"
        case .method: "metode"
        case .qualityTool: "kvalitetsverktøy"
        case .form: "skjema eller mal"
        case .plan: "plan"
        case .system: "IT-system"
        case .target: "mål eller måltall"
        }
    }

    /// English words for tables and the legend.
    public var en: String {
        switch self {
        case .law: "law or regulation"
        case .bossText: "boss text"
        case .method: "method"
        case .qualityTool: "quality tool"
        case .form: "form or template"
        case .plan: "plan"
        case .system: "IT system"
        case .target: "target or metric"
        }
    }
}

/// Where a text applies: one step, or the whole process (drawn above the frame).
public enum MapTextScope: String, Sendable, Hashable, Codable, CaseIterable {
    case step, process
}

/// Whether an actor works where the standpoint's work happens or elsewhere, at another time (translocal).
public enum MapLocality: String, Sendable, Hashable, Codable, CaseIterable {
    case local, translocal
}

/// The things a map holds, as link ends and evidence targets.
public enum MapNodeKind: String, Sendable, Hashable, Codable, CaseIterable {
    case step, action, actor, text, disjuncture
}

/// How two things of the map are related, and which kinds each end may be.
public enum MapLinkKind: String, Sendable, Hashable, Codable, CaseIterable {
    case precedes, partOf, performs, uses, produces, governs, regulates, coordinatesWith, reportsTo

    /// The kinds the link may go from and to («an actor performs an action»).
    public var ends: (from: Set<MapNodeKind>, to: Set<MapNodeKind>) {
        switch self {
        case .precedes: ([.step], [.step])
        case .partOf: ([.action], [.step])
        case .performs: ([.actor], [.action, .step])
        case .uses, .produces: ([.action, .step], [.text])
        case .governs: ([.text], [.step, .action])
        case .regulates: ([.text], [.text])
        case .coordinatesWith: ([.action, .actor], [.action, .actor])
        case .reportsTo: ([.action, .actor], [.actor])
        }
    }

    /// Norwegian words for tables, the link's code and the legend («Henvisning går foran Bli kjent»).
    public var nb: String {
        switch self {
        case .precedes: "går foran"
        case .partOf: "er del av"
        case .performs: "utfører"
        case .uses: "bruker"
        case .produces: "lager"
        case .governs: "styrer"
        case .regulates: "regulerer"
        case .coordinatesWith: "samordnes med"
        case .reportsTo: "rapporterer til"
        }
    }

    /// English words for tables and the drawing («Referral precedes Getting to know»).
    public var en: String {
        switch self {
        case .precedes: "precedes"
        case .partOf: "is part of"
        case .performs: "performs"
        case .uses: "uses"
        case .produces: "produces"
        case .governs: "governs"
        case .regulates: "regulates"
        case .coordinatesWith: "is coordinated with"
        case .reportsTo: "reports to"
        }
    }

    /// Links whose chains must not come back to where they started (an order, a text hierarchy).
    public var isAcyclic: Bool { self == .precedes || self == .regulates }
}

/// A role in the work, not a person: «jobbspesialist», «NAV-veileder», «arbeidsgiver».
public struct MapActor: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "mapActor"
    public var id: UUID
    /// The node's code (``WorkMapping/codePath(of:)``), whose codings are its evidence.
    public var codeId: UUID?
    public var name: String
    public var role: String?
    public var institution: String?
    public var locality: MapLocality
    public var position: Int
}

/// A step of the work in the order it is told («Kartlegge jobbsøker»); `mergedFrom` keeps the names
/// of steps merged into it (a thesis merged three of an informant's steps into one box).
public struct MapStep: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "mapStep"
    public var id: UUID
    /// The node's code (``WorkMapping/codePath(of:)``), whose codings are its evidence.
    public var codeId: UUID?
    public var name: String
    public var description: String?
    public var position: Int
    /// The order of this step among the others is not fixed (the work does not always go so).
    public var orderNotFixed: Bool
    /// Whose account the step comes from («Sivs beskrivelse»).
    public var source: String?
    public var mergedFrom: String?
}

/// Something done within a step («Informasjonssamtale», «Scanne skjema inn i fagsystemet»).
public struct MapAction: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "mapAction"
    public var id: UUID
    /// The node's code (``WorkMapping/codePath(of:)``), whose codings are its evidence.
    public var codeId: UUID?
    public var stepId: MapStep.ID
    public var name: String
    public var position: Int
}

/// A text that coordinates the work.
public struct MapText: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "mapText"
    public var id: UUID
    /// The node's code (``WorkMapping/codePath(of:)``), whose codings are its evidence.
    public var codeId: UUID?
    public var name: String
    public var kind: MapTextKind
    public var scope: MapTextScope
    public var issuer: String?
    public var version: String?
    public var date: String?
    /// The step a step-scoped text is drawn under.
    public var stepId: MapStep.ID?
    public var note: String?
    /// Where the copy came from («tilsendt fra kontoret», «offentlig»).
    public var provenance: String?
    /// The attached file's name; its bytes are read with ``WorkMapping/textFile(_:)``.
    public var fileName: String?

    enum CodingKeys: String, CodingKey, ColumnExpression, CaseIterable {
        case id, codeId, name, kind, scope, issuer, version, date, stepId, note, provenance, fileName
    }

    /// Every column but the file's bytes, which only ``WorkMapping/textFile(_:)`` reads.
    public static var databaseSelection: [any SQLSelectable] { CodingKeys.allCases }
}

/// A link between two things of the map.
public struct MapLink: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "mapLink"
    public var id: UUID
    public var kind: MapLinkKind
    public var fromKind: MapNodeKind
    public var fromId: UUID
    public var toKind: MapNodeKind
    public var toId: UUID
    public var note: String?
    /// The link's code under «Arbeidskart/Koplinger», made with its first passage of evidence.
    public var codeId: UUID?
}

/// The kinds of misfit between texts and practice an institutional ethnography records.
public enum MapDisjunctureKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A text says one thing, the accounts of the work another.
    case textPractice
    /// Two texts demand what cannot both be done (a regulation's time limit, a method's unlimited follow-up).
    case textText
    /// A text made for another context (a borrowed method, another labour market).
    case textContext

    /// Norwegian words for tables («tekst–praksis»).
    public var nb: String {
        switch self {
        case .textPractice: "tekst–praksis"
        case .textText: "tekst–tekst"
        case .textContext: "tekst–kontekst"
        }
    }

    /// English words for tables.
    public var en: String {
        switch self {
        case .textPractice: "text–practice"
        case .textText: "text–text"
        case .textContext: "text–context"
        }
    }
}

/// A clause or target taken from a text: a quotable rule («første arbeidsgiverkontakt innen 30 dager»),
/// with a metric, value and unit when it is a target.
public struct MapClause: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "mapClause"
    public var id: UUID
    public var textId: MapText.ID
    public var label: String
    public var excerpt: String?
    public var metric: String?
    public var value: Double?
    public var unit: String?
    /// Where in the text (section, page).
    public var place: String?
}

/// One statement of the problematic; an edit is a new version that supersedes the one before.
public struct MapProblematic: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "mapProblematic"
    public var id: UUID
    public var statement: String
    public var supersedes: UUID?
    public var createdBy: String
    public var createdAt: Date
}

/// Where the formal texts and the accounts disagree; its evidence is coding with its code, like a node's.
public struct MapDisjuncture: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord, Identifiable {
    public static let databaseTableName = "mapDisjuncture"
    public var id: UUID
    public var codeId: UUID?
    public var name: String
    public var kind: MapDisjunctureKind
    public var note: String?
    public var stepId: MapStep.ID?
    public var problematicId: MapProblematic.ID?
}
