/// One checked input as reporters see it.
public struct FileReport: Sendable {
    /// The path as the user gave it (`-` for standard input).
    public let path: String
    /// The text the violations refer to (after fixing, for `--fix`).
    public let document: Document
    public let violations: [Violation]
    /// The id of the record the text came from, for inputs that hold many texts (JSONL corpora); `nil`
    /// for a plain file.
    public let recordID: String?

    public init(path: String, document: Document, violations: [Violation], recordID: String? = nil) {
        self.path = path
        self.document = document
        self.violations = violations
        self.recordID = recordID
    }

    /// Where each violation starts and ends, in the order of ``violations``: one walk over each line they
    /// touch, however many violations it holds.
    public func positions() -> (starts: [SourcePosition], ends: [SourcePosition]) {
        let all = document.positions(of: violations.map(\.range.lowerBound) + violations.map(\.range.upperBound))
        return (Array(all[..<violations.count]), Array(all[violations.count...]))
    }

    /// The path as people read it: `PATH[RECORD]` for a record, else the path.
    public var displayPath: String { recordID.map { "\(path)[\($0)]" } ?? path }

    /// ` (record ID)` for formats whose file field must stay the real path (`github`, `checkstyle`),
    /// to put after a message; empty for a plain file.
    public var recordNote: String { recordID.map { " (record \($0))" } ?? "" }
}

/// Totals of a run, for the summary line.
public struct RunSummary: Sendable {
    public var files = 0
    public var violations = 0
    /// Violations `--fix` would fix (with `--unsafe-fixes`, the unsafe ones too).
    public var fixable = 0
    /// Violations only an `--unsafe-fixes` run would fix.
    public var unsafeFixable = 0
    public var fixed = 0
    public var errors = 0
    /// What `files` counts, in the singular: `file`, or `record` for a JSON Lines corpus.
    public var unit = "file"
    /// Violations not reported because the `--baseline` holds them.
    public var baselined = 0
    /// The configuration file the run used, as the summary names it (`nil`: none). When the checked files
    /// came under several (each file's own, found from its folder upward), ``configurations`` names them.
    public var configuration: String?
    /// The configuration files of a run whose files came under several, each named with how many files it
    /// applied to (`none` for those under none); empty when one applied to every file.
    public var configurations: [String] = []
    /// `--quiet`: the text formats print no summary line.
    public var quiet = false
    /// The errors of the run as printed on standard error (at most ``errors`` of them), for formats that
    /// carry errors (JUnit's `<error>`).
    public var errorMessages: [String] = []

    public init() {}

    /// Counts `violations`, and which of them a fix run would fix: the safe fixes, or every fix when
    /// `unsafeFixes` (the others count as ``unsafeFixable``).
    public mutating func add(_ violations: [Violation], unsafeFixes: Bool = false) {
        self.violations += violations.count
        for violation in violations {
            guard let fix = violation.fix else { continue }
            if fix.safety == .safe || unsafeFixes { fixable += 1 } else { unsafeFixable += 1 }
        }
    }
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
    /// Each violation with an excerpt of its line and a caret underline, then a summary line.
    case text
    /// One line per violation, then a summary line.
    case concise
    /// One JSON array of violation objects.
    case json
    /// One JSON violation object per line.
    case jsonl
    /// SARIF 2.1.0, with the rules described in `tool.driver.rules`.
    case sarif
    /// GitHub Actions workflow commands (`::warning file=...::message`).
    case github
    /// Checkstyle XML.
    case checkstyle
    /// JUnit XML: a test suite per file, a failing test case per violation.
    case junit

    /// A reporter for this format. `ruleSet` describes the rules the violations name (by id); `color`
    /// adds ANSI colours where the format has any (only `text` and `concise`).
    public func makeReporter(ruleSet: RuleSet, color: Bool = false) -> any Reporter {
        switch self {
        case .text: TextReporter(style: ANSIStyle(enabled: color))
        case .concise: ConciseReporter(style: ANSIStyle(enabled: color))
        case .json: JSONReporter(ruleSet: ruleSet)
        case .jsonl: JSONLinesReporter(ruleSet: ruleSet)
        case .sarif: SARIFReporter(ruleSet: ruleSet)
        case .github: GitHubReporter()
        case .checkstyle: CheckstyleReporter()
        case .junit: JUnitReporter()
        }
    }
}
