import Foundation
import QualCode
import QualCodeKit
import Testing
@testable import Privacy

/// The ethics register: approvals, consent per participant, planned deletions and the audio deletion
/// log; warnings for what is overdue or missing; bad dates refused with nothing changed; a merge carries
/// it and a withdrawal takes the participant's consent while the log of their audio's deletion stays.
@Suite struct EthicsRegisterTests {
    static func project(_ coder: String = "anne", _ name: String = "studie.qualcode", in folder: URL? = nil) throws -> ProjectStore {
        let folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-ethics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try ProjectModules.create(at: folder.appendingPathComponent(name), title: "Etikk", coder: coder)
    }

    @Test func theRegisterWarnsAboutWhatIsOverdue() throws {
        let store = try Self.project()
        let privacy = Privacy(store)
        let eva = try store.addParticipant(pseudonym: "Eva").id
        let ola = try store.addParticipant(pseudonym: "Ola").id
        var register = try privacy.ethicsRegister(today: "2026-12-04")
        #expect(register.warnings == ["No consent is recorded for Eva, Ola.", "No approval is recorded (Sikt, an ethics committee)."])

        try privacy.recordApproval(EthicsApproval(body: "Sikt", reference: "000001", date: "2026-01-15"))
        try privacy.recordApproval(EthicsApproval(body: "Sikt", reference: "000001", date: "2026-01-20", note: "endret"))
        try privacy.recordConsent(eva, date: "2026-02-01", form: "skriftlig")
        try privacy.recordConsent(ola, date: "2026-02-03", form: "muntlig på opptaket")
        try privacy.planDeletion(audioBy: "2026-06-30", dataBy: "2027-12-31")
        try privacy.logAudioDeletion(eva, date: "2026-06-01", method: "slettet fra opptaker og OneDrive")
        register = try privacy.ethicsRegister(today: "2026-12-04")
        #expect(register.approvals == [EthicsApproval(body: "Sikt", reference: "000001", date: "2026-01-20", note: "endret")])
        #expect(register.consents.map(\.participant) == ["Eva", "Ola"] && register.withoutConsent.isEmpty)
        #expect(register.warnings == ["Audio was to be deleted by 2026-06-30; no deletion is logged for Ola."])
        #expect(try privacy.ethicsRegister(today: "2026-06-30").warnings.isEmpty)
        #expect(try privacy.ethicsRegister(today: "2028-01-01").warnings.contains("The data were to be deleted or anonymised by 2027-12-31."))

        let events = try store.eventCount()
        #expect(throws: PrivacyError.invalidDate("31.12.2026")) { try privacy.planDeletion(audioBy: "31.12.2026", dataBy: nil) }
        #expect(throws: PrivacyError.invalidDate("2026-02-30")) { try privacy.recordConsent(eva, date: "2026-02-30", form: "skriftlig") }
        #expect(throws: PrivacyError.emptyValue(what: "reference")) {
            try privacy.recordApproval(EthicsApproval(body: "REK", reference: " ", date: "2026-01-01"))
        }
        #expect(try store.eventCount() == events)

        // Withdrawn: the consent goes with the participant; the deletion of the recording stays logged.
        _ = try store.withdraw(participant: eva)
        register = try privacy.ethicsRegister(today: "2026-07-01")
        #expect(register.consents.map(\.participant) == ["Ola"] && register.audioDeletions.map(\.participant) == [nil])
    }

    @Test func aMergeCarriesTheRegister() throws {
        let store = try Self.project()
        _ = try store.addParticipant(pseudonym: "Eva")
        try store.checkpoint()
        let copyURL = store.url.deletingLastPathComponent().appendingPathComponent("berit.qualcode")
        try FileManager.default.copyItem(at: store.url, to: copyURL)
        let copy = try ProjectModules.open(at: copyURL, coder: "berit")
        let privacy = Privacy(copy)
        try privacy.recordApproval(EthicsApproval(body: "Sikt", reference: "000002", date: "2026-01-15"))
        try privacy.recordConsent(try copy.resolve.participant("Eva"), date: "2026-02-01", form: "skriftlig")
        try privacy.logAudioDeletion(try copy.resolve.participant("Eva"), date: "2026-06-01", method: nil)
        let report = try store.merge(from: copyURL)
        #expect(report.count(.ethicsApproval).new == 1 && report.count(.ethicsConsent).new == 1 && report.count(.audioDeletion).new == 1)
        #expect(try store.merge(from: copyURL).broughtInAnything == false)
        let register = try Privacy(store).ethicsRegister(today: "2026-12-04")
        #expect(register.consents.first?.form == "skriftlig" && register.audioDeletions.count == 1)
    }
}
