import Foundation
@testable import QualCode
import Testing

/// The one parser of `code`, `participant` and `attr:NAME`.
@Suite struct BreakdownTests {
    @Test func goodForms() throws {
        #expect(try Breakdown(parsing: "code") == .code)
        #expect(try Breakdown(parsing: "participant") == .participant)
        #expect(try Breakdown(parsing: "participants") == .participant)
        #expect(try Breakdown(parsing: "attr:tjeneste") == .attribute("tjeneste"))
        #expect(try Breakdown(parsing: "attr: teamstørrelse ") == .attribute("teamstørrelse"))
        #expect(try MatrixColumns(parsing: "attr:rolle") == .attribute("rolle"))
        #expect(try MatrixColumns(parsing: "participant") == .participant)
        #expect(try QuoteGrouping(parsing: "code") == .code)
        #expect(try QuoteGrouping(parsing: "attr:rolle") == .attribute("rolle"))
    }

    @Test(arguments: ["", "kode", "tjeneste", "attr", "attr:", "attr:   ", "ATTR:rolle", " code"])
    func badOrEmptyFormsAreRefused(text: String) {
        #expect(throws: ExportError.invalidBreakdown(text, allowed: Breakdown.Form.allCases)) { try Breakdown(parsing: text) }
    }

    @Test func eachUseTakesOnlyItsForms() {
        #expect(throws: ExportError.invalidBreakdown("code", allowed: [.attribute, .participant])) { try MatrixColumns(parsing: "code") }
        #expect(ExportError.invalidBreakdown("code", allowed: MatrixColumns.forms).description == "\"code\": expected attr:NAME or participant.")
        #expect(ExportError.invalidBreakdown("x", allowed: QuoteGrouping.forms).description
            == "\"x\": expected code, participant or attr:NAME.")
    }

    @Test func anUnknownAttributeIsRefusedWhenTheProjectIsRead() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let known = ["ansiennitet", "rolle", "tjeneste"]
        #expect(throws: ExportError.unknownAttribute(name: "yrke", use: .matrixColumns, known: known)) {
            try store.codeMatrix(columns: try MatrixColumns(parsing: "attr:yrke"))
        }
        var options = QuoteOptions(codes: ["Tillit"])
        options.grouping = try QuoteGrouping(parsing: "attr:yrke")
        #expect(throws: ExportError.unknownAttribute(name: "yrke", use: .quoteGroups, known: known)) { try store.quotes(options) }
        options.grouping = try QuoteGrouping(parsing: "attr:tjeneste")
        let document = try store.quoteDocument(options)
        let headings = document.blocks.compactMap { block -> String? in
            if case let .heading(2, text) = block { return Inline.plainText(text) }
            return nil
        }
        #expect(headings.contains("IPS") && headings.contains("Utvidet oppfølging"))
    }
}
