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
}
