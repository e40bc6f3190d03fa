import Foundation
@testable import QualCode
import Testing

/// Codes made without a colour get one: the first dozen all different, so two codes on one passage can
/// be told apart; a colour given is kept.
@Suite struct CodePaletteTests {
    @Test func newCodesGetDistinctColoursLeastUsedFirst() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        // Made by coding (a path makes its parent too) and by adding.
        _ = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel/Arbeidsglede"])
        try store.addCode("Tillit", color: "#123456")
        for name in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"] { try store.addCode(name) }
        let tree = try store.codeTree()
        let automatic = tree.filter { $0.name != "Tillit" }.compactMap(\.color)
        #expect(automatic.count == 12)
        #expect(Set(automatic).count == 12)
        #expect(Set(automatic).isSubset(of: Set(CodePalette.colors)))
        #expect(tree.first { $0.name == "Tillit" }?.color == "#123456")
        // The thirteenth takes a colour the fewest codes have.
        let thirteenth = try store.addCode("K")
        #expect(thirteenth.color.map(CodePalette.colors.contains) == true)
        #expect(CodePalette.next(among: automatic) == CodePalette.colors[0])
    }
}
