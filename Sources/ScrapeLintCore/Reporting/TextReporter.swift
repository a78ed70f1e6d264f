/// Each violation as `path:line:col: severity: message [rule-id]`, followed by the lines it covers with a
/// caret underline of the match (as compilers print), a blank line, and at the end a summary line.
public struct TextReporter: Reporter {
    let style: ANSIStyle

    public init(style: ANSIStyle = ANSIStyle(enabled: false)) { self.style = style }

    public mutating func report(_ file: FileReport) -> String {
        var output = ""
        var layouts: [Int: LineLayout] = [:]
        for (violation, position) in zip(file.violations, file.positions().starts) {
            output += ConciseReporter.headline(violation, at: position, in: file, style: style) + "\n"
            output += excerpt(violation, in: file.document, layouts: &layouts) + "\n"
        }
        return output
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        summary.quiet ? "" : style.bold(TextReporter.summaryLine(summary)) + "\n"
    }

    /// The lines of the match, each followed by its underline; at most ``maxLines`` of them. `layouts`
    /// carries the lines measured for earlier excerpts of the same document.
    func excerpt(_ violation: Violation, in document: Document, layouts: inout [Int: LineLayout]) -> String {
        let rows = Excerpt.rows(of: violation.range, in: document, maxLines: Self.maxLines, layouts: &layouts)
        let width = String(rows.map(\.lineNumber).max() ?? 1).count
        let blank = String(repeating: " ", count: width + 1)
        var output = ""
        for row in rows {
            let number = String(row.lineNumber)
            let label = String(repeating: " ", count: width - number.count) + number
            output += style.gutter(" \(label) |") + (row.text.isEmpty ? "" : " " + row.text) + "\n"
            output += style.gutter("\(blank) |") + " " + String(repeating: " ", count: row.caretStart)
            output += style.severity(violation.severity, String(repeating: "^", count: row.caretWidth)) + "\n"
        }
        if rows.last?.truncatedAfter == true { output += style.gutter("\(blank) |") + " ...\n" }
        return output
    }

    /// Lines shown for a match that spans more (paragraph and document rules).
    static let maxLines = 3

    /// "Found 3 violations in 2 files (3 fixable with --fix)." and the like.
    public static func summaryLine(_ summary: RunSummary) -> String {
        let files = "\(summary.files) \(summary.unit)\(summary.files == 1 ? "" : "s")"
        var parts: [String] = []
        if summary.fixed > 0 { parts.append("Fixed \(summary.fixed) violation\(summary.fixed == 1 ? "" : "s").") }
        if summary.violations == 0 {
            parts.append(summary.fixed > 0 ? "No violations remain in \(files)." : "No violations in \(files).")
        } else {
            let noun = summary.violations == 1 ? "violation" : "violations"
            var line = "Found \(summary.violations) \(summary.fixed > 0 ? "remaining " : "")\(noun) in \(files)"
            switch (summary.fixable, summary.unsafeFixable) {
            case (0, 0): break
            case (let safe, 0): line += " (\(safe) fixable with --fix)"
            case (0, let unsafe): line += " (\(unsafe) fixable with --unsafe-fixes)"
            case (let safe, let unsafe): line += " (\(safe) fixable with --fix, \(unsafe) more with --unsafe-fixes)"
            }
            parts.append(line + ".")
        }
        if summary.errors > 0 { parts.append("\(summary.errors) error\(summary.errors == 1 ? "" : "s").") }
        if summary.baselined > 0 { parts.append("\(summary.baselined) more in the baseline, not shown.") }
        if !summary.configurations.isEmpty {
            parts.append("Configurations: \(summary.configurations.joined(separator: ", ")).")
        } else if let configuration = summary.configuration {
            parts.append("Configuration: \(configuration).")
        }
        return parts.joined(separator: " ")
    }
}
