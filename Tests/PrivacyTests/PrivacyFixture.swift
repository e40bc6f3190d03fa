import Condensation
import Foundation
import QualCode
import QualCodeKit

/// What the privacy tests set up again and again: a project in a folder of its own, and a passage
/// condensed with its unit as the golden quote.
enum PrivacyFixture {
    /// A new project, `studie.qualcode`, in a new temporary folder (the folder is for its neighbours:
    /// backups, the key, files to import).
    static func project(title: String = "Personvern") throws -> (ProjectStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-privacy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try ProjectModules.create(at: folder.appendingPathComponent("studie.qualcode"), title: title, coder: "anne"), folder)
    }

    /// `quote` of `transcript` as a meaning unit of the subgroup `path` («Gruppe/Undergruppe», both made
    /// here), condensed to `text` with the unit as its golden quote.
    @discardableResult
    static func condense(_ store: ProjectStore, _ transcript: Transcript.ID, _ quote: String, into path: String, text: String) throws -> Condensation {
        let stc = Condensation(store)
        let parts = path.split(separator: "/").map(String.init)
        _ = try stc.addGroup(parts[0])
        _ = try stc.addSubgroup(parts[0], parts[1])
        let unit = try stc.addUnit(transcript, .quote(quote, occurrence: nil), groups: [path])
        try stc.condense(path, text: text, golden: unit.segment.id)
        return stc
    }
}
