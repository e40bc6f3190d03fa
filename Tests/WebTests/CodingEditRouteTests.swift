import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QualCode
import QualCodeWeb
import Testing

/// From a coding in the page: move it to another code, and edit how its quote is displayed.
@Suite struct CodingEditRouteTests {
    @Test func aCodingMovesToAnotherCodeAndKeepsItsMemo() async throws {
        let fixture = try WebFixture()
        let segment = try fixture.code("tillit er alt", ["Tillit"]).segment.id
        try fixture.store.addMemo(on: .segment(segment), text: "Viktig for tillit.")
        let tillit = try fixture.codeID("Tillit")
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let moved = try await browser.post("/api/codings/change", json: """
                {"segment": "\(segment)", "from": "\(tillit)", "to": "Relasjon/Tillit i teamet"}
                """)
            #expect(moved.status == .ok)
            let result = try browser.json(moved)
            #expect(result["from"] as? String == "Tillit" && result["to"] as? String == "Tillit i teamet")
            #expect(result["createdCodes"] as? [String] == ["Relasjon/Tillit i teamet"])
        }
        #expect(try fixture.store.units().map(\.codes) == [["Tillit i teamet"]])
        #expect(try fixture.store.memos(on: .segment(segment)).count == 1)
    }

    @Test func aChangeThatCannotBeIsRefusedAndChangesNothing() async throws {
        let fixture = try WebFixture()
        let segment = try fixture.code("tillit er alt", ["Tillit"]).segment.id
        let tillit = try fixture.codeID("Tillit")
        let before = try fixture.unchanged()
        let cases: [(String, HTTPResponse.Status, String)] = [
            ("{\"segment\": \"\(segment)\", \"from\": \"\(tillit)\", \"to\": \"Tillit\"}", .unprocessableContent, "unchanged"),
            ("{\"segment\": \"\(segment)\", \"from\": \"\(UUID())\", \"to\": \"Ny\"}", .notFound, "no coding"),
            ("{\"segment\": \"\(UUID())\", \"from\": \"\(tillit)\", \"to\": \"Ny\"}", .notFound, "segment"),
            ("{\"segment\": \"\(segment)\", \"from\": \"\(tillit)\", \"to\": \"\"}", .unprocessableContent, "empty"),
            ("{\"segment\": \"\(segment)\", \"from\": \"\(tillit)\", \"to\": \"A//B\"}", .unprocessableContent, "empty part"),
            ("{\"segment\": \"\(segment)\", \"from\": \"\(tillit)\", \"to\": \"\\u202egnp.exe\"}", .unprocessableContent, "direction"),
            ("{\"segment\": \"\(segment)\", \"from\": \"\(tillit)\", \"to\": \"\(String(repeating: "å", count: 5000))\"}", .unprocessableContent, "at most"),
            ("{\"segment\": \"\(segment)\", \"from\": \"\(tillit)\"}", .badRequest, "not the JSON"),
            ("{\"segment\": 1, \"from\": [], \"to\": {}}", .badRequest, "not the JSON"),
        ]
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            for (body, status, words) in cases {
                let response = try await browser.post("/api/codings/change", json: body)
                #expect(response.status == status, "\(body.prefix(100))")
                let message = try browser.json(response)["error"] as? String ?? ""
                #expect(message.lowercased().contains(words.lowercased()), "\(message)")
            }
            // Without the CSRF token, and as a reader: refused before anything is read.
            let good = "{\"segment\": \"\(segment)\", \"from\": \"\(tillit)\", \"to\": \"Ny\"}"
            #expect(try await browser.post("/api/codings/change", json: good, csrf: .some(nil)).status == .forbidden)
            var reader = browser
            try await reader.logIn(as: "lise", role: .reader)
            #expect(try await reader.post("/api/codings/change", json: good).status == .forbidden)
            // Another coder's coding is not theirs to move.
            var lars = browser
            try await lars.logIn(as: "lars", role: .coder)
            #expect(try await lars.post("/api/codings/change", json: good).status == .notFound)
        }
        #expect(try fixture.unchanged() == before)
    }

    @Test func aQuoteIsEditedWithMarksAndAnUnmarkedChangeIsRefused() async throws {
        let fixture = try WebFixture()
        let quote = "Uten tillit får jeg ingenting gjort"
        let segment = try fixture.code(quote, ["Tillit"]).segment.id
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let shown = try await browser.get("/api/segments/\(segment)/quote")
            #expect(shown.status == .ok)
            #expect(try browser.json(shown)["verbatim"] as? String == quote)
            let edited = try await browser.post("/api/segments/\(segment)/quote", json: """
                {"display": "Uten tillit får jeg (…) gjort", "leadIn": "Eva sier:"}
                """)
            #expect(edited.status == .ok)
            let details = try browser.json(edited)
            #expect(details["displayed"] as? String == "Uten tillit får jeg (…) gjort")
            #expect(details["leadIn"] as? String == "Eva sier:")
            #expect((details["edits"] as? String)?.isEmpty == false)
            let report = try await browser.get("/api/segments/\(segment)/quote?style=report")
            #expect(report.status == .ok)

            let before = try fixture.unchanged()
            let refused: [(String, HTTPResponse.Status)] = [
                ("{\"display\": \"Uten tillit får vi ingenting gjort\"}", .unprocessableContent),  // an unmarked change of words
                ("{\"display\": \"x\", \"verbatim\": true}", .badRequest),
                ("{}", .badRequest),
                ("{\"leadIn\": \"to\\nlinjer\"}", .unprocessableContent),
                ("{\"verbatim\": true, \"style\": \"<script>\"}", .unprocessableContent),
                ("[1, 2]", .badRequest),
            ]
            for (body, status) in refused {
                let response = try await browser.post("/api/segments/\(segment)/quote", json: body)
                #expect(response.status == status, "\(body)")
                let message = try browser.json(response)["error"] as? String ?? ""
                #expect(!message.isEmpty && !message.contains("\n"), "\(message)")
            }
            #expect(try await browser.post("/api/segments/\(UUID())/quote", json: "{\"verbatim\": true}").status == .notFound)
            #expect(try await browser.get("/api/segments/ikke-en-id/quote").status == .badRequest)
            var reader = browser
            try await reader.logIn(as: "lise", role: .reader)
            #expect(try await reader.get("/api/segments/\(segment)/quote").status == .ok)
            #expect(try await reader.post("/api/segments/\(segment)/quote", json: "{\"verbatim\": true}").status == .forbidden)
            #expect(try fixture.unchanged() == before)
        }
        #expect(try fixture.store.quoteDetails(segment: segment).displayed == "Uten tillit får jeg (…) gjort")
    }
}
