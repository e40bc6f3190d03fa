import Foundation
import QualCode
import Testing
@testable import WorkMapping

/// The map as Graphviz DOT: hostile labels escaped, the same text for the same map, the parts in
/// place; and, where Graphviz is installed, `dot -Tsvg` reads it.
@Suite struct MapDOTTests {
    // MARK: - Escaping

    @Test func labelsAreEscapedForDOT() {
        // Quotes and backslashes escaped (a lone «\N» would print the node's name), line breaks of every
        // kind one «\n», other control characters a space, direction overrides dropped, the rest as written.
        #expect(DOT.quoted(#"Sa "hei" \N"#) == #""Sa \"hei\" \\N""#)
        #expect(DOT.quoted("en\r\nto\rtre\nfire\u{2028}fem\u{85}seks") == #""en\nto\ntre\nfire\nfem\nseks""#)
        #expect(DOT.quoted("nul\u{0}esc\u{1B}tab\tdel\u{7F}") == #""nul esc tab del ""#)
        #expect(DOT.quoted("Jobb\u{202E}spesialist\u{2066}") == #""Jobbspesialist""#)
        #expect(DOT.quoted("«Tre kopper te» – æøå ÆØÅ 🙂") == "\"«Tre kopper te» – æøå ÆØÅ 🙂\"")
        #expect(DOT.quoted("slutt\\") == #""slutt\\""#)
        #expect(DOT.id(UUID(uuidString: "0192A3B4-C5D6-7E8F-9012-3456789ABCDE")!) == "n_0192a3b4c5d67e8f90123456789abcde")
    }

    @Test func hostileNamesInTheMapStayInsideTheirLabels() throws {
        let study = try MapStudy.empty(participants: false)
        defer { study.remove() }
        let map = study.map
        let step = try map.addStep(#"Kartlegge "jobbsøker" \ «særlig» \N"#)
        _ = try map.addText(#"Mal "A"\B"#, kind: .form, scope: .step, step: step.id)
        let dot = try map.dot()
        // Wrapped as the SVG wraps it, each line escaped.
        #expect(dot.contains(#"[label="Kartlegge\n\"jobbsøker\" \\\n«særlig» \\N", shape="box""#))
        #expect(dot.contains(#"[label="Mal \"A\"\\B", shape="note""#))
        // Every quote in the file opens or closes a string, or is escaped: no label ends early.
        for line in dot.split(separator: "\n") {
            var open = false, escaped = false
            for character in line {
                if escaped { escaped = false; continue }
                if character == "\\" && open { escaped = true; continue }
                if character == "\"" { open.toggle() }
            }
            #expect(!open, "unbalanced quotes: \(line)")
        }
    }

    // MARK: - The graph

    @Test func theGraphHoldsStepsActionsTextsActorsAndDisjuncturesDeterministically() throws {
        let study = try MapStudy.make()
        defer { study.remove() }
        let map = study.map
        let dot = try map.dot()
        #expect(dot == (try map.dot()), "the same map gives the same text")
        #expect(dot.hasPrefix("digraph work_map {\n") && dot.hasSuffix("}\n"))
        let steps = try map.steps()
        let henvisning = DOT.id(steps[0].id), kartlegge = DOT.id(steps[1].id)
        // The steps in one row, in order, the second (its place not fixed) reached by a dashed arrow.
        #expect(dot.contains("subgraph steps {\n        rank=same;\n        \(henvisning) [label=\"Henvisning\", shape=\"box\", fillcolor=\"#B3261E\""))
        #expect(dot.contains("\(henvisning) -> \(kartlegge) [penwidth=\"1.5\", weight=\"10\", style=\"dashed\"];"))
        // The precedes link is that arrow, not a second one.
        #expect(dot.components(separatedBy: "\(henvisning) -> \(kartlegge)").count == 2)
        // Process-wide texts on top, as notes; the regulation between texts labelled.
        #expect(dot.contains("subgraph process_texts {\n        rank=min;"))
        let texts = try map.texts()
        let kvalitet = try #require(texts.first { $0.name == "Kvalitetsveileder" }), mal = try #require(texts.first { $0.name == "Kartleggingsmal" })
        #expect(dot.contains("\(DOT.id(kvalitet.id)) [label=\"Kvalitetsveileder\", shape=\"note\", fillcolor=\"#1F5F9E\""))
        #expect(dot.contains("\(DOT.id(kvalitet.id)) -> \(DOT.id(mal.id)) [label=\"regulerer\""))
        #expect(dot.contains("\(kartlegge) -> \(DOT.id(mal.id)) [label=\"bruker\""))
        #expect(dot.contains("\(DOT.id(kvalitet.id)) -> \(kartlegge) [label=\"styrer\""))
        // Actions in a cluster per step; actors as ellipses; disjunctures as red octagons on their step.
        #expect(dot.contains("subgraph cluster_\(henvisning) {") && dot.contains("label=\"Ringe jobbsøkeren\""))
        #expect(dot.contains("[label=\"Jobbspesialist\", shape=\"ellipse\""))
        let brudd = try #require(try map.disjunctures().first)
        #expect(dot.contains("\(DOT.id(brudd.id)) [label=\"Malen tas i biter eller\\nhoppes over\", shape=\"octagon\""))
        #expect(dot.contains("\(DOT.id(brudd.id)) -> \(kartlegge) [color=\"#B3261E\", style=\"dashed\", arrowhead=\"none\"];"))
        // The caption says from whose standpoint, in the language asked for.
        #expect(dot.contains("Kart over arbeidet, sett fra ståstedet til jobbspesialister i NAV"))
        #expect(try map.dot(language: .en).contains("[label=\"uses\""))

        // With lanes, each actor's actions are in its lane, not with their step.
        let lanes = try map.dot(lanes: true)
        let spesialist = try map.resolve("Jobbspesialist", as: .actor)
        #expect(lanes.contains("subgraph cluster_lane_\(DOT.id(spesialist)) {"))
        #expect(!lanes.contains("subgraph cluster_\(henvisning) {"), "Ringe jobbsøkeren moved to the job specialist's lane")
    }

    @Test func graphvizReadsTheGraph() throws {
        let which = Process()
        which.executableURL = URL(fileURLWithPath: "/bin/sh")
        which.arguments = ["-c", "command -v dot"]
        let found = Pipe()
        which.standardOutput = found
        try which.run()
        which.waitUntilExit()
        let path = String(decoding: found.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard which.terminationStatus == 0, !path.isEmpty else {
            print("note: Graphviz (dot) is not installed here; the DOT text was checked, but not drawn by Graphviz.")
            return
        }
        let study = try MapStudy.make()
        defer { study.remove() }
        for lanes in [false, true] {
            let file = study.folder.appendingPathComponent("kart-\(lanes).dot")
            try study.map.dot(lanes: lanes).write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["-Tsvg", file.path]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let svg = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0 && errors.isEmpty, "dot: \(errors)")
            // Graphviz breaks long labels into lines of their own.
            #expect(svg.contains("<svg") && svg.contains(">Kartlegge") && svg.contains("Kvalitetsveileder"))
        }
    }
}
