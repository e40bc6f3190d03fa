import Foundation
@testable import QualCode
import Testing

/// Names people give are one line of visible text: nothing that hides, joins nothing, or draws blank, so
/// two names that look alike are the same name.
@Suite struct NameRulesTests {
    @Test(arguments: [
        "Til\u{34F}lit",          // combining grapheme joiner
        "Tillit\u{206A}",         // a deprecated format character
        "Tillit\u{E0041}",        // a tag character outside a flag
        "\u{200D}",               // a zero-width joiner alone
        "Tillit\u{200D}",         // a joiner at the end joins nothing
        "\u{FE0F}Tillit",         // a variation selector after nothing
        "\u{3164}", "\u{2800}", "\u{115F}\u{1160}", "\u{FFA0}",  // letters and patterns that draw nothing
        "Til\u{17B4}lit", "Til\u{180B}lit", "Til\u{FFF9}lit", "Til\u{1D173}lit",
        "Ev\u{200B}a", "\u{FEFF}Eva", "Ev\u{AD}a", "Ev\u{2060}a", "Ev\u{180E}a",
        "carl\u{34F}",
        "Til\u{200D}lit", "Til\u{200C}lit", "Ev\u{200D}a",  // joiners between Latin letters join nothing
        "Tillit\u{FE0F}", "A\u{FE00}",                     // selectors after letters that have no variants
        "🏴\u{E0041}\u{E007F}", "🏴\u{E0067}\u{E0062}",      // tags that spell no region, or never end
        "Fase 12\u{FE0F}", "😀\u{FE0F}",                    // a selector that changes nothing seen
        "של\u{200D}ום", "漢\u{200D}字", "محمد\u{FE00}",      // joiners and selectors where the script has no use for them
    ])
    func invisibleCharactersAreRefused(name: String) throws {
        let error = #expect(throws: StoreError.self) { try NameRules.checked(name, what: "code") }
        guard case .invalidName(_, _, .controlCharacters)? = error else {
            Issue.record("\(name.unicodeScalars.map { String($0.value, radix: 16) }): \(String(describing: error))")
            return
        }
        // The refusal shows the character written out, not as nothing.
        #expect(error.map { $0.description.invisibleScalarOffsets.isEmpty && $0.description.contains("\\u{") } == true)
    }

    @Test(arguments: [
        "👩‍👩‍👧",                 // a family: people joined by ZWJ
        "🏳️‍🌈",                  // a flag with a variation selector before the joiner
        "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Skottland",       // a subdivision flag: tag characters after 🏴
        "❤️ Trivsel",            // a variation selector after a heart
        "می‌خواهم",              // Persian: a zero-width non-joiner between letters
        "Tillit 👍🏽",             // a skin tone
        "1️⃣ Første møte",         // a keycap
        "👨🏽‍💻 Digitalt",          // a joiner after a skin tone
        "क्‍ष",                   // Devanagari: a joiner inside a conjunct
        "™️ Merkevare",
        "അവന്\u{200D}",           // Malayalam: an older chillu letter
        "ᠮᠣᠩᠭᠣᠯ\u{180B}",         // Mongolian: a free variation selector
        "葛\u{E0100}城",          // an ideographic variant
        "🏴󠁧󠁢󠁷󠁬󠁳󠁿 Wales", "🏃🏽‍♀️ Løping",
        "Tillit", "Åse", "Ærlighet/Øvrig",
    ])
    func visibleNamesWithJoinersAreTaken(name: String) throws {
        #expect(try NameRules.checked(name, what: "code") == name.precomposedStringWithCanonicalMapping)
    }

    @Test(arguments: [("Til\u{A0}lit", "Til lit"), ("Til  lit", "Til lit"), ("  Til\u{2009}\u{2009}lit ", "Til lit")])
    func anyRunOfSpacesIsOnePlainSpace(raw: String, name: String) throws {
        #expect(try NameRules.checked(raw, what: "code") == name)
    }

    @Test func participantsAccountsAndCodesFollowTheRule() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Eva")
        let before = try ProjectSnapshot(store)
        #expect(throws: StoreError.self) { try store.addParticipant(pseudonym: "Eva\u{E0020}") }
        #expect(throws: StoreError.self) { try store.addCode("Til\u{34F}lit") }
        #expect(throws: StoreError.self) { try store.addCode("\u{200D}") }
        #expect(throws: StoreError.self) { try store.addAccount("carl\u{34F}", role: .reader) }
        #expect(throws: StoreError.self) { try store.addAccount("ka\u{200D}ri", role: .reader) }
        #expect(throws: StoreError.duplicate(what: "participant", name: "Eva")) { try store.addParticipant(pseudonym: "Eva\u{A0}") }
        #expect(try ProjectSnapshot(store) == before)
    }
}
