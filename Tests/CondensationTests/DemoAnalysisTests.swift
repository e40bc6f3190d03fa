import Condensation
import Foundation
import QualCode
import Testing

/// The bundled demo study's whole analysis (Projects/metodeveiledere/analyse.tsv), replayed through the
/// library on a project built the way Scripts/demo builds it: all four steps done, every participant
/// heard, and exactly one subgroup that rests on a single participant.
@Suite struct DemoAnalysisTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Projects/metodeveiledere")

    /// One action of analyse.tsv: its name and its tab-separated fields.
    struct Action {
        let name: String
        let fields: [String]
        let line: Int
    }

    struct PlanError: Error, CustomStringConvertible {
        let line: Int
        let problem: String
        var description: String { "analyse.tsv line \(line): \(problem)" }
    }

    struct Plan {
        let actions: [Action]
        let comments: [String]

        func all(_ name: String) -> [Action] { actions.filter { $0.name == name } }
    }

    static func plan() throws -> Plan {
        let text = try String(contentsOf: demo.appendingPathComponent("analyse.tsv"), encoding: .utf8)
        var actions: [Action] = []
        var comments: [String] = []
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("#") { comments.append(line); continue }
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let fields = line.components(separatedBy: "\t")
            actions.append(Action(name: fields[0], fields: Array(fields.dropFirst()), line: index + 1))
        }
        return Plan(actions: actions, comments: comments)
    }

    /// The demo project as Scripts/demo imports it: participant sheet and the seven transcripts.
    static func project(in folder: URL) throws -> ProjectStore {
        let store = try ProjectStore.create(at: folder.appendingPathComponent("metodeveiledere.qualcode"), title: "Metodeveilederes erfaringer",
                                            coder: "demo", extensions: [Condensation.schema])
        _ = try store.importParticipants(csv: demo.appendingPathComponent("deltakere.csv"))
        let files: [(file: String, participants: [String], speakers: [String: String], date: String?, mode: String?)] = [
            ("intervju-anne.docx", ["Anne"], ["I": "Intervjuer", "A": "Anne"], "2026-09-14", "ansikt til ansikt"),
            ("intervju-eva.docx", ["Eva"], ["I": "Intervjuer", "E": "Eva"], nil, "Teams"),
            ("intervju-berit.vtt", ["Berit"], [:], nil, "Teams"),
            ("intervju-dag.srt", ["Dag"], [:], nil, "Zoom"),
            ("intervju-fatima.txt", ["Fatima"], [:], nil, nil),
            ("intervju-gunnar.md", ["Gunnar"], ["I": "Intervjuer", "G": "Gunnar"], nil, nil),
            ("fokusgruppe-teamledere.txt", ["Hanne", "Ivar", "Jorunn"], [:], nil, nil),
        ]
        for entry in files {
            var options = ImportOptions()
            options.participants = entry.participants
            options.speakerMap = entry.speakers
            options.date = entry.date
            options.mode = entry.mode
            try store.importTranscripts([demo.appendingPathComponent(entry.file)], options: options)
        }
        return store
    }

    /// Replays the plan; returns the unit ids by label.
    @discardableResult
    static func replay(_ plan: Plan, on stc: Condensation) throws -> [String: String] {
        var units: [String: String] = [:]
        func unit(_ label: String, _ action: Action) throws -> String {
            guard let id = units[label] else { throw PlanError(line: action.line, problem: "no unit labelled \(label) above") }
            return id
        }
        for action in plan.actions {
            let f = action.fields
            switch action.name {
            case "memo": try stc.store.addMemo(on: f[0], text: f[1])
            case "theme": try stc.addTheme(f[0], note: f[1])
            case "share": try stc.shareThemes()
            case "unit":
                let result = try stc.addUnit(f[1], .quote(f[2], occurrence: nil), groups: f[3].components(separatedBy: ";"))
                units[f[0]] = result.segment.id.shortID
            case "subgroup": try stc.addSubgroup(f[0], f[1])
            case "move": try stc.moveUnit(try unit(f[0], action), to: f[1])
            case "condense": try stc.condense(f[0], text: f[1], golden: try unit(f[2], action))
            case "analyse": try stc.analyse(f[0], heading: f[1], text: f[2])
            default: throw PlanError(line: action.line, problem: "unknown action \(action.name)")
            }
        }
        return units
    }

    @Test func theDemoAnalysisReachesStepFourWithEveryParticipantAndOneThinSubgroup() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stc-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Self.project(in: folder)
        let plan = try Self.plan()
        let stc = Condensation(store)
        let ids = try Self.replay(plan, on: stc)

        // The file is the analysis the brief asks for: 6–8 themes, 25–30 units, 2–3 subgroups a group.
        let groupNames = Set(plan.all("unit").flatMap { $0.fields[3].components(separatedBy: ";") })
        #expect((6...8).contains(plan.all("theme").count))
        #expect((25...30).contains(plan.all("unit").count))
        #expect(Set(plan.all("unit").map { $0.fields[0] }).count == plan.all("unit").count, "unit labels are unique")
        #expect(Set(ids.values).count == ids.count, "every unit is its own segment")
        for group in groupNames {
            #expect((2...3).contains(plan.all("subgroup").filter { $0.fields[0] == group }.count), "\(group)")
        }

        // Step 4, with nothing left of steps 2–4.
        let status = try stc.status()
        #expect(status.step == 4)
        let leftOver = status.missing.filter {
            switch $0 {
            case .noCondensate, .noGoldenQuote, .notAnalysed, .unsortedUnits, .noSubgroups, .themesNotShared: true
            default: false
            }
        }
        #expect(leftOver.isEmpty, "\(leftOver)")
        #expect(status.themes == plan.all("theme").count && status.themesShared == status.themes)
        #expect(status.units == plan.all("unit").count)
        #expect(status.groups == groupNames.count)
        #expect(status.subgroups == plan.all("subgroup").count)
        #expect(status.condensed == status.subgroups && status.withGoldenQuote == status.subgroups)
        #expect(status.analysed == plan.all("analyse").count && status.analysed == status.groups + status.subgroups)

        // Every participant of the study speaks in at least one unit.
        let heard = Set(try stc.units().flatMap(\.participants))
        let everyone = Set(try store.participants().map(\.pseudonym))
        #expect(everyone.count == 9)
        #expect(heard == everyone, "not heard: \(everyone.subtracting(heard).sorted())")

        // Groups and subgroups as in the file, each subgroup condensed with a golden quote of its own.
        let groups = try stc.groups()
        #expect(Set(groups.filter { !$0.isSubgroup }.map(\.path)) == groupNames)
        #expect(Set(groups.filter(\.isSubgroup).map(\.path)) == Set(plan.all("subgroup").map { $0.fields[0] + "/" + $0.fields[1] }))
        for condense in plan.all("condense") {
            let group = try #require(groups.first { $0.path == condense.fields[0] })
            #expect(group.goldenUnit?.shortID == ids[condense.fields[2]], "\(group.path)")
            #expect(group.condensate == condense.fields[1], "\(group.path)")
        }

        // Exactly one subgroup rests on a single participant, on purpose, and the file says so.
        let thin = groups.filter { $0.isSubgroup && $0.participants < 2 }
        #expect(thin.count == 1, "\(thin.map(\.path))")
        if let lonely = thin.first {
            #expect(lonely.participants == 1)
            #expect(plan.comments.contains { $0.contains(lonely.path) }, "analyse.tsv marks \(lonely.path) in a comment")
        }
    }
}
