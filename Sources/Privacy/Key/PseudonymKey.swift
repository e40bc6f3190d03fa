import Foundation

/// The name key: who each pseudonym is, under which names transcription tools tag them, and the
/// dictionary of names, places and employers to redact with their replacements. It identifies people,
/// so it lives in a file of its own beside the project (``KeyFile``), never in the project, an export or
/// the event log; ethics approvals ask for exactly that separation.
public struct PseudonymKey: Sendable, Hashable, Codable {
    /// One participant: the pseudonym the project uses and the person's real name.
    public struct Person: Sendable, Hashable, Codable {
        public var pseudonym: String
        public var realName: String
        /// Names a transcript tags this person with (a Teams recording's voice tags), mapped to the pseudonym at import.
        public var voices: [String]

        public init(pseudonym: String, realName: String, voices: [String] = []) {
            self.pseudonym = pseudonym
            self.realName = realName
            self.voices = voices
        }
    }

    public var people: [Person]
    /// Names of others (colleagues, employers' staff), places and employers, with their replacements.
    public var terms: [PrivacyTerm]

    public init(people: [Person] = [], terms: [PrivacyTerm] = []) {
        self.people = people
        self.terms = terms
    }

    /// What the detectors look for: every term, and each person's real name — whole, and each part of
    /// two letters or more («Kari Nordmann», «Kari», «Nordmann») — to be replaced by their pseudonym.
    ///
    /// The pseudonym itself is never one: a pseudonym that is part of the real name hides nothing, which
    /// ``Person/pseudonymIsPartOfRealName`` tells the owner when the person is added.
    ///
    /// A name two people share («Kari» of «Kari Nordmann» and «Kari Hansen») says neither which one, so
    /// it becomes «[navn]»: giving it one pseudonym would put the other person's words in that one's mouth.
    public var detectorTerms: [PrivacyTerm] {
        var names: [PrivacyTerm] = []
        for person in people {
            let parts = person.realName.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.count >= 2 }
            // A part that is the pseudonym itself would be replaced by itself: nothing to find.
            for name in Set([person.realName.trimmingCharacters(in: .whitespaces)] + parts)
            where !name.isEmpty && name.lowercased() != person.pseudonym.lowercased() {
                names.append(PrivacyTerm(text: name, kind: .name, replacement: person.pseudonym))
            }
            for voice in person.voices { names.append(PrivacyTerm(text: voice, kind: .name, replacement: person.pseudonym)) }
        }
        let pseudonyms = Dictionary(grouping: names, by: { $0.text.lowercased() }).mapValues { Set($0.map { $0.replacement.lowercased() }) }
        for index in names.indices where pseudonyms[names[index].text.lowercased()]!.count > 1 {
            names[index].replacement = PrivacyTerm.usualReplacement(for: .name)
        }
        return terms + names
    }
}

extension PseudonymKey {
    /// Adds a person, or changes the real name and voices of the pseudonym given.
    ///
    /// - Throws: ``PrivacyError/emptyValue(what:)`` for a blank pseudonym or name,
    ///   ``PrivacyError/realNameTaken(pseudonym:)`` when another pseudonym has the same real name.
    public mutating func set(_ person: Person) throws {
        let pseudonym = person.pseudonym.trimmingCharacters(in: .whitespacesAndNewlines)
        let realName = person.realName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !pseudonym.isEmpty else { throw PrivacyError.emptyValue(what: "pseudonym") }
        guard !realName.isEmpty else { throw PrivacyError.emptyValue(what: "real name") }
        if let other = people.first(where: { $0.realName.lowercased() == realName.lowercased() && $0.pseudonym.lowercased() != pseudonym.lowercased() }) {
            throw PrivacyError.realNameTaken(pseudonym: other.pseudonym)
        }
        let cleaned = Person(pseudonym: pseudonym, realName: realName,
                             voices: person.voices.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty })
        if let index = people.firstIndex(where: { $0.pseudonym.lowercased() == pseudonym.lowercased() }) {
            people[index] = cleaned
        } else {
            people.append(cleaned)
        }
    }

    /// Removes the pseudonym's entry.
    ///
    /// - Throws: ``PrivacyError/notInKey(what:name:)`` when the key has none.
    public mutating func removePerson(_ pseudonym: String) throws {
        guard let index = people.firstIndex(where: { $0.pseudonym.lowercased() == pseudonym.lowercased() }) else {
            throw PrivacyError.notInKey(what: "pseudonym", name: pseudonym)
        }
        people.remove(at: index)
    }

    /// Adds a term to the dictionary, or changes the kind and replacement of the one with its text.
    ///
    /// - Throws: ``PrivacyError/emptyValue(what:)``; ``PrivacyError/notATermKind(_:)`` for a kind the
    ///   dictionary does not hold (numbers, e-mail addresses and pronouns are found by their form).
    public mutating func setTerm(_ term: PrivacyTerm) throws {
        let text = term.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw PrivacyError.emptyValue(what: "term") }
        guard [.name, .place, .employer].contains(term.kind) else { throw PrivacyError.notATermKind(term.kind) }
        let cleaned = PrivacyTerm(text: text, kind: term.kind, replacement: term.replacement)
        if let index = terms.firstIndex(where: { $0.text.lowercased() == text.lowercased() }) {
            terms[index] = cleaned
        } else {
            terms.append(cleaned)
        }
    }

    /// - Throws: ``PrivacyError/notInKey(what:name:)`` when the dictionary has no such term.
    public mutating func removeTerm(_ text: String) throws {
        guard let index = terms.firstIndex(where: { $0.text.lowercased() == text.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw PrivacyError.notInKey(what: "term", name: text)
        }
        terms.remove(at: index)
    }
}

extension PseudonymKey.Person {
    /// Whether the pseudonym is the real name or one of its parts («Fatima» for «Fatima Testdatter»):
    /// then it hides nothing.
    public var pseudonymIsPartOfRealName: Bool {
        let pseudonym = self.pseudonym.lowercased()
        return realName.lowercased() == pseudonym || realName.lowercased().split(whereSeparator: \.isWhitespace).contains { $0 == pseudonym }
    }
}
