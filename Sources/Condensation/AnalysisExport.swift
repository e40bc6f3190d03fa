import Foundation
import QualCode

/// The documents and CSV an analysis becomes: the thesis tables, the results chapter's skeleton, and
/// every link at every level as rows. All wording uses the researcher's level names.
extension AnalysisModel {
    /// «Tabell 1» units | codes; «Tabell 2» units | codes | subgroups | groups; «Tabell 3» groups |
    /// subgroups | codes (| units); «Tabell 4» groups | subgroups | condensate | golden quote.
    ///
    /// A group is named one way in every table: its heading when it has one (as in the chapter),
    /// else its name; a subgroup by its name.
    ///
    /// - Parameters:
    ///   - style: the house style whose words («Tabell», «Kommentar») and caption style the tables use.
    ///   - landscape: set each table on a landscape page of its own.
    public func tablesDocument(withUnits: Bool = false, language: DocumentLanguage = .nb, style: HouseStyle = .thesis,
                               landscape: Bool = false) -> Document {
        let s = settings
        let w = AnalysisWords(language: language)
        func P(_ noun: String) -> String { w.plural(noun) }
        func label(_ unit: ExportedQuote) -> String { unit.displayed + (unit.label.isEmpty ? "" : " " + unit.label) }
        let sortedUnits = units
        // A subgroup linked to a second group is listed under both groups but counted once.
        var seen = Set<UUID>()
        let allSubgroups = groups.flatMap(\.subgroups).filter { seen.insert($0.id).inserted }
        func membership(_ unit: ExportedQuote) -> (subgroups: [String], groups: [String]) {
            (allSubgroups.filter { $0.units.contains(unit.segment) }.map(\.name), groups.filter { $0.units.contains(unit.segment) }.map(\.displayName))
        }
        var blocks: [Block] = [.heading(level: 1, [.text(title.isEmpty ? w.analysis : w.analysis + ": " + title)])]
        blocks.append(.table(Table(
            caption: w.examples(P(s.unit), P(s.code)),
            header: [s.unit.capitalizedFirst, s.code.capitalizedFirst],
            rows: sortedUnits.map { [label($0), codes(of: $0).joined(separator: ", ")] },
            notes: [w.from(w.count(sortedUnits.count, s.unit), w.participants(Set(sortedUnits.flatMap(\.participants)).count)) + "."])))
        blocks.append(.table(Table(
            caption: w.process(P(s.unit), P(s.code), P(s.subgroup), P(s.group)),
            header: [s.unit.capitalizedFirst, s.code.capitalizedFirst, s.subgroup.capitalizedFirst, s.group.capitalizedFirst],
            rows: sortedUnits.map { unit in
                let m = membership(unit)
                return [label(unit), codes(of: unit).joined(separator: ", "), m.subgroups.joined(separator: ", "), m.groups.joined(separator: ", ")]
            })))
        var overview: [[String]] = []
        for group in groups {
            for (index, sub) in group.subgroups.enumerated() {
                let subUnits = sub.units.compactMap(unit)
                let codes = Array(Set(subUnits.flatMap { self.codes(of: $0) })).sorted()
                var row = [index == 0 ? group.displayName : "", sub.name, codes.joined(separator: ", ")]
                if withUnits { row.append(subUnits.map(\.segment.shortID).joined(separator: ", ")) }
                overview.append(row)
            }
            if group.subgroups.isEmpty { overview.append([group.displayName, "", ""] + (withUnits ? [""] : [])) }
        }
        blocks.append(.table(Table(
            caption: w.overview(P(s.group), P(s.subgroup), P(s.code)),
            header: [s.group.capitalizedFirst, s.subgroup.capitalizedFirst, s.code.capitalizedFirst] + (withUnits ? [s.unit.capitalizedFirst] : []),
            rows: overview)))
        // Each subgroup once, under the first group it sits in, the group named on its first row.
        var listed = Set<UUID>()
        var condensates: [[String]] = []
        for group in groups {
            var named = false
            for sub in group.subgroups where listed.insert(sub.id).inserted {
                condensates.append([named ? "" : group.displayName, sub.name, sub.condensate ?? "", sub.goldenUnit.flatMap(unit).map(label) ?? ""])
                named = true
            }
        }
        blocks.append(.table(Table(
            caption: "\(P(s.condensate).capitalizedFirst) \(w.and) \(P(s.goldenQuote))",
            header: [s.group.capitalizedFirst, s.subgroup.capitalizedFirst, s.condensate.capitalizedFirst, s.goldenQuote.capitalizedFirst],
            rows: condensates,
            notes: [w.condensatesNote(P(s.condensate))])))
        if landscape {
            blocks = blocks.map { block in
                guard case var .table(table) = block else { return block }
                table.landscape = true
                return .table(table)
            }
        }
        var document = Document(title: w.analysis, language: language, blocks: blocks, labels: style.labels(for: language))
        document.captions = style.captions
        return document
    }

    /// The results chapter's skeleton: a section per group under its category heading, a subsection
    /// per subgroup («Kategori — Subgruppe»), the analytic text (Markdown: emphasis, strong,
    /// paragraphs, lists), the golden quote and the other units as quotes in the house style, and how
    /// many participants support each (naming them when the style names participants in summaries).
    ///
    /// The units are shown as they were read into the model (``Condensation/model()`` reads them in
    /// the thesis style); ``Condensation/chapterDocument(of:style:language:)`` reads them again in
    /// `style`, which is what an export wants.
    public func chapterDocument(style: HouseStyle = .thesis, language: DocumentLanguage = .nb) -> Document {
        let words = style.labels(for: language)
        let w = AnalysisWords(language: language)
        var blocks: [Block] = [.heading(level: 1, [.text(w.results)])]
        func support(_ group: Group) -> Block {
            let who = group.participants.isEmpty || !style.namesInSummary ? "." : ": " + group.participants.joined(separator: ", ") + "."
            let sentence = w.restsOn(w.from(w.count(group.units.count, settings.unit),
                                            w.support(settings, group.participants.count, of: participantCount))) + who
            return .paragraph([.text(sentence, .italic)])
        }
        func text(_ body: String?) -> [Block] { Markdown.blocks(body ?? "") }
        func quotes(_ group: Group) -> [Block] {
            let ordered = (group.goldenUnit.map { [$0] } ?? []) + group.units.filter { $0 != group.goldenUnit }
            return ordered.compactMap(unit).flatMap { ProjectStore.blocks(for: $0, style: style, words: words) }
        }
        for group in groups {
            let heading = group.heading ?? group.name
            blocks.append(.heading(level: 2, [.text(heading)]))
            blocks.append(support(group))
            blocks += text(group.analyticText)
            for sub in group.subgroups {
                // «Kategori — Subgruppe», unless the researcher's heading already says it that way.
                let own = sub.heading ?? sub.name
                blocks.append(.heading(level: 3, [.text(own.contains(" — ") || own.hasPrefix(heading + " ") ? own : "\(heading) — \(own)")]))
                blocks.append(support(sub))
                blocks += text(sub.analyticText)
                blocks += quotes(sub)
                for (id, note) in sub.contradicting.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                    blocks.append(.paragraph([.text("\(w.contradicting(settings.unit)) \(id.shortID)" + (note.isEmpty ? "." : ": \(note)"), .italic)]))
                }
            }
            if group.subgroups.isEmpty { blocks += quotes(group) }
        }
        var document = Document(title: w.results, language: language, blocks: blocks, labels: words)
        document.captions = style.captions
        return document
    }

    /// Every link at every level, one row each: themes, then each unit in each group and subgroup
    /// it sits in, with the texts written about them.
    public func csvTable(language: DocumentLanguage = .nb) -> TextTable {
        let s = settings
        let w = AnalysisWords(language: language)
        let h = w.csvHeaders
        var rows: [[String]] = themes.map { [s.theme, $0.name, "", "", "", "", "", "", $0.note ?? "", "", "", ""] }
        for group in groups {
            for sub in group.subgroups + [group] {
                let parent = sub.path == group.path ? "" : group.name
                for id in sub.units {
                    guard let unit = unit(id) else { continue }
                    rows.append([sub.path == group.path ? s.group : s.subgroup, parent.isEmpty ? group.name : parent,
                                 parent.isEmpty ? "" : sub.name, id.uuidString, unit.participants.joined(separator: ", "), unit.transcript,
                                 unit.lines, codes(of: unit).joined(separator: "; "), unit.verbatim, sub.goldenUnit == id ? w.yes : "",
                                 sub.contradicting[id] ?? "", sub.condensate ?? ""])
                }
            }
        }
        return TextTable(headers: [h.level, s.group, s.subgroup, s.unit, h.participants, h.transcript, h.lines, w.plural(s.code), h.text,
                                   s.goldenQuote, h.contradicts, s.condensate], rows: rows)
    }
}

extension Condensation {
    /// The results chapter of `model` (the analysis now, or a snapshot) with its units read again in
    /// `style`: its labels («(Jobbspesialist, IPS)» rather than «(Tor)»), lead-ins, marks and cut
    /// marks. A snapshot's unit whose segment has since gone keeps the text the snapshot kept.
    ///
    /// - Throws: ``StoreError`` for a label or lead-in template naming an attribute the project does
    ///   not have, ``ExportError/badTemplate(template:part:)`` for an unclosed field.
    public func chapterDocument(of model: AnalysisModel, style: HouseStyle = .thesis, language: DocumentLanguage = .nb) throws -> Document {
        var options = QuoteOptions(segments: model.units.map(\.segment))
        options.style = style
        options.language = language
        let fresh = Dictionary(try store.quotes(options).map { ($0.segment, $0) }, uniquingKeysWith: { a, _ in a })
        var restyled = model
        restyled.units = model.units.map { unit in
            guard let now = fresh[unit.segment] else { return unit }
            var unit = unit
            (unit.label, unit.leadIn, unit.displayed, unit.words, unit.edits) = (now.label, now.leadIn, now.displayed, now.words, now.edits)
            return unit
        }
        return restyled.chapterDocument(style: style, language: language)
    }
}

extension String {
    /// The first letter capitalised, the rest as written («kodegruppe» → «Kodegruppe»).
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
