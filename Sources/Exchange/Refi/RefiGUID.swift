import Foundation
import QualCode

/// REFI-QDA GUIDs as other tools write them: either case, with or without braces, or not GUIDs at all.
enum RefiGUID {
    /// The UUID a GUID names, whatever its case and braces; nil for a string that is no GUID (`c001`).
    static func uuid(_ guid: String) -> UUID? {
        var text = guid.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("{") && text.hasSuffix("}") { text = String(text.dropFirst().dropLast()) }
        return text.count == 36 ? UUID(uuidString: text) : nil
    }

    /// How lookups compare GUIDs: lower case without braces, or the string as written when it is no GUID.
    static func key(_ guid: String) -> String {
        uuid(guid).map(written) ?? guid.trimmingCharacters(in: .whitespaces)
    }

    /// Whether a GUID another tool wrote may be written back as it is: up to 100 ASCII letters, digits,
    /// hyphens, underscores and braces (no slashes, dots, spaces or control characters, which a reader
    /// could take for a path or a line).
    static func isSafe(_ guid: String) -> Bool {
        (1...100).contains(guid.utf8.count) && guid.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "{"), UInt8(ascii: "}"): true
            default: false
            }
        }
    }

    /// How we write our own ids: lower case, no braces (either is valid REFI-QDA).
    static func written(_ id: UUID) -> String { id.uuidString.lowercased() }

    /// A GUID that stays the same for the same name across exports (a coder has no id of their own):
    /// the first 16 bytes of the name's SHA-256, marked as a version-8 (custom) UUID.
    static func named(_ namespace: String, _ name: String) -> UUID {
        let hex = Array(SHA256Digest.hex(Data((namespace + "\u{1F}" + name).utf8)).utf8)
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 {
            bytes[i] = UInt8(String(decoding: hex[(2 * i)..<(2 * i + 2)], as: UTF8.self), radix: 16) ?? 0
        }
        bytes[6] = 0x80 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// The kinds of record whose REFI-QDA GUIDs are kept when they were not our own lower-case UUIDs.
enum GUIDKind: String, Sendable, CaseIterable {
    case user, code, source, selection, coding, note, `case`, variable
}
