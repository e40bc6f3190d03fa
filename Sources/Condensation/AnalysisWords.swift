import Foundation
import QualCode

/// The words the analysis exports write themselves, in Bokmål or English. The level names are the
/// researcher's (``Condensation/set(_:to:)``), so an English export wants English level names too
/// (`unit` = «meaning unit», `group` = «code group» …).
struct AnalysisWords {
    let language: DocumentLanguage
    var nb: Bool { language == .nb }

    func plural(_ noun: String) -> String {
        if nb { return CondensationSettings.plural(noun) }
        if noun.hasSuffix("y"), let before = noun.dropLast().last, !"aeiou".contains(before) { return noun.dropLast() + "ies" }
        if ["s", "x", "ch", "sh"].contains(where: noun.hasSuffix) { return noun + "es" }
        return noun + "s"
    }

    func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? (nb ? "én \(noun)" : "one \(noun)") : "\(n) \(plural(noun))"
    }

    var analysis: String { nb ? "Analysen" : "The analysis" }
    var results: String { nb ? "Resultater" : "Results" }
    var and: String { nb ? "og" : "and" }
    func examples(_ units: String, _ codes: String) -> String { nb ? "Eksempel på \(units) og \(codes)" : "Examples of \(units) and \(codes)" }
    func process(_ units: String, _ codes: String, _ subgroups: String, _ groups: String) -> String {
        nb ? "Prosessen fra \(units) via \(codes) og \(subgroups) til \(groups)"
           : "From \(units) through \(codes) and \(subgroups) to \(groups)"
    }
    func overview(_ groups: String, _ subgroups: String, _ codes: String) -> String {
        nb ? "Oversikt over \(groups), \(subgroups) og \(codes)" : "Overview of \(groups), \(subgroups) and \(codes)"
    }
    func condensatesNote(_ condensates: String) -> String {
        nb ? "\(condensates.capitalizedFirst) er forskerens egen tekst i jeg-form, ikke sitater."
           : "\(condensates.capitalizedFirst) are the researcher's own first-person text, not quotations."
    }
    func participants(_ n: Int) -> String { nb ? (n == 1 ? "én informant" : "\(n) informanter") : (n == 1 ? "one participant" : "\(n) participants") }
    func from(_ units: String, _ participants: String) -> String { nb ? "\(units) fra \(participants)" : "\(units) from \(participants)" }
    func restsOn(_ what: String) -> String { nb ? "Bygger på \(what)" : "Rests on \(what)" }
    func contradicting(_ unit: String) -> String { nb ? "Motsigende \(unit)" : "Contradicting \(unit)" }
    var yes: String { nb ? "ja" : "yes" }
    var csvHeaders: (level: String, participants: String, transcript: String, lines: String, text: String, contradicts: String) {
        nb ? ("nivå", "deltakere", "transkripsjon", "linjer", "tekst", "motsier")
           : ("level", "participants", "transcript", "lines", "text", "contradicts")
    }

    /// How many participants support a finding, in words.
    func support(_ settings: CondensationSettings, _ count: Int, of total: Int) -> String {
        if nb { return settings.support(count, of: total) }
        guard total > 0, count > 0 else { return "no participants" }
        if count == total { return total == 1 ? "the one participant" : total == 2 ? "both participants" : "all \(total) participants" }
        let share = Double(count) / Double(total)
        let phrase = count == 1 ? "one participant" : share >= settings.mostShare ? "most participants"
            : share >= settings.severalShare ? "several participants" : "some participants"
        return "\(phrase) (\(count) of \(total))"
    }
}
