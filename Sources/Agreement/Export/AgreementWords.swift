import Foundation
import QualCode

extension LabelKey {
    static let agreeTitle: LabelKey = "agreeTitle"
    static let agreeStatisticsHeading: LabelKey = "agreeStatisticsHeading"
    static let agreeStatisticsCaption: LabelKey = "agreeStatisticsCaption"
    static let agreeDisagreementsHeading: LabelKey = "agreeDisagreementsHeading"
    static let agreeDisagreementsCaption: LabelKey = "agreeDisagreementsCaption"
    static let agreeColCode: LabelKey = "agreeColCode"
    static let agreeColUnits: LabelKey = "agreeColUnits"
    static let agreeColBoth: LabelKey = "agreeColBoth"
    static let agreeColOnly: LabelKey = "agreeColOnly"
    static let agreeColNeither: LabelKey = "agreeColNeither"
    static let agreeColAgreed: LabelKey = "agreeColAgreed"
    static let agreeColPercent: LabelKey = "agreeColPercent"
    static let agreeColKappa: LabelKey = "agreeColKappa"
    static let agreeColAlpha: LabelKey = "agreeColAlpha"
    static let agreeColNumber: LabelKey = "agreeColNumber"
    static let agreeColWhere: LabelKey = "agreeColWhere"
    static let agreeColKind: LabelKey = "agreeColKind"
    static let agreeColDecision: LabelKey = "agreeColDecision"
    static let agreePooled: LabelKey = "agreePooled"
    static let agreeUnitCharacters: LabelKey = "agreeUnitCharacters"
    static let agreeUnitSegments: LabelKey = "agreeUnitSegments"
    static let agreeUnitSentences: LabelKey = "agreeUnitSentences"
    static let agreeFormulaPercent: LabelKey = "agreeFormulaPercent"
    static let agreeFormulaKappa: LabelKey = "agreeFormulaKappa"
    static let agreeFormulaAlpha: LabelKey = "agreeFormulaAlpha"
    static let agreeUndefined: LabelKey = "agreeUndefined"
    static let agreePooledNote: LabelKey = "agreePooledNote"
    static let agreeLeftOut: LabelKey = "agreeLeftOut"
    static let agreeNotCodedBy: LabelKey = "agreeNotCodedBy"
    static let agreeNoCodes: LabelKey = "agreeNoCodes"
    static let agreeKindPresence: LabelKey = "agreeKindPresence"
    static let agreeKindBoundaries: LabelKey = "agreeKindBoundaries"
    static let agreeNotCoded: LabelKey = "agreeNotCoded"
    static let agreeUndecided: LabelKey = "agreeUndecided"
    static let agreeAdopted: LabelKey = "agreeAdopted"
    static let agreeAdoptedNone: LabelKey = "agreeAdoptedNone"
    static let agreeDisagreementsNote: LabelKey = "agreeDisagreementsNote"
    static let agreeAgreedCount: LabelKey = "agreeAgreedCount"
    static let agreeNoDisagreements: LabelKey = "agreeNoDisagreements"
    static let agreeLines: LabelKey = "agreeLines"
    static let agreeChangedDecisions: LabelKey = "agreeChangedDecisions"
}

extension LabelSet {
    /// The core's labels and those the agreement tables write: captions, headers, the unit and the
    /// formulas named under each table, as a methods chapter needs them.
    public static let agreement = LabelSet.core.adding(LabelSet([
        (.agreeTitle, nb: "Samsvar mellom koderne", en: "Intercoder agreement"),
        (.agreeStatisticsHeading, nb: "Samsvar per kode", en: "Agreement by code"),
        (.agreeStatisticsCaption, nb: "Samsvar mellom {1} per kode", en: "Agreement between {1} by code"),
        (.agreeDisagreementsHeading, nb: "Uenigheter", en: "Disagreements"),
        (.agreeDisagreementsCaption, nb: "Passasjer {1} kodet ulikt", en: "Passages {1} coded differently"),
        (.agreeColCode, nb: "Kode", en: "Code"),
        (.agreeColUnits, nb: "Enheter", en: "Units"),
        (.agreeColBoth, nb: "Begge", en: "Both"),
        (.agreeColOnly, nb: "Bare {1}", en: "{1} only"),
        (.agreeColNeither, nb: "Ingen", en: "Neither"),
        (.agreeColAgreed, nb: "Enige", en: "Agreed"),
        (.agreeColPercent, nb: "Prosent enighet", en: "Percent agreement"),
        (.agreeColKappa, nb: "Cohens κ", en: "Cohen's κ"),
        (.agreeColAlpha, nb: "Krippendorffs α", en: "Krippendorff's α"),
        (.agreeColNumber, nb: "Nr.", en: "No."),
        (.agreeColWhere, nb: "Transkripsjon, linjer", en: "Transcript, lines"),
        (.agreeColKind, nb: "Type", en: "Kind"),
        (.agreeColDecision, nb: "Avgjørelse", en: "Decision"),
        (.agreePooled, nb: "Samlet", en: "Pooled"),
        (.agreeUnitCharacters, nb: "Enhet: tegn. Hvert tegn i transkripsjonene er én beslutning per kode og koder (kodet eller ikke), slik NVivo og QualCoder teller.",
         en: "Unit: characters. Every character of the transcripts is one decision per code and coder (coded or not), as NVivo and QualCoder count."),
        (.agreeUnitSegments, nb: "Enhet: segmenter. Hver passasje en av koderne markerte (overlappende markeringer slått sammen) er én beslutning per kode og koder: ga koderen koden til passasjen eller ikke. Grensene teller ikke.",
         en: "Unit: segments. Every passage one of the coders marked (overlapping marks joined) is one decision per code and coder: did the coder give the code to it or not. Boundaries do not count."),
        (.agreeUnitSentences, nb: "Enhet: setninger. Hver setning i transkripsjonene er én beslutning per kode og koder: ga koderen koden til noe av setningen eller ikke.",
         en: "Unit: sentences. Every sentence of the transcripts is one decision per code and coder: did the coder give the code to any of it or not."),
        (.agreeFormulaPercent, nb: "Prosent enighet = enheter alle koderne var enige om / alle enheter med minst to koderes beslutning.",
         en: "Percent agreement = units all coders agreed on / all units with a decision from at least two coders."),
        (.agreeFormulaKappa, nb: "Cohens κ = (pₒ − pₑ) / (1 − pₑ), der pₒ er observert enighet og pₑ forventet enighet ut fra hver koders andel kodet.",
         en: "Cohen's κ = (pₒ − pₑ) / (1 − pₑ), where pₒ is the observed agreement and pₑ the agreement expected from each coder's share coded."),
        (.agreeFormulaAlpha, nb: "Krippendorffs α (nominal, manglende verdier tillatt) = 1 − Dₒ / Dₑ, observert over forventet uenighet fra koinsidensmatrisen.",
         en: "Krippendorff's α (nominal, missing values allowed) = 1 − Dₒ / Dₑ, observed over expected disagreement from the coincidence matrix."),
        (.agreeUndefined, nb: "– : ikke definert (ingen variasjon: alle beslutningene er like).", en: "– : not defined (no variation: every decision is the same)."),
        (.agreePooledNote, nb: "Samlet: alle beslutninger (enhet × kode) talt sammen.", en: "Pooled: every decision (unit × code) counted together."),
        (.agreeLeftOut, nb: "Utelatt fordi færre enn to av koderne kodet dem: {1}.", en: "Left out because fewer than two of the coders coded them: {1}."),
        (.agreeNotCodedBy, nb: "{1} kodet ikke {2}; beslutningene til {1} mangler der: prosent enighet og α teller de andre kodernes beslutninger.",
         en: "{1} did not code {2}; the decisions of {1} are missing there: percent agreement and α count the other coders' decisions."),
        (.agreeNoCodes, nb: "Koderne har ikke brukt noen koder i disse transkripsjonene.", en: "The coders have used no codes in these transcripts."),
        (.agreeKindPresence, nb: "kodet / ikke kodet", en: "coded / not coded"),
        (.agreeKindBoundaries, nb: "ulike grenser", en: "different boundaries"),
        (.agreeNotCoded, nb: "(ikke kodet)", en: "(not coded)"),
        (.agreeUndecided, nb: "", en: ""),
        (.agreeAdopted, nb: "{1} valgt", en: "{1} adopted"),
        (.agreeAdoptedNone, nb: "ingen valgt", en: "none adopted"),
        (.agreeDisagreementsNote, nb: "Overlappende markeringer med samme kode er én passasje. Kodet / ikke kodet: noen ga koden her, andre ikke. Ulike grenser: alle ga koden, over ulike strekninger. Nr. viser til passasjen når konsensus avgjøres.",
         en: "Overlapping marks with the same code are one passage. Coded / not coded: some gave the code here, others did not. Different boundaries: all gave the code, over different stretches. No. names the passage when consensus is decided."),
        (.agreeAgreedCount, nb: "{1} passasjer kodet likt av alle er ikke med.", en: "{1} passages coded the same by all are not listed."),
        (.agreeNoDisagreements, nb: "Koderne er enige om alle passasjene.", en: "The coders agree on every passage."),
        (.agreeLines, nb: "linje {1}", en: "line {1}"),
        (.agreeChangedDecisions, nb: "{1} avgjørelser gjelder passasjer som er kodet om siden; konsensuskodingene deres står til passasjen avgjøres på nytt.",
         en: "{1} decisions concern passages coded differently since; their consensus codings stand until the passage is decided again."),
    ]))
}
