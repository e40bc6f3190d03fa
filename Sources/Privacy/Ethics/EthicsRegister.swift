import Foundation
import GRDB
import QualCode

/// An approval the project holds: Sikt (formerly NSD), a research ethics committee, a faculty committee.
public struct EthicsApproval: Sendable, Hashable, Codable {
    public var body: String
    public var reference: String
    /// YYYY-MM-DD.
    public var date: String
    public var note: String?

    public init(body: String, reference: String, date: String, note: String? = nil) {
        self.body = body
        self.reference = reference
        self.date = date
        self.note = note
    }
}

/// A participant's consent: when it was given and how (a signed form, by e-mail, orally on the recording).
public struct EthicsConsent: Sendable, Hashable, Codable {
    public var participant: String
    public var date: String
    public var form: String
}

/// One recording's deletion, as the audio deletion log keeps it.
public struct AudioDeletion: Sendable, Hashable, Codable {
    /// The participant whose interview it was; nil after they were withdrawn.
    public var participant: String?
    public var date: String
    public var method: String?
    public var recordedBy: String
}

/// The ethics register as `qualcode ethics` prints it, with what is overdue or missing.
public struct EthicsRegister: Sendable, Hashable, Codable {
    public var approvals: [EthicsApproval]
    public var consents: [EthicsConsent]
    /// Participants without a recorded consent.
    public var withoutConsent: [String]
    public var deleteAudioBy: String?
    public var deleteDataBy: String?
    public var audioDeletions: [AudioDeletion]
    /// What is overdue on `today`, one line each.
    public var warnings: [String]
}

extension Privacy {
    /// The register, its warnings worked out for `today` (YYYY-MM-DD; by default the date here).
    public func ethicsRegister(today: String = Privacy.today()) throws -> EthicsRegister {
        try store.pool.read { db in
            let approvals = try Row.fetchAll(db, sql: "SELECT body, reference, date, note FROM ethicsApproval ORDER BY date, body").map {
                EthicsApproval(body: $0["body"], reference: $0["reference"], date: $0["date"], note: $0["note"])
            }
            let consents = try Row.fetchAll(db, sql: """
                SELECT p.pseudonym, c.date, c.form FROM ethicsConsent c JOIN participant p ON p.id = c.participantId ORDER BY p.pseudonym
                """).map { EthicsConsent(participant: $0[0], date: $0[1], form: $0[2]) }
            let without = try String.fetchAll(db, sql: """
                SELECT pseudonym FROM participant WHERE id NOT IN (SELECT participantId FROM ethicsConsent) ORDER BY pseudonym
                """)
            let deletions = try Row.fetchAll(db, sql: """
                SELECT p.pseudonym, d.date, d.method, d.recordedBy FROM ethicsAudioDeletion d LEFT JOIN participant p ON p.id = d.participantId
                 ORDER BY d.date
                """).map { AudioDeletion(participant: $0[0], date: $0[1], method: $0[2], recordedBy: $0[3]) }
            let setting = { (key: String) in try String.fetchOne(db, sql: "SELECT value FROM privacySetting WHERE key = ?", arguments: [key]) }
            let audioBy = try setting("deleteAudioBy"), dataBy = try setting("deleteDataBy")
            var warnings: [String] = []
            if let audioBy, audioBy < today {
                let deleted = Set(deletions.compactMap(\.participant))
                let left = try String.fetchAll(db, sql: "SELECT pseudonym FROM participant ORDER BY pseudonym").filter { !deleted.contains($0) }
                if !left.isEmpty {
                    warnings.append("Audio was to be deleted by \(audioBy); no deletion is logged for \(left.joined(separator: ", ")).")
                }
            }
            if let dataBy, dataBy < today {
                warnings.append("The data were to be deleted or anonymised by \(dataBy).")
            }
            if !without.isEmpty { warnings.append("No consent is recorded for \(without.joined(separator: ", ")).") }
            if approvals.isEmpty { warnings.append("No approval is recorded (Sikt, an ethics committee).") }
            return EthicsRegister(approvals: approvals, consents: consents, withoutConsent: without, deleteAudioBy: audioBy, deleteDataBy: dataBy,
                                  audioDeletions: deletions, warnings: warnings)
        }
    }

    /// Records an approval, or changes the date and note of the one with this body and reference.
    public func recordApproval(_ approval: EthicsApproval) throws {
        let body = try Self.required(approval.body, "approving body"), reference = try Self.required(approval.reference, "reference")
        let date = try Self.date(approval.date)
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO ethicsApproval (id, body, reference, date, note) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (body, reference) DO UPDATE SET date = excluded.date, note = excluded.note
                """, arguments: [UUID(), body, reference, date, approval.note])
            try store.log(db, "ethics.approval", ["body": .string(body), "reference": .string(reference), "date": .string(date)])
        }
    }

    /// Records (or corrects) a participant's consent.
    public func recordConsent(_ participant: Participant.ID, date: String, form: String) throws {
        let date = try Self.date(date), form = try Self.required(form, "consent form")
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO ethicsConsent (participantId, date, form, recordedBy) VALUES (?, ?, ?, ?)
                ON CONFLICT (participantId) DO UPDATE SET date = excluded.date, form = excluded.form, recordedBy = excluded.recordedBy
                """, arguments: [participant, date, form, store.coder])
            try store.log(db, "ethics.consent", ["participant": LogValue(participant), "date": .string(date), "form": .string(form)])
        }
    }

    /// The planned deletion dates; nil leaves one as it is.
    public func planDeletion(audioBy: String?, dataBy: String?) throws {
        let audio = try audioBy.map(Self.date), data = try dataBy.map(Self.date)
        try store.pool.write { db in
            for (key, value) in [("deleteAudioBy", audio), ("deleteDataBy", data)] {
                guard let value else { continue }
                try db.execute(sql: "INSERT OR REPLACE INTO privacySetting (key, value) VALUES (?, ?)", arguments: [key, value])
            }
            try store.log(db, "ethics.plan", ["audioBy": LogValue(audio), "dataBy": LogValue(data)])
        }
    }

    /// Logs that a participant's recording was deleted.
    public func logAudioDeletion(_ participant: Participant.ID, date: String, method: String?) throws {
        let date = try Self.date(date)
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO ethicsAudioDeletion (id, participantId, date, method, recordedBy) VALUES (?, ?, ?, ?, ?)",
                           arguments: [UUID(), participant, date, method, store.coder])
            try store.log(db, "ethics.audioDeleted", ["participant": LogValue(participant), "date": .string(date)])
        }
    }

    /// Today as YYYY-MM-DD, here.
    public static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    private static func date(_ text: String) throws -> String {
        guard let date = AttributeType.date.normalized(text.trimmingCharacters(in: .whitespaces)) else {
            throw PrivacyError.invalidDate(text)
        }
        return date
    }

    private static func required(_ text: String, _ what: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw PrivacyError.emptyValue(what: what) }
        return String(trimmed.prefix(500))
    }
}
