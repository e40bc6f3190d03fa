import Condensation
import Foundation
import GRDB
import QualCode
import Testing
import TestSupport

/// A copy's condensation comes along when it is merged: themes, groups and subgroups with their
/// condensates and golden quotes, links, contradiction-free units, snapshots; and only once.
@Suite struct CondensationMergeTests {
    static let interview = """
        Intervjuer: Hvordan er rollen?
        Siri: Jeg skal både veilede og ha egne deltakere, eh, det er en balansekunst.
        Intervjuer: Og teamet?
        Siri: Vi deler alt med hverandre (latter). Det gir «trygghet».
        """

    @Test func aCopysCondensationComesInOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stc-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ours = try ProjectStore.create(at: folder.appendingPathComponent("studie.qualcode"), title: "Metodeveiledere", coder: "anne",
                                           extensions: [Condensation.schema])
        _ = try ours.addParticipant(pseudonym: "Siri")
        let file = folder.appendingPathComponent("siri.txt")
        try Data(Self.interview.utf8).write(to: file)
        var options = ImportOptions()
        options.participants = ["Siri"]
        let transcript = try ours.importTranscripts([file], options: options)[0].id
        _ = try Condensation(ours).addTheme("Rollen")
        try ours.checkpoint()
        let copyURL = folder.appendingPathComponent("berit.qualcode")
        try FileManager.default.copyItem(at: ours.url, to: copyURL)

        // Berit condenses in her copy: a group, a subgroup with a unit, a condensate and a golden quote.
        let theirs = try ProjectStore.open(at: copyURL, coder: "berit", extensions: [Condensation.schema])
        let stc = Condensation(theirs)
        _ = try stc.addTheme("Trygghet", note: "Teamet gir trygghet.")
        _ = try stc.addGroup("Balansekunst")
        _ = try stc.addSubgroup("Balansekunst", "Egne deltakere")
        _ = try stc.addGroup("Fellesskap")
        _ = try stc.addSubgroup("Fellesskap", "Deling")
        _ = try stc.link("Balansekunst/Egne deltakere", to: "Fellesskap")
        let unit = try stc.addUnit(transcript, .quote("det er en balansekunst", occurrence: nil), groups: ["Balansekunst/Egne deltakere"])
        try stc.condense("Balansekunst/Egne deltakere", text: "Jeg må både veilede og følge opp mine egne.", golden: unit.segment.id)
        try stc.analyse("Balansekunst/Egne deltakere", heading: "To roller på én gang", text: nil)
        _ = try stc.takeSnapshot("Etter trinn 3")

        let report = try ours.merge(from: copyURL)

        #expect(report.count(.theme) == MergeCount(kind: .theme, new: 1, matched: 1))
        #expect(report.count(.group).new == 4)
        #expect(report.count(.groupLink).new == 1)
        #expect(report.count(.snapshot).new == 1)
        #expect(report.count(.coding).new == 1)
        let mine = Condensation(ours)
        #expect(try mine.themes().map(\.name) == ["Rollen", "Trygghet"])
        let subgroup = try mine.group("Balansekunst/Egne deltakere")
        #expect(subgroup.condensate == "Jeg må både veilede og følge opp mine egne.")
        #expect(subgroup.heading == "To roller på én gang")
        #expect(subgroup.units == 1)
        // The golden quote points at the unit as it is here.
        let units = try mine.units(group: "Balansekunst/Egne deltakere")
        #expect(units.count == 1)
        #expect(subgroup.goldenUnit == units.first?.id)
        #expect(try mine.snapshots().map(\.label) == ["Etter trinn 3"])

        // Again: nothing new, nothing written.
        let events = try ours.eventCount()
        let again = try ours.merge(from: copyURL)
        #expect(!again.broughtInAnything)
        #expect(again.count(.group).matched == 4)
        #expect(try ours.eventCount() == events)
        #expect(try ours.integrityCheck() == "ok")
    }
}

extension CondensationMergeTests {
    /// Two coders share the groups and split the condensing: what one wrote for a group the other left
    /// empty comes in; where both wrote, ours stays and the conflict is listed.
    @Test func aCondensateWrittenOnlyInTheCopyComesIn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stc-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ours = try ProjectStore.create(at: folder.appendingPathComponent("studie.qualcode"), title: "Metodeveiledere", coder: "anne",
                                           extensions: [Condensation.schema])
        let file = folder.appendingPathComponent("siri.txt")
        try Data(Self.interview.utf8).write(to: file)
        let transcript = try ours.importTranscripts([file], options: ImportOptions())[0].id
        let stc = Condensation(ours)
        _ = try stc.addGroup("Balansekunst")
        _ = try stc.addSubgroup("Balansekunst", "Egne deltakere")
        _ = try stc.addSubgroup("Balansekunst", "Deling")
        let unit = try stc.addUnit(transcript, .quote("det er en balansekunst", occurrence: nil), groups: ["Balansekunst/Egne deltakere"])
        _ = try stc.addUnit(transcript, .quote("Vi deler alt med hverandre", occurrence: nil), groups: ["Balansekunst/Deling"])
        try ours.checkpoint()
        let copyURL = folder.appendingPathComponent("berit.qualcode")
        try FileManager.default.copyItem(at: ours.url, to: copyURL)
        let theirs = Condensation(try ProjectStore.open(at: copyURL, coder: "berit", extensions: [Condensation.schema]))
        try theirs.condense("Balansekunst/Egne deltakere", text: "Jeg må både veilede og følge opp mine egne.", golden: unit.segment.id)
        try theirs.analyse("Balansekunst/Egne deltakere", heading: "To roller på én gang", text: "Berits analyse.")
        try theirs.condense("Balansekunst/Deling", text: "Berits kondensat.", golden: Segment.ID?.none)
        try stc.condense("Balansekunst/Deling", text: "Annes kondensat.", golden: Segment.ID?.none)

        let report = try ours.merge(from: copyURL)

        #expect(report.broughtInAnything)
        #expect(report.count(.group) == MergeCount(kind: .group, new: 0, matched: 3, filled: 1))
        let filled = try stc.group("Balansekunst/Egne deltakere")
        #expect(filled.condensate == "Jeg må både veilede og følge opp mine egne.")
        #expect(filled.heading == "To roller på én gang")
        #expect(filled.goldenUnit == unit.segment.id)
        #expect(try stc.group("Balansekunst/Deling").condensate == "Annes kondensat.")
        #expect(report.conflicts.map { "\($0.what) \($0.aspect.id): \($0.ours) | \($0.theirs)" }
            == ["Balansekunst/Deling stc.condensate: Annes kondensat. | Berits kondensat."])
        #expect(try ours.events(last: 1).first?.payload.contains("\"filled\":{\"stc.group\":1}") == true)
        // Again: the gap is ours now, so nothing is written.
        let events = try ours.eventCount()
        #expect(!(try ours.merge(from: copyURL).broughtInAnything))
        #expect(try ours.eventCount() == events)
    }

    /// The demo project as version 0.1 wrote it (see the core's migration tests).
    static let landed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("QualCodeTests/Fixtures/landed-0.1.qualcode")

    @Test func aCopyWrittenByAnOlderVersionIsReadNotMigratedInPlace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stc-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("gammel.qualcode")
        try FileManager.default.copyItem(at: Self.landed, to: old)
        let bytes = try Data(contentsOf: old)
        let ours = try ProjectStore.create(at: folder.appendingPathComponent("ny.qualcode"), title: "Ny", coder: "anne",
                                           extensions: [Condensation.schema])

        let report = try ours.merge(from: old)

        #expect(report.count(.coding).new == 111)
        #expect(report.count(.code).new == 22)
        #expect(report.count(.group).new > 0)
        #expect(try Data(contentsOf: old) == bytes)
        #expect(!FileManager.default.fileExists(atPath: old.path + "-wal"))
        #expect(try ours.counts().codings == 111)
        #expect(try ours.integrityCheck() == "ok")
        #expect(try ours.merge(from: old).broughtInAnything == false)
        // The core alone does not know condensation's tables: it refuses rather than leave them behind.
        let core = try ProjectStore.create(at: folder.appendingPathComponent("kjerne.qualcode"), title: "Kjerne", coder: "anne")
        #expect(throws: StoreError.mergeRefused(path: old.path, reason: .missingModules(["stc"]))) { try core.merge(from: old) }
    }
}
