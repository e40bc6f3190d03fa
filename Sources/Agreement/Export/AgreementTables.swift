import Foundation
import QualCode

/// The tables agreement writes: the statistics per code, and the disagreement list for a consensus
/// meeting.
public enum AgreementTableKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Code | units | both | only one | neither | percent | κ | α, and a pooled row (two coders);
    /// code | units | agreed | percent | α for more.
    case statistics
    /// No. | code | transcript, lines | kind | each coder's passages side by side | decision.
    case disagreements
}

extension Agreement {
    /// The statistics table, with the unit and the formulas named under it.
    public static func statisticsTable(_ report: AgreementReport, language: DocumentLanguage = .nb) -> Table {
        let words = LabelSet.agreement.labels(for: language)
        let number = TableNumberFormat(language)
        let two = report.coders.count == 2
        var header = [words[.agreeColCode], words[.agreeColUnits]]
        header += two ? [words[.agreeColBoth], words(.agreeColOnly, report.coders[0]), words(.agreeColOnly, report.coders[1]), words[.agreeColNeither]]
                      : [words[.agreeColAgreed]]
        header += [words[.agreeColPercent]] + (two ? [words[.agreeColKappa]] : []) + [words[.agreeColAlpha]]
        func row(_ label: String, _ f: Reliability) -> [String] {
            var cells = [label, number.integer(f.pairable)]
            cells += two ? [f.both, f.firstOnly, f.secondOnly, f.neither].map(number.integer) : [number.integer(f.unanimous)]
            cells.append(f.percentAgreement.map { percentText($0 * 100, number) } ?? "–")
            if two { cells.append(f.cohenKappa.map { coefficientText($0, number) } ?? "–") }
            cells.append(f.krippendorffAlpha.map { coefficientText($0, number) } ?? "–")
            return cells
        }
        var rows = report.codes.map { row($0.path, $0.figures) }
        if !report.codes.isEmpty { rows.append(row(words[.agreePooled], report.pooled)) }
        var notes = [unitWords(report.unit, words), words[.agreeFormulaPercent]]
        if two { notes.append(words[.agreeFormulaKappa]) }
        notes += [words[.agreeFormulaAlpha], words[.agreePooledNote]]
        let figures = report.codes.map(\.figures) + [report.pooled]
        if figures.contains(where: { $0.krippendorffAlpha == nil || (two && $0.cohenKappa == nil) }) { notes.append(words[.agreeUndefined]) }
        if report.codes.isEmpty { notes.insert(words[.agreeNoCodes], at: 0) }
        for coder in report.coders { if let missing = report.notCodedBy[coder] { notes.append(words(.agreeNotCodedBy, coder, missing.joined(separator: ", "))) } }
        if !report.leftOut.isEmpty { notes.append(words(.agreeLeftOut, report.leftOut.joined(separator: ", "))) }
        return Table(caption: words(.agreeStatisticsCaption, coderList(report.coders, language)), header: header, rows: rows, notes: notes)
    }

    /// The disagreement list: each passage with every coder's marks side by side and the decision.
    public static func disagreementTable(_ list: DisagreementList, language: DocumentLanguage = .nb) -> Table {
        let words = LabelSet.agreement.labels(for: language)
        let header = [words[.agreeColNumber], words[.agreeColCode], words[.agreeColWhere], words[.agreeColKind]] + list.coders
            + [words[.agreeColDecision]]
        let rows = list.items.map { item -> [String] in
            let lines = item.firstLine == item.lastLine ? "\(item.firstLine)" : "\(item.firstLine)–\(item.lastLine)"
            var cells = [item.id, item.codePath, "\(item.transcriptName), \(lines)",
                         words[item.kind == .presence ? .agreeKindPresence : .agreeKindBoundaries]]
            cells += item.sides.map { side in
                side.passages.isEmpty ? words[.agreeNotCoded] : side.passages.map { "«\($0.text)»" }.joined(separator: "\n")
            }
            if let decision = item.decision {
                var text = decision.adopted.isEmpty ? words[.agreeAdoptedNone] : words(.agreeAdopted, decision.adopted.joined(separator: ", "))
                if let note = decision.note { text += ": " + note }
                cells.append(text)
            } else {
                cells.append(words[.agreeUndecided])
            }
            return cells
        }
        var notes = [words[.agreeDisagreementsNote]]
        if list.items.isEmpty { notes.insert(words[.agreeNoDisagreements], at: 0) }
        if list.agreed > 0 { notes.append(words(.agreeAgreedCount, list.agreed)) }
        if !list.notCodedByAll.isEmpty { notes.append(words(.agreeLeftOut, list.notCodedByAll.joined(separator: ", "))) }
        if list.changedDecisions > 0 { notes.append(words(.agreeChangedDecisions, list.changedDecisions)) }
        var table = Table(caption: words(.agreeDisagreementsCaption, coderList(list.coders, language)), header: header, rows: rows, notes: notes)
        table.landscape = true
        return table
    }

    /// A percentage with one decimal, or two where one would round a disagreement up to 100 %.
    static func percentText(_ value: Double, _ number: TableNumberFormat) -> String {
        var text = number.decimal(value, fractionDigits: 1)
        if value < 100, text == number.decimal(100, fractionDigits: 1) { text = number.decimal(value, fractionDigits: 2) }
        return text + (number.language == .nb ? "\u{00A0}%" : "%")
    }

    /// κ or α with two decimals; a value that rounds to zero from below is 0,00, not −0,00.
    static func coefficientText(_ value: Double, _ number: TableNumberFormat) -> String {
        let text = number.decimal(value, fractionDigits: 2)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "," || $0 == "." } ? String(text.dropFirst()) : text
    }

    static func unitWords(_ unit: AgreementUnit, _ words: Labels) -> String {
        switch unit {
        case .characters: words[.agreeUnitCharacters]
        case .segments: words[.agreeUnitSegments]
        case .sentences: words[.agreeUnitSentences]
        }
    }

    /// «anne og berit», «anne, berit og cato».
    static func coderList(_ coders: [String], _ language: DocumentLanguage) -> String {
        guard coders.count > 1 else { return coders.first ?? "" }
        return coders.dropLast().joined(separator: ", ") + (language == .nb ? " og " : " and ") + coders.last!
    }
}
