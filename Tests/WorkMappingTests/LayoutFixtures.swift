import Foundation
import Testing
@testable import WorkMapping

/// Synthetic maps of job specialists' follow-up work (written for the tests; no real people): a typical
/// study as a thesis draws it, the same with actor lanes, and a crowded one with very long labels.
struct LayoutFixture: Sendable, CustomTestStringConvertible {
    let name: String
    let figure: MapFigure

    var testDescription: String { name }

    static let all: [LayoutFixture] = [
        LayoutFixture(name: "typical", figure: typical),
        LayoutFixture(name: "typical with lanes", figure: typicalWithLanes),
        LayoutFixture(name: "crowded", figure: crowded),
    ]

    // MARK: - Typical: 7 steps, 22 texts, 15 actions

    static let typical = MapFigure(
        caption: "Figur 1. Kart over oppfølgingsarbeidet til jobbspesialister (syntetisk eksempel)",
        note: "Forenklet fremstilling, sett fra jobbspesialistenes ståsted. Rekkefølgen er ikke fast: steg kan skje parallelt eller gjentas.",
        steps: [
            step(1, "Motta henvisning", actions: ["Avklare henvisningen med behandler"],
                 texts: ["Henvisningsskjema fra helse eller NAV-veileder", "Meldinger i DIPS"]),
            step(2, "Informasjonssamtale og oppstart",
                 actions: ["Trekantsamtale med jobbsøker og NAV-veileder", "Telefonsamtale om motivasjon", "Starte oppfølging eller henvise videre"],
                 texts: ["Referat fra trekantsamtalen"]),
            step(3, "Bli kjent, bygge tillit", actions: ["Gå gjennom taushetsplikten", "Skanne skjemaer inn i fagsystemene"],
                 texts: ["Åpenhetsskjema", "Taushetserklæring (NAV-loven § 7)", "Samtykkeerklæring"]),
            step(4, "Kartlegge jobbsøker", actions: ["Kartleggingsmøter på kafé eller tur", "Koble på samarbeidsaktører"],
                 texts: ["Kartleggingsmal (UO- og IPS-versjon)", "Yrkesprofil i Modia", "Jobbsøkeplan"]),
            step(5, "Kontakte og kartlegge arbeidsgivere – finne jobbmatch",
                 actions: ["Relasjonsarbeid med arbeidsgivere", "Presentere kandidat", "Forhandle om tilrettelegging"],
                 texts: ["«Tre kopper te» og koppX", "Bedriftskartlegging"]),
            step(6, "Oppfølging etter jobbstart",
                 actions: ["Gi støtte ut fra arbeidsgivers og jobbsøkers behov", "Månedlige møter på arbeidsplassen"],
                 texts: ["Jobbstøtteplan", "Aktivitetsplanen"]),
            step(7, "Avslutning og måling av jobbvarighet", actions: ["Trappe ned oppfølgingen", "Rapportere tall til metodeveileder"],
                 texts: ["Sluttrapport innen 14 dager", "Rapportmal til fylkeskontakten"]),
        ],
        processTexts: [
            box("p1", "Femtrinnsprosessen (EUSE)"),
            box("p2", "IPS' åtte prinsipper"),
            box("p3", "Kvalitetsveileder / IPS-kvalitetsskala"),
            box("p4", "Retningslinjer fra NAV (dokumentasjonskrav)"),
            box("p5", "Forskrift om oppfølgingstjenester § 5"),
            box("p6", "«65 % av tiden ute»"),
        ])

    /// The typical map with four actors; «Trekantsamtale» is performed by two and drawn in the first lane.
    static let typicalWithLanes: MapFigure = {
        var figure = typical
        figure.lanes = [
            MapFigure.Lane(actor: box("r1", "Jobbspesialist"),
                           actions: ["a2-1", "a2-2", "a3-1", "a3-2", "a4-1", "a5-1", "a5-2", "a6-1", "a6-2", "a7-2"]),
            MapFigure.Lane(actor: box("r2", "NAV-veileder"), actions: ["a2-1", "a2-3"]),
            MapFigure.Lane(actor: box("r3", "Arbeidsgiver og leder"), actions: ["a5-3"]),
            MapFigure.Lane(actor: box("r4", "Behandler (DPS)"), actions: ["a1-1"]),
        ]
        return figure
    }()

    // MARK: - Crowded: 12 steps, 60 texts, 40 actions, very long labels

    static let crowded: MapFigure = {
        let stepNames = [
            "Motta og avklare henvisning fra behandlingsteamet eller NAV-veilederen",
            "Informasjonssamtale (trekantsamtale eller telefon) – starte oppfølging eller henvise videre",
            "Bli kjent med jobbsøkeren, bygge tillit og gå gjennom taushetsplikt og samtykke",
            "Kartlegge jobbsøkerens ønsker, erfaringer, helse og behov for tilrettelegging",
            "Koble på samarbeidsaktører: økonomisk rådgivning, helsetjenesten og kommunen",
            "Kontakte og kartlegge arbeidsgivere – finne jobbmatch",
            "Arbeidsmarkedstiltaksoppfølgingsdokumentasjonskravsgjennomgang",
            "Presentere kandidaten og forhandle om arbeidsoppgaver, lønn og tilrettelegging",
            "Jobbstart: første arbeidsdag, opplæring og avklaring av forventninger på arbeidsplassen",
            "Oppfølging etter jobbstart med jobbsøker og leder – trappe ned over tid",
            "Avslutte oppfølgingen og skrive sluttrapport til NAV-veilederen innen fjorten dager",
            "Måle jobbvarighet etter to år og rapportere tallene videre til fylkeskontakten",
        ]
        let textNames = [
            "Henvisningsskjema med navn, adresse, telefon, henvisningsdato og behandler",
            "Samtykkeerklæring for samarbeid med helsetjenesten, kommunen og NAV-veilederen",
            "Åpenhetsskjema: hva arbeidsgiveren kan få vite om jobbsøkerens utfordringer",
            "Kartleggingsmal for IPS med egne spørsmål om sykdom og behandling",
            "Yrkesprofil som journalføres i Modia og oppdateres fortløpende",
            "Jobbsøkeplan med overordnet jobbmål, delmål og avtale om kontakt",
            "Jobbstøtteplan: avtale om oppfølging etter jobbstart",
            "«Tre kopper te»: kopp én, kopp to, kopp tre og koppX",
            "Rapportmal til fylkeskontakten med bedriftsbesøk, utetid og jobbstarter",
        ]
        let actionNames = [
            "Ringe jobbsøkeren og avtale et første møte på kafé",
            "Skanne dokumentene inn i både NAVs og helsetjenestens journalsystemer (dobbeltføring)",
            "Relasjonsarbeid med arbeidsgivere – holde relasjonen varm",
            "Kjøre jobbsøkeren til trening og snakke om jobbønsker underveis",
            "Månedlige møter på arbeidsplassen med leder og deltaker",
            "Sende SMS og følge opp gjennom aktivitetsplanen i stedet for besøk",
            "Drøfte porteføljen i teammøtet og dele erfaringer",
        ]
        var steps: [MapFigure.Step] = []
        var textCount = 0, actionCount = 0
        for (index, name) in stepNames.enumerated() {
            let number = index + 1
            // 50 step texts and 40 actions spread unevenly over the twelve steps.
            let texts = (0..<(index < 2 ? 5 : 4)).map { _ -> String in
                defer { textCount += 1 }
                return "\(textNames[textCount % textNames.count]) (\(textCount + 1))"
            }
            let actions = (0..<(index == 0 || index % 4 == 1 ? 2 : 4)).map { _ -> String in
                defer { actionCount += 1 }
                return "\(actionNames[actionCount % actionNames.count]) (\(actionCount + 1))"
            }
            steps.append(step(number, name, actions: actions, texts: texts))
        }
        let processTexts = [
            "Meld. St. 33 (2015–2016) NAV i en ny tid – for arbeid og aktivitet",
            "Forskrift om oppfølgingstjenester i Arbeids- og velferdsetatens egen regi, § 5",
            "Mål- og disponeringsbrev til NAV fylke («faglige føringer»)",
            "EUSE verktøykasse: femtrinnsprosessen, åtte kjerneverdier og tre kriterier",
            "IPS' åtte prinsipper (Swanson og Becker)",
            "IPS-kvalitetsskala (fidelity scale) med 25 punkter og skår fra 1 til 5",
            "Kvalitetsveileder for jobbspesialistteam: grønn, gul og rød vurdering",
            "«65 % av tiden ute» og 6 arbeidsgiverkontakter per uke",
            "NAV-loven § 7 om taushetsplikt",
            "Jobbsporet: oppfølgings- og dokumentasjonsverktøy som lager statistikk",
        ].enumerated().map { box("p\($0.offset + 1)", $0.element) }
        let allActions = steps.flatMap(\.actions).map(\.key)
        let lanes = [
            MapFigure.Lane(actor: box("r1", "Jobbspesialist (UO eller IPS)"), actions: allActions.enumerated().filter { $0.offset % 4 != 3 }.map(\.element)),
            MapFigure.Lane(actor: box("r2", "NAV-veileder"), actions: allActions.enumerated().filter { $0.offset % 8 == 3 }.map(\.element)),
            MapFigure.Lane(actor: box("r3", "Arbeidsgiver, leder og kolleger på arbeidsplassen"), actions: allActions.enumerated().filter { $0.offset % 8 == 7 }.map(\.element)),
            MapFigure.Lane(actor: box("r4", "Behandlingsteamet"), actions: []),
        ]
        return MapFigure(caption: "Figur 2. Et tett kart: tolv steg, seksti tekster og førti handlinger (syntetisk stresstest med svært lange etiketter)",
                         note: "Forenklet fremstilling, sett fra jobbspesialistenes ståsted; rekkefølgen er ikke fast.",
                         steps: steps, processTexts: processTexts, lanes: lanes)
    }()

    // MARK: - Helpers

    static func box(_ key: String, _ label: String) -> MapFigure.Box { MapFigure.Box(key: key, label: label) }

    /// Step `number` with keys `s<n>`, `a<n>-<i>` and `t<n>-<i>`.
    static func step(_ number: Int, _ label: String, actions: [String], texts: [String]) -> MapFigure.Step {
        MapFigure.Step(box: box("s\(number)", label),
                       actions: actions.enumerated().map { box("a\(number)-\($0.offset + 1)", $0.element) },
                       texts: texts.enumerated().map { box("t\(number)-\($0.offset + 1)", $0.element) })
    }
}
