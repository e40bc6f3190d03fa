import Condensation
import Foundation
import GRDB
import QualCode
import Testing

/// Cases a review of the condensation module found; each failed before its fix.
@Suite struct CondensationReviewTests {
    func study() throws -> CondensationTests.Study { try CondensationTests().study() }

    // 1. A subgroup name with "/" commits codes and a registration, then throws.
    @Test func subgroupWithSlashIsAtomic() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.addGroup("G")
        let before = try s.store.events(last: 500).count
        #expect(throws: CondensationError.slashInSubgroupName("A/B")) { try s.stc.addSubgroup("G", "A/B") }
        #expect(try s.store.events(last: 500).count == before)        
        #expect(try s.stc.groups().map(\.path) == ["G"])              
    }

    // 2. A unit put straight into a subgroup (or moved there with --from GROUP) is not counted for its group.
    @Test func groupSupportCountsUnitsOfItsSubgroups() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.addUnit("siri", .lines(2...2), groups: ["G/S"])
        try s.stc.addUnit("tore", .lines(1...1), groups: ["G/S"])
        let model = try s.stc.model()
        #expect(model.groups[0].participants == ["Siri", "Tore"])      // the chapter: «begge informantene»
        #expect(try s.stc.group("G").units == 2)                     
        let g = try #require(try s.stc.validate().support.first { $0.path == "G" })
        #expect(g.wording == "begge informantene")                   
        #expect(try s.stc.status().missing.contains(.notAnalysed(path: "G")))
    }

    // 3. The step ignores a group whose units are in no subgroup, once any other group has subgroups.
    @Test func stepWaitsForEveryGroupToBeSorted() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        let u = try s.stc.addUnit("siri", .lines(2...2), groups: ["G"])
        try s.stc.addSubgroup("G", "S")
        try s.stc.moveUnit(u.segment.id.shortID, to: "G/S")
        try s.stc.condense("G/S", text: "Jeg.", golden: u.segment.id.shortID)
        try s.stc.addUnit("tore", .lines(1...1), groups: ["Ny"])
        #expect(try s.stc.status().step == 2)                        
    }

    // 4. A retired subgroup (or any unregistered child code) still counts as "sorted".
    @Test func aRetiredSubgroupDoesNotSortAUnit() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        let u = try s.stc.addUnit("siri", .lines(2...2), groups: ["G"])
        let v = try s.stc.addUnit("tore", .lines(1...1), groups: ["G"])
        try s.stc.addSubgroup("G", "S"); try s.stc.addSubgroup("G", "T")
        try s.stc.moveUnit(u.segment.id.shortID, to: "G/S")
        try s.stc.moveUnit(v.segment.id.shortID, to: "G/T")
        try s.stc.retire("G/T")
        #expect(try s.stc.status().missing.contains(.unsortedUnits([v.segment.id])))
    }

    // 5. A golden quote whose words were changed by `transcript edit` is not reported.
    @Test func anEditedGoldenQuoteIsReported() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        let u = try s.stc.addUnit("siri", .quote("Jeg er en sparringspartner, ikke en sjef.", occurrence: nil), groups: ["G/S"])
        try s.stc.condense("G/S", text: "Jeg er ikke sjefen.", golden: u.segment.id.shortID)
        _ = try s.store.replaceText(in: "siri", find: "ikke en sjef", with: "ikke en leder")
        #expect(try s.stc.validate().findings.contains { $0.kind == .goldenQuoteChanged })
    }

    // 6. A golden quote moved out of its subgroup stays its golden quote, unreported.
    @Test func aGoldenQuoteMovedOutIsNoLongerTheGoldenQuote() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        let u = try s.stc.addUnit("siri", .lines(2...2), groups: ["G/S"])
        try s.stc.addUnit("tore", .lines(1...1), groups: ["G/S"])
        try s.stc.addSubgroup("G", "T")
        try s.stc.condense("G/S", text: "Jeg.", golden: u.segment.id.shortID)
        try s.stc.moveUnit(u.segment.id.shortID, to: "G/T", from: "G/S")
        let golden = try s.stc.group("G/S").goldenUnit
        let reported = try s.stc.validate().findings.contains { $0.subject == "G/S" && $0.kind != .thinSupport }
        #expect(golden == nil || reported)                            
    }

    // 6b. Deleting a transcript lists the analysis it takes: units, a golden quote, contradiction marks.
    @Test func deletingATranscriptReportsWhatTheAnalysisLoses() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        let u = try s.stc.addUnit("siri", .lines(2...2), groups: ["G/S"])
        let v = try s.stc.addUnit("siri", .quote("Jeg er en sparringspartner, ikke en sjef.", occurrence: nil), groups: ["G/S"])
        try s.stc.addUnit("tore", .lines(1...1), groups: ["G/S"])
        try s.stc.condense("G/S", text: "Vi veileder og har egne deltakere.", golden: u.segment.id.shortID)
        try s.stc.markContradicting(v.segment.id.shortID, in: "G/S", note: "Avviser sjefsrollen.")
        let siri = try s.store.resolve.transcript("siri")
        let preview = try s.store.transcriptDeletion(siri)
        #expect(preview.count(of: .unit) == 2 && preview.count(of: .goldenQuote) == 1 && preview.count(of: .contradiction) == 1)
        #expect(preview.dependents.first { $0.kind == .goldenQuote }?.effect == .detached)
        #expect(throws: StoreError.inUse(preview)) { try s.store.deleteTranscript(siri) }
        #expect(try s.stc.group("G/S").goldenUnit == u.segment.id)

        let report = try s.store.deleteTranscript(siri, force: true)
        #expect(report.count(of: .unit) == 2 && report.wasDeleted)
        #expect(try s.stc.group("G/S").goldenUnit == nil && s.stc.group("G/S").units == 1)
        #expect(try s.stc.status().missing.contains(.noGoldenQuote(subgroup: "G/S")))
        #expect(try s.stc.validate().findings.allSatisfy { $0.kind != .contradicting })
        #expect(try s.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stcContradiction") } == 0)
        // The core alone (no condensation) counts only its own records.
        let core = try ProjectStore.open(at: s.store.url, coder: "tester")
        #expect(try core.transcriptDeletion(try core.resolve.transcript("tore")).dependents.allSatisfy { !$0.kind.id.hasPrefix("stc.") })
    }

    // 7. `retire` ignores the group part of the path.
    @Test func retireChecksThePath() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.addUnit("siri", .lines(2...2), groups: ["G/S"])
        #expect(throws: StoreError.self) { try s.stc.retire("Tull/S") }
    }

    // 8. A snapshot from before a field was added (58da5ac had no `variant`) cannot be read.
    @Test func anOlderSnapshotStillDecodes() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.addUnit("siri", .lines(2...2), groups: ["G/S"])
        try s.stc.takeSnapshot("gammel")
        try s.store.pool.write { db in
            try db.execute(sql: "UPDATE stcSnapshot SET model = json_remove(model, '$.settings.variant')")
        }
        #expect(throws: Never.self) { _ = try s.stc.snapshot("gammel") }
    }

    // 9. A three-level path through `stc unit add` makes subgroups with no group: counted, never exported.
    @Test func deeperPathsAreRefusedOrExported() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        do { try s.stc.addUnit("siri", .lines(2...2), groups: ["A/B/C"]) } catch { return }  // refusing would be fine
        let status = try s.stc.status()
        let exported = try s.stc.model().groups.flatMap { [$0] + $0.subgroups }.count
        #expect(status.groups + status.subgroups == exported)        
    }

    // 10–12. Automatic snapshot labels, retired groups, snapshot labels typed differently, heading prefixes, control characters.
    @Test func retiredGroupsTakeNoWorkAndAutomaticSnapshotsNeverClash() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.addUnit("siri", .lines(2...2), groups: ["Tid/Tidspress"])
        try s.stc.retire("Tid")
        try s.stc.retire("Tid", restore: true)
        try s.stc.retire("Tid")  // the same second: the automatic snapshot gets « (2)»
        #expect(try s.stc.snapshots().count == 2)
        #expect(throws: CondensationError.groupRetired(path: "Tid")) { try s.stc.addUnit("tore", .lines(1...1), groups: ["Tid"]) }
        #expect(throws: CondensationError.groupRetired(path: "Tid")) { try s.stc.addGroup("Tid") }
        #expect(throws: CondensationError.groupOfSubgroupRetired(subgroup: "Tid/Tidspress", group: "Tid")) {
            try s.stc.retire("Tid/Tidspress", restore: true)
        }
        try s.stc.retire("Tid", restore: true)

        try s.stc.takeSnapshot("Før merge ")
        #expect(throws: Never.self) { _ = try s.stc.snapshot("før merge") }
        try s.stc.analyse("Tid", heading: "Tid", text: "x")
        try s.stc.analyse("Tid/Tidspress", heading: "Tidspress", text: "y")
        let headings = try s.stc.model().chapterDocument().blocks.compactMap { block -> String? in
            if case let .heading(3, text) = block { return Inline.plainText(text) }
            return nil
        }
        #expect(headings == ["Tid — Tidspress"])
        #expect(throws: StoreError.self) { try s.stc.addTheme("C\u{1F}D") }
        let before = try s.store.events(last: 500).count
        try s.stc.shareThemes()  // nothing to share: nothing logged
        #expect(try s.store.events(last: 500).count == before)
    }
}

@Suite struct GroupNamesTests {
    @Test func aGroupNamedByAUnitIsNeverAnOrdinaryCodeBelowAnother() throws {
        let s = try CondensationTests().study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        _ = try s.store.code("tore", .lines(1...1), codes: ["Ledelse/Tillit"])
        try s.stc.addUnit("siri", .lines(2...2), groups: ["Tillit"])
        let groups = try s.stc.groups().map(\.path)
        #expect(groups.contains("Tillit") && !groups.contains("Ledelse"))
        #expect(try s.store.codeTree().map(\.path).contains("Ledelse/Tillit"))
    }
}
