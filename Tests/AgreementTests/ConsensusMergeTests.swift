import Foundation
import GRDB
import QualCode
import QualCodeKit
import Testing
import TestSupport
@testable import Agreement

/// Consensus decisions taken in a copy come along when it is merged: the decision, the consensus
/// coder's codings it made, and the team setting; once.
@Suite struct ConsensusMergeTests {
    @Test func aDecisionTakenInACopyComesInWithItsCodings() throws {
        let study = try AgreementStudy()
        defer { study.remove() }
        try study.store.checkpoint()
        let copyURL = study.folder.appendingPathComponent("møte.qualcode")
        try FileManager.default.copyItem(at: study.store.url, to: copyURL)
        let meeting = Agreement(try ProjectModules.open(at: copyURL, coder: "eva"))
        let scope = AgreementScope(coders: ["anne", "berit"])
        let tillitSiv = try meeting.disagreements(scope).items[4]
        _ = try meeting.decide([tillitSiv.id], in: scope, adopt: ["anne"], note: "Hele svaret handler om tillit")
        try meeting.setBlindCoding(true)

        let report = try study.store.merge(from: copyURL)

        #expect(report.count(.consensusDecision).new == 1)
        #expect(report.count(.agreementSetting).new == 1)
        #expect(report.count(.coding).new == 1)
        #expect(try study.consensusTexts("Tillit") == ["jeg stoler på henne. Hun ringer alltid tilbake."])
        let listed = try study.agreement.disagreements(scope).items[4]
        #expect(listed.decision?.adopted == ["anne"] && listed.decision?.note == "Hele svaret handler om tillit")
        #expect(try study.agreement.isBlindCoding())
        let events = try study.store.eventCount()
        let again = try study.store.merge(from: copyURL)
        #expect(!again.broughtInAnything && again.conflicts.isEmpty)
        #expect(again.count(.consensusDecision).matched == 1)
        #expect(try study.store.eventCount() == events)
    }
}
