import Foundation
import QualCode

/// Why an agreement question or a consensus decision was refused; nothing is changed then.
public enum AgreementError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Agreement needs at least two different coders.
    case needsTwoCoders
    /// Nobody by that name has coded anything in the project; `known` are those who have.
    case unknownCoder(name: String, known: [String])
    /// No disagreement with that number among the current ones (it may have been settled by an edit).
    case unknownDisagreement(id: String)
    /// A consensus decision adopting a coder who is not one of the compared coders.
    case notCompared(coder: String, compared: [String])
    /// The coder the consensus codings are made for is one of the compared coders.
    case consensusCoderCompared(name: String)
    /// The consensus coder's name is an account's, or someone's who has coded otherwise than by
    /// consensus decisions.
    case consensusCoderInUse(name: String)
    /// An export that names no table.
    case noTables
    /// A CSV file holds one table; both were asked for.
    case oneTablePerCSV

    public var description: String {
        switch self {
        case .needsTwoCoders:
            return "agreement compares at least two different coders; nothing was counted."
        case let .unknownCoder(name, known):
            let near = Suggestions.nearest(to: name, among: known)
            let typed = "nobody named \"\(name.escapingControlCharacters(invisible: true).truncated())\" has coded in this project"
            if known.isEmpty { return typed + " (nobody has coded yet)." }
            if !near.isEmpty { return typed + "; did you mean \(Suggestions.alternatives(near.map { $0.escapingControlCharacters(invisible: true) }))?" }
            return typed + "; coders: \(known.prefix(12).map { $0.escapingControlCharacters(invisible: true).truncated() }.joined(separator: ", "))."
        case let .unknownDisagreement(id):
            return "no disagreement \(id.escapingControlCharacters(invisible: true).truncated()) between these coders now; list them again to see the current ones; nothing was changed."
        case let .notCompared(coder, compared):
            return "\(coder.escapingControlCharacters(invisible: true).truncated()) is not one of the coders compared "
                + "(\(compared.map { $0.escapingControlCharacters(invisible: true).truncated() }.joined(separator: ", "))); nothing was changed."
        case let .consensusCoderCompared(name):
            return "the consensus codings need a name of their own, not one of the compared coders (\(name.escapingControlCharacters(invisible: true).truncated())); nothing was changed."
        case let .consensusCoderInUse(name):
            return "\(name.escapingControlCharacters(invisible: true).truncated()) is someone who codes (an account, or codings of their own): the consensus codings need a name of their own; nothing was changed."
        case .noTables:
            return "name at least one table to export; nothing was written."
        case .oneTablePerCSV:
            return "a CSV file holds one table: export the statistics and the disagreements to separate files; nothing was written."
        }
    }
}
