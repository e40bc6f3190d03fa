import Condensation
import Foundation
import GRDB
import QualCode
import QualCodeKit
import Testing

/// What condensation hands a front end is data: status items and errors carry their values and
/// remedies, and say nothing of a command line; multi-step changes are one transaction.
@Suite struct CondensationDataTests {
    func study() throws -> CondensationTests.Study { try CondensationTests().study() }

    /// What no library sentence may contain: a flag, a command in backticks, a command name.
    static func speaksCommandLine(_ text: String) -> Bool {
        text.contains("--") || text.contains("`") || text.contains("stc ") || text.contains("memo add")
    }

    func counts(_ s: CondensationTests.Study) throws -> (snapshots: Int, events: Int) {
        (try s.stc.snapshots().count, try s.store.eventCount())
    }
}

// MARK: - Status items

extension CondensationDataTests {
    @Test func statusNamesWhatIsMissingAsTypedItems() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        #expect(try s.stc.status().missing == [.noProjectMemo, .transcriptsWithoutMemo(["siri", "tore"]), .noThemes, .noUnits])

        try s.store.addMemo(on: "project", text: "Rollen er uklar.")
        try s.stc.addTheme("Tillit")
        let unit = try s.stc.addUnit("siri", .lines(2...2), groups: ["Balansekunst"])
        #expect(try s.stc.status().missing == [
            .transcriptsWithoutMemo(["siri", "tore"]), .themesNotShared(1), .noSubgroups(group: "Balansekunst"),
            .unsortedUnits([unit.segment.id]), .notAnalysed(path: "Balansekunst"),
        ])

        try s.stc.addSubgroup("Balansekunst", "To roller")
        try s.stc.moveUnit(unit.segment.id.shortID, to: "Balansekunst/To roller")
        let missing = try s.stc.status().missing
        #expect(missing.contains(.noCondensate(subgroup: "Balansekunst/To roller")))
        #expect(missing.contains(.noGoldenQuote(subgroup: "Balansekunst/To roller")))
        #expect(!missing.contains { if case .unsortedUnits = $0 { true } else { false } })

        // A subgroup whose code was moved under another code sits nowhere in the analysis.
        try s.store.addCode("Annet")
        try s.store.moveCode("To roller", under: "Annet")
        #expect(try s.stc.status().missing.contains(.strayGroup(path: "Annet/To roller")))
    }

    @Test func statusItemsReadAsPlainSentencesAndSurviveJSON() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.addTheme("Tillit")
        try s.stc.addUnit("siri", .lines(2...2), groups: ["Balansekunst"])
        let status = try s.stc.status()
        #expect(status.missing.map(\.description).contains("Balansekunst has no subgroups"))
        #expect(status.missing.map(\.description).contains("no total-impression memo on 2 transcript(s): siri, tore"))
        for item in status.missing { #expect(!Self.speaksCommandLine(item.description), "\(item)") }

        let json = try JSONEncoder().encode(status)
        #expect(try JSONDecoder().decode(CondensationStatus.self, from: json) == status)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let items = try #require(object["missing"] as? [[String: Any]])
        #expect(items.contains { $0["kind"] as? String == "noSubgroups" && $0["group"] as? String == "Balansekunst" })
    }
}

// MARK: - Errors and remedies

extension CondensationDataTests {
    /// The error `body` throws, as a ``CondensationError``.
    func condensationError(_ body: () throws -> Void) throws -> CondensationError {
        do {
            try body()
        } catch let error as CondensationError {
            return error
        }
        Issue.record("no error was thrown")
        throw CancellationError()
    }

    @Test func refusalsCarryTheirValuesAndARemedyWhereThereIsOne() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        let unit = try s.stc.addUnit("siri", .lines(2...2), groups: ["Tid/Tidspress"])
        let other = try s.stc.addUnit("tore", .lines(1...1), groups: ["Tid"])

        let slash = try condensationError { try s.stc.addGroup("Tid/Press") }
        #expect(slash == .slashInGroupName("Tid/Press") && slash.remedy == .addSubgroup(group: "Tid", name: "Press"))

        let golden = try condensationError { try s.stc.condense("Tid/Tidspress", text: nil, golden: other.segment.id.shortID) }
        #expect(golden == .goldenQuoteNotAUnit(unit: other.segment.id, subgroup: "Tid/Tidspress"))
        #expect(golden.remedy == .sortUnit(other.segment.id, into: "Tid/Tidspress"))

        let onGroup = try condensationError { try s.stc.condense("Tid", text: "x", golden: nil as Segment.ID?) }
        #expect(onGroup == .notASubgroup(path: "Tid") && onGroup.remedy == nil)

        try s.stc.retire("Tid")
        let retired = try condensationError { try s.stc.addUnit("tore", .lines(2...2), groups: ["Tid"]) }
        #expect(retired == .groupRetired(path: "Tid") && retired.remedy == .restoreGroup(path: "Tid"))
        let subgroupFirst = try condensationError { try s.stc.retire("Tid/Tidspress", restore: true) }
        #expect(subgroupFirst == .groupOfSubgroupRetired(subgroup: "Tid/Tidspress", group: "Tid"))
        #expect(subgroupFirst.remedy == .restoreGroup(path: "Tid"))

        try s.stc.retire("Tid", restore: true)
        try s.stc.moveUnit(unit.segment.id.shortID, to: "Tid", from: "Tid/Tidspress")
        let notIn = try condensationError { try s.stc.moveUnit(unit.segment.id.shortID, to: "Tid", from: "Tid/Tidspress") }
        #expect(notIn == .unitNotInSource(unit: unit.segment.id, source: "Tid/Tidspress") && notIn.remedy == nil)
    }

    @Test func errorDescriptionsNameTheValuesAndNoCommand() {
        let unit = UUID()
        let errors: [CondensationError] = [
            .slashInGroupName("A/B"), .slashInSubgroupName("A/B"), .notTopLevel(code: "Barn"), .notACodeGroup(path: "G/S"),
            .notASubgroup(path: "G"), .tooDeep(path: "A/B/C"), .unitNotInSource(unit: unit, source: "G"),
            .goldenQuoteNotAUnit(unit: unit, subgroup: "G/S"), .unitNotInGroup(unit: unit, group: "G"),
            .invalidLink(subgroup: "G", group: "H"), .invalidMerge(source: "G", target: "G/S"), .groupRetired(path: "G"),
            .groupOfSubgroupRetired(subgroup: "G/S", group: "G"), .notInTheAnalysis(path: "G/S"),
        ]
        for error in errors {
            #expect(!Self.speaksCommandLine(error.description), "\(error)")
            #expect(error.errorDescription == error.description)
        }
        #expect(CondensationError.goldenQuoteNotAUnit(unit: unit, subgroup: "G/S").description.contains(unit.shortID))
        #expect(CondensationError.tooDeep(path: "A/B/C").description.contains("\"A/B/C\""))
    }

    @Test func noLibraryErrorOrFindingSpeaksCommandLine() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.addUnit("siri", .lines(2...2), groups: ["G/S"])
        try s.store.addCode("Annet")
        try s.store.moveCode("S", under: "Annet")
        let findings = try s.stc.validate().findings
        #expect(findings.contains { $0.kind == .strayGroup && $0.subject == "Annet/S" })
        for finding in findings { #expect(!Self.speaksCommandLine(finding.description), "\(finding)") }
    }
}

// MARK: - One transaction

extension CondensationDataTests {
    @Test func aRefusedMergeLeavesNoSnapshotAndNoEventAndASuccessfulOneHasExactlyItsSnapshot() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.addUnit("siri", .lines(2...2), groups: ["Balansekunst/Sparringspartner"])
        try s.stc.addUnit("tore", .lines(1...1), groups: ["Balansekunst/To roller"])
        try s.stc.addUnit("tore", .lines(2...2), groups: ["Veiledning"])
        try s.stc.addGroup("Lagt bort")
        try s.stc.retire("Lagt bort")
        let before = try counts(s)

        // Into itself, across levels, into a retired group: refused, and nothing of them stays.
        #expect(throws: CondensationError.invalidMerge(source: "Veiledning", target: "Veiledning")) {
            try s.stc.merge("Veiledning", into: "Veiledning")
        }
        #expect(throws: CondensationError.invalidMerge(source: "Veiledning", target: "Balansekunst/To roller")) {
            try s.stc.merge("Veiledning", into: "Balansekunst/To roller")
        }
        #expect(throws: StoreError.self) { try s.stc.merge("Veiledning", into: "Lagt bort") }
        let after = try counts(s)
        #expect(after.snapshots == before.snapshots && after.events == before.events)

        let report = try s.stc.merge("Balansekunst/To roller", into: "Balansekunst/Sparringspartner")
        #expect(report.codingsMoved == 1)
        let snapshots = try s.stc.snapshots()
        #expect(snapshots.count == before.snapshots + 1)
        #expect(snapshots.last?.label.hasPrefix("Før «To roller» ble slått sammen med «Sparringspartner»") == true)
        let events = try s.store.events(last: 1000).filter { $0.action == "stc.snapshot" }
        #expect(events.count == before.snapshots + 1)
        // The snapshot keeps the analysis as it was just before the merge, in the same transaction.
        #expect(try s.stc.snapshot(try #require(snapshots.last).label).groups.first { $0.name == "Balansekunst" }?.subgroups.map(\.name)
                == ["Sparringspartner", "To roller"])
    }

    @Test func aRefusedRestoreLeavesNoEventAndARetireHasExactlyItsSnapshot() throws {
        let s = try study(); defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.addUnit("siri", .lines(2...2), groups: ["Tid/Tidspress"])
        let before = try counts(s)
        try s.stc.retire("Tid")
        let retired = try counts(s)
        #expect(retired.snapshots == before.snapshots + 1)
        #expect(throws: CondensationError.self) { try s.stc.retire("Tid/Tidspress", restore: true) }
        #expect(try counts(s) == retired)
    }
}

// MARK: - The modules a project opens with

extension CondensationDataTests {
    @Test func aProjectMadeThroughQualCodeKitHasTheCondensationTables() throws {
        #expect(ProjectModules.all.map(\.name) == ["stc", "map", "agree", "exchange", "privacy"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("studie.qualcode")

        let store = try ProjectModules.create(at: url, title: "Metodeveiledere", coder: "tester")
        #expect(try store.pool.read { db in try ["stcTheme", "stcGroup", "stcLink", "stcSnapshot"].allSatisfy { try db.tableExists($0) } })
        try Condensation(store).addTheme("Tillit")

        let reopened = try ProjectModules.open(at: url, coder: "tester")
        #expect(try Condensation(reopened).themes().map(\.name) == ["Tillit"])
        #expect(throws: StoreError.projectExists(path: url.path)) { try ProjectModules.create(at: url, title: "Igjen", coder: "tester") }
    }
}
