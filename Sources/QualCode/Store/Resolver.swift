import Foundation
import GRDB

/// Turns what a person types into a typed id: the one place the command line (and the browser's search
/// boxes) resolve names, short ids and code paths. Library calls then take the id.
public struct Resolver: Sendable {
    let store: ProjectStore

    /// A transcript by its name (`intervju-eva`), a participant's pseudonym when that person has one
    /// transcript (`eva`), a unique word of a name, or its id.
    public func transcript(_ reference: String) throws -> Transcript.ID {
        try store.pool.read { db in try ProjectStore.transcript(db, reference).id }
    }

    /// A segment by its id or the last digits of it (eight or more are fast; at least four).
    public func segment(_ reference: String) throws -> Segment.ID {
        try store.pool.read { db in try ProjectStore.segment(db, reference).id }
    }

    /// A code by its path from the root, or a bare name or the end of a path that fits one code.
    public func code(_ reference: String) throws -> Code.ID {
        try store.pool.read { db in try ProjectStore.code(db, reference).id }
    }

    /// A participant by pseudonym, case-insensitively.
    public func participant(_ reference: String) throws -> Participant.ID {
        try store.pool.read { db in try ProjectStore.participant(db, reference).id }
    }

    /// A memo by its id or the last digits of it, as `memo list` prints them.
    public func memo(_ reference: String) throws -> Memo.ID {
        try store.pool.read { db in try ProjectStore.memo(db, reference) }
    }

    /// A recorded quote export by its id or the last digits of it, or by its file when one export
    /// went to that file (the path as given, or its last part).
    public func quoteExport(_ reference: String) throws -> QuoteExport.ID {
        try store.pool.read { db in try ProjectStore.quoteExport(db, reference) }
    }

    /// What a memo is about: `project`, `transcript:eva`, `participant:Eva`, `code:Tillit` or
    /// `segment:1a2b3c4d` (the part after the colon resolved as above).
    public func memoTarget(_ reference: String) throws -> MemoTarget {
        try store.pool.read { db in try ProjectStore.memoTarget(db, reference) }
    }
}

extension ProjectStore {
    /// The resolver for names, short ids and paths typed by a person.
    public var resolve: Resolver { Resolver(store: self) }
}
