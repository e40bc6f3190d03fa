import Foundation
import QualCode
import QualCodeKit
import Testing
@testable import Privacy

/// The detectors over synthetic Norwegian interview text: national identity numbers only with valid
/// check digits and a possible date (the numbers here are synthetic: month + 40 or + 80, day + 40),
/// phone numbers as Norwegians write them, e-mail addresses, dictionary terms and «hen» pronouns.
@Suite struct DetectorTests {
    func scan(_ text: String, terms: [PrivacyTerm] = [], pronouns: Bool = false) -> [Finding] {
        Detectors.scan(ScalarText(text), terms: terms, pronouns: pronouns)
    }

    @Test(arguments: ["15878510035", "45928520009", "10498520281", "158785 20189"])
    func aNationalIdentityNumberWithValidCheckDigitsIsFound(number: String) {
        let found = scan("Intervjuer: Og så?\nEva: Eh, de spurte om fødselsnummeret, \(number), på skjemaet.")
        #expect(found.map(\.kind) == [.nationalIdentityNumber])
        #expect(found.first?.text == number && found.first?.line == 2 && found.first?.replacement == "[fødselsnummer]")
    }

    @Test(arguments: ["15878510036", "15878510045", "31849920025", "158785-10035x", "1587851003512"])
    func elevenDigitsThatAreNoValidNumberAreNotFound(number: String) {
        // A wrong check digit, a date that cannot be (31 April), part of a word, too many digits.
        #expect(scan("Saksnummeret var \(number) (latter).").filter { $0.kind == .nationalIdentityNumber }.isEmpty)
    }

    @Test func theCheckDigitsAreComputedModulo11() {
        #expect(NationalIdentityNumber.isValid([1, 5, 8, 7, 8, 5, 1, 0, 0, 3, 5]))
        #expect(!NationalIdentityNumber.isValid([1, 5, 8, 7, 8, 5, 1, 0, 0, 3]))
        #expect(NationalIdentityNumber.checkDigit([1, 5, 8, 7, 8, 5, 1, 0, 0], NationalIdentityNumber.firstWeights) == 3)
    }

    @Test func phoneNumbersAsNorwegiansWriteThem() {
        let text = """
            Eva: Ring meg på 912 34 567 eller 41 23 45 67, kontoret har 22334455.
            Eva: Fra utlandet: +47 912 34 567, eller 0047 41234567.
            Eva: Det var i 2024 2025, saksnummer 12345678 og 1234 5678, kl. 12.30.
            """
        let found = scan(text)
        #expect(found.map(\.text) == ["912 34 567", "41 23 45 67", "22334455", "+47 912 34 567", "0047 41234567"])
        #expect(found.allSatisfy { $0.kind == .phoneNumber && $0.replacement == "[telefonnummer]" })
        #expect(found.map(\.line) == [1, 1, 1, 2, 2])
    }

    /// The country code written onto the number, and numbers side by side with only a space between.
    @Test func phoneNumbersWithTheCodeJoinedOrSideBySide() {
        let text = """
            Eva: Fra utlandet +4791234567 eller 004741234567.
            Eva: Begge to: 91234567 41234567, ring 912 34 567 2 ganger, +47 41234567 22334455.
            Eva: Men 2024 2025 og 12 34 56 78 er ingen.
            """
        let found = scan(text)
        #expect(found.map(\.text) == ["+4791234567", "004741234567", "91234567", "41234567", "912 34 567", "+47 41234567", "22334455"])
        #expect(found.allSatisfy { $0.kind == .phoneNumber })
    }

    @Test func emailAddressesWithoutTheFullStopAfterThem() {
        let found = scan("Eva: Skriv til ola.testesen@eksempel.no. Eller per-arne+nav@post.eksempel.com, ikke @eksempel eller a@b.")
        #expect(found.map(\.text) == ["ola.testesen@eksempel.no", "per-arne+nav@post.eksempel.com"])
        #expect(found.allSatisfy { $0.kind == .email })
    }

    @Test func dictionaryTermsIgnoringCaseAtWordBoundaries() {
        let terms = [PrivacyTerm(text: "Kari", kind: .name), PrivacyTerm(text: "Brødrene Dahl", kind: .employer),
                     PrivacyTerm(text: "Øst-Finnmark", kind: .place, replacement: "[region]")]
        let text = "Eva: Karis sjef i BRØDRENE DAHL ringte. Kari likte det, ikke Karianne, i øst-finnmark 😀."
        let found = scan(text, terms: terms)
        #expect(found.map(\.text) == ["Kari", "BRØDRENE DAHL", "Kari", "øst-finnmark"])
        #expect(found.map(\.replacement) == ["[navn]", "[arbeidsgiver]", "[navn]", "[region]"])
        // Offsets are scalar offsets: the emoji after the last one does not move it.
        let scalars = ScalarText(text)
        #expect(found.allSatisfy { scalars.slice($0.start, $0.end) == $0.text })
    }

    @Test func gendredPronounsOnlyUnderTheHenPolicy() {
        let text = "Eva: Hun sa at han ringte henne. Hans kollega, hennes sjef. Hanna og hunden."
        #expect(scan(text).isEmpty)
        let found = scan(text, pronouns: true)
        #expect(found.map(\.text) == ["Hun", "han", "henne", "Hans", "hennes"])
        #expect(found.map(\.replacement) == ["Hen", "hen", "hen", "Hens", "hens"])
    }

    /// «Dag» in the key is a name where the text writes «Dag», a word in «hver dag».
    @Test func aCapitalisedNameIsNotTheWordItAlsoIs() {
        let found = scan("Eva: Dag ringer hver dag, og Per går per bil.", terms: [PrivacyTerm(text: "Dag", kind: .name), PrivacyTerm(text: "Per", kind: .name)])
        #expect(found.map(\.text) == ["Dag", "Per"] && found.map(\.start) == [5, 29])
    }

    @Test func overlappingFindingsKeepTheFirstAndLongest() {
        let terms = [PrivacyTerm(text: "NAV Lillevik", kind: .employer), PrivacyTerm(text: "Lillevik", kind: .place)]
        let found = scan("Eva: Jeg jobbet på NAV Lillevik, og i Lillevik bor jeg.", terms: terms)
        #expect(found.map(\.kind) == [.employer, .place])
        #expect(found.map(\.text) == ["NAV Lillevik", "Lillevik"])
    }

    @Test func thePronounPolicyIsTheProjectsAndComesWithAMerge() throws {
        let (store, folder) = try PrivacyFixture.project(title: "Hen")
        let file = folder.appendingPathComponent("eva.txt")
        try Data("Eva: Hun sa det til meg.\n".utf8).write(to: file)
        _ = try store.importTranscripts([file])
        let privacy = Privacy(store)
        #expect(try privacy.pronounPolicy() == .asSpoken && privacy.scan().first?.findings.isEmpty == true)
        let events = try store.eventCount()
        try privacy.setPronounPolicy(.hen)
        try privacy.setPronounPolicy(.hen)
        #expect(try store.eventCount() == events + 1)
        #expect(try privacy.scan().first?.findings.map(\.text) == ["Hun"])
        #expect(try privacy.scan(pronouns: false).first?.findings.isEmpty == true)
        // A copy made before the policy was set takes it from a merge.
        let other = try ProjectModules.create(at: folder.appendingPathComponent("kopi.qualcode"), title: "Hen", coder: "berit")
        let report = try other.merge(from: store.url)
        #expect(report.count(.privacySetting).new == 1 && report.modulesNotCarried.isEmpty)
        #expect(try Privacy(other).pronounPolicy() == .hen)
    }
}
