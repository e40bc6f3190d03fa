import Foundation
import Privacy
import QualCode

/// Privacy on the whole corpus: a scan of every transcript with a key of 50 names and a dictionary,
/// redactions applied to one transcript, and one participant withdrawn (with the log scrubbed, the
/// index merged and the write-ahead log truncated). Runs after the phases it would change the figures of.
func privacyPhase(_ options: Options, store: ProjectStore, report: inout Report) throws {
    report.section("Privacy (scan, redact, withdraw)")
    note("privacy: scanning …")
    var key = PseudonymKey()
    for (index, name) in Vocabulary.firstNames.enumerated() {
        try key.set(.init(pseudonym: "Deltaker \(index + 1)", realName: "\(name) Testesen"))
    }
    try key.setTerm(PrivacyTerm(text: "fylkeskontoret", kind: .place))
    let privacy = Privacy(store)
    let (scan, scanTime) = try timed { try privacy.scan(key: key, pronouns: true) }
    let findings = scan.reduce(0) { $0 + $1.findings.count }
    report.add("scan \(scan.count) transcripts (50 names, pronouns)", formatDuration(scanTime) + ", \(formatCount(findings)) findings")
    // A safe export screens every string it would write: the codings table, every coded passage.
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-bench-kodinger-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: file) }
    var target = ExportTarget(path: file.path, format: .csv)
    let (_, plainTime) = try timed { try store.exportTable(.codings(CodingsOptions()), to: target) }
    try privacy.dismiss(Set(scan.flatMap(\.findings).map(\.id)), key: key)
    // The corpus's pseudonyms («Eva K.») share first names with the key's real names, which makes every
    // row naming a participant a finding (rightly); the screen is timed with the names no pseudonym holds.
    let taken = Set(try store.participants().flatMap { $0.pseudonym.lowercased().split(separator: " ").map(String.init) })
    var screened = PseudonymKey()
    for person in key.people where !person.realName.lowercased().split(separator: " ").contains(where: { taken.contains(String($0)) }) {
        try screened.set(person)
    }
    target.screen = try privacy.safeExportScreen(key: screened)
    let (rows, safeTime) = try timed { try store.exportTable(.codings(CodingsOptions()), to: target) }
    report.add("codings table, \(formatCount(rows.rows)) rows: plain / --safe (\(screened.people.count) names; every finding dismissed first)",
               formatDuration(plainTime) + " / " + formatDuration(safeTime))
    try privacy.restore(Set(scan.flatMap(\.findings).map(\.id)), key: key)
    guard let busiest = scan.max(by: { $0.findings.count < $1.findings.count }), !busiest.findings.isEmpty else { return }
    let (applied, applyTime) = try timed { try privacy.apply(RedactionChoice(transcripts: [busiest.transcript], pronouns: true), key: key) }
    report.add("apply \(formatCount(applied.applied)) redactions in one transcript (log scrubbed, index merged, WAL truncated)",
               formatDuration(applyTime))
    guard let participant = try store.participants().first(where: { $0.transcripts > 0 }) else { return }
    let (withdrawn, withdrawTime) = try timed { try store.withdraw(participant: participant.id) }
    report.add("withdraw one participant (\(withdrawn.transcripts.count) transcript, \(formatCount(withdrawn.eventsScrubbed)) log entries scrubbed)",
               formatDuration(withdrawTime))
}
