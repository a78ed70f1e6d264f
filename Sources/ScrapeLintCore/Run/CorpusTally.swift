/// The counts of a corpus run, for its end-of-run line: every item read is a document used, a bad
/// record (with what was done to it), a blank line or part of an unreadable input.
public struct CorpusTally: Sendable, Equatable {
    /// Documents (files or records) handed to the work.
    public var documents = 0
    public var skipped = 0
    public var passedThrough = 0
    public var leftOut = 0
    /// Bad records that stopped the run (0 or 1).
    public var stopped = 0
    public var unreadable = 0
    /// Empty or blank lines of JSON Lines inputs (no record; ignored, or passed through by `clean`).
    public var blankLines = 0

    public init() {}

    /// Records read: documents and bad records.
    public var records: Int { documents + skipped + passedThrough + leftOut + stopped }

    /// Bad records the run went past (skipped, passed through or left out).
    public var badRecordsPassed: Int { skipped + passedThrough + leftOut }

    /// Counts `problem`.
    public mutating func add(_ problem: CorpusProblem) {
        switch problem {
        case .badRecord(_, .stopped): stopped += 1
        case .badRecord(_, .skipped): skipped += 1
        case .badRecord(_, .passedThrough): passedThrough += 1
        case .badRecord(_, .leftOut): leftOut += 1
        case .unreadable: unreadable += 1
        }
    }
}
