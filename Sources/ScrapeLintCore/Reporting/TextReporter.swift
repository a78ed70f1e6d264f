/// `path:line:col: severity: message [rule-id]`, one line per violation, and a summary line.
public struct TextReporter: Reporter {
    public init() {}

    public mutating func report(_ file: FileReport) -> String {
        var output = ""
        for violation in file.violations {
            let position = file.document.position(of: violation.range.lowerBound)
            output += "\(file.path):\(position.line):\(position.column): \(violation.severity.rawValue): "
            output += "\(violation.message) [\(violation.ruleID)]\n"
        }
        return output
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        TextReporter.summaryLine(summary) + "\n"
    }

    /// "Found 3 violations in 2 files (3 fixable with --fix)." and the like.
    public static func summaryLine(_ summary: RunSummary) -> String {
        let files = summary.files == 1 ? "1 file" : "\(summary.files) files"
        var parts: [String] = []
        if summary.fixed > 0 { parts.append("Fixed \(summary.fixed) violation\(summary.fixed == 1 ? "" : "s").") }
        if summary.violations == 0 {
            parts.append(summary.fixed > 0 ? "No violations remain in \(files)." : "No violations in \(files).")
        } else {
            let noun = summary.violations == 1 ? "violation" : "violations"
            var line = "Found \(summary.violations) \(summary.fixed > 0 ? "remaining " : "")\(noun) in \(files)"
            if summary.fixable > 0 { line += " (\(summary.fixable) fixable with --fix)" }
            parts.append(line + ".")
        }
        if summary.errors > 0 { parts.append("\(summary.errors) error\(summary.errors == 1 ? "" : "s").") }
        return parts.joined(separator: " ")
    }
}
