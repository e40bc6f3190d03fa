import Foundation
import QualCode

/// A withdrawal as the privacy module does it: the project's (``ProjectStore/withdraw(participant:)``)
/// and the participant's entry in the pseudonym key.
public struct ParticipantWithdrawal: Sendable, Hashable, Codable {
    public var report: WithdrawalReport
    /// Whether their real name was taken out of the key.
    public var removedFromKey: Bool
    /// Why the key could not be changed after the withdrawal was made (it was sealed anew meanwhile, the
    /// disk refused): their real name is still in it, for the owner to remove.
    public var keyError: String?
}

extension Privacy {
    /// Withdraws a participant (see ``ProjectStore/withdraw(participant:)``) and takes them out of the
    /// pseudonym key. The key is opened first, so a wrong passphrase stops before anything is removed.
    ///
    /// - Parameter passphrase: the sealed key's passphrase; a key in the clear needs none.
    public func withdraw(_ participant: Participant.ID, passphrase: String? = nil) throws -> ParticipantWithdrawal {
        let key = hasKey ? try key(passphrase: passphrase) : nil
        let report = try store.withdraw(participant: participant)
        guard let key, key.people.contains(where: { $0.pseudonym.lowercased() == report.participant.lowercased() }) else {
            return ParticipantWithdrawal(report: report, removedFromKey: false)
        }
        // The withdrawal is made: a key that cannot be written now is said, not made a failure of it.
        do {
            try changeKey(passphrase: passphrase) { try $0.removePerson(report.participant) }
        } catch {
            return ParticipantWithdrawal(report: report, removedFromKey: false, keyError: "\(error)")
        }
        return ParticipantWithdrawal(report: report, removedFromKey: true)
    }
}
