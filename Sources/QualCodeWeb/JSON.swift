import Foundation
import Hummingbird

/// JSON in and out of the API, one encoder setting for every route: ISO 8601 dates, sorted keys.
enum JSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The request's body as `T`, refused with one line when it is too big or not that JSON.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: WebContext) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: WebLimits.jsonBody) } catch {
            throw WebError(.contentTooLarge, "the request body is larger than \(WebLimits.jsonBody / 1024) KiB")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw WebError(.badRequest, "the request body is not the JSON this route takes (\(Self.describe(error)))")
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, _): "\"\(key.stringValue)\" is missing"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        case let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty:
            "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has a value this route does not take"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "not valid JSON"
        }
    }
}
