import Foundation
import QualCode

/// Projects and codebooks exchanged with other tools through REFI-QDA (`.qdpx`, `.qde`, `.qdc`; NVivo,
/// ATLAS.ti, MAXQDA, QualCoder).
///
/// For example:
///
/// ```swift
/// let export = try Exchange(store).refiProject()          // a .qdpx package
/// try export.data.write(to: URL(fileURLWithPath: "studie.qdpx"))
/// let report = try Exchange.importRefiProject(from: URL(fileURLWithPath: "studie.qdpx"),
///                                             to: URL(fileURLWithPath: "ny.qualcode"), coder: "anne",
///                                             extensions: ProjectModules.all)
/// ```
public struct Exchange: Sendable {
    public let store: ProjectStore

    public init(_ store: ProjectStore) { self.store = store }
}
