import Foundation
import GRDB

extension ProjectStore {
    /// Appends one event-log row; call it inside the write transaction of the change it records.
    func log(_ db: Database, _ action: String, _ payload: [String: LogValue]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(payload), as: UTF8.self)
        var event = Event(id: nil, at: Date(), actor: coder, action: action, payload: json)
        try event.insert(db)
    }

    /// The number of events in the log; tests compare it before and after a refused command.
    public func eventCount() throws -> Int {
        try pool.read { db in try Event.fetchCount(db) }
    }

    /// The most recent events, newest last.
    public func events(last limit: Int = 50) throws -> [Event] {
        try pool.read { db in
            try Event.order(Column("id").desc).limit(limit).fetchAll(db).reversed()
        }
    }
}

/// A JSON value for event payloads, so each write can describe itself in one literal.
enum LogValue: Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String), int(Int), bool(Bool), array([LogValue]), object([String: LogValue]), null

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: LogValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, LogValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
    init(_ uuid: UUID) { self = .string(uuid.uuidString) }
    init(_ string: String?) { self = string.map { .string($0) } ?? .null }
    init(_ int: Int?) { self = int.map { .int($0) } ?? .null }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(v): try container.encode(v)
        case let .int(v): try container.encode(v)
        case let .bool(v): try container.encode(v)
        case let .array(v): try container.encode(v)
        case let .object(v): try container.encode(v)
        case .null: try container.encodeNil()
        }
    }
}
