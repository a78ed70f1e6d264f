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
    /// An output option names one of the inputs (a usage error, found before anything is read).
    case outputIsInput(option: String, path: String, input: String)
    /// Two outputs would be the same file, or both standard output (a usage error).
    case outputConflict(option: String, other: String)
    /// `--report-field` names the text field or the id field (a usage error).
    case reportFieldClash(field: String, role: String)

    public var description: String {
        switch self {
        case .invalidRules(let diagnostics), .invalidConfig(let diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        case .io(let path, let message):
            return "\(path): \(message)"
        case .unknownSelector(let name, let suggestion):
            return "`\(name)` is not a rule id, a category, an id prefix ending in `-` or ALL" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
        case .outputIsInput(let option, let path, let input):
            return "\(option) \(path) is the input \(input): writing it would destroy the input; choose another file"
        case .outputConflict(let option, let other):
            return "\(option) and \(other) would write to the same place; give one of them another file"
        case .reportFieldClash(let field, let role):
            return "--report-field \(field) is also the \(role) field: the report would replace it; choose another name"
        case .unknownRule(let name, let suggestion):
            return "no rule `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
        }
    }
}
