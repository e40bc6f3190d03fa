import Foundation
import QualCode

/// The documents and CSV an analysis becomes: the thesis tables, the results chapter's skeleton, and
/// every link at every level as rows. All wording uses the researcher's level names.
extension AnalysisModel {
    /// «Tabell 1» units | codes; «Tabell 2» units | codes | subgroups | groups; «Tabell 3» groups |
    /// subgroups | codes (| units); «Tabell 4» subgroups | condensate | golden quote.
    public func tablesDocument(withUnits: Bool = false, language: DocumentLanguage = .nb) -> Document {
        let s = settings
        let w = AnalysisWords(language: language)
        func P(_ noun: String) -> String { w.plural(noun) }
        func label(_ unit: ExportedQuote) -> String { unit.displayed + (unit.label.isEmpty ? "" : " " + unit.label) }
        let sortedUnits = units
        // A subgroup linked to a second group is listed under both groups but counted once.
        var seen = Set<UUID>()
        let allSubgroups = groups.flatMap(\.subgroups).filter { seen.insert($0.id).inserted }
        func membership(_ unit: ExportedQuote) -> (subgroups: [String], groups: [String]) {
            (allSubgroups.filter { $0.units.contains(unit.segment) }.map(\.name), groups.filter { $0.units.contains(unit.segment) }.map(\.name))
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
                var row = [index == 0 ? group.heading ?? group.name : "", sub.name, codes.joined(separator: ", ")]
                if withUnits { row.append(subUnits.map(\.segment.shortID).joined(separator: ", ")) }
                overview.append(row)
            }
            if group.subgroups.isEmpty { overview.append([group.heading ?? group.name, "", ""] + (withUnits ? [""] : [])) }
        }
        blocks.append(.table(Table(
            caption: w.overview(P(s.group), P(s.subgroup), P(s.code)),
            header: [s.group.capitalizedFirst, s.subgroup.capitalizedFirst, s.code.capitalizedFirst] + (withUnits ? [s.unit.capitalizedFirst] : []),
            rows: overview)))
        blocks.append(.table(Table(
            caption: "\(P(s.condensate).capitalizedFirst) \(w.and) \(P(s.goldenQuote))",
            header: [s.subgroup.capitalizedFirst, s.condensate.capitalizedFirst, s.goldenQuote.capitalizedFirst],
            rows: allSubgroups.map { sub in [sub.path, sub.condensate ?? "", sub.goldenUnit.flatMap(unit).map(label) ?? ""] },
            notes: [w.condensatesNote(P(s.condensate))])))
        return Document(title: w.analysis, language: language, blocks: blocks)
    }

    /// The results chapter's skeleton: a section per group under its category heading, a subsection
    /// per subgroup («Kategori — Subgruppe»), the analytic text, the golden quote and the other units as
    /// quotes in the house style, and how many participants support each.
    public func chapterDocument(style: HouseStyle = .thesis, language: DocumentLanguage = .nb) -> Document {
        let words = style.labels(for: language)
        let w = AnalysisWords(language: language)
        var blocks: [Block] = [.heading(level: 1, [.text(w.results)])]
        func support(_ group: Group) -> Block {
            let who = group.participants.isEmpty ? "." : ": " + group.participants.joined(separator: ", ") + "."
            let sentence = w.restsOn(w.from(w.count(group.units.count, settings.unit),
                                            w.support(settings, group.participants.count, of: participantCount))) + who
            return .paragraph([.text(sentence, .italic)])
        }
        func text(_ body: String?) -> [Block] {
            (body ?? "").components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
                .map { .paragraph([.text($0)]) }
        }
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
        var document = Document(title: w.results, language: language, blocks: blocks)
        document.labels = words
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

extension String {
    /// The first letter capitalised, the rest as written («kodegruppe» → «Kodegruppe»).
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
