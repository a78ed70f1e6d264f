/// `path:line:col: severity: message [rule-id]`, one line per violation, and a summary line. Control
/// characters in the path or the message (a message may quote the match) are shown as visible symbols,
/// so that neither a line break nor an escape sequence from scraped text reaches the terminal.
public struct ConciseReporter: Reporter {
    let style: ANSIStyle

    public init(style: ANSIStyle = ANSIStyle(enabled: false)) { self.style = style }

    public mutating func report(_ file: FileReport) -> String {
        zip(file.violations, file.positions().starts).map { Self.headline($0, at: $1, in: file, style: style) + "\n" }.joined()
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        summary.quiet ? "" : style.bold(TextReporter.summaryLine(summary)) + "\n"
    }

    /// The line that names a violation that starts at `position`: `path:line:col: severity: message
    /// [rule-id]` (coloured by `style`).
    static func headline(_ violation: Violation, at position: SourcePosition, in file: FileReport, style: ANSIStyle) -> String {
        return style.bold("\(Excerpt.visible(file.displayPath)):\(position.line):\(position.column):") + " "
            + style.severity(violation.severity, violation.severity.rawValue + ":") + " "
            + "\(Excerpt.visible(violation.message)) " + style.dim("[\(violation.ruleID)]")
    }
}
