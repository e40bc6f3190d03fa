import Foundation

/// What a REFI-QDA project import made, and everything it could not carry over.
public struct RefiImportReport: Sendable, Hashable, Codable {
    /// The new project file.
    public var path: String
    /// The tool that wrote the file, as it says (`origin`).
    public var origin: String?
    public var transcripts = 0
    public var codes = 0
    public var segments = 0
    public var codings = 0
    public var memos = 0
    public var participants = 0
    public var attributes = 0
    public var coders: [String] = []
    /// Per text source: how its selections were placed.
    public var sources: [SourcePlacementReport] = []
    /// Sources that are not plain text (PDF, pictures, audio, video), by REFI-QDA element: not imported.
    public var otherSources: [String: Int] = [:]
    /// Graphs (a work map comes back as its codes, not as a map) and sets, by REFI-QDA element: not imported.
    public var leftOut: [String: Int] = [:]
    /// Names that had to change to be stored: a «/» (which separates levels of a code path), a name
    /// two siblings share, a blank or unusable name; each as `old → new`.
    public var renamed: [String] = []
    /// GUIDs not kept for a later export (the record goes out under our own id): one the file used
    /// before, or one that is not safe to write back; each as `kind "guid": why`.
    public var guidsNotKept: [String] = []
    /// Codings whose code is not in the codebook.
    public var codingsWithoutCode = 0
    /// Codings of the same code by the same coder on the same passage, kept once.
    public var duplicateCodings = 0
    /// Notes without text, or longer than a memo may be.
    public var notesLeftOut = 0
    /// Variable values that do not fit their variable's type, as `case: variable = value`.
    public var valuesLeftOut: [String] = []

    /// Selections that could not be placed, in every source.
    public var unplaced: Int { sources.reduce(0) { $0 + $1.unplaced.count } }
}

/// How one text source's selections were placed in its transcript.
public struct SourcePlacementReport: Sendable, Hashable, Codable {
    /// The source's name in the file.
    public var source: String
    /// The transcript's short name.
    public var transcript: String
    /// The counting of positions that fits the selections best.
    public var convention: OffsetConvention
    /// Every convention places them alike (plain text without CRLF or characters outside the BMP).
    public var conventionsAgree: Bool
    public var placed = 0
    /// Of those placed, how many were found by their quoted text rather than by their positions.
    public var reanchored = 0
    public var unplaced: [UnplacedSelection] = []
    /// The positions' ends name the last character of a selection (the standard's wording) rather than
    /// the one after it (what the programs write).
    public var endInclusive = false
}

/// What a codebook import added and what the project had already.
public struct CodebookImportReport: Sendable, Hashable, Codable {
    /// Paths of the codes added (`Organisering/Ledelse`).
    public var added: [String] = []
    /// Paths of the codes the project had already (matched by path, ignoring case); they are left as they are.
    public var existing: [String] = []
    public var renamed: [String] = []
}
