import Agreement
import Condensation
import Exchange
import Foundation
import Hummingbird
import Privacy
import QualCode
import WorkMapping

/// A refused request: the status, one line saying what was wrong, and where the library offers one, a
/// remedy as a word the page turns into a button (`force`, `includeChildren`, …).
public struct WebError: Error, Sendable, HTTPResponseError {
    public var status: HTTPResponse.Status
    public var message: String
    public var remedy: String?

    public init(_ status: HTTPResponse.Status, _ message: String, remedy: String? = nil) {
        self.status = status
        // One line whatever the input quoted in it held (a value with a line break, a terminal escape).
        self.message = message.escapingControlCharacters(invisible: true)
        self.remedy = remedy
    }

    /// The library's own description, with the status that fits the kind of error. An error the server
    /// did not expect is a 500 whose text names no internals.
    public init(wrapping error: Error) {
        switch error {
        case let error as WebError:
            self = error
        case let error as StoreError:
            self.init(Self.status(of: error), error.description, remedy: error.remedy.map(Self.word))
        case let error as MapError:
            self.init(Self.status(of: error), error.description)
        case let error as AgreementError:
            self.init(Self.status(of: error), error.description)
        case let error as ExchangeError:
            self.init(.unprocessableContent, error.description)
        case let error as CondensationError:
            self.init(.unprocessableContent, error.description)
        case let error as ExportError:
            self.init(.unprocessableContent, error.description, remedy: error.remedy?.rawValue)
        case let error as ImportError:
            self.init(.unprocessableContent, error.description)
        case let error as QuoteEditError:
            self.init(.unprocessableContent, error.description)
        case let error as FullTextQueryError:
            self.init(.unprocessableContent, error.description)
        case let error as PrivacyError:
            self.init(Self.status(of: error), error.description)
        case is DecodingError:
            self.init(.badRequest, "the request body is not the JSON this route takes")
        case let error as HTTPError:
            self.init(error.status, error.body ?? error.status.reasonPhrase)
        default:
            // SQLite's own conditions (the command line holding the write lock, a read-only file, a full
            // disk) in the store's words and status, as the command line says them.
            if let interpreted = StoreError.interpreting(error) {
                self.init(Self.status(of: interpreted), interpreted.description)
            } else {
                self.init(.internalServerError, "the server could not do this: \(error.localizedDescription)")
            }
        }
    }

    static func status(of error: StoreError) -> HTTPResponse.Status {
        switch error {
        case .missing, .notFound, .projectNotFound: .notFound
        case .projectBusy: .serviceUnavailable
        case .projectReadOnly, .readOnlyCannotOpen: .forbidden
        case .changedMeanwhile, .duplicate, .inUse, .codeInUse, .duplicateImport, .cannotUndo: .conflict
        case .diskFull: .init(code: 507, reasonPhrase: "Insufficient Storage")
        default: .unprocessableContent
        }
    }

    static func status(of error: MapError) -> HTTPResponse.Status {
        switch error {
        case .notFound, .linkNotFound: .notFound
        case .duplicate: .conflict
        case .rasterizerMissing, .rasterizerFailed: .internalServerError
        default: .unprocessableContent
        }
    }

    static func status(of error: AgreementError) -> HTTPResponse.Status {
        switch error {
        case .unknownCoder, .unknownDisagreement: .notFound
        case .needsTwoCoders, .notCompared, .consensusCoderCompared, .consensusCoderInUse, .noTables, .oneTablePerCSV: .unprocessableContent
        }
    }

    static func status(of error: PrivacyError) -> HTTPResponse.Status {
        switch error {
        case .keyNotFound, .notInKey: .notFound
        case .keyExists, .realNameTaken: .conflict
        // The server was started without the key's passphrase: the request was fine, the server cannot.
        case .passphraseNeeded, .wrongPassphrase, .keyNeededForSafeExport: .serviceUnavailable
        default: .unprocessableContent
        }
    }

    static func word(_ remedy: StoreRemedy) -> String {
        switch remedy {
        case .createProject: "createProject"
        case .chooseProject: "chooseProject"
        case .pickOccurrence: "pickOccurrence"
        case .force, .forceDeletion: "force"
        case .allowDuplicate: "allowDuplicate"
        case .moveCode: "moveCode"
        case .includeChildren: "includeChildren"
        case .confirmNewCode: "confirmNewCode"
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSON.response(ErrorBody(error: message, remedy: remedy), status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// The JSON of a refused request.
struct ErrorBody: Encodable, Sendable {
    var error: String
    var remedy: String?
}
