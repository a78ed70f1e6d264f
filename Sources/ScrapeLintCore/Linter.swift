/// The library's front door: load the rules once, then check or fix texts given as bytes.
///
/// ```swift
/// import ScrapeLintCore
///
/// let linter = try Linter(RuleSelection(ruleFiles: ["my-site.yml"], ignore: ["footers"]))
/// let page = Array("0 : 0\n  • narrow-browser-and-phone\nThe story.\n".utf8)
/// for violation in linter.check(page).violations { print(violation.ruleID, violation.range) }
/// let cleaned: [UInt8] = linter.fix(page).bytes   // "The story.\n"
/// ```
///
/// Offsets in violations are bytes into the text; ``Document/position(of:)`` turns one into a line and a
/// column. Nothing is decoded: bytes a fix does not remove stay as they were. A linter keeps scratch space
/// for matching, so use one per thread (they can share a ``RuleSet``: `Linter(ruleSet:)`).
public final class Linter {
    /// The compiled rules.
    public let ruleSet: RuleSet
    private let checker: Checker

    /// Loads and compiles the rules `selection` chooses (by default, every built-in rule). Throws
    /// ``ScrapeLintError/invalidRules(_:)`` with every problem of the rule files, or an unknown-name error.
    public convenience init(_ selection: RuleSelection = RuleSelection()) throws(ScrapeLintError) {
        self.init(ruleSet: try selection.makeRuleSet())
    }

    /// A linter over rules already compiled (for instance by another thread's linter).
    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        checker = Checker(ruleSet: ruleSet)
    }

    /// The violations in `bytes`, in text order, and any rule stopped by its PCRE2 limits.
    public func check(_ bytes: [UInt8]) -> CheckResult {
        checker.check(Document(bytes))
    }

    /// `bytes` with every fixable violation fixed (in passes, until nothing fixable remains), what was
    /// fixed, and what remains.
    public func fix(_ bytes: [UInt8]) -> Fixer.Outcome {
        Fixer(checker: checker).fix(bytes)
    }

    /// The report of one text in a ``ReportFormat``, as the command line would print it for a file at
    /// `path`.
    public func report(_ bytes: [UInt8], path: String, format: ReportFormat = .concise) -> String {
        let document = Document(bytes)
        let violations = checker.check(document).violations
        var reporter = format.makeReporter(ruleSet: ruleSet)
        var summary = RunSummary()
        summary.files = 1
        summary.add(violations)
        return reporter.report(FileReport(path: path, document: document, violations: violations)) + reporter.finish(summary)
    }
}
