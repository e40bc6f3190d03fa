import Foundation
import GRDB

/// A problem found before quotes are exported: shown as a warning, or a reason to refuse a strict
/// export. Its ``kind`` and ``segment`` are data, so a front end can word the ``remedy`` its own way.
public struct QuoteWarning: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The label fits one participant only, so readers who know the field can tell who spoke.
        case labelIdentifiesOne = "label-identifies-one"
        /// The quote went out earlier with another label; together the two narrow down who spoke.
        case twoLabels = "two-labels"
        /// The text comes from notes, an e-mail or a document, not from recorded speech.
        case notSpeech = "not-speech"
        /// The lead-in names a role or service the speaker does not have.
        case leadInDisagrees = "lead-in-disagrees"
        /// The transcript changed after the quote was edited; it is exported verbatim.
        case staleEdits = "stale-edits"
    }
    /// What the user can do about a warning beyond changing the export's options.
    public enum Remedy: String, Sendable, Codable {
        /// Edit the quote again, against the transcript's new text.
        case editAgain = "edit-again"
    }
    public var kind: Kind
    public var segment: UUID
    /// What was found, in words, without the remedy.
    public var message: String

    public var remedy: Remedy? { kind == .staleEdits ? .editAgain : nil }

    public var description: String {
        "quote \(segment.shortID): \(message)" + (remedy == .editAgain ? " Edit it again to mark its edits." : "")
    }
}

extension ProjectStore {
    /// The checks to run before `quotes` are exported with `options`.
    public func checkQuotes(_ quotes: [ExportedQuote], options: QuoteOptions) throws -> [QuoteWarning] {
        try pool.read { db in
            let participants = try Self.participantSummaries(db, withCounts: false)
            var earlier: [UUID: [(label: String, file: String)]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT segmentId, label, file FROM quoteUse ORDER BY id") {
                earlier[row["segmentId"], default: []].append((row["label"], row["file"]))
            }
            return try QuoteChecks(participants: participants, style: options.style, earlierUses: earlier).run(quotes)
        }
    }
}

/// The pre-export checks over quotes already read, with what they need from the project.
struct QuoteChecks {
    var participants: [ParticipantSummary]
    var style: HouseStyle
    var earlierUses: [UUID: [(label: String, file: String)]]

    func run(_ quotes: [ExportedQuote]) throws -> [QuoteWarning] {
        var warnings: [QuoteWarning] = []
        let attributes = Set(participants.flatMap(\.attributes.keys))
        let templates = [try LabelTemplate(style.label, part: .label, attributes: attributes),
                         try LabelTemplate(style.leadIn, part: .leadIn, attributes: attributes)]
        let identifying = templates.map(identifyingLabels)
        let people = Dictionary(participants.map { ($0.pseudonym, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<UUID>()
        for quote in quotes where seen.insert(quote.segment).inserted {
            func warn(_ kind: QuoteWarning.Kind, _ message: String) {
                warnings.append(QuoteWarning(kind: kind, segment: quote.segment, message: message))
            }
            // Each speaker's part of the label on its own: «(Teamleder, Agder); (Teamleder, Troms)» names two people.
            for (template, labels) in zip(templates, identifying) {
                for person in quote.participants.compactMap({ people[$0] }) {
                    let text = template.render(person, capitalized: style.capitalizeLabels)
                    if labels[text] == person.pseudonym {
                        warn(.labelIdentifiesOne, "\"\(text)\" fits only one participant (\(person.pseudonym)); readers who know the field can tell who spoke. Use a coarser label.")
                    }
                }
            }
            // A label that only drops details of an earlier one («(Metodeveileder)» after «(Metodeveileder,
            // IPS)») tells readers nothing new; one that adds or swaps details does.
            let other = earlierUses[quote.segment, default: []].last { earlier in
                let now = Set(Self.words(quote.label)), before = Set(Self.words(earlier.label))
                return !earlier.label.isEmpty && !quote.label.isEmpty && !now.isSubset(of: before) && !before.isSubset(of: now)
            }
            if let other {
                warn(.twoLabels, "exported before as \"\(other.label)\" (\(other.file)) and now as \"\(quote.label)\"; together the two labels narrow down who spoke.")
            }
            if !quote.source.isSpeech {
                warn(.notSpeech, "comes from \(quote.source.rawValue) (\(quote.transcript)), not recorded speech; the export marks it with a footnote.")
            }
            if quote.hasStaleEdits {
                warn(.staleEdits, "the transcript changed after this quote was edited, so it is exported verbatim.")
            }
            if let mismatch = leadInMismatch(quote, people: people) {
                warn(.leadInDisagrees, mismatch)
            }
        }
        return warnings
    }

    /// Labels (from attribute fields only) that exactly one participant of the project has, with that
    /// participant. A label naming the pseudonym is one person by design and is not checked.
    private func identifyingLabels(_ template: LabelTemplate) -> [String: String] {
        let fields = template.fieldNames
        guard !fields.isEmpty, !fields.contains("pseudonym"), !fields.contains("label") else { return [:] }
        var holders: [String: [String]] = [:]
        for p in participants { holders[template.render(p, capitalized: style.capitalizeLabels), default: []].append(p.pseudonym) }
        return holders.compactMapValues { $0.count == 1 ? $0[0] : nil }
    }

    /// A lead-in that names an attribute value (a role, a service) which none of the speakers has —
    /// «Avdelingsleder trakk fram:» before a quote from a metodeveileder.
    private func leadInMismatch(_ quote: ExportedQuote, people: [String: ParticipantSummary]) -> String? {
        guard !quote.leadIn.isEmpty, !quote.participants.isEmpty else { return nil }
        // Words only, lowercased and padded, so «IPS-veileder» and «ips veileder» compare as equal.
        func words(_ text: String) -> String { " " + Self.words(text).joined(separator: " ") + " " }
        let leadIn = words(quote.leadIn)
        let speakers = quote.participants.compactMap { people[$0] }
        let names = Set(participants.flatMap(\.attributes.keys)).sorted()
        for name in names {
            let own = speakers.compactMap { $0.attributes[name].map(words) }
            // The most specific value the lead-in names («IPS ung» rather than «IPS»); it must be the
            // speaker's, or part of it.
            let values = Set(participants.compactMap { $0.attributes[name].map(words) }).filter { $0.count >= 5 }
            if let named = values.filter({ leadIn.contains($0) }).max(by: { ($0.count, $1) < ($1.count, $0) }),
               !own.contains(where: { $0.contains(named) }) {
                let theirs = speakers.compactMap { $0.attributes[name] }.first ?? "–"
                return "the lead-in \"\(quote.leadIn)\" names \(name) \"\(named.trimmingCharacters(in: .whitespaces))\", but \(quote.participants.joined(separator: ", ")) has \(name) \"\(theirs)\"."
            }
        }
        return nil
    }
}

extension QuoteChecks {
    /// The words of a label or lead-in, lowercased, punctuation dropped.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}
