/// GitHub Actions workflow commands, one per violation:
/// `::warning title=scrapelint (rule-id),file=path,line=L,col=C,endLine=L,endColumn=C::message [rule-id]`.
/// The runner turns them into annotations on the changed files. `info` becomes `notice`.
public struct GitHubReporter: Reporter {
    public init() {}

    public mutating func report(_ file: FileReport) -> String {
        let positions = file.positions()
        return file.violations.indices.map { index in
            let violation = file.violations[index]
            let start = positions.starts[index], end = positions.ends[index]
            let properties = [
                ("title", "scrapelint (\(violation.ruleID))"), ("file", file.path),
                ("line", String(start.line)), ("col", String(start.column)),
                ("endLine", String(end.line)), ("endColumn", String(end.column)),
            ].map { "\($0.0)=\(Self.escape($0.1, property: true))" }.joined(separator: ",")
            return "::\(Self.command(violation.severity)) \(properties)::"
                + Self.escape("\(violation.message) [\(violation.ruleID)]" + file.recordNote, property: false) + "\n"
        }.joined()
    }

    public mutating func finish(_ summary: RunSummary) -> String { "" }

    static func command(_ severity: Rule.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
    }

    /// The escaping of the Actions runner: `%`, CR and LF always; `:` and `,` in property values. Other
    /// control characters (ESC, NUL: the runner passes them to the log as they are) and bidirectional
    /// controls are shown as visible symbols, as in the text report.
    static func escape(_ text: String, property: Bool) -> String {
        text.replacingScalars { scalar in
            switch scalar {
            case "%": "%25"
            case "\r": "%0D"
            case "\n": "%0A"
            case ":" where property: "%3A"
            case "," where property: "%2C"
            default: Excerpt.visible(scalar)
            }
        }
    }
}
