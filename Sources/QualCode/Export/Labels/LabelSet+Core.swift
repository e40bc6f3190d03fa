import Foundation

// MARK: - Keys

extension LabelKey {
    // Document and quotes: the words a renderer puts before numbers and notes, headings, footnotes.
    // A house style may rename these (``HouseStyle/wordKeys``).
    public static let table: LabelKey = "table"
    public static let figure: LabelKey = "figure"
    public static let note: LabelKey = "note"
    public static let quotes: LabelKey = "quotes"
    public static let interviewer: LabelKey = "interviewer"
    public static let fromNotes: LabelKey = "fromNotes"
    public static let fromEmail: LabelKey = "fromEmail"
    public static let fromDocument: LabelKey = "fromDocument"
    public static let quoteCountOne: LabelKey = "quoteCountOne"
    public static let quoteCountOther: LabelKey = "quoteCountOther"
    public static let fromParticipantsOne: LabelKey = "fromParticipantsOne"
    public static let fromParticipantsOther: LabelKey = "fromParticipantsOther"

    // A quote's edits in words (the quote bank, the quote's details).
    public static let editCutMarked: LabelKey = "editCutMarked"
    public static let editOmitted: LabelKey = "editOmitted"
    public static let editFiller: LabelKey = "editFiller"
    public static let editInserted: LabelKey = "editInserted"
    public static let editReplaced: LabelKey = "editReplaced"
    public static let editGloss: LabelKey = "editGloss"
    public static let editLetterCase: LabelKey = "editLetterCase"

    // The quote bank's CSV header.
    public static let bankCode: LabelKey = "bankCode"
    public static let bankParticipants: LabelKey = "bankParticipants"
    public static let bankLabel: LabelKey = "bankLabel"
    public static let bankLeadIn: LabelKey = "bankLeadIn"
    public static let bankQuestion: LabelKey = "bankQuestion"
    public static let bankTranscript: LabelKey = "bankTranscript"
    public static let bankLines: LabelKey = "bankLines"
    public static let bankSource: LabelKey = "bankSource"
    public static let bankVerbatim: LabelKey = "bankVerbatim"
    public static let bankDisplayed: LabelKey = "bankDisplayed"
    public static let bankEdits: LabelKey = "bankEdits"
    public static let bankSegment: LabelKey = "bankSegment"

    // Tables: shared.
    public static let code: LabelKey = "code"
    public static let total: LabelKey = "total"
    public static let pseudonym: LabelKey = "pseudonym"
    public static let label: LabelKey = "label"
    public static let transcripts: LabelKey = "transcripts"
    public static let segments: LabelKey = "segments"
    public static let noCodes: LabelKey = "noCodes"
    public static let directCodingsOnly: LabelKey = "directCodingsOnly"
    public static let childCodingsIncluded: LabelKey = "childCodingsIncluded"

    // Codebook.
    public static let codebookCaption: LabelKey = "codebookCaption"
    public static let definition: LabelKey = "definition"
    public static let parentCode: LabelKey = "parentCode"
    public static let example: LabelKey = "example"
    public static let participants: LabelKey = "participants"
    public static let codebookNote: LabelKey = "codebookNote"

    // Participant overview.
    public static let participantOverviewCaption: LabelKey = "participantOverviewCaption"
    public static let participantOverviewNote: LabelKey = "participantOverviewNote"
    public static let noParticipants: LabelKey = "noParticipants"

    // Code matrix.
    public static let matrixCaption: LabelKey = "matrixCaption"
    public static let byParticipant: LabelKey = "byParticipant"
    public static let numberOfParticipants: LabelKey = "numberOfParticipants"
    public static let numberOfSegments: LabelKey = "numberOfSegments"
    public static let anyCode: LabelKey = "anyCode"
    public static let notGiven: LabelKey = "notGiven"
    public static let notGivenNote: LabelKey = "notGivenNote"
    public static let percentFromBase: LabelKey = "percentFromBase"
    public static let countsParticipants: LabelKey = "countsParticipants"
    public static let countsSegments: LabelKey = "countsSegments"
    public static let sharedSegments: LabelKey = "sharedSegments"
    public static let rowPercent: LabelKey = "rowPercent"
    public static let columnPercentOfN: LabelKey = "columnPercentOfN"
    public static let columnPercentOfSegments: LabelKey = "columnPercentOfSegments"
    public static let suppressedBelow: LabelKey = "suppressedBelow"
    public static let smallColumnsHidden: LabelKey = "smallColumnsHidden"
    public static let segmentsLeftOutOne: LabelKey = "segmentsLeftOutOne"
    public static let segmentsLeftOutOther: LabelKey = "segmentsLeftOutOther"

    // Codings (the CSV-style header is lowercase and has no spaces).
    public static let codingsCaption: LabelKey = "codingsCaption"
    public static let codingsSegment: LabelKey = "codingsSegment"
    public static let codingsTranscript: LabelKey = "codingsTranscript"
    public static let codingsFirstLine: LabelKey = "codingsFirstLine"
    public static let codingsLastLine: LabelKey = "codingsLastLine"
    public static let codingsStart: LabelKey = "codingsStart"
    public static let codingsEnd: LabelKey = "codingsEnd"
    public static let codingsCode: LabelKey = "codingsCode"
    public static let codingsCoder: LabelKey = "codingsCoder"
    public static let codingsCodedAt: LabelKey = "codingsCodedAt"
    public static let codingsParticipants: LabelKey = "codingsParticipants"
    public static let codingsText: LabelKey = "codingsText"
    public static let codingsNote: LabelKey = "codingsNote"
    public static let noCodings: LabelKey = "noCodings"

    // Wide data set and its dictionary.
    public static let wideCaption: LabelKey = "wideCaption"
    public static let widePresenceNote: LabelKey = "widePresenceNote"
    public static let wideCountsNote: LabelKey = "wideCountsNote"
    public static let dictionaryCaption: LabelKey = "dictionaryCaption"
    public static let dictionaryVariable: LabelKey = "dictionaryVariable"
    public static let dictionaryDescription: LabelKey = "dictionaryDescription"
    public static let dictionaryType: LabelKey = "dictionaryType"
    public static let dictionaryValues: LabelKey = "dictionaryValues"
    public static let dictionaryNote: LabelKey = "dictionaryNote"
    public static let pseudonymMeaning: LabelKey = "pseudonymMeaning"
    public static let typeText: LabelKey = "typeText"
    public static let typeInteger: LabelKey = "typeInteger"
    public static let typeFloat: LabelKey = "typeFloat"
    public static let typeBoolean: LabelKey = "typeBoolean"
    public static let typeDate: LabelKey = "typeDate"
    public static let freeTextValues: LabelKey = "freeTextValues"
    public static let booleanValues: LabelKey = "booleanValues"
    public static let dateValues: LabelKey = "dateValues"
    public static let emptyIsNotGiven: LabelKey = "emptyIsNotGiven"
    public static let presenceValues: LabelKey = "presenceValues"
    public static let countValues: LabelKey = "countValues"
}

// MARK: - Words

extension LabelSet {
    /// The core's labels: documents, quotes and the standard tables.
    public static let core = LabelSet([
        (.table, nb: "Tabell", en: "Table"),
        (.figure, nb: "Figur", en: "Figure"),
        (.note, nb: "Kommentar", en: "Note"),
        (.quotes, nb: "Sitater", en: "Quotes"),
        (.interviewer, nb: "Intervjuer", en: "Interviewer"),
        (.fromNotes, nb: "Notert av intervjueren under samtalen, ikke ordrett.",
         en: "Written down by the interviewer during the conversation, not verbatim."),
        (.fromEmail, nb: "Formidlet i e-post til forskerne.", en: "Sent to the researchers by e-mail."),
        (.fromDocument, nb: "Fra et skriftlig dokument.", en: "From a written document."),
        (.quoteCountOne, nb: "{1} sitat", en: "{1} quote"),
        (.quoteCountOther, nb: "{1} sitater", en: "{1} quotes"),
        (.fromParticipantsOne, nb: "fra {1} informant", en: "from {1} participant"),
        (.fromParticipantsOther, nb: "fra {1} informanter", en: "from {1} participants"),

        (.editCutMarked, nb: "kutt markert", en: "cut marked"),
        (.editOmitted, nb: "utelatt: {1}", en: "omitted: {1}"),
        (.editFiller, nb: "fyllord fjernet: {1}", en: "filler removed: {1}"),
        (.editInserted, nb: "satt inn: {1}", en: "inserted: {1}"),
        (.editReplaced, nb: "erstattet: {1} → {2}", en: "replaced: {1} → {2}"),
        (.editGloss, nb: "forklaring: {1}", en: "gloss: {1}"),
        (.editLetterCase, nb: "stor/liten bokstav: {1} → {2}", en: "letter case: {1} → {2}"),

        (.bankCode, nb: "kode", en: "code"),
        (.bankParticipants, nb: "deltakere", en: "participants"),
        (.bankLabel, nb: "etikett", en: "label"),
        (.bankLeadIn, nb: "innledning", en: "lead_in"),
        (.bankQuestion, nb: "spørsmål", en: "question"),
        (.bankTranscript, nb: "transkripsjon", en: "transcript"),
        (.bankLines, nb: "linjer", en: "lines"),
        (.bankSource, nb: "kilde", en: "source"),
        (.bankVerbatim, nb: "ordrett", en: "verbatim"),
        (.bankDisplayed, nb: "vist", en: "displayed"),
        (.bankEdits, nb: "redigeringer", en: "edits"),
        (.bankSegment, nb: "segment", en: "segment"),

        (.code, nb: "Kode", en: "Code"),
        (.total, nb: "Totalt", en: "Total"),
        (.pseudonym, nb: "Pseudonym", en: "Pseudonym"),
        (.label, nb: "Etikett", en: "Label"),
        (.transcripts, nb: "Transkripsjoner", en: "Transcripts"),
        (.segments, nb: "Segmenter", en: "Segments"),
        (.noCodes, nb: "Prosjektet har ingen koder ennå.", en: "The project has no codes yet."),
        (.directCodingsOnly, nb: "En overordnet kode teller bare segmenter som er kodet med den selv, ikke med underkodene.",
         en: "A parent code counts only the segments coded with it, not those of its child codes."),
        (.childCodingsIncluded, nb: "En overordnet kode teller også segmentene som er kodet med underkodene, hvert segment én gang.",
         en: "A parent code also counts the segments coded with its child codes, each segment once."),

        (.codebookCaption, nb: "Kodebok", en: "Codebook"),
        (.definition, nb: "Definisjon", en: "Definition"),
        (.parentCode, nb: "Overordnet kode", en: "Parent code"),
        (.example, nb: "Eksempel", en: "Example"),
        (.participants, nb: "Informanter", en: "Participants"),
        (.codebookNote,
         nb: "Segmenter er antall kodede segmenter, informanter antall informanter som har sagt minst ett av dem. Eksempelet er det korteste kodede segmentet på minst {1} ord.",
         en: "Segments is the number of coded segments, participants the number of participants who said at least one of them. The example is the shortest coded segment of at least {1} words."),

        (.participantOverviewCaption, nb: "Oversikt over informantene", en: "Overview of the participants"),
        (.participantOverviewNote, nb: "Segmenter er antall kodede segmenter der informanten snakker.",
         en: "Segments is the number of coded segments in which the participant speaks."),
        (.noParticipants, nb: "Prosjektet har ingen informanter ennå.", en: "The project has no participants yet."),

        (.matrixCaption, nb: "Koder etter {1}, {2}", en: "Codes by {1}, {2}"),
        (.byParticipant, nb: "informant", en: "participant"),
        (.numberOfParticipants, nb: "antall informanter", en: "number of participants"),
        (.numberOfSegments, nb: "antall segmenter", en: "number of segments"),
        (.anyCode, nb: "Minst én kode", en: "At least one code"),
        (.notGiven, nb: "Ikke oppgitt", en: "Not given"),
        (.percentFromBase, nb: "Prosent vises bare der grunnlaget er minst {1}.", en: "Percentages are shown only where the base is at least {1}."),
        (.notGivenNote, nb: "Ikke oppgitt: informanter uten verdi for «{1}».", en: "Not given: participants without a value for «{1}»."),
        (.countsParticipants,
         nb: "Tallene er antall informanter med minst ett segment kodet med koden; N er antall informanter i kolonnen.",
         en: "The figures are the number of participants with at least one segment coded with the code; N is the number of participants in the column."),
        (.countsSegments, nb: "Tallene er antall kodede segmenter; N er antall informanter i kolonnen.",
         en: "The figures are the number of coded segments; N is the number of participants in the column."),
        (.sharedSegments, nb: "Et segment der informanter fra flere kolonner snakker, telles i hver av kolonnene, men én gang i «{1}».",
         en: "A segment in which participants from several columns speak is counted in each of those columns, but once in «{1}»."),
        (.rowPercent, nb: "Prosentene er andeler av radens total.", en: "Percentages are shares of the row total."),
        (.columnPercentOfN, nb: "Prosentene er andeler av N i kolonnen.", en: "Percentages are shares of the column's N."),
        (.columnPercentOfSegments, nb: "Prosentene er andeler av kolonnens segmenter med minst én kode.",
         en: "Percentages are shares of the column's segments with at least one code."),
        (.suppressedBelow, nb: "Celler med færre enn {1} er skjult.", en: "Cells with fewer than {1} are hidden."),
        (.smallColumnsHidden, nb: "I kolonner med færre enn {1} informanter er alle celler skjult, også nullene.",
         en: "In columns with fewer than {1} participants every cell is hidden, zeros too."),
        (.segmentsLeftOutOne, nb: "{1} kodede segment uten kjent informant er ikke med.",
         en: "{1} coded segment without a known participant is left out."),
        (.segmentsLeftOutOther, nb: "{1} kodede segmenter uten kjent informant er ikke med.",
         en: "{1} coded segments without a known participant are left out."),

        (.codingsCaption, nb: "Kodinger", en: "Codings"),
        (.codingsSegment, nb: "segment", en: "segment"),
        (.codingsTranscript, nb: "transkripsjon", en: "transcript"),
        (.codingsFirstLine, nb: "fra_linje", en: "first_line"),
        (.codingsLastLine, nb: "til_linje", en: "last_line"),
        (.codingsStart, nb: "start", en: "start"),
        (.codingsEnd, nb: "slutt", en: "end"),
        (.codingsCode, nb: "kode", en: "code"),
        (.codingsCoder, nb: "kodet_av", en: "coder"),
        (.codingsCodedAt, nb: "tidspunkt", en: "coded_at"),
        (.codingsParticipants, nb: "informanter", en: "participants"),
        (.codingsText, nb: "tekst", en: "text"),
        (.codingsNote, nb: "Én rad per koding. Start og slutt er tegnposisjoner (Unicode-skalarer, slutt ikke inkludert); tidspunkt er UTC.",
         en: "One row per coding. Start and end are character offsets (Unicode scalars, end exclusive); times are UTC."),
        (.noCodings, nb: "Prosjektet har ingen kodinger ennå.", en: "The project has no codings yet."),

        (.wideCaption, nb: "Informanter og koder", en: "Participants and codes"),
        (.widePresenceNote,
         nb: "1 = informanten har minst ett segment kodet med koden, 0 = ingen. Variabelnavnene er forklart i variabellisten.",
         en: "1 = the participant has at least one segment coded with the code, 0 = none. The data dictionary explains the variable names."),
        (.wideCountsNote,
         nb: "Tallene er antall segmenter kodet med koden der informanten snakker. Variabelnavnene er forklart i variabellisten.",
         en: "The figures are the number of segments coded with the code in which the participant speaks. The data dictionary explains the variable names."),
        (.dictionaryCaption, nb: "Variabelliste", en: "Data dictionary"),
        (.dictionaryVariable, nb: "variabel", en: "variable"),
        (.dictionaryDescription, nb: "beskrivelse", en: "label"),
        (.dictionaryType, nb: "type", en: "type"),
        (.dictionaryValues, nb: "verdier", en: "values"),
        (.dictionaryNote, nb: "Variabelnavnene er ASCII, begynner med en bokstav og har høyst {1} tegn, så SPSS, R og Stata godtar dem.",
         en: "Variable names are ASCII, start with a letter and have at most {1} characters, so SPSS, R and Stata accept them."),
        (.pseudonymMeaning, nb: "Informantens pseudonym", en: "The participant's pseudonym"),
        (.typeText, nb: "tekst", en: "text"),
        (.typeInteger, nb: "heltall", en: "integer"),
        (.typeFloat, nb: "desimaltall", en: "decimal"),
        (.typeBoolean, nb: "sann/usann", en: "boolean"),
        (.typeDate, nb: "dato", en: "date"),
        (.freeTextValues, nb: "fritekst ({1} ulike verdier)", en: "free text ({1} distinct values)"),
        (.booleanValues, nb: "true = ja, false = nei", en: "true = yes, false = no"),
        (.dateValues, nb: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD"),
        (.emptyIsNotGiven, nb: "tom = ikke oppgitt", en: "empty = not given"),
        (.presenceValues, nb: "1 = minst ett segment kodet med koden, 0 = ingen", en: "1 = at least one segment coded with the code, 0 = none"),
        (.countValues, nb: "antall segmenter kodet med koden (0–{1})", en: "number of segments coded with the code (0–{1})"),
    ])
}
