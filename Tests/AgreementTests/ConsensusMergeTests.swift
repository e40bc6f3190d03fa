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

    @Test func aDecisionTakenDifferentlyHereKeepsOurConsensusCodings() throws {
        let study = try AgreementStudy()
        defer { study.remove() }
        try study.store.checkpoint()
        let copyURL = study.folder.appendingPathComponent("møte.qualcode")
        try FileManager.default.copyItem(at: study.store.url, to: copyURL)
        let scope = AgreementScope(coders: ["anne", "berit"])
        // The meeting in the copy adopts Anne's passage; here the same disagreement was settled as «none».
        let meeting = Agreement(try ProjectModules.open(at: copyURL, coder: "eva"))
        _ = try meeting.decide([try meeting.disagreements(scope).items[4].id], in: scope, adopt: ["anne"], note: nil)
        _ = try study.agreement.decide([try study.agreement.disagreements(scope).items[4].id], in: scope, adopt: [], note: nil)
        let before = try study.consensusTexts("Tillit")

        let report = try study.store.merge(from: copyURL)

        #expect(report.conflicts.map(\.aspect) == [.adopted])
        #expect(report.count(.coding).new == 0)
        #expect(try study.consensusTexts("Tillit") == before)
        #expect(try study.agreement.disagreements(scope).items[4].decision?.adopted == [])
        #expect(try study.store.integrityCheck() == "ok")
    }
}
