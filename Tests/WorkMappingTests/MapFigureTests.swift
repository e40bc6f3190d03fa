import Foundation
import Testing
@testable import WorkMapping

/// The figure is data: it round-trips through JSON unchanged (the web page and the tests read it).
@Suite struct MapFigureTests {
    @Test func aFigureRoundTripsThroughJSON() throws {
        let figure = MapFigure(caption: "Kart over oppfølgingsarbeidet", note: "Forenklet, sett fra jobbspesialistenes ståsted.",
                               steps: [.init(box: .init(key: "s1", label: "Bli kjent, bygge tillit"),
                                             actions: [.init(key: "a1", label: "Informasjonssamtale")],
                                             texts: [.init(key: "t1", label: "Samtykkeerklæring")])],
                               processTexts: [.init(key: "t2", label: "Kvalitetsveileder")])
        let data = try JSONEncoder().encode(figure)
        #expect(try JSONDecoder().decode(MapFigure.self, from: data) == figure)
        #expect(figure.words == .nb)
    }
}
