import Foundation
import Hummingbird
import Privacy
import QualCode

/// The transcript view's «Personvern» panel: what the detectors find in one transcript, and the three
/// decisions on a finding — replace it (a redaction), dismiss it (here or everywhere), restore a
/// dismissed one. Each is one library call with the server's pseudonym key (``WebApp/pseudonymKey()``).
struct PrivacyRoutes {
    let app: WebApp

    /// Findings to replace: by number, or every one not dismissed (`all`), never both.
    struct Apply: Decodable, Sendable {
        var ids: [String]?
        var all: Bool?
    }

    /// Findings to dismiss: only where they stand, or every finding of the same kind and text (`everywhere`).
    struct Dismiss: Decodable, Sendable {
        var ids: [String]
        var everywhere: Bool?
    }

    struct Restore: Decodable, Sendable {
        var ids: [String]
    }

    /// One transcript's findings as the panel lists them, dismissed ones included and marked.
    struct Findings: Encodable, Sendable {
        var transcript: UUID
        var name: String
        /// Whether the project has a pseudonym key at all.
        var hasKey: Bool
        /// Whether the server could open it: when the project has a key and this is false, the names
        /// in the key are not looked for (the server was started without its passphrase).
        var keyOpen: Bool
        /// `hen` makes gendered pronouns findings; `as-spoken` does not.
        var policy: PronounPolicy
        var findings: [Finding]
    }

    /// What a replacement did. `segmentsChanged` counts every coder's passages, so a coder working
    /// blind is not told it (nil).
    struct Applied: Encodable, Sendable {
        var applied: Int
        var byKind: [String: Int]
        var segmentsChanged: Int?
    }

    /// How many findings a dismissal or restore covered.
    struct Count: Encodable, Sendable {
        var count: Int
    }

    func add(to group: RouterGroup<WebContext>) {
        // The transcript page's own permission: anyone logged in who may open the transcript. The
        // findings hold no codings, so blind coding hides nothing here.
        group.get("transcripts/:id/privacy") { _, context in
            _ = try context.requireSession()
            let id = try context.parameters.id("id")
            return try JSON.response(try await app.read { store in
                let privacy = Privacy(store)
                let key = try app.pseudonymKey()
                let found = try privacy.scan([id], key: key).first
                return Findings(transcript: id, name: found?.name ?? "", hasKey: privacy.hasKey, keyOpen: key != nil,
                                policy: try privacy.pronounPolicy(), findings: found?.findings ?? [])
            })
        }
        // The writes change the transcript's text (or what a safe export lets through): a writer's, as
        // coding and importing are.
        group.post("transcripts/:id/privacy/apply") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let body = try await JSON.decode(Apply.self, from: request, context: context)
            let ids: Set<String>
            switch (body.ids, body.all) {
            case let (list?, nil), let (list?, false?): ids = try Self.numbers(list)
            case (nil, true?): ids = []
            default: throw WebError(.badRequest, "name the findings to replace (ids) or ask for all of them (all: true), not both or neither; nothing was changed")
            }
            let blind = try await app.onlyOwnWork(of: session) != nil
            let report = try await app.act(as: session) { store in
                try Self.mapped {
                    let privacy = Privacy(store)
                    let key = try app.pseudonymKey()
                    // The library applies the numbers it finds and reports the rest; the page asked for
                    // these exactly, so one unknown number refuses them all.
                    if !ids.isEmpty {
                        let current = Set(try privacy.scan([id], key: key).flatMap { $0.findings.map(\.id) })
                        let missing = ids.subtracting(current)
                        guard missing.isEmpty else { throw PrivacyError.nothingToApply(notFound: missing.sorted()) }
                    }
                    return try privacy.apply(RedactionChoice(transcripts: [id], ids: ids), key: key)
                }
            }
            await app.changes.poke()
            var byKind: [String: Int] = [:]
            for transcript in report.transcripts { byKind.merge(transcript.byKind, uniquingKeysWith: +) }
            return try JSON.response(Applied(applied: report.applied, byKind: byKind,
                                             segmentsChanged: blind ? nil : report.transcripts.reduce(0) { $0 + $1.segmentsChanged }))
        }
        group.post("transcripts/:id/privacy/dismiss") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let body = try await JSON.decode(Dismiss.self, from: request, context: context)
            let ids = try Self.numbers(body.ids)
            let count = try await app.act(as: session) { store in
                try Self.mapped { try Privacy(store).dismiss(ids, everywhere: body.everywhere ?? false, in: [id], key: try app.pseudonymKey()) }
            }
            await app.changes.poke()
            return try JSON.response(Count(count: count))
        }
        group.post("transcripts/:id/privacy/restore") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let body = try await JSON.decode(Restore.self, from: request, context: context)
            let ids = try Self.numbers(body.ids)
            let count = try await app.act(as: session) { store in
                try Self.mapped { try Privacy(store).restore(ids, in: [id], key: try app.pseudonymKey()) }
            }
            await app.changes.poke()
            return try JSON.response(Count(count: count))
        }
    }

    /// At most this many numbers in one request («Erstatt alle» sends `all` instead).
    static let maximumNumbers = 5_000

    /// Finding numbers as a scan gives them (twelve lower-case hex digits); 400 for anything else.
    static func numbers(_ list: [String]) throws -> Set<String> {
        guard !list.isEmpty else { throw WebError(.badRequest, "ids is empty: name at least one finding; nothing was changed") }
        guard list.count <= maximumNumbers else {
            throw WebError(.badRequest, "ids names \(list.count) findings, more than \(maximumNumbers); nothing was changed")
        }
        for number in list where number.wholeMatch(of: /[0-9a-f]{12}/) == nil {
            throw WebError(.badRequest, "\"\(String(number.prefix(40)).escapingControlCharacters())\" is not a finding number (twelve hex digits); nothing was changed")
        }
        return Set(list)
    }

    /// A number no current finding has is a 404 (the library's line); other refusals keep their status.
    static func mapped<T>(_ work: () throws -> T) throws -> T {
        do { return try work() } catch let error as PrivacyError {
            switch error {
            case let .nothingToApply(notFound) where !notFound.isEmpty: throw WebError(.notFound, error.description)
            case let .notDismissed(numbers) where !numbers.isEmpty: throw WebError(.notFound, error.description)
            default: throw error
            }
        }
    }
}
