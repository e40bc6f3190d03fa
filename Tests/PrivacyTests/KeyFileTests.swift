import Foundation
import QualCode
import Testing
@testable import Privacy

/// The pseudonym key in its own file: as JSON readable by the owner alone, or sealed with a passphrase;
/// a wrong passphrase, an altered file and a file that is no key are refused on one line.
@Suite struct KeyFileTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func sample() throws -> PseudonymKey {
        var key = PseudonymKey()
        try key.set(.init(pseudonym: "Eva", realName: "Tordis Testdatter", voices: ["Tordis T. (Gjest)"]))
        try key.set(.init(pseudonym: "Ola", realName: "Sivert Prøvesen"))
        try key.setTerm(PrivacyTerm(text: "Brødrene Testvik AS", kind: .employer))
        try key.setTerm(PrivacyTerm(text: "Lillevik", kind: .place, replacement: "[kommune]"))
        return key
    }

    @Test func aPlainKeyIsWrittenForTheOwnerAloneAndReadBack() throws {
        let folder = try Self.folder()
        let project = folder.appendingPathComponent("studie.qualcode")
        let url = KeyFile.url(besides: project)
        #expect(url.lastPathComponent == "studie.qualcode-key")
        let key = try Self.sample()
        try KeyFile.write(key, to: url)
        #expect(try KeyFile.read(url) == key)
        #expect(try !KeyFile.isEncrypted(url))
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["studie.qualcode-key"])
    }

    @Test func aSealedKeyNeedsItsPassphraseAndHoldsNoNameInTheClear() throws {
        let folder = try Self.folder()
        let url = folder.appendingPathComponent("studie.qualcode-key")
        let key = try Self.sample()
        try KeyFile.write(key, to: url, passphrase: "lang nok setning")
        let bytes = try Data(contentsOf: url)
        for name in ["Tordis", "Prøvesen", "Testvik", "Lillevik"] {
            #expect(bytes.range(of: Data(name.utf8)) == nil, "\(name) in the clear")
        }
        #expect(try KeyFile.isEncrypted(url))
        #expect(try KeyFile.read(url, passphrase: "lang nok setning") == key)
        #expect(throws: PrivacyError.passphraseNeeded(path: url.path)) { try KeyFile.read(url) }
        #expect(throws: PrivacyError.wrongPassphrase(path: url.path)) { try KeyFile.read(url, passphrase: "feil setning her") }
        #expect(throws: PrivacyError.passphraseTooShort(minimum: 8)) { try KeyFile.write(key, to: url, passphrase: "kort") }
        #expect(try KeyFile.read(url, passphrase: "lang nok setning") == key)
        // One byte of the sealed box changed: refused as a wrong passphrase or an altered file, never read wrongly.
        var text = String(decoding: bytes, as: UTF8.self)
        let box = try #require(text.range(of: "\"box\" : \""))
        let at = text.index(box.upperBound, offsetBy: 30)
        text.replaceSubrange(at...at, with: text[at] == "A" ? "B" : "A")
        try Data(text.utf8).write(to: url)
        #expect(throws: PrivacyError.wrongPassphrase(path: url.path)) { try KeyFile.read(url, passphrase: "lang nok setning") }
    }

    @Test func filesThatAreNoKeyAreRefused() throws {
        let folder = try Self.folder()
        let url = folder.appendingPathComponent("studie.qualcode-key")
        #expect(throws: PrivacyError.keyNotFound(path: url.path)) { try KeyFile.read(url) }
        for (bytes, reason) in [(Data("ikke json".utf8), "it is not the JSON a key is written in"),
                                (Data(#"{"format": "annet", "version": 1}"#.utf8), "it does not say it is one"),
                                (Data(#"{"format": "qualcode-key", "version": 9}"#.utf8), "it was written by a newer QualCode (version 9)"),
                                (Data(#"{"format": "qualcode-key", "version": 1}"#.utf8), "it holds neither a key nor a sealed one"),
                                (Data(#"{"format": "qualcode-key", "version": 1, "sealed": {"kdf": "scrypt$30$8$1", "salt": "AAAAAAAAAAAAAAAAAAAAAA==", "box": "AAAA"}}"#.utf8),
                                 "its key derivation \"scrypt$30$8$1\" is not one this version uses")] {
            try bytes.write(to: url)
            #expect(throws: PrivacyError.notAKey(path: url.path, reason: reason)) { try KeyFile.read(url, passphrase: "lang nok setning") }
        }
    }

    /// A file asking scrypt for gigabytes (N = 2²⁰, r = 32, p = 4) is refused before any work is done.
    @Test func aKeyAskingForHostileScryptWorkIsRefusedAtOnce() throws {
        let url = try Self.folder().appendingPathComponent("studie.qualcode-key")
        for kdf in ["scrypt$20$32$4", "scrypt$17$8$1", "scrypt$16$8$4"] {
            let json = #"{"format": "qualcode-key", "version": 1, "sealed": {"kdf": "KDF", "salt": "AAAAAAAAAAAAAAAAAAAAAA==", "box": "AAAA"}}"#
            try Data(json.replacingOccurrences(of: "KDF", with: kdf).utf8).write(to: url)
            let started = Date()
            #expect(throws: PrivacyError.notAKey(path: url.path, reason: "its key derivation \"\(kdf)\" is not one this version uses")) {
                try KeyFile.read(url, passphrase: "lang nok setning")
            }
            #expect(Date().timeIntervalSince(started) < 1)
        }
    }

    @Test func theKeysRulesForPeopleAndTerms() throws {
        var key = try Self.sample()
        #expect(throws: PrivacyError.realNameTaken(pseudonym: "Eva")) { try key.set(.init(pseudonym: "Kari", realName: "tordis testdatter")) }
        #expect(throws: PrivacyError.emptyValue(what: "real name")) { try key.set(.init(pseudonym: "Kari", realName: "  ")) }
        #expect(throws: PrivacyError.notATermKind(.pronoun)) { try key.setTerm(PrivacyTerm(text: "han", kind: .pronoun)) }
        try key.set(.init(pseudonym: "eva", realName: "Tordis Testdatter-Ny"))
        #expect(key.people.map(\.pseudonym) == ["eva", "Ola"] && key.people[0].voices.isEmpty)
        try key.removePerson("OLA")
        #expect(throws: PrivacyError.notInKey(what: "pseudonym", name: "Ola")) { try key.removePerson("Ola") }
        try key.removeTerm("lillevik")
        #expect(key.terms.map(\.text) == ["Brødrene Testvik AS"])
        // The detectors look for the whole real name and each part of it, replaced by the pseudonym.
        let names = key.detectorTerms.filter { $0.kind == .name }
        #expect(Set(names.map(\.text)) == ["Tordis Testdatter-Ny", "Tordis", "Testdatter-Ny"] && names.allSatisfy { $0.replacement == "eva" })
    }

    /// A first name two people share is no one's pseudonym: «Kari» alone becomes «[navn]», while each
    /// whole name and each surname still gets its own.
    @Test func aNameTwoPeopleShareGetsNoOnesPseudonym() throws {
        var key = PseudonymKey()
        try key.set(.init(pseudonym: "Eva", realName: "Kari Nordmann"))
        try key.set(.init(pseudonym: "Ola", realName: "Kari Hansen"))
        let replacements = Dictionary(key.detectorTerms.map { ($0.text, $0.replacement) }, uniquingKeysWith: { first, _ in first })
        #expect(replacements == ["Kari": "[navn]", "Kari Nordmann": "Eva", "Nordmann": "Eva", "Kari Hansen": "Ola", "Hansen": "Ola"])
        let found = Detectors.scan(ScalarText("Kari sa ja, og Kari Hansen nikket."), terms: key.detectorTerms)
        #expect(found.map(\.replacement) == ["[navn]", "Ola"])
    }
}
