import Foundation
import GRDB

extension StoreError {
    /// What a database error means to a user, when it is one of the conditions of the file rather than
    /// of the data: busy, read-only, disk full. A front end calls this at its edge on any error a store
    /// call threw; nil for everything else (which keeps its own description).
    public static func interpreting(_ error: any Error, path: String? = nil) -> StoreError? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .projectBusy(path: path)
        case .SQLITE_READONLY: return .projectReadOnly(path: path)
        case .SQLITE_FULL: return .diskFull(path: path)
        default: return nil
        }
    }
}
