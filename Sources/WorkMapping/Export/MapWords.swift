import Foundation
import QualCode

// MARK: - Keys

extension LabelKey {
    static let mapTablesTitle: LabelKey = "mapTablesTitle"
    static let mapStepsHeading: LabelKey = "mapStepsHeading"
    static let mapStepsCaption: LabelKey = "mapStepsCaption"
    static let mapStepsNote: LabelKey = "mapStepsNote"
    static let mapTextsHeading: LabelKey = "mapTextsHeading"
    static let mapTextsCaption: LabelKey = "mapTextsCaption"
    static let mapTextsNote: LabelKey = "mapTextsNote"
    static let mapDisjuncturesHeading: LabelKey = "mapDisjuncturesHeading"
    static let mapDisjuncturesCaption: LabelKey = "mapDisjuncturesCaption"
    static let mapDisjuncturesNote: LabelKey = "mapDisjuncturesNote"
    static let mapQuotesHeading: LabelKey = "mapQuotesHeading"
    static let mapQuotesCaption: LabelKey = "mapQuotesCaption"
    static let mapQuotesNote: LabelKey = "mapQuotesNote"
    static let mapInformantsHeading: LabelKey = "mapInformantsHeading"
    static let mapInformantsCaption: LabelKey = "mapInformantsCaption"
    static let mapInformantsNote: LabelKey = "mapInformantsNote"
    static let mapColStep: LabelKey = "mapColStep"
    static let mapColActions: LabelKey = "mapColActions"
    static let mapColTexts: LabelKey = "mapColTexts"
    static let mapColActors: LabelKey = "mapColActors"
    static let mapColRequirements: LabelKey = "mapColRequirements"
    static let mapColAccounts: LabelKey = "mapColAccounts"
    static let mapColKeyQuotes: LabelKey = "mapColKeyQuotes"
    static let mapColText: LabelKey = "mapColText"
    static let mapColKind: LabelKey = "mapColKind"
    static let mapColIssuer: LabelKey = "mapColIssuer"
    static let mapColVersion: LabelKey = "mapColVersion"
    static let mapColScope: LabelKey = "mapColScope"
    static let mapColHierarchy: LabelKey = "mapColHierarchy"
    static let mapColClauses: LabelKey = "mapColClauses"
    static let mapColEvidence: LabelKey = "mapColEvidence"
    static let mapColProvenance: LabelKey = "mapColProvenance"
    static let mapColDisjuncture: LabelKey = "mapColDisjuncture"
    static let mapColTextSays: LabelKey = "mapColTextSays"
    static let mapColAccountsSay: LabelKey = "mapColAccountsSay"
    static let mapColInformants: LabelKey = "mapColInformants"
    static let mapColProblematic: LabelKey = "mapColProblematic"
    static let mapColNote: LabelKey = "mapColNote"
    static let mapColAction: LabelKey = "mapColAction"
    static let mapColInformant: LabelKey = "mapColInformant"
    static let mapColQuote: LabelKey = "mapColQuote"
    static let mapColSource: LabelKey = "mapColSource"
    static let mapColTranscript: LabelKey = "mapColTranscript"
    static let mapColStepsWithEvidence: LabelKey = "mapColStepsWithEvidence"
    static let mapColPassages: LabelKey = "mapColPassages"
    static let mapColAnswered: LabelKey = "mapColAnswered"
    static let mapNoSteps: LabelKey = "mapNoSteps"
    static let mapNoTexts: LabelKey = "mapNoTexts"
    static let mapNoDisjunctures: LabelKey = "mapNoDisjunctures"
    static let mapNoParticipants: LabelKey = "mapNoParticipants"
    static let mapStandpoint: LabelKey = "mapStandpoint"
    static let mapOrderNotFixed: LabelKey = "mapOrderNotFixed"
    static let mapMergedFrom: LabelKey = "mapMergedFrom"
    static let mapTextUsed: LabelKey = "mapTextUsed"
    static let mapTextProduced: LabelKey = "mapTextProduced"
    static let mapTextGoverns: LabelKey = "mapTextGoverns"
    static let mapWholeProcess: LabelKey = "mapWholeProcess"
    static let mapRegulatedBy: LabelKey = "mapRegulatedBy"
    static let mapRegulates: LabelKey = "mapRegulates"
    static let mapFile: LabelKey = "mapFile"
    static let mapPassageOne: LabelKey = "mapPassageOne"
    static let mapPassageOther: LabelKey = "mapPassageOther"
    static let mapInformantOne: LabelKey = "mapInformantOne"
    static let mapInformantOther: LabelKey = "mapInformantOther"
    static let mapPassagesFrom: LabelKey = "mapPassagesFrom"
    static let mapNoPassages: LabelKey = "mapNoPassages"
    static let mapRemoved: LabelKey = "mapRemoved"
    static let mapRemovedPassage: LabelKey = "mapRemovedPassage"
    static let mapSuperseded: LabelKey = "mapSuperseded"
    static let mapAnswered: LabelKey = "mapAnswered"
}

// MARK: - Words

extension LabelSet {
    /// The core's labels and those the work-map exports write themselves: captions, headers, notes, and
    /// the words for the kinds of texts, links and disjunctures (from the kinds themselves, so a table
    /// and the map's codes say the same). A house style or a project may rename any of them.
    public static let workMapping = LabelSet.core.adding(LabelSet([
        (.mapTablesTitle, nb: "Arbeidskartet i tabeller", en: "The work map in tables"),
        (.mapStepsHeading, nb: "Stegene i arbeidet", en: "The steps of the work"),
        (.mapStepsCaption, nb: "Stegene i arbeidet: handlinger, tekster, aktører, formelle krav og informantenes beretninger",
         en: "The steps of the work: actions, texts, actors, formal requirements and the informants' accounts"),
        (.mapStepsNote, nb: "Stegene står i den rekkefølgen informantene forteller om dem; «rekkefølge ikke fast» markerer steg som ikke alltid kommer der. Beretninger teller passasjer kodet for steget og handlingene i det; en passasje som er fjernet fra transkripsjonen ved redigering, telles ikke, men nevnes.",
         en: "The steps are in the order the informants tell them; «order not fixed» marks steps that do not always come there. Accounts count the passages coded for the step and its actions; a passage removed from its transcript by an edit is not counted, but mentioned."),
        (.mapTextsHeading, nb: "Tekstene", en: "The texts"),
        (.mapTextsCaption, nb: "Tekstene som samordner arbeidet", en: "The texts that coordinate the work"),
        (.mapTextsNote, nb: "Tekstene står etter nivå, fra lover og styringstekster ned til skjema, planer, IT-systemer og måltall. Belegg teller passasjer kodet for teksten.",
         en: "The texts are listed by level, from laws and boss texts down to forms, plans, IT systems and targets. Evidence counts the passages coded for the text."),
        (.mapDisjuncturesHeading, nb: "Brudd", en: "Disjunctures"),
        (.mapDisjuncturesCaption, nb: "Brudd: der tekstene og beretningene om arbeidet ikke stemmer overens",
         en: "Disjunctures: where the texts and the accounts of the work do not agree"),
        (.mapDisjuncturesNote, nb: "Tekst–praksis: en tekst sier ett, beretningene om arbeidet noe annet. Tekst–tekst: to tekster krever det som ikke kan gjøres samtidig. Tekst–kontekst: en tekst laget for en annen sammenheng.",
         en: "Text–practice: a text says one thing, the accounts of the work another. Text–text: two texts demand what cannot both be done. Text–context: a text made for another context."),
        (.mapQuotesHeading, nb: "Sitater etter steg", en: "Quotes by step"),
        (.mapQuotesCaption, nb: "Informantenes beretninger etter steg og handling", en: "The informants' accounts by step and action"),
        (.mapQuotesNote, nb: "Sitatene står slik husstilen setter dem, med forskerens markerte endringer. En passasje som er fjernet fra transkripsjonen ved redigering, står som fjernet, uten teksten.",
         en: "The quotes are set in the house style, with the researcher's marked edits. A passage removed from its transcript by an edit is listed as removed, without its text."),
        (.mapInformantsHeading, nb: "Informantene", en: "The informants"),
        (.mapInformantsCaption, nb: "Informantene og beleggene deres i arbeidskartet", en: "The informants and their evidence in the work map"),
        (.mapInformantsNote, nb: "Passasjer teller informantens belegg for steg, handlinger, aktører, tekster, brudd og koplinger i kartet. Spørsmål besvart: de faste spørsmålene transkripsjonen er lest med.",
         en: "Passages count the informant's evidence for the map's steps, actions, actors, texts, disjunctures and links. Questions answered: the standing questions the transcript was read with."),
        (.mapColStep, nb: "Steg", en: "Step"),
        (.mapColActions, nb: "Handlinger", en: "Actions"),
        (.mapColTexts, nb: "Tekster", en: "Texts"),
        (.mapColActors, nb: "Aktører", en: "Actors"),
        (.mapColRequirements, nb: "Formelle krav", en: "Formal requirements"),
        (.mapColAccounts, nb: "Beretninger", en: "Accounts"),
        (.mapColKeyQuotes, nb: "Nøkkelsitater", en: "Key quotes"),
        (.mapColText, nb: "Tekst", en: "Text"),
        (.mapColKind, nb: "Type", en: "Kind"),
        (.mapColIssuer, nb: "Utsteder", en: "Issuer"),
        (.mapColVersion, nb: "Versjon og dato", en: "Version and date"),
        (.mapColScope, nb: "Omfang", en: "Scope"),
        (.mapColHierarchy, nb: "Regulert av / regulerer", en: "Regulated by / regulates"),
        (.mapColClauses, nb: "Klausuler", en: "Clauses"),
        (.mapColEvidence, nb: "Belegg", en: "Evidence"),
        (.mapColProvenance, nb: "Opphav og fil", en: "Provenance and file"),
        (.mapColDisjuncture, nb: "Brudd", en: "Disjuncture"),
        (.mapColTextSays, nb: "Den formelle teksten sier", en: "The formal text says"),
        (.mapColAccountsSay, nb: "Beretningene sier", en: "The accounts say"),
        (.mapColInformants, nb: "Informanter", en: "Informants"),
        (.mapColProblematic, nb: "Problematikk", en: "Problematic"),
        (.mapColNote, nb: "Merknad", en: "Note"),
        (.mapColAction, nb: "Handling", en: "Action"),
        (.mapColInformant, nb: "Informant", en: "Informant"),
        (.mapColQuote, nb: "Sitat", en: "Quote"),
        (.mapColSource, nb: "Transkripsjon, linje", en: "Transcript, lines"),
        (.mapColTranscript, nb: "Transkripsjon", en: "Transcript"),
        (.mapColStepsWithEvidence, nb: "Steg med belegg", en: "Steps with evidence"),
        (.mapColPassages, nb: "Passasjer", en: "Passages"),
        (.mapColAnswered, nb: "Spørsmål besvart", en: "Questions answered"),
        (.mapNoSteps, nb: "Arbeidskartet har ingen steg ennå.", en: "The work map has no steps yet."),
        (.mapNoTexts, nb: "Arbeidskartet har ingen tekster ennå.", en: "The work map has no texts yet."),
        (.mapNoDisjunctures, nb: "Ingen brudd er registrert ennå.", en: "No disjunctures are recorded yet."),
        (.mapNoParticipants, nb: "Prosjektet har ingen informanter ennå.", en: "The project has no informants yet."),
        (.mapStandpoint, nb: "Sett fra ståstedet til {1}.", en: "Seen from the standpoint of {1}."),
        (.mapOrderNotFixed, nb: "rekkefølge ikke fast", en: "order not fixed"),
        (.mapMergedFrom, nb: "slått sammen med {1}", en: "merged with {1}"),
        (.mapTextUsed, nb: "brukes", en: "used"),
        (.mapTextProduced, nb: "lages", en: "produced"),
        (.mapTextGoverns, nb: "styrer", en: "governs"),
        (.mapWholeProcess, nb: "hele prosessen", en: "the whole process"),
        (.mapRegulatedBy, nb: "Regulert av: {1}", en: "Regulated by: {1}"),
        (.mapRegulates, nb: "Regulerer: {1}", en: "Regulates: {1}"),
        (.mapFile, nb: "fil: {1}", en: "file: {1}"),
        (.mapPassageOne, nb: "1 passasje", en: "1 passage"),
        (.mapPassageOther, nb: "{1} passasjer", en: "{1} passages"),
        (.mapInformantOne, nb: "1 informant", en: "1 informant"),
        (.mapInformantOther, nb: "{1} informanter", en: "{1} informants"),
        (.mapPassagesFrom, nb: "{1} fra {2}", en: "{1} from {2}"),
        (.mapNoPassages, nb: "ingen passasjer", en: "no passages"),
        (.mapRemoved, nb: "{1} fjernet fra transkripsjonen", en: "{1} removed from the transcript"),
        (.mapRemovedPassage, nb: "[passasjen er fjernet fra transkripsjonen]", en: "[the passage was removed from the transcript]"),
        (.mapSuperseded, nb: "senere omformulert", en: "since reworded"),
        (.mapAnswered, nb: "{1} av {2}", en: "{1} of {2}"),
    ] + MapTextKind.allCases.map { ($0.labelKey, nb: $0.nb, en: $0.en) }
      + MapLinkKind.allCases.map { ($0.labelKey, nb: $0.nb, en: $0.en) }
      + MapDisjunctureKind.allCases.map { ($0.labelKey, nb: $0.nb, en: $0.en) }))
}

extension MapTextKind {
    var labelKey: LabelKey { LabelKey("mapTextKind." + rawValue) }
}

extension MapLinkKind {
    var labelKey: LabelKey { LabelKey("mapLinkKind." + rawValue) }
}

extension MapDisjunctureKind {
    var labelKey: LabelKey { LabelKey("mapDisjunctureKind." + rawValue) }
}

/// The words the work-map tables and drawing write themselves, in Bokmål or English, read from
/// ``LabelSet/workMapping``.
struct MapWords {
    let labels: Labels

    init(_ language: DocumentLanguage) { labels = LabelSet.workMapping.labels(for: language) }

    subscript(key: LabelKey) -> String { labels[key] }

    func kind(_ kind: MapTextKind) -> String { labels[kind.labelKey] }
    func kind(_ kind: MapLinkKind) -> String { labels[kind.labelKey] }
    func kind(_ kind: MapDisjunctureKind) -> String { labels[kind.labelKey] }

    func passages(_ n: Int) -> String { labels.count(n, one: .mapPassageOne, other: .mapPassageOther) }
    func informants(_ n: Int) -> String { labels.count(n, one: .mapInformantOne, other: .mapInformantOther) }

    /// «3 passasjer fra 2 informanter», «ingen passasjer».
    func passagesFrom(_ passages: Int, _ informants: Int) -> String {
        passages == 0 ? labels[.mapNoPassages] : labels(.mapPassagesFrom, self.passages(passages), self.informants(informants))
    }
}
