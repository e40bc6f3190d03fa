import Agreement
import Condensation
import Exchange
import Foundation
import Privacy
import QualCode
import WorkMapping

/// The method modules every project opens with, defined once for every front end (the command line,
/// the web UI): their tables are created in a new project and migrated when an older one is opened.
///
/// For example:
///
/// ```swift
/// let store = try ProjectModules.create(at: url, title: "Metodeveilederes erfaringer", coder: "eva")
/// let stc = Condensation(store)
/// ```
///
/// ## Topics
/// - ``all``
/// - ``open(at:coder:)``
/// - ``create(at:title:researchQuestion:coder:)``
public enum ProjectModules {
    /// The modules' tables, in the order their migrations run after the core's: Malterud's condensation,
    /// institutional-ethnography work mapping, agreement between coders (consensus decisions), exchange
    /// with other tools (their GUIDs), privacy (the pronoun policy).
    public static let all: [SchemaExtension] = [Condensation.schema, WorkMapping.schema, Agreement.schema, Exchange.schema, Privacy.schema]

    /// Opens a project with every module's tables (migrating an older file).
    ///
    /// - Throws: the core's ``StoreError`` (no such file, not a project, written by a newer QualCode).
    public static func open(at url: URL, coder: String) throws -> ProjectStore {
        try ProjectStore.open(at: url, coder: coder, extensions: all)
    }

    /// Creates a project with every module's tables.
    ///
    /// - Throws: ``StoreError/projectExists(path:)`` when anything is already at `url`,
    ///   ``StoreError/emptyName(what:)`` for a blank title.
    public static func create(at url: URL, title: String, researchQuestion: String? = nil, coder: String) throws -> ProjectStore {
        try ProjectStore.create(at: url, title: title, researchQuestion: researchQuestion, coder: coder, extensions: all)
    }
}
