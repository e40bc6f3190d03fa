import Foundation
@testable import QualCode
import Testing

@Suite struct WideTableTests {
    static let header = ["pseudonym", "ansiennitet", "rolle", "tjeneste", "k_cmd", "k_balansekunst", "k_sparringspartner",
                         "k_det_navske", "k_tillit"]

    @Test func oneRowPerParticipantWithPresenceAndSafeNames() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let dataSet = try store.wideDataSet()
        let rows = try TableFixture.roundTrip(dataSet.data, in: folder, delimiter: ";")
        #expect(rows[0] == Self.header)
        let byName = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0) })
        #expect(byName["Åse"] == ["Åse", "2,5", "jobbspesialist", "IPS", "0", "1", "0", "1", "1"])
        #expect(byName["Bjørn"] == ["Bjørn", "4", "jobbspesialist", "IPS", "0", "0", "1", "1", "1"])
        #expect(byName["Cecilie"] == ["Cecilie", "10", "metodeveileder", "Utvidet oppfølging", "1", "0", "0", "1", "1"])
        #expect(byName["Dagfinn"] == ["Dagfinn", "", "leder", "IPS", "0", "0", "0", "0", "1"])
        #expect(byName["Ylva"] == ["Ylva", "", "'=SUM(A1)", TableFixture.hostileService, "0", "0", "0", "0", "0"])
        #expect(byName["Ørjan"] == ["Ørjan", "1", "jobbspesialist", "", "0", "0", "0", "0", "0"])
        #expect(rows[0].allSatisfy { name in
            name.count <= 32 && name.first!.isASCII && name.first!.isLetter && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        })
    }

    @Test func variableNamesStayWhenCodesAndAttributesAreAddedOrChosen() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        #expect(try store.wideDataSet().data.header.map(Inline.plainText) == Self.header)
        // A new attribute whose name folds to an existing one, and a new code that sorts first.
        try store.updateParticipant(try store.resolve.participant("Åse"), attributes: [("Rolle!", "x")])
        try store.addCode("Aaa ny kode")
        let header = try store.wideDataSet().data.header.map(Inline.plainText)
        for name in Self.header { #expect(header.contains(name), "\(name) was renamed") }
        #expect(header.contains("rolle_2") && header.contains("k_aaa_ny_kode"))
        // Choosing a few columns keeps their names too.
        let chosen = try store.wideDataSet(WideOptions(attributes: ["tjeneste"], codes: ["Tillit"])).data.header.map(Inline.plainText)
        #expect(chosen == ["pseudonym", "tjeneste", "k_tillit"])
    }

    @Test func countsAndTheDataDictionary() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let dataSet = try store.wideDataSet(WideOptions(values: .counts))
        let data = TableFixture.plain(dataSet.data)
        #expect(data.rows.first { $0[0] == "Åse" }?[4...] == ["0", "1", "0", "1", "1"])
        #expect(data.notes[0].hasPrefix("Tallene er antall segmenter"))
        let dictionary = try TableFixture.roundTrip(dataSet.dictionary, in: folder)
        #expect(dictionary[0] == ["variabel", "beskrivelse", "type", "verdier"])
        #expect(dictionary.map { $0[0] } == ["variabel"] + Self.header)
        #expect(dictionary[1] == ["pseudonym", "Informantens pseudonym", "tekst", ""])
        #expect(dictionary[2] == ["ansiennitet", "ansiennitet", "desimaltall", "1–10; tom = ikke oppgitt"])
        #expect(dictionary[3] == ["rolle", "rolle", "tekst", "'=SUM(A1); jobbspesialist; leder; metodeveileder"])
        #expect(dictionary[4][3] == "IPS; Utvidet oppfølging; \(TableFixture.hostileService); tom = ikke oppgitt")
        #expect(dictionary[5] == ["k_cmd", "'=cmd()", "heltall", "antall segmenter kodet med koden (0–1)"])
        #expect(dictionary[7] == ["k_sparringspartner", "Balansekunst/Sparringspartner", "heltall", "antall segmenter kodet med koden (0–1)"])
        let presence = try store.wideDataSet(WideOptions(presentation: TablePresentation(language: .en)))
        #expect(TableFixture.plain(presence.dictionary).rows[8] == ["k_tillit", "Tillit", "integer", "1 = at least one segment coded with the code, 0 = none"])
    }

    @Test func inWordTheDictionaryIsTheSecondTable() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let dataSet = try store.wideDataSet(WideOptions(attributes: ["tjeneste"], codes: ["Tillit"]))
        let word = try TableFixture.roundTrip([dataSet.data, dataSet.dictionary], in: folder)
        #expect(word.texts("Caption") == ["Tabell 1 Informanter og koder", "Tabell 2 Variabelliste"])
        #expect(word.tables[0][0] == ["pseudonym", "tjeneste", "k_tillit"])
        #expect(word.tables[1].map { $0[0] } == ["variabel", "pseudonym", "tjeneste", "k_tillit"])
    }

    @Test func theDictionarySitsBesideTheData() {
        #expect(WideDataSet.dictionaryPath(for: "ut/deltakere.csv") == "ut/deltakere_dictionary.csv")
        #expect(WideDataSet.dictionaryPath(for: "data") == "data_dictionary.csv")
    }
}

@Suite struct VariableNameTests {
    @Test func namesAreASCIIStartWithALetterAndAreUnique() {
        var names = VariableNames()
        #expect(names.name(for: "erfaring_år") == "erfaring_aar")
        #expect(names.name(for: "Fag og personal", prefix: "k05_") == "k05_fag_og_personal")
        #expect(names.name(for: "Ærlighet/Åpenhet – «Øyeblikket»") == "aerlighet_aapenhet_oeyeblikket")
        #expect(names.name(for: "Café déjà vu") == "cafe_deja_vu")
        #expect(names.name(for: "123 start") == "v_123_start")
        #expect(names.name(for: "=cmd()") == "cmd")
        #expect(names.name(for: "🙂") == "v")
        #expect(names.name(for: "🙂🙂") == "v_2")
        #expect(names.name(for: "by") == "by_v")
        #expect(names.name(for: "str12") == "str12_v")
        #expect(names.name(for: "Rolle") == "rolle")
        #expect(names.name(for: "rolle") == "rolle_2")
        #expect(names.name(for: "ROLLE") == "rolle_3")
    }

    @Test func longNamesAreClippedAndStillUnique() {
        var names = VariableNames()
        let long = "Savn av nasjonal føring for rollen som metodeveileder i NAV"
        let first = names.name(for: long, prefix: "k01_")
        #expect(first == "k01_savn_av_nasjonal_foering_for")
        #expect(first.count <= VariableNames.maximumLength)
        let a = names.name(for: String(repeating: "x", count: 40))
        let b = names.name(for: String(repeating: "x", count: 50))
        #expect(a == String(repeating: "x", count: 32))
        #expect(b == String(repeating: "x", count: 30) + "_2")
    }
}
