import Condensation
import Foundation
import QualCode
import QualCodeKit
import Testing
@testable import Privacy

/// What a withdrawal tells the researcher to read again: the code groups whose condensates were
/// written from the withdrawn participant's units, in the preview and in the report alike.
@Suite struct WithdrawalReportTests {
    @Test func theCondensatesThatLostUnitsAreNamed() throws {
        let (store, transcript, _) = try WithdrawalTests.focusGroup("""
            Moderator: Hva styrer arbeidet?
            Eva: Målene kommer fra direktoratet, ikke fra oss.
            Ola: Vi lager egne mål i teamet.
            """, participants: ["Eva", "Ola"])
        let stc = Condensation(store)
        _ = try stc.addGroup("Styring")
        _ = try stc.addSubgroup("Styring", "Mål")
        _ = try stc.addSubgroup("Styring", "Team")
        _ = try stc.addUnit(transcript, .quote("Målene kommer fra direktoratet", occurrence: nil), groups: ["Styring/Mål"])
        _ = try stc.addUnit(transcript, .quote("Vi lager egne mål i teamet.", occurrence: nil), groups: ["Styring/Team"])
        let eva = try store.resolve.participant("Eva")
        let preview = try store.withdrawalPreview(participant: eva)
        #expect(preview.dependents.first { $0.kind == .unit }?.names == ["Styring/Mål"])
        let report = try store.withdraw(participant: eva)
        #expect(report.dependents.first { $0.kind == .unit }.map { ($0.count, $0.names) } ?? (0, []) == (1, ["Styring/Mål"]))
        #expect(try stc.units(group: "Styring/Team").count == 1)
    }

    /// A turn over several lines keeps its lines, each withdrawn: every line after it keeps its number.
    @Test func aTurnOverSeveralLinesKeepsItsLines() throws {
        let (store, transcript, _) = try WithdrawalTests.focusGroup("""
            Moderator: Fortell.
            Eva: Først kom brevet fra Fjellvik.

            Så ringte saksbehandleren igjen.
            Ola: Hos meg var det stille.
            """, participants: ["Eva", "Ola"])
        _ = try store.code(transcript, .quote("Hos meg var det stille.", occurrence: nil), codes: ["Ro"])
        let before = try store.pool.read { try Int.fetchOne($0, sql: "SELECT firstLine FROM segment") }
        _ = try store.withdraw(participant: try store.resolve.participant("Eva"))
        #expect(try store.transcript(transcript).text == """
            Moderator: Fortell.
            Eva: [trukket]

            [trukket]
            Ola: Hos meg var det stille.
            """)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT firstLine FROM segment") } == before)
    }
}
