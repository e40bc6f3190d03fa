import Foundation
import GRDB

extension ProjectStore {
    /// Appends one event-log row; call it inside the write transaction of the change it records.
    ///
    /// The payload is written as JSON by hand (sorted keys, slashes unescaped: what `JSONEncoder` with
    /// `.sortedKeys, .withoutEscapingSlashes` wrote) and the row through a cached statement: a batch
    /// of 10,000 codings writes 10,000 events. `at` lets a batch format its timestamp once.
    package func log(_ db: Database, _ action: String, _ payload: [String: LogValue], at: DatabaseValue? = nil) throws {
        var json = ""
        LogValue.object(payload).write(to: &json)
        let insert = try db.cachedStatement(sql: "INSERT INTO event (at, actor, action, payload) VALUES (?, ?, ?, ?)")
        try insert.execute(arguments: [at ?? Date().databaseValue, actor, action, json])
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
package enum LogValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String), int(Int), bool(Bool), array([LogValue]), object([String: LogValue]), null

    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .int(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(arrayLiteral elements: LogValue...) { self = .array(elements) }
    package init(dictionaryLiteral elements: (String, LogValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
    package init(_ uuid: UUID) { self = .string(uuid.uuidString) }
    package init(_ string: String?) { self = string.map { .string($0) } ?? .null }
    package init(_ int: Int?) { self = int.map { .int($0) } ?? .null }

    func write(to out: inout String) {
        switch self {
        case let .string(v): Self.quote(v, into: &out)
        case let .int(v): out += String(v)
        case let .bool(v): out += v ? "true" : "false"
        case .null: out += "null"
        case let .array(v):
            out += "["
            for (i, e) in v.enumerated() {
                if i > 0 { out += "," }
                e.write(to: &out)
            }
            out += "]"
        case let .object(v):
            out += "{"
            for (i, key) in v.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                v[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
        } else {
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                default:
                    if u.value < 0x20 {
                        let hex = String(u.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(u)
                    }
                }
            }
        }
        out += "\""
    }

}

extension ProjectStore {
    /// The events after the one with id `after`, oldest first, at most `limit` of them: what a page
    /// listening for changes has not seen yet.
    public func events(after: Int64, limit: Int = 200) throws -> [Event] {
        try pool.read { db in
            try Event.filter(Column("id") > after).order(Column("id")).limit(limit).fetchAll(db)
        }
    }
}
