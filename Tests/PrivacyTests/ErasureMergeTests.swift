import Foundation
import GRDB
import QualCode
import QualCodeKit
import Testing
@testable import Privacy

/// A merge refuses a copy that still holds words withdrawn or redacted here, and only such a copy: one
/// made since, edited afterwards on either side, or holding a text this project still holds itself
/// (a transcript imported twice, one copy redacted), comes in.
@Suite struct ErasureMergeTests {
    static func copy(_ store: ProjectStore, _ name: String = "kopi.qualcode") throws -> URL {
        try store.checkpoint()
        let copy = store.url.deletingLastPathComponent().appendingPathComponent(name)
        try FileManager.default.copyItem(at: store.url, to: copy)
        return copy
    }

    @Test func aTextThisProjectStillHoldsIsNoErasedText() throws {
        let text = "Eva: Jeg ringte fra 912 34 567 hver uke.\n"
        let (store, first, folder) = try RedactionApplyTests.project(text: text)
        // The same file imported a second time, on purpose: two transcripts with one text.
        let file = folder.appendingPathComponent("intervju-eva-2.txt")
        try Data(text.utf8).write(to: file)
        var options = ImportOptions()
        options.allowDuplicate = true
        let second = try store.importTranscripts([file], options: options)[0].id
        #expect(first != second)
        let stored = try store.transcript(first).text
        #expect(try store.transcript(second).text == stored)
        let edits = [TextEdit(start: 20, end: 30, replacement: "[telefon]")]
        _ = try store.applyEdits(edits, to: first, expectedText: stored, purpose: .redaction)
        // A copy of the project as it is now holds nothing this project does not.
        let copy = try Self.copy(store)
        _ = try store.merge(from: copy)
    }

    @Test func aCopyMadeSinceAndEditedAfterwardsComesIn() throws {
        let text = "Moderator: Hva tenker dere?\nEva: Jeg bodde i Tromsø den gangen.\nOla: Jeg flyttet hit i fjor.\n"
        let (store, transcript, _) = try WithdrawalTests.focusGroup(text, participants: ["Eva", "Ola"])
        // Made before and edited there: still Eva's words, under a text of its own.
        let before = try Self.copy(store, "før.qualcode")
        _ = try ProjectModules.open(at: before, coder: "berit").replaceText(in: transcript, find: "fjor", with: "fjor vår")
        _ = try store.withdraw(participant: try store.resolve.participant("Eva"))
        #expect(throws: StoreError.mergeRefused(path: before.path, reason: .holdsErasedWords(participants: ["Eva"], transcripts: ["fokusgruppe"]))) {
            try store.merge(from: before)
        }
        let copy = try Self.copy(store)
        // Each side fixes a typo in the focus group after the copy was made.
        _ = try ProjectModules.open(at: copy, coder: "berit").replaceText(in: transcript, find: "hit", with: "hit til byen")
        _ = try store.merge(from: copy)
        _ = try store.replaceText(in: transcript, find: "fjor", with: "fjor høst")
        let second = try Self.copy(store, "kopi2.qualcode")
        _ = try store.replaceText(in: transcript, find: "Hva tenker", with: "Hva mener")
        _ = try store.merge(from: second)
    }
}
