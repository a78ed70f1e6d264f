/// A JSON Lines record that cannot be used (not JSON, no such field, not a string), and where it is.
public struct BadRecord: Sendable, Hashable {
    public let path: String
    /// 1-based line number in its input.
    public let line: Int
    public let message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `PATH:LINE`, as messages name it.
    public var location: String { "\(path):\(line)" }
}

/// What a run does with a bad record (`--on-error`): the one error policy of every corpus command.
public enum BadRecordPolicy: String, CaseIterable, Sendable {
    /// Stop the run after what came before it (an error).
    case fail
    /// Drop the record, with a warning, and go on.
    case skip
    /// Pass the line through unchanged where there is an output of records (`clean --jsonl`); elsewhere
    /// the record is left out as with `skip`. Warned and counted either way.
    case keep

    /// What this policy does to a bad record in a run that writes records (`writesRecords`) or not.
    public func action(writesRecords: Bool) -> BadRecordAction {
        switch self {
        case .fail: return .stopped
        case .skip: return .skipped
        case .keep: return writesRecords ? .passedThrough : .leftOut
        }
    }
}

/// What was done with a bad record; every one is reported and counted, so nothing is lost silently.
public enum BadRecordAction: Sendable, Hashable {
    /// The run stopped at it (an error).
    case stopped
    /// Dropped (`--on-error skip`).
    case skipped
    /// Written unchanged (`--on-error keep` with an output of records).
    case passedThrough
    /// Not checked and nothing written (`--on-error keep` in a run without an output of records).
    case leftOut
}
