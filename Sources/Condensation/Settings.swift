import Foundation
import GRDB
import QualCode

/// The names the researcher uses for the levels, which every export prints, and the validation
/// settings. S3's thesis called its levels «kode», «mening», «tema» and «kategori»; Malterud calls them
/// «kodegruppe», «subgruppe», «kondensat»; both are right for their author.
public struct CondensationSettings: Hashable, Sendable, Codable {
    /// What a code group is called («kodegruppe», «tema», «kategori» …).
    public var group = "kodegruppe"
    public var subgroup = "subgruppe"
    public var unit = "meningsbærende enhet"
    public var code = "kode"
    public var category = "kategori"
    public var theme = "foreløpig tema"
    public var condensate = "kondensat"
    public var goldenQuote = "gullsitat"
    /// Every subgroup must have units from at least this many participants.
    public var minimumParticipants = 2
    /// Shares of the participants from which «de fleste» and «flere» are used (below: «noen»; all of
    /// them: «alle syv»).
    public var mostShare = 0.6
    public var severalShare = 0.3
    /// `malterud` (code groups → subgroups with condensates and golden quotes) or `tema` (the looser
    /// variant theses use: units → codes → themes → categories, no condensates).
    public var variant = "malterud"

    public init() {}

    static let keys = ["group", "subgroup", "unit", "code", "category", "theme", "condensate", "goldenQuote",
                       "minimumParticipants", "mostShare", "severalShare", "variant"]

    /// «alle syv informantene», «de fleste informantene (5 av 7)», «flere informanter (3 av 7)», «noen
    /// informanter (2 av 12)», «én informant (1 av 7)»: how many participants support a finding.
    public func support(_ count: Int, of total: Int) -> String {
        guard total > 0, count > 0 else { return "ingen informanter" }
        if count == total { return total == 1 ? "den ene informanten" : total == 2 ? "begge informantene" : "alle \(Self.numberWord(total)) informantene" }
        let share = Double(count) / Double(total)
        // «flere» and «de fleste» are plural: one participant is «én informant», whatever the share.
        let phrase = count == 1 ? "én informant" : share >= mostShare ? "de fleste informantene" : share >= severalShare ? "flere informanter" : "noen informanter"
        return "\(phrase) (\(count) av \(total))"
    }

    /// The plural of a level name, as Bokmål forms most of them: «kodegruppe» → «kodegrupper»,
    /// «meningsbærende enhet» → «meningsbærende enheter», «tema» → «temaer».
    public static func plural(_ noun: String) -> String {
        noun.hasSuffix("e") ? noun + "r" : noun + "er"
    }

    static func numberWord(_ n: Int) -> String {
        let words = ["null", "én", "to", "tre", "fire", "fem", "seks", "syv", "åtte", "ni", "ti", "elleve", "tolv"]
        return n < words.count ? words[n] : String(n)
    }
}

// Settings come back from snapshots taken by earlier versions: a missing key keeps its default.
extension CondensationSettings {
    enum CodingKeys: String, CodingKey {
        case group, subgroup, unit, code, category, theme, condensate, goldenQuote, minimumParticipants, mostShare, severalShare, variant
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        group = try c.decodeIfPresent(String.self, forKey: .group) ?? group
        subgroup = try c.decodeIfPresent(String.self, forKey: .subgroup) ?? subgroup
        unit = try c.decodeIfPresent(String.self, forKey: .unit) ?? unit
        code = try c.decodeIfPresent(String.self, forKey: .code) ?? code
        category = try c.decodeIfPresent(String.self, forKey: .category) ?? category
        theme = try c.decodeIfPresent(String.self, forKey: .theme) ?? theme
        condensate = try c.decodeIfPresent(String.self, forKey: .condensate) ?? condensate
        goldenQuote = try c.decodeIfPresent(String.self, forKey: .goldenQuote) ?? goldenQuote
        minimumParticipants = try c.decodeIfPresent(Int.self, forKey: .minimumParticipants) ?? minimumParticipants
        mostShare = try c.decodeIfPresent(Double.self, forKey: .mostShare) ?? mostShare
        severalShare = try c.decodeIfPresent(Double.self, forKey: .severalShare) ?? severalShare
        variant = try c.decodeIfPresent(String.self, forKey: .variant) ?? variant
    }
}

extension Condensation {
    public func settings() throws -> CondensationSettings {
        try store.pool.read { db in try Self.settings(db) }
    }

    static func settings(_ db: Database) throws -> CondensationSettings {
        var settings = CondensationSettings()
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM stcSetting") {
            let key: String = row["key"], value: String = row["value"]
            switch key {
            case "group": settings.group = value
            case "subgroup": settings.subgroup = value
            case "unit": settings.unit = value
            case "code": settings.code = value
            case "category": settings.category = value
            case "theme": settings.theme = value
            case "condensate": settings.condensate = value
            case "goldenQuote": settings.goldenQuote = value
            case "minimumParticipants": settings.minimumParticipants = Int(value) ?? settings.minimumParticipants
            case "mostShare": settings.mostShare = Double(value) ?? settings.mostShare
            case "severalShare": settings.severalShare = Double(value) ?? settings.severalShare
            case "variant": settings.variant = value
            default: break
            }
        }
        return settings
    }

    /// Sets one setting: a level name (`group`, `subgroup`, `unit`, `code`, `category`, `theme`,
    /// `condensate`, `goldenQuote`), `minimumParticipants` (1 or more), or `mostShare`/`severalShare` (0–1).
    public func set(_ key: String, to value: String) throws {
        guard CondensationSettings.keys.contains(key) else {
            throw StoreError.notFound(what: "setting", reference: key, candidates: CondensationSettings.keys)
        }
        let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch key {
        case "minimumParticipants":
            guard let n = Int(value), n >= 1 else { throw StoreError.invalidValue(what: key, value: value, expected: "a whole number, 1 or more") }
        case "variant":
            guard ["malterud", "tema"].contains(value) else {
                throw StoreError.invalidValue(what: key, value: value, expected: "malterud or tema")
            }
        case "mostShare", "severalShare":
            guard let share = Double(value), share > 0, share <= 1 else {
                throw StoreError.invalidValue(what: key, value: value, expected: "a share between 0 and 1, such as 0.6")
            }
        default:
            _ = try Self.cleanName(value, what: key)
        }
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO stcSetting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
            let settings = try Self.settings(db)
            if settings.severalShare > settings.mostShare {
                throw StoreError.invalidValue(what: key, value: value, expected: "severalShare not above mostShare")
            }
            try store.log(db, "stc.setting", ["key": .string(key), "value": .string(value)])
        }
    }
}
