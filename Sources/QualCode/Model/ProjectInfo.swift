import Foundation
import GRDB

/// The study a project file holds: its title, research question and method notes.
public struct ProjectInfo: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    public var title: String
    public var researchQuestion: String?
    public var methodNotes: String?
    public var createdAt: Date

    public init(id: UUID = .timeOrdered(), title: String, researchQuestion: String? = nil, methodNotes: String? = nil, createdAt: Date = Date()) {
        self.id = id
        self.title = title
        self.researchQuestion = researchQuestion
        self.methodNotes = methodNotes
        self.createdAt = createdAt
    }
}

// MARK: - Database

extension ProjectInfo: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "project"
}
