import Foundation

extension ReferenceDocument {
    /// QualCode's own styles as a document to edit in Word and pass back as a reference document:
    /// one paragraph in each style, saying what the style is for. `Templates/referanse.docx` is this
    /// document rendered with ``DocxRenderer`` (a test keeps the two the same).
    ///
    /// The styles that matter are the ones named here; the text itself is never used.
    public static func template(language: DocumentLanguage = .nb) -> Document {
        let nb = language == .nb
        func line(_ nbText: String, _ enText: String) -> [Inline] { [.text(nb ? nbText : enText)] }
        return Document(title: nb ? "QualCode – referansedokument" : "QualCode – reference document", language: language, blocks: [
            .heading(level: 1, line("Overskrift 1 (Heading 1)", "Heading 1")),
            .paragraph(line(
                "Brødtekst (Normal). Dette dokumentet viser stilene QualCode bruker. Endre stilene i Word (Hjem → Stiler → Endre), "
                    + "sett sidestørrelse og marger, lagre, og bruk filen som referansedokument når du eksporterer. Teksten her brukes ikke; "
                    + "stiler dokumentet mangler, henter QualCode fra sine egne.",
                "Body text (Normal). This document shows the styles QualCode uses. Change them in Word (Home → Styles → Modify), "
                    + "set the page size and margins, save, and use the file as the reference document when you export. The text here is "
                    + "never used; styles the document lacks come from QualCode's own.")),
            .heading(level: 2, line("Overskrift 2 (Heading 2)", "Heading 2")),
            .paragraph(line("Sitater med minst 40 ord settes som blokksitat i stilen «Sitat», med etiketten under i «Sitat-etikett»:",
                            "Quotes of 40 words or more are set as block quotes in the style «Sitat», with the label below in «Sitat-etikett»:")),
            .question(line("Intervjuer: Hva betyr tillit for deg? (Sitat-spørsmål, intervjuerens spørsmål før et sitat)",
                           "Interviewer: What does trust mean to you? (Sitat-spørsmål, the interviewer's question before a quote)")),
            .blockQuote(line("Blokksitat (Sitat): Eh, jeg er ikke sjefen deres (…) men jeg er den de kan sparre med.",
                             "Block quote (Sitat): Well, I am not their boss (…) but I am the one they can talk things through with."),
                        label: line("(Sitat-etikett)", "(Sitat-etikett)")),
            .heading(level: 3, line("Overskrift 3 (Heading 3)", "Heading 3")),
            .paragraph(line("Lister i analytiske tekster står i stilen «Listeavsnitt» (List Paragraph):",
                            "Lists in analytic texts are set in the style «Listeavsnitt» (List Paragraph):")),
            .listItem(line("Et punkt i en punktliste", "An item of a bulleted list"), marker: "•", level: 0),
            .listItem(line("Et punkt ett nivå inn", "An item one level in"), marker: "•", level: 1),
            .table(Table(caption: nb ? "Tabelltittel (Caption, som også brukes for figurer)" : "Table title (Caption, also used for figures)",
                         header: nb ? ["Kolonne (Tabelltekst)", "Kolonne"] : ["Column (Tabelltekst)", "Column"],
                         rows: [nb ? ["Celle (Tabelltekst)", "Celle"] : ["Cell (Tabelltekst)", "Cell"]],
                         notes: [nb ? "Kommentar under tabeller og figurer (Tabellkommentar). Tabellen bruker tabellstilen «Table Grid»."
                                    : "Note below tables and figures (Tabellkommentar). The table uses the table style «Table Grid»."])),
            .paragraph([.text(nb ? "Figurer står i stilen «Figur», med tittelen over." : "Figures are set in the style «Figur», title above."),
                        .footnote(line("Fotnote (footnote text).", "Footnote (footnote text)."))]),
        ])
    }
}
