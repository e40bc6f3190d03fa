import Foundation

/// The words of the standard tables — captions, headers and notes — in Norwegian Bokmål or
/// English. The renderers add «Tabell N» before a caption and «Kommentar:» before the first note.
struct TableWords {
    let language: DocumentLanguage

    private var nb: Bool { language == .nb }
    private func pick(_ norwegian: String, _ english: String) -> String { nb ? norwegian : english }

    // MARK: - Shared

    var code: String { pick("Kode", "Code") }
    var total: String { pick("Totalt", "Total") }
    var pseudonym: String { "Pseudonym" }
    var label: String { pick("Etikett", "Label") }
    var transcripts: String { pick("Transkripsjoner", "Transcripts") }
    var segments: String { pick("Segmenter", "Segments") }
    var noCodes: String { pick("Prosjektet har ingen koder ennå.", "The project has no codes yet.") }
    var directCodingsOnly: String {
        pick("En overordnet kode teller bare segmenter som er kodet med den selv, ikke med underkodene.",
             "A parent code counts only the segments coded with it, not those of its child codes.")
    }

    // MARK: - Codebook

    var codebookCaption: String { pick("Kodebok", "Codebook") }
    var codebookHeader: [String] {
        nb ? ["Kode", "Definisjon", "Overordnet kode", "Eksempel", "Segmenter", "Informanter"]
           : ["Code", "Definition", "Parent code", "Example", "Segments", "Participants"]
    }
    var codebookNote: String {
        pick("Segmenter er antall kodede segmenter, informanter antall informanter som har sagt minst ett av dem. Eksempelet er det korteste kodede segmentet på minst \(ProjectStore.exampleMinimumWords) ord.",
             "Segments is the number of coded segments, participants the number of participants who said at least one of them. The example is the shortest coded segment of at least \(ProjectStore.exampleMinimumWords) words.")
    }

    // MARK: - Participants

    var participantOverviewCaption: String { pick("Oversikt over informantene", "Overview of the participants") }
    var participantOverviewNote: String {
        pick("Segmenter er antall kodede segmenter der informanten snakker.",
             "Segments is the number of coded segments in which the participant speaks.")
    }
    var noParticipants: String { pick("Prosjektet har ingen informanter ennå.", "The project has no participants yet.") }

    // MARK: - Code matrix

    func matrixCaption(_ columns: MatrixColumns, _ count: MatrixCount) -> String {
        let by: String
        switch columns {
        case let .attribute(name): by = name
        case .participant: by = pick("informant", "participant")
        }
        let what = count == .participants ? pick("antall informanter", "number of participants") : pick("antall segmenter", "number of segments")
        return pick("Koder etter \(by), \(what)", "Codes by \(by), \(what)")
    }
    var anyCode: String { pick("Minst én kode", "At least one code") }
    var notGiven: String { pick("Ikke oppgitt", "Not given") }
    func notGivenNote(_ attribute: String) -> String {
        pick("Ikke oppgitt: informanter uten verdi for «\(attribute)».", "Not given: participants without a value for «\(attribute)».")
    }
    var countsParticipants: String {
        pick("Tallene er antall informanter med minst ett segment kodet med koden; N er antall informanter i kolonnen.",
             "The figures are the number of participants with at least one segment coded with the code; N is the number of participants in the column.")
    }
    var countsSegments: String {
        pick("Tallene er antall kodede segmenter; N er antall informanter i kolonnen.",
             "The figures are the number of coded segments; N is the number of participants in the column.")
    }
    var sharedSegments: String {
        pick("Et segment der informanter fra flere kolonner snakker, telles i hver av kolonnene, men én gang i «\(total)».",
             "A segment in which participants from several columns speak is counted in each of those columns, but once in «\(total)».")
    }
    var rowPercent: String { pick("Prosentene er andeler av radens total.", "Percentages are shares of the row total.") }
    var columnPercentOfN: String { pick("Prosentene er andeler av N i kolonnen.", "Percentages are shares of the column's N.") }
    var columnPercentOfSegments: String {
        pick("Prosentene er andeler av kolonnens segmenter med minst én kode.", "Percentages are shares of the column's segments with at least one code.")
    }
    func suppressed(below minimum: Int) -> String {
        pick("Celler med færre enn \(minimum) er skjult.", "Cells with fewer than \(minimum) are hidden.")
    }
    func smallColumnsHidden(below minimum: Int) -> String {
        pick("I kolonner med færre enn \(minimum) informanter er alle celler skjult, også nullene.",
             "In columns with fewer than \(minimum) participants every cell is hidden, zeros too.")
    }
    func segmentsLeftOut(_ n: Int) -> String {
        pick("\(n) kodede segment\(n == 1 ? "" : "er") uten kjent informant er ikke med.",
             "\(n) coded segment\(n == 1 ? "" : "s") without a known participant \(n == 1 ? "is" : "are") left out.")
    }

    // MARK: - Codings

    var codingsCaption: String { pick("Kodinger", "Codings") }
    /// Ten columns before the attributes, and the text after them.
    var codingsHeader: [String] {
        nb ? ["segment", "transkripsjon", "fra_linje", "til_linje", "start", "slutt", "kode", "kodet_av", "tidspunkt", "informanter", "tekst"]
           : ["segment", "transcript", "first_line", "last_line", "start", "end", "code", "coder", "coded_at", "participants", "text"]
    }
    var codingsNote: String {
        pick("Én rad per koding. Start og slutt er tegnposisjoner (Unicode-skalarer, slutt ikke inkludert); tidspunkt er UTC.",
             "One row per coding. Start and end are character offsets (Unicode scalars, end exclusive); times are UTC.")
    }
    var noCodings: String { pick("Prosjektet har ingen kodinger ennå.", "The project has no codings yet.") }

    // MARK: - Wide data set

    var wideCaption: String { pick("Informanter og koder", "Participants and codes") }
    var widePresenceNote: String {
        pick("1 = informanten har minst ett segment kodet med koden, 0 = ingen. Variabelnavnene er forklart i variabellisten.",
             "1 = the participant has at least one segment coded with the code, 0 = none. The data dictionary explains the variable names.")
    }
    var wideCountsNote: String {
        pick("Tallene er antall segmenter kodet med koden der informanten snakker. Variabelnavnene er forklart i variabellisten.",
             "The figures are the number of segments coded with the code in which the participant speaks. The data dictionary explains the variable names.")
    }
    var dictionaryCaption: String { pick("Variabelliste", "Data dictionary") }
    var dictionaryHeader: [String] { nb ? ["variabel", "beskrivelse", "type", "verdier"] : ["variable", "label", "type", "values"] }
    var dictionaryNote: String {
        pick("Variabelnavnene er ASCII, begynner med en bokstav og har høyst \(VariableNames.maximumLength) tegn, så SPSS, R og Stata godtar dem.",
             "Variable names are ASCII, start with a letter and have at most \(VariableNames.maximumLength) characters, so SPSS, R and Stata accept them.")
    }
    var pseudonymMeaning: String { pick("Informantens pseudonym", "The participant's pseudonym") }
    func typeName(_ type: AttributeType) -> String {
        switch type {
        case .text: pick("tekst", "text")
        case .integer: pick("heltall", "integer")
        case .float: pick("desimaltall", "decimal")
        case .boolean: pick("sann/usann", "boolean")
        case .date: pick("dato", "date")
        }
    }
    /// What an attribute's values are: the list of values (up to 20), a range, or the form.
    func attributeValues(_ type: AttributeType, values: [String], missing: Bool) -> String {
        var text: String
        switch type {
        case .text:
            text = values.count <= 20 ? values.joined(separator: "; ") : pick("fritekst (\(values.count) ulike verdier)", "free text (\(values.count) distinct values)")
        case .integer, .float:
            text = values.isEmpty ? "" : values.count == 1 ? values[0] : "\(values.first!)–\(values.last!)"
        case .boolean:
            text = pick("true = ja, false = nei", "true = yes, false = no")
        case .date:
            text = pick("ÅÅÅÅ-MM-DD", "YYYY-MM-DD")
        }
        if missing { text += (text.isEmpty ? "" : "; ") + pick("tom = ikke oppgitt", "empty = not given") }
        return text
    }
    var presenceValues: String {
        pick("1 = minst ett segment kodet med koden, 0 = ingen", "1 = at least one segment coded with the code, 0 = none")
    }
    func countValues(maximum: Int) -> String {
        pick("antall segmenter kodet med koden (0–\(maximum))", "number of segments coded with the code (0–\(maximum))")
    }
}
