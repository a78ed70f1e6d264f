/// The errors of the engine library. The command line turns each into a message and exit status 2.
public enum ScrapeLintError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One or more rule files are wrong; each diagnostic points at `path:line:col`.
    case invalidRules([Diagnostic])
    /// A file or folder could not be read or written.
    case io(path: String, message: String)
    /// A select/ignore entry is not a rule id, a category, an id prefix or `ALL`.
    case unknownSelector(String, suggestion: String?)
    /// A per-rule setting names no loaded rule.
    case unknownRule(String, suggestion: String?)
    /// A configuration file is wrong; each diagnostic points at `path:line:col`.
    case invalidConfig([Diagnostic])

    public var description: String {
        switch self {
        case .invalidRules(let diagnostics), .invalidConfig(let diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        case .io(let path, let message):
            return "\(path): \(message)"
        case .unknownSelector(let name, let suggestion):
            return "`\(name)` is not a rule id, a category, an id prefix ending in `-` or ALL" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
        case .unknownRule(let name, let suggestion):
            return "no rule `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
        }
    }
}
