import Foundation
import GRDB
import QualCode

/// What step 3 and 4 of systematic text condensation wrote about each code group and subgroup — the
/// condensate and the analytic text — as REFI-QDA notes referenced from the group's code. The groups
/// themselves are codes and go out with the code tree. Imported again (here or elsewhere) they are memos
/// on the code.
struct CondensationNotes: Sendable {
    struct Note: Sendable {
        var guid: String
        var code: UUID
        var name: String
        var text: String
        var created: Date
    }

    var notes: [Note] = []

    /// The project's condensates and analytic texts, or none without the condensation tables.
    init(_ db: Database) throws {
        guard try db.tableExists("stcGroup") else { return }
        for row in try Row.fetchAll(db, sql: """
            SELECT codeId, condensate, heading, analyticText, createdAt FROM stcGroup WHERE retiredAt IS NULL ORDER BY createdAt
            """) {
            let code: UUID = row["codeId"], created: Date = row["createdAt"]
            let heading: String? = row["heading"]
            for (kind, column) in [("Kondensat", "condensate"), ("Analytisk tekst", "analyticText")] {
                guard let text: String = row[column], text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { continue }
                notes.append(Note(guid: RefiGUID.written(RefiGUID.named(column, RefiGUID.written(code))), code: code,
                                  name: heading.map { "\(kind): \($0)" } ?? kind, text: text, created: created))
            }
        }
    }

    func notes(on code: UUID) -> [Note] { notes.filter { $0.code == code } }
}
