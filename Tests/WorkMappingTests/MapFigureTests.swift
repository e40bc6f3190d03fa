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

    /// A step whose place in the work is not fixed has dashed arrows in and out; the others stay solid.
    @Test func anOrderNotFixedIsDrawnWithDashedArrows() throws {
        let figure = MapFigure(caption: "Kart", note: "Forenklet.", steps: [
            .init(box: .init(key: "a", label: "Henvisning")),
            .init(box: .init(key: "b", label: "Kartlegge"), orderNotFixed: true),
            .init(box: .init(key: "c", label: "Jobbsøk")),
            .init(box: .init(key: "d", label: "Avslutning")),
        ])
        let drawing = MapLayout(figure).drawing
        let between = drawing.arrows.filter { if case .box = $0.from, case .box = $0.to { true } else { false } }
        #expect(between.map(\.dashed) == [true, true, false])
        let svg = MapSVG.svg(for: drawing)
        #expect(svg.components(separatedBy: "stroke-dasharray=\"5 4\"").count - 1 == 2)
    }
}
