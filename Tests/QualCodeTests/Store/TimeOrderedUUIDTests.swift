import Foundation
import QualCode
import Testing

@Suite struct TimeOrderedUUIDTests {
    @Test func isAVersion7UUIDOrderedByTime() {
        let early = UUID.timeOrdered(at: Date(timeIntervalSince1970: 1_700_000_000))
        let late = UUID.timeOrdered(at: Date(timeIntervalSince1970: 1_700_000_001))
        #expect(early.uuidString.lowercased().hasPrefix("018bcfe5-6800-7"))
        #expect(early.uuid.6 >> 4 == 7)
        #expect(early.uuid.8 >> 6 == 0b10)
        #expect(early.uuidString < late.uuidString)
        #expect(UUID.timeOrdered() != UUID.timeOrdered())
    }
}
