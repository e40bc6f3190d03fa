import Foundation
@testable import Condensation
import QualCode
import Testing

/// The condensation exports' words come through the core's label set.
@Suite struct AnalysisWordsTests {
    @Test func theModulesLabelsExtendTheCoreSetInBothLanguages() {
        let set = LabelSet.condensation
        #expect(set.keys.count > LabelSet.core.keys.count)
        #expect(set[.table, .nb] == "Tabell" && set[.analysisTitle, .en] == "The analysis")
        for key in set.keys {
            #expect(!set[key, .nb].isEmpty && !set[key, .en].isEmpty, "\(key)")
        }
    }

    @Test func supportIsWordedFromTheLabels() {
        let settings = CondensationSettings()
        let nb = AnalysisWords(language: .nb), en = AnalysisWords(language: .en)
        #expect(nb.support(settings, 7, of: 7) == settings.support(7, of: 7))
        #expect(nb.support(settings, 3, of: 7) == settings.support(3, of: 7))
        #expect(nb.support(settings, 1, of: 7) == settings.support(1, of: 7))
        #expect(en.support(settings, 5, of: 7) == "most participants (5 of 7)")
        #expect(en.support(settings, 2, of: 2) == "both participants")
        #expect(en.participants(1) == "one participant" && nb.participants(3) == "3 informanter")
    }
}
