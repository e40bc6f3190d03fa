import Foundation
import QualCode
import QualCodeKit
import Testing
@testable import Privacy

/// A Teams recording's voice tags carry people's real names: imported through the key, the project
/// sees only pseudonyms — in the speaker turns, the text, the title, the short name and the file name
/// it records — and the key keeps the mapping.
@Suite struct PseudonymImportTests {
    static let vtt = """
        WEBVTT

        00:00:01.000 --> 00:00:04.000
        <v Sivert Prøvesen (Intervjuer)>Hei, Tordis. Hvordan har uka vært?</v>

        00:00:04.500 --> 00:00:09.000
        <v Tordis Testdatter>Travel, eh. Tordis Testdatter er ikke vant til så mange møter (latter).</v>
        """

    /// A project with Eva, the recording beside it under its real name, and a key naming both speakers.
    static func recording() throws -> (store: ProjectStore, file: URL, key: PseudonymKey) {
        let (store, folder) = try PrivacyFixture.project(title: "Personvern")
        _ = try store.addParticipant(pseudonym: "Eva")
        let file = folder.appendingPathComponent("Teams-møte med Tordis Testdatter.vtt")
        try Data(Self.vtt.utf8).write(to: file)
        var key = PseudonymKey()
        try key.set(.init(pseudonym: "Eva", realName: "Tordis Testdatter"))
        try key.set(.init(pseudonym: "Intervjuer", realName: "Sivert Prøvesen", voices: ["Sivert Prøvesen (Intervjuer)"]))
        return (store, file, key)
    }

    @Test func voiceTagsAndNamesBecomePseudonymsBeforeAnythingIsStored() throws {
        let (store, file, key) = try Self.recording()

        let imported = try Privacy(store).importTranscripts([file], options: ImportOptions(), key: key)
        let summary = try #require(imported.first)
        #expect(summary.title == "Teams-møte med Eva" && summary.participants == ["Eva"])
        let page = try store.transcriptPage(summary.id)
        #expect(page.turns.map(\.speaker) == ["Intervjuer", "Eva"])
        #expect(page.text.contains("Hei, Eva.") && page.text.contains("Eva er ikke vant"))
        try store.checkpoint()
        let bytes = try Data(contentsOf: store.url)
        for name in ["Tordis", "Testdatter", "Sivert", "Prøvesen"] {
            #expect(bytes.range(of: Data(name.utf8)) == nil, "\(name) in the project file")
        }
        // The copies were removed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("qualcode-pseudonyms-") }
            .allSatisfy { !FileManager.default.fileExists(atPath: NSTemporaryDirectory() + $0 + "/0/Teams-møte med Eva.vtt") })
    }
}
