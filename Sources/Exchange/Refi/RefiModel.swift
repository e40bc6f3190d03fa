import Foundation

/// A REFI-QDA project or codebook as read, before anything is stored: GUIDs as written, positions as
/// the writing tool counted them.
struct RefiProject: Sendable {
    var name = ""
    var origin: String?
    var basePath: String?
    var description: String?
    var created: Date?
    var users: [RefiUser] = []
    var codes: [RefiCode] = []
    var variables: [RefiVariable] = []
    var cases: [RefiCase] = []
    var sources: [RefiTextSource] = []
    var notes: [RefiNote] = []
    var links: [RefiLink] = []
    var noteRefs: [String] = []
    /// Sources that are not plain text (PDF, pictures, audio, video), by kind: not imported, reported.
    var otherSources: [String: Int] = [:]
    /// Graphs and sets, by element: not imported, reported.
    var leftOut: [String: Int] = [:]
}

struct RefiUser: Sendable {
    var guid: String
    var name: String?
}

struct RefiCode: Sendable {
    var guid: String
    var name: String
    var isCodable = true
    var color: String?
    var description: String?
    var noteRefs: [String] = []
    var children: [RefiCode] = []
}

struct RefiVariable: Sendable {
    var guid: String
    var name: String
    var type: String
    var description: String?
}

struct RefiValue: Sendable {
    var variable = ""
    /// The element that held it: `TextValue`, `BooleanValue`, `IntegerValue`, `FloatValue`, `DateValue`, `DateTimeValue`.
    var kind = ""
    var value = ""
}

struct RefiCase: Sendable {
    var guid: String
    var name: String?
    var description: String?
    var values: [RefiValue] = []
    var sourceRefs: [String] = []
}

struct RefiCoding: Sendable {
    var guid: String
    var code = ""
    var creatingUser: String?
    var created: Date?
    var noteRefs: [String] = []
}

struct RefiSelection: Sendable {
    var guid: String
    var name: String?
    var start: Int
    var end: Int
    /// A position attribute that is no whole number of 0 or more, as written (`startPosition="-3"`): the
    /// selection is listed as not placed, and the rest of the file still comes in.
    var badPosition: String?
    var creatingUser: String?
    var created: Date?
    var codings: [RefiCoding] = []
    var noteRefs: [String] = []
}

struct RefiTextSource: Sendable {
    var guid: String
    var name: String?
    var plainTextPath: String?
    var content: String?
    var creatingUser: String?
    var created: Date?
    var selections: [RefiSelection] = []
    /// Codings of the whole source.
    var codings: [RefiCoding] = []
    var noteRefs: [String] = []
}

struct RefiNote: Sendable {
    var guid: String
    var name: String?
    var content: String?
    var plainTextPath: String?
    var creatingUser: String?
    var created: Date?
}

struct RefiLink: Sendable {
    var guid: String
    var origin: String?
    var target: String?
    var noteRefs: [String] = []
}

/// Dates as REFI-QDA writes them (`xsd:dateTime`): with or without fractions of a second and a zone.
/// Project files keep milliseconds; dates are written and read as whole milliseconds, so a time read
/// back from a file (0.80999… for .810) is not cut to the millisecond before.
enum RefiDate {
    static func format(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = (ms - ((ms % 1000) + 1000) % 1000, ((ms % 1000) + 1000) % 1000)
        let base = Date(timeIntervalSince1970: TimeInterval(seconds / 1000)).formatted(Date.ISO8601FormatStyle())
        let digits = String(fraction)
        return base.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    static func parse(_ text: String?) -> Date? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        var date: Date?
        for style in [Date.ISO8601FormatStyle(includingFractionalSeconds: true), Date.ISO8601FormatStyle()] {
            // No zone: read as UTC (the standard leaves it open).
            if let parsed = (try? style.parse(text)) ?? (try? style.parse(text + "Z")) { date = parsed; break }
        }
        // A fifth of a millisecond over the whole millisecond: storage that cuts to milliseconds keeps it.
        return date.map { Date(timeIntervalSince1970: ((($0.timeIntervalSince1970 * 1000).rounded()) + 0.2) / 1000) }
    }
}
