import Foundation
import GRDB

/// Tables a module built on the core adds to the project file (Malterud's condensation now, work
/// mapping later), as named migrations that run after the core's. A module's migration names start
/// with its name and a dot (`stc.createCondensation`), so the event log and a "newer version" error
/// say whose tables they are — and so the core alone can open a file with a module's tables and leave
/// them be.
public struct SchemaExtension: Sendable {
    public let name: String
    let register: @Sendable (inout DatabaseMigrator) -> Void
    /// What the module's tables hold on segments a deletion would remove (a transcript's), so the
    /// deletion's report lists it; the module's foreign keys decide what happens to those rows.
    let segmentDependents: SegmentDependents?
    /// How a merge carries the module's tables from another copy of the project.
    let merge: MergeHook?
    /// How the module takes redacted words out of the texts it stores (quotes it keeps, snapshots).
    let scrub: ScrubHook?

    /// - Parameter register: registers the module's migrations, in order; a shipped migration is never
    ///   edited, a change is a new one appended.
    public init(name: String, register: @escaping @Sendable (inout DatabaseMigrator) -> Void) {
        self.init(name: name, register: register, segmentDependents: nil)
    }

    /// A module whose tables refer to segments, with the count of what it holds on a set of them, and
    /// the hook that carries its tables when another copy is merged in.
    package init(name: String, register: @escaping @Sendable (inout DatabaseMigrator) -> Void,
                 segmentDependents: SegmentDependents?, merge: MergeHook? = nil, scrub: ScrubHook? = nil) {
        self.name = name
        self.register = register
        self.segmentDependents = segmentDependents
        self.merge = merge
        self.scrub = scrub
    }

    /// The core's migrations followed by each extension's.
    static func migrator(with extensions: [SchemaExtension]) -> DatabaseMigrator {
        var migrator = Migrations.migrator
        for schema in extensions { schema.register(&migrator) }
        return migrator
    }
}
