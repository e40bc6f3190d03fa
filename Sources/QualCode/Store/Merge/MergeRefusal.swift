import Foundation

/// Why a merge would not start (besides the other file not being a project, or being newer, which the
/// store's own errors say). Nothing was changed and no backup was left behind.
public enum MergeRefusal: Sendable, Hashable {
    /// The other file is our own project file.
    case sameFile
    /// The other project holds tables of modules this project was not opened with.
    case missingModules([String])
    /// The other copy was made before a withdrawal or redaction here and still holds the words it took
    /// out: these participants (withdrawn here) and transcripts (as they were before).
    case holdsErasedWords(participants: [String], transcripts: [String])
}
