import GRDB
import HTTPTypes
import QualCode
import QualCodeWeb
import Testing

/// SQLite's own conditions reach the browser in the store's words and status, not as a 500 carrying
/// SQLite's text: the command line holding the write lock is «busy» (503), a read-only file 403.
@Suite struct WebErrorTests {
    @Test(arguments: [(ResultCode.SQLITE_BUSY, 503), (.SQLITE_LOCKED, 503), (.SQLITE_READONLY, 403), (.SQLITE_FULL, 507)])
    func sqliteConditionsAreTheStoresWords(code: ResultCode, status: Int) {
        let error = WebError(wrapping: DatabaseError(resultCode: code, message: "database is locked"))
        #expect(error.status.code == status)
        #expect(!error.message.contains("database is locked") && error.message == StoreError.interpreting(DatabaseError(resultCode: code))?.description)
    }

    @Test func anUnexpectedErrorIsStillA500() {
        #expect(WebError(wrapping: DatabaseError(resultCode: .SQLITE_CORRUPT)).status == .internalServerError)
    }
}
