import Foundation
import Hummingbird
import QualCode

extension LabelSet {
    /// The web UI's own words, added to the core's set: the pages read every label from `/api/labels`.
    public static let web = LabelSet.core.adding(LabelSet([
        ("uiTranscripts", nb: "Transkripsjoner", en: "Transcripts"),
        ("uiCodes", nb: "Koder", en: "Codes"),
        ("uiLine", nb: "Linje", en: "Line"),
        ("uiLines", nb: "Linjer", en: "Lines"),
        ("uiWords", nb: "ord", en: "words"),
        ("uiCodings", nb: "kodinger", en: "codings"),
        ("uiSegmentsShort", nb: "seg.", en: "seg."),
        ("uiPickCode", nb: "Kod markert tekst", en: "Code the selection"),
        ("uiPickerHint", nb: "Skriv for å søke; Enter bruker koden, eller lager den når navnet er nytt (Forelder/Barn). Esc lukker.",
         en: "Type to search; Enter applies the code, or creates it when the name is new (Parent/Child). Esc closes."),
        ("uiCreateCode", nb: "Lag ny kode «{1}»", en: "Create code “{1}”"),
        ("uiCoded", nb: "Kodet med {1}", en: "Coded with {1}"),
        ("uiRemoved", nb: "Fjernet {1}", en: "Removed {1}"),
        ("uiUndone", nb: "Angret koding med {1}", en: "Undid coding with {1}"),
        ("uiNothingSelected", nb: "Marker tekst først.", en: "Select some text first."),
        ("uiBlankSelection", nb: "Markeringen har ingen tekst.", en: "The selection holds no text."),
        ("uiRecent", nb: "Nylige koder", en: "Recent codes"),
        ("uiShortcuts", nb: "Hurtigtaster", en: "Keyboard shortcuts"),
        ("uiKeyCode", nb: "kod markeringen (hele ord)", en: "code the selection (whole words)"),
        ("uiKeyCodeExact", nb: "kod nøyaktig det som er markert", en: "code exactly what is selected"),
        ("uiKeyRecent", nb: "bruk en nylig kode", en: "apply a recent code"),
        ("uiKeyUndo", nb: "angre din siste koding", en: "undo your last coding"),
        ("uiKeyMemo", nb: "notat på den kodede teksten der markøren står", en: "memo on the coded passage at the cursor"),
        ("uiMemoNeedsCoding", nb: "Et notat hører til en koding: marker kodet tekst eller kod markeringen først.",
         en: "A memo belongs to a coding: select coded text, or code the selection first."),
        ("uiKeyHelp", nb: "vis hurtigtastene", en: "show the shortcuts"),
        ("uiKeyClose", nb: "lukk", en: "close"),
        ("uiKeySelect", nb: "marker ord for ord fra linjen", en: "select word by word from the line"),
        ("uiKeySelectLine", nb: "marker linje for linje", en: "select line by line"),
        ("uiKeyLine", nb: "neste / forrige linje", en: "next / previous line"),
        ("uiCoder", nb: "Koder", en: "Coder"),
        ("uiMemo", nb: "Notat", en: "Memo"),
        ("uiMemos", nb: "Notater", en: "Memos"),
        ("uiAddMemo", nb: "Legg til notat", en: "Add memo"),
        ("uiSave", nb: "Lagre", en: "Save"),
        ("uiCancel", nb: "Avbryt", en: "Cancel"),
        ("uiRemove", nb: "Fjern", en: "Remove"),
        ("uiRemoveMemosToo", nb: "Segmentet har notater. Fjerne kodingen og notatene?", en: "The segment has memos. Remove the coding and its memos?"),
        ("uiLoggedInAs", nb: "Logget inn som {1} ({2})", en: "Logged in as {1} ({2})"),
        ("uiChooseTranscript", nb: "Velg en transkripsjon til venstre.", en: "Choose a transcript on the left."),
        ("uiNoCodes", nb: "Ingen koder ennå: marker tekst og trykk c.", en: "No codes yet: select text and press c."),
        ("uiOwn", nb: "egne", en: "own"),
        ("uiWithChildren", nb: "med underkoder", en: "with children"),
        ("uiReadOnly", nb: "Du kan lese, men ikke endre dette prosjektet.", en: "You may read this project but not change it."),
        ("uiLanguage", nb: "English", en: "Norsk"),
        ("uiImport", nb: "+ Importer", en: "+ Import"),
        ("uiImportTitle", nb: "Importer en transkripsjon", en: "Import a transcript"),
        ("uiImportFile", nb: "Fil (.docx, .txt, .md, .vtt eller .srt)", en: "File (.docx, .txt, .md, .vtt or .srt)"),
        ("uiImportParticipants", nb: "Deltakere som snakker i den", en: "Participants who speak in it"),
        ("uiImportMap", nb: "Talerkoder (valgfritt)", en: "Speaker labels (optional)"),
        ("uiImportDate", nb: "Dato", en: "Date"),
        ("uiImportMode", nb: "Form (Teams, telefon …)", en: "How it was held (Teams, phone …)"),
        ("uiImportSubmit", nb: "Importer", en: "Import"),
        ("uiImportAgain", nb: "Filen er importert før. Importere en kopi likevel?", en: "The file was imported before. Import a copy anyway?"),
        ("uiImported", nb: "Importerte {1}", en: "Imported {1}"),
        ("uiPlayFromHere", nb: "Spill av opptaket herfra", en: "Play the recording from here"),
        ("uiRole_owner", nb: "eier", en: "owner"),
        ("uiRole_coder", nb: "koder", en: "coder"),
        ("uiRole_reader", nb: "leser", en: "reader"),
        ("uiOrphaned", nb: "mistet forankring", en: "orphaned"),
        ("uiLiveChange", nb: "{1} endret prosjektet", en: "{1} changed the project"),
    ]))
}

/// `/api/labels?lang=nb|en`: every label of the web set in one language.
struct LabelRoutes {
    func add(to group: RouterGroup<WebContext>) {
        group.get("labels") { request, _ in
            let language = DocumentLanguage(rawValue: request.uri.queryParameters.get("lang") ?? "nb") ?? .nb
            let words = Dictionary(uniqueKeysWithValues: LabelSet.web.entries.map { ($0.key.rawValue, $0.value[language]) })
            return try JSON.response(words)
        }
    }
}
