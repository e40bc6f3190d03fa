import Foundation
import GRDB
import QualCode

extension WorkMapping {
    /// The map as a Graphviz digraph (DOT), for a researcher who wants to rearrange it in Graphviz or a
    /// tool that reads DOT: the steps as boxes in one row, in order, with arrows between them; each
    /// step's actions in a cluster above it; the texts as notes, those that govern the whole process in
    /// the top row, joined to what uses, produces or is governed by them and to the texts they
    /// regulate; the actors as ellipses with what they perform; the disjunctures as red octagons on
    /// their steps. Colours are the map's (``MapPalette``), labels wrapped as the SVG wraps them.
    ///
    /// The text is the same for the same map, byte for byte: nodes and edges in the map's order, ids
    /// made from the nodes' UUIDs (`n_` and 32 hex digits).
    ///
    /// For example:
    /// ```swift
    /// let dot = try WorkMapping(store).dot(lanes: true)   // then: dot -Tsvg kart.dot > kart.svg
    /// ```
    ///
    /// - Parameter lanes: put each actor in a lane (a cluster) with the actions it performs, as the
    ///   SVG's swim lanes do; an action two actors perform is in the first one's lane.
    public func dot(lanes: Bool = false, language: DocumentLanguage = .nb, palette: MapPalette = .standard) throws -> String {
        try dotMap().render(lanes: lanes, words: MapWords(language), language: language, palette: palette)
    }

    /// The map as the DOT export reads it, in one transaction.
    func dotMap() throws -> DOTMap {
        try store.pool.read { db in
            DOTMap(steps: try MapStep.order(Column("position")).fetchAll(db),
                   actions: try MapAction.order(Column("position")).fetchAll(db),
                   texts: try MapText.order(Column("name").collating(.nocase), Column("id")).fetchAll(db),
                   actors: try MapActor.order(Column("position")).fetchAll(db),
                   disjunctures: try MapDisjuncture.order(Column.rowID).fetchAll(db),
                   links: try MapLink.order(Column.rowID).fetchAll(db),
                   standpoint: try String.fetchOne(db, sql: "SELECT value FROM mapSetting WHERE key = 'standpoint'"))
        }
    }
}

/// What the DOT export draws, read in one transaction.
struct DOTMap {
    var steps: [MapStep]
    var actions: [MapAction]
    var texts: [MapText]
    var actors: [MapActor]
    var disjunctures: [MapDisjuncture]
    var links: [MapLink]
    var standpoint: String?

    /// - Parameter wrapped: labels broken into lines as the SVG breaks them; without, each label whole
    ///   (what a safe export screens: a name or an address broken inside a word is no longer found).
    func render(lanes: Bool, words: MapWords, language: DocumentLanguage, palette: MapPalette, wrapped: Bool = true) -> String {
        let style = MapStyle.standard
        var out = ["digraph work_map {"]
        func line(_ text: String, indent: Int = 1) { out.append(String(repeating: "    ", count: indent) + text) }
        /// A label broken into lines as the SVG breaks it (the same font metrics and box width).
        func label(_ text: String, _ kind: MapDrawing.Kind) -> String {
            guard wrapped else { return text }
            return style.font(for: kind).lines(text, fitting: style.maxBoxWidth - 2 * style.paddingX).joined(separator: "\n")
        }
        func node(_ id: UUID, _ text: String, _ kind: MapDrawing.Kind?, shape: String, paint: MapPalette.Paint, extra: [(String, String)] = [],
                  indent: Int = 1) {
            var attributes: [(String, String)] = [("label", kind.map { label(text, $0) } ?? text), ("shape", shape), ("fillcolor", paint.fill),
                                                  ("color", paint.stroke), ("fontcolor", paint.text)]
            if kind == .step || kind == .actor { attributes.append(("fontname", "DejaVu Sans Bold")) }
            line(DOT.id(id) + DOT.attributes(attributes + extra) + ";", indent: indent)
        }
        func edge(_ from: UUID, _ to: UUID, _ attributes: [(String, String)]) {
            line(DOT.id(from) + " -> " + DOT.id(to) + DOT.attributes(attributes) + ";")
        }

        let (caption, note) = WorkMapping.figureCaption(standpoint: standpoint, language: language)
        let captionLines = wrapped ? TextMetrics(size: 12).lines(caption, fitting: 900) + TextMetrics(size: 12).lines(note, fitting: 900) : [caption, note]
        // No «newrank»: with clusters and labelled edges in one rank, Graphviz 2.43 (Debian 12) fails on it.
        line("graph" + DOT.attributes([("charset", "UTF-8"), ("rankdir", "TB"), ("compound", "true"),
                                       ("nodesep", "0.25"), ("ranksep", "0.45"), ("fontname", "DejaVu Sans"), ("fontsize", "11"),
                                       ("bgcolor", palette.background), ("fontcolor", palette.note), ("labelloc", "b"),
                                       ("label", captionLines.joined(separator: "\n"))]) + ";")
        line("node" + DOT.attributes([("fontname", "DejaVu Sans"), ("fontsize", "10"), ("style", "filled"), ("margin", "0.1,0.05")]) + ";")
        line("edge" + DOT.attributes([("color", palette.arrow), ("fontname", "DejaVu Sans"), ("fontsize", "8"), ("fontcolor", palette.note),
                                      ("arrowsize", "0.7")]) + ";")

        // Texts that govern the whole process: the top row, outside the frame.
        let processTexts = texts.filter { $0.scope == .process }
        if !processTexts.isEmpty {
            line("subgraph process_texts {")
            line("rank=min;", indent: 2)
            for text in processTexts { node(text.id, text.name, .processText, shape: "note", paint: palette.processText, indent: 2) }
            line("}")
        }

        // The steps in one row.
        if !steps.isEmpty {
            line("subgraph steps {")
            line("rank=same;", indent: 2)
            for step in steps { node(step.id, step.name, .step, shape: "box", paint: palette.step, extra: [("penwidth", "1.5")], indent: 2) }
            line("}")
        }

        // Lanes take the actions their actor performs; the rest stay with their steps.
        let stepActions = Dictionary(grouping: actions, by: \.stepId)
        var laneOf: [MapAction.ID: MapActor.ID] = [:]
        if lanes {
            // The first actor in the actors' order claims an action, whatever order the links were made in.
            for actor in actors {
                for link in links where link.kind == .performs && link.fromId == actor.id {
                    let performed = link.toKind == .step ? (stepActions[link.toId] ?? []).map(\.id) : [link.toId]
                    for action in performed where laneOf[action] == nil { laneOf[action] = actor.id }
                }
            }
        }

        // Each step's actions in a cluster, joined to their step.
        for step in steps {
            let own = (stepActions[step.id] ?? []).filter { laneOf[$0.id] == nil }
            guard !own.isEmpty else { continue }
            line("subgraph cluster_" + DOT.id(step.id) + " {")
            line("label=\"\"; style=\"dashed,rounded\"; color=\(DOT.quoted(palette.laneRule));", indent: 2)
            for action in own { node(action.id, action.name, .action, shape: "box", paint: palette.action, extra: [("style", "rounded,filled")], indent: 2) }
            line("}")
        }
        // The texts tied to a step.
        for text in texts where text.scope == .step { node(text.id, text.name, .stepText, shape: "note", paint: palette.stepText) }

        // The actors, each in a lane of its own with its actions when asked.
        for actor in actors {
            let laneActions = actions.filter { laneOf[$0.id] == actor.id }
            if lanes && !laneActions.isEmpty {
                line("subgraph cluster_lane_" + DOT.id(actor.id) + " {")
                line("label=\(DOT.quoted(label(actor.name, .actor))); labeljust=l; style=filled; fillcolor=\(DOT.quoted(palette.laneShade)); "
                     + "color=\(DOT.quoted(palette.laneRule));", indent: 2)
                node(actor.id, actor.name, .actor, shape: "ellipse", paint: palette.actor, indent: 2)
                for action in laneActions { node(action.id, action.name, .action, shape: "box", paint: palette.action, extra: [("style", "rounded,filled")], indent: 2) }
                line("}")
            } else {
                node(actor.id, actor.name, .actor, shape: "ellipse", paint: palette.actor)
            }
        }

        // The disjunctures, red octagons.
        for disjuncture in disjunctures {
            node(disjuncture.id, disjuncture.name, .action, shape: "octagon", paint: palette.disjuncture, extra: [("penwidth", "2")])
        }

        // The order: an arrow from each step to the next, dashed into and out of a step whose place is not fixed.
        var drawn = Set<[UUID]>()
        for (before, after) in zip(steps, steps.dropFirst()) {
            var attributes: [(String, String)] = [("penwidth", "1.5"), ("weight", "10")]
            if before.orderNotFixed || after.orderNotFixed { attributes.append(("style", "dashed")) }
            edge(before.id, after.id, attributes)
            drawn.insert([before.id, after.id])
        }
        for action in actions { edge(action.id, action.stepId, [("style", "dotted"), ("arrowhead", "none")]) }
        // Only links between nodes drawn: an end that is gone would come back as a bare id.
        let known = Set(steps.map(\.id) + actions.map(\.id) + texts.map(\.id) + actors.map(\.id))
        for link in links where known.contains(link.fromId) && known.contains(link.toId)
            && (link.kind != .precedes || !drawn.contains([link.fromId, link.toId])) {
            switch link.kind {
            case .precedes: edge(link.fromId, link.toId, [("penwidth", "1.5"), ("constraint", "false")])
            case .partOf: continue  // an action is drawn with its step
            case .performs: edge(link.fromId, link.toId, [("color", palette.actor.stroke)])
            case .uses, .produces, .governs: edge(link.fromId, link.toId, [("label", words.kind(link.kind)), ("color", palette.stepText.stroke)])
            case .regulates: edge(link.fromId, link.toId, [("label", words.kind(link.kind)), ("color", palette.processText.stroke), ("style", "bold")])
            case .coordinatesWith:
                edge(link.fromId, link.toId, [("label", words.kind(link.kind)), ("style", "dashed"), ("dir", "both"), ("constraint", "false")])
            case .reportsTo: edge(link.fromId, link.toId, [("label", words.kind(link.kind)), ("style", "dashed")])
            }
        }
        for disjuncture in disjunctures {
            if let step = disjuncture.stepId {
                edge(disjuncture.id, step, [("color", palette.disjuncture.stroke), ("style", "dashed"), ("arrowhead", "none")])
            }
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }
}
