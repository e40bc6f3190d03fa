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

    /// - Parameter register: registers the module's migrations, in order; a shipped migration is never
    ///   edited, a change is a new one appended.
    public init(name: String, register: @escaping @Sendable (inout DatabaseMigrator) -> Void) {
        self.name = name
        self.register = register
    }

    /// The core's migrations followed by each extension's.
    static func migrator(with extensions: [SchemaExtension]) -> DatabaseMigrator {
        var migrator = Migrations.migrator
        for schema in extensions { schema.register(&migrator) }
        return migrator
    }
}
