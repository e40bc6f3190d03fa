import Foundation

/// The colours a code is given when it is made without one: distinct, readable under text, and handed
/// out least-used first, so the first dozen codes of a project never share a colour (two codes on one
/// passage must be told apart at a glance).
public enum CodePalette {
    public static let colors = ["#5B8FF9", "#E8684A", "#5AD8A6", "#9270CA", "#F6BD16", "#269A99",
                                "#FF99C3", "#6DC8EC", "#A0D911", "#FF9D4D", "#B37FEB", "#8C6D46"]

    /// The colour for a new code: the palette's least used among `used`, the first such in palette order.
    public static func next(among used: [String?]) -> String {
        var counts: [String: Int] = [:]
        for color in used.compactMap({ $0?.uppercased() }) { counts[color, default: 0] += 1 }
        return colors.min { counts[$0, default: 0] < counts[$1, default: 0] } ?? colors[0]
    }

    /// A colour for a code made before codes were given colours, the same for that code everywhere.
    public static func color(for id: UUID) -> String {
        let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
        let sum = bytes.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xffff }
        return colors[sum % colors.count]
    }
}
