/// Something a corpus run met that the user must hear about; the command line renders it in one place.
public enum CorpusProblem: Sendable {
    /// A bad record and what the policy did with it.
    case badRecord(BadRecord, BadRecordAction)
    /// An input (or a text file) that could not be read; the rest of the run went on.
    case unreadable(ScrapeLintError)

    /// Whether it makes the run fail (exit status 2).
    public var isError: Bool {
        switch self {
        case .badRecord(_, let action): return action == .stopped
        case .unreadable: return true
        }
    }
}
