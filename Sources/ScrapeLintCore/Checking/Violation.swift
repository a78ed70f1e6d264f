/// One place where a rule matched, with the fix it proposes (if any). Offsets are bytes into the checked
/// ``Document``.
public struct Violation: Hashable, Sendable {
    /// Index of the rule in the ``RuleSet``.
    public let ruleIndex: Int
    public let ruleID: String
    public let severity: Rule.Severity
    /// The matched bytes.
    public let range: Range<Int>
    public let message: String
    /// Edits that fix the violation; `nil` for report-only rules.
    public let fix: Fix?

    public init(ruleIndex: Int, ruleID: String, severity: Rule.Severity, range: Range<Int>, message: String, fix: Fix?) {
        self.ruleIndex = ruleIndex
        self.ruleID = ruleID
        self.severity = severity
        self.range = range
        self.message = message
        self.fix = fix
    }
}

/// A fix: edits to apply together (sorted, non-overlapping).
///
/// The first edit is stored inline and only further ones in an array: most fixes have one, and a large
/// text has hundreds of thousands of them, each of which would otherwise allocate (issue 13 item 6).
public struct Fix: Hashable, Sendable {
    private let firstEdit: Edit?
    private let moreEdits: [Edit]
    /// Whether `--fix` applies it (`safe`) or only `--unsafe-fixes` (`unsafe`); `clean` applies both.
    public let safety: FixSafety

    public init(edits: [Edit], safety: FixSafety = .safe) {
        firstEdit = edits.first
        moreEdits = edits.count > 1 ? Array(edits.dropFirst()) : []
        self.safety = safety
    }

    /// A fix of one edit.
    init(edit: Edit, safety: FixSafety = .safe) {
        firstEdit = edit
        moreEdits = []
        self.safety = safety
    }

    public var edits: [Edit] {
        guard let firstEdit else { return [] }
        return moreEdits.isEmpty ? [firstEdit] : [firstEdit] + moreEdits
    }

    /// Calls `body` with each edit in order, without building ``edits``.
    func forEachEdit(_ body: (Edit) throws -> Void) rethrows {
        guard let firstEdit else { return }
        try body(firstEdit)
        for edit in moreEdits { try body(edit) }
    }
}

/// Replace the bytes in `range` with `replacement` (empty for a deletion).
public struct Edit: Hashable, Sendable {
    public let range: Range<Int>
    public let replacement: [UInt8]

    public init(range: Range<Int>, replacement: [UInt8] = []) {
        self.range = range
        self.replacement = replacement
    }

    public var isDeletion: Bool { replacement.isEmpty }
}

/// A rule that could not finish on a document: its match was cut off by a PCRE2 limit. The rule's
/// violations in that document are dropped and this is reported as an error instead.
public struct RuleFailure: Hashable, Sendable {
    public let ruleID: String
    public let message: String

    public init(ruleID: String, message: String) {
        self.ruleID = ruleID
        self.message = message
    }
}

/// What checking one document found.
public struct CheckResult: Hashable, Sendable {
    /// Violations in document order (by start offset, then rule order).
    public var violations: [Violation]
    public var failures: [RuleFailure]
    /// Suppression directives that are wrong or suppressed nothing (see ``Suppressions``).
    public var directiveProblems: [DirectiveProblem] = []
    /// The matches per rule before context gates (indexed like the rule set), kept so that the next pass
    /// of the fix loop can reuse those of unchanged lines and paragraphs.
    var hits = RuleHits()

    public init(violations: [Violation] = [], failures: [RuleFailure] = []) {
        self.violations = violations
        self.failures = failures
    }

    /// The same result without ``hits`` (which only the fix loop's next pass uses), to keep.
    var withoutReuseHits: CheckResult {
        var copy = self
        copy.hits = RuleHits()
        return copy
    }
}
