/// One checked input as reporters see it.
public struct FileReport: Sendable {
    /// The path as the user gave it (`-` for standard input).
    public let path: String
    /// The text the violations refer to (after fixing, for `--fix`).
    public let document: Document
    public let violations: [Violation]

    public init(path: String, document: Document, violations: [Violation]) {
        self.path = path
        self.document = document
        self.violations = violations
    }
}

/// Totals of a run, for the summary line.
public struct RunSummary: Sendable {
    public var files = 0
    public var violations = 0
    public var fixable = 0
    public var fixed = 0
    public var errors = 0

    public init() {}
}

/// Turns reports into output text. A reporter may write per file (text) or collect and write at the end
/// (one JSON document).
public protocol Reporter {
    /// Output for one file, written as soon as the file is done.
    mutating func report(_ file: FileReport) -> String
    /// Output after the last file.
    mutating func finish(_ summary: RunSummary) -> String
}

/// The report formats of `--format`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json

    public func makeReporter(ruleSet: RuleSet) -> any Reporter {
        switch self {
        case .text: TextReporter()
        case .json: JSONReporter(ruleSet: ruleSet)
        }
    }
}
