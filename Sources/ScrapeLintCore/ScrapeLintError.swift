/// The errors of the engine library. The command line turns each into a message and exit status 2.
public enum ScrapeLintError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One or more rule files are wrong; each diagnostic points at `path:line:col`.
    case invalidRules([Diagnostic])
    /// A file or folder could not be read or written.
    case io(path: String, message: String)
    /// A select/ignore entry names neither a rule nor a category.
    case unknownSelector(String, suggestion: String?)

    public var description: String {
        switch self {
        case .invalidRules(let diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        case .io(let path, let message):
            return "\(path): \(message)"
        case .unknownSelector(let name, let suggestion):
            return "`\(name)` is neither a rule id nor a category" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
        }
    }
}
