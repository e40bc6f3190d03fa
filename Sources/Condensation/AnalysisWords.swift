import Foundation
import QualCode

// MARK: - Keys

extension LabelKey {
    static let analysisTitle: LabelKey = "analysisTitle"
    static let resultsTitle: LabelKey = "resultsTitle"
    static let conjunctionAnd: LabelKey = "conjunctionAnd"
    static let examplesCaption: LabelKey = "examplesCaption"
    static let processCaption: LabelKey = "processCaption"
    static let overviewCaption: LabelKey = "overviewCaption"
    static let condensatesNote: LabelKey = "condensatesNote"
    static let countOne: LabelKey = "countOne"
    static let participantCountOne: LabelKey = "participantCountOne"
    static let participantCountOther: LabelKey = "participantCountOther"
    static let unitsFrom: LabelKey = "unitsFrom"
    static let restsOn: LabelKey = "restsOn"
    static let contradicting: LabelKey = "contradicting"
    static let yes: LabelKey = "yes"
    static let csvLevel: LabelKey = "csvLevel"
    static let csvParticipants: LabelKey = "csvParticipants"
    static let csvTranscript: LabelKey = "csvTranscript"
    static let csvLines: LabelKey = "csvLines"
    static let csvText: LabelKey = "csvText"
    static let csvContradicts: LabelKey = "csvContradicts"
    static let supportNone: LabelKey = "supportNone"
    static let supportTheOne: LabelKey = "supportTheOne"
    static let supportBoth: LabelKey = "supportBoth"
    static let supportAll: LabelKey = "supportAll"
    static let supportOne: LabelKey = "supportOne"
    static let supportMost: LabelKey = "supportMost"
    static let supportSeveral: LabelKey = "supportSeveral"
    static let supportSome: LabelKey = "supportSome"
    static let supportShare: LabelKey = "supportShare"
}

// MARK: - Words

extension LabelSet {
    /// The core's labels and those the condensation exports write themselves: the one label set a
    /// front end reads for a project with Malterud's method.
    public static let condensation = LabelSet.core.adding(LabelSet([
        (.analysisTitle, nb: "Analysen", en: "The analysis"),
        (.resultsTitle, nb: "Resultater", en: "Results"),
        (.conjunctionAnd, nb: "og", en: "and"),
        (.examplesCaption, nb: "Eksempel på {1} og {2}", en: "Examples of {1} and {2}"),
        (.processCaption, nb: "Prosessen fra {1} via {2} og {3} til {4}", en: "From {1} through {2} and {3} to {4}"),
        (.overviewCaption, nb: "Oversikt over {1}, {2} og {3}", en: "Overview of {1}, {2} and {3}"),
        (.condensatesNote, nb: "{1} er forskerens egen tekst i jeg-form, ikke sitater.",
         en: "{1} are the researcher's own first-person text, not quotations."),
        (.countOne, nb: "én {1}", en: "one {1}"),
        (.participantCountOne, nb: "én informant", en: "one participant"),
        (.participantCountOther, nb: "{1} informanter", en: "{1} participants"),
        (.unitsFrom, nb: "{1} fra {2}", en: "{1} from {2}"),
        (.restsOn, nb: "Bygger på {1}", en: "Rests on {1}"),
        (.contradicting, nb: "Motsigende {1}", en: "Contradicting {1}"),
        (.yes, nb: "ja", en: "yes"),
        (.csvLevel, nb: "nivå", en: "level"),
        (.csvParticipants, nb: "deltakere", en: "participants"),
        (.csvTranscript, nb: "transkripsjon", en: "transcript"),
        (.csvLines, nb: "linjer", en: "lines"),
        (.csvText, nb: "tekst", en: "text"),
        (.csvContradicts, nb: "motsier", en: "contradicts"),
        (.supportNone, nb: "ingen informanter", en: "no participants"),
        (.supportTheOne, nb: "den ene informanten", en: "the one participant"),
        (.supportBoth, nb: "begge informantene", en: "both participants"),
        (.supportAll, nb: "alle {1} informantene", en: "all {1} participants"),
        (.supportOne, nb: "én informant", en: "one participant"),
        (.supportMost, nb: "de fleste informantene", en: "most participants"),
        (.supportSeveral, nb: "flere informanter", en: "several participants"),
        (.supportSome, nb: "noen informanter", en: "some participants"),
        (.supportShare, nb: "{1} ({2} av {3})", en: "{1} ({2} of {3})"),
    ]))
}

/// The words the analysis exports write themselves, in Bokmål or English, read from
/// ``LabelSet/condensation``. The level names are the researcher's (`stc set`), so an English export
/// wants English level names too (`stc set unit "meaning unit"`, `stc set group "code group"` …).
struct AnalysisWords {
    let language: DocumentLanguage
    var nb: Bool { language == .nb }
    var labels: Labels { LabelSet.condensation.labels(for: language) }

    func plural(_ noun: String) -> String {
        if nb { return CondensationSettings.plural(noun) }
        if noun.hasSuffix("y"), let before = noun.dropLast().last, !"aeiou".contains(before) { return noun.dropLast() + "ies" }
        if ["s", "x", "ch", "sh"].contains(where: noun.hasSuffix) { return noun + "es" }
        return noun + "s"
    }

    func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? labels(.countOne, noun) : "\(n) \(plural(noun))"
    }

    var analysis: String { labels[.analysisTitle] }
    var results: String { labels[.resultsTitle] }
    var and: String { labels[.conjunctionAnd] }
    func examples(_ units: String, _ codes: String) -> String { labels(.examplesCaption, units, codes) }
    func process(_ units: String, _ codes: String, _ subgroups: String, _ groups: String) -> String {
        labels(.processCaption, units, codes, subgroups, groups)
    }
    func overview(_ groups: String, _ subgroups: String, _ codes: String) -> String { labels(.overviewCaption, groups, subgroups, codes) }
    func condensatesNote(_ condensates: String) -> String { labels(.condensatesNote, condensates.capitalizedFirst) }
    func participants(_ n: Int) -> String { labels.count(n, one: .participantCountOne, other: .participantCountOther) }
    func from(_ units: String, _ participants: String) -> String { labels(.unitsFrom, units, participants) }
    func restsOn(_ what: String) -> String { labels(.restsOn, what) }
    func contradicting(_ unit: String) -> String { labels(.contradicting, unit) }
    var yes: String { labels[.yes] }
    var csvHeaders: (level: String, participants: String, transcript: String, lines: String, text: String, contradicts: String) {
        (labels[.csvLevel], labels[.csvParticipants], labels[.csvTranscript], labels[.csvLines], labels[.csvText], labels[.csvContradicts])
    }

    /// How many participants support a finding, in words; the shares that make «most» and «several»
    /// are the researcher's (``CondensationSettings``).
    func support(_ settings: CondensationSettings, _ count: Int, of total: Int) -> String {
        guard total > 0, count > 0 else { return labels[.supportNone] }
        if count == total {
            return total == 1 ? labels[.supportTheOne] : total == 2 ? labels[.supportBoth]
                : labels(.supportAll, nb ? CondensationSettings.numberWord(total) : String(total))
        }
        let share = Double(count) / Double(total)
        let phrase = count == 1 ? labels[.supportOne] : share >= settings.mostShare ? labels[.supportMost]
            : share >= settings.severalShare ? labels[.supportSeveral] : labels[.supportSome]
        return labels(.supportShare, phrase, count, total)
    }
}
