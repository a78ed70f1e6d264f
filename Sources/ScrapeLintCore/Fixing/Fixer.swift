/// The fix loop shared by `--fix`, `--diff` and `clean`: check, apply the non-overlapping fixes in one
/// pass, check again, until nothing fixable remains or the pass cap is hit.
public struct Fixer {
    public let checker: Checker
    /// The most passes before giving up; hitting it is reported with the rules involved.
    public var maxPasses: Int

    /// Whether later passes reuse the matches of lines and paragraphs the fixes left unchanged (tests turn
    /// it off to compare).
    var reusesUnchangedUnits = true

    /// Whether outcomes carry ``Outcome/edits``, every change in the input's offsets (for the edit log and
    /// the review report). Off by default: composing them costs time.
    public var recordsEdits = false

    /// Whether unsafe fixes are applied too (`clean`, `--unsafe-fixes`); when off, only the safe ones are
    /// (`--fix`), and the unsafe ones remain as violations.
    public var appliesUnsafeFixes = true

    /// Whether ``Outcome/initial`` holds the check of the input when the loop converged. Off (`clean` of a
    /// text file), the input's violations are let go as soon as their fixes are applied, so that a large
    /// text's are not held beside its fixed copy (issue 13 item 6): ``Outcome/initial`` is then empty, except
    /// when the input is kept (fixes not converging, the safety valve), where it is checked again.
    public var retainsInitialCheck = true

    /// The safety valve: a document whose fixes would remove more than this share of its words (0...1)
    /// is not fixed, and the outcome says why. `nil` turns the valve off.
    public var maxRemovedShare: Double?
    /// Documents with fewer words than this are exempt from the valve (a share means little for them).
    public var valveMinimumWords: Int

    /// The default valve: refuse to remove more than 70% of the words of a document of 50 words or more.
    public static let defaultMaxRemovedShare = 0.7
    public static let defaultValveMinimumWords = 50

    public init(checker: Checker, maxPasses: Int = 10, maxRemovedShare: Double? = Fixer.defaultMaxRemovedShare,
                valveMinimumWords: Int = Fixer.defaultValveMinimumWords) {
        self.checker = checker
        self.maxPasses = maxPasses
        self.maxRemovedShare = maxRemovedShare
        self.valveMinimumWords = valveMinimumWords
    }

    /// Why a document was left unfixed by the safety valve.
    public struct Refusal: Hashable, Sendable {
        /// The share of the document's words the fixes would have removed.
        public let share: Double
        public let words: Int
        /// The rules whose fixes would have applied, most fixes first.
        public let rules: [String]

        public var description: String {
            "not fixed: the fixes would remove \(Int((share * 100).rounded(.down)))% of its \(words) words (rules: \(rules.joined(separator: ", ")))"
        }
    }

    /// What fixing one text produced.
    public struct Outcome: Sendable {
        /// The fixed bytes (the input itself when nothing changed).
        public let bytes: [UInt8]
        /// How many violations were fixed, per rule id.
        public let fixedCounts: [String: Int]
        /// The check of the input as given (the violations in its own byte offsets); empty when
        /// ``Fixer/retainsInitialCheck`` is off and the fixes were applied.
        public let initial: CheckResult
        /// The check of the fixed text: what remains.
        public let remaining: CheckResult
        /// Rule ids still proposing fixes when the pass cap was hit (or a replacement kept growing the text);
        /// then `bytes` is the input and `remaining` is `initial`. Empty when the loop converged.
        public let unconverged: [String]
        /// Rule failures (runaway patterns) met on any pass.
        public let failures: [RuleFailure]
        /// What the fixes of each rule removed; blank lines tidied after deletions are under ``Fixer/tidyKey``.
        public let removed: [String: Removed]
        /// Set when the safety valve kept the document as it was; then `bytes` is the input and
        /// `remaining` is `initial`.
        public var refusal: Refusal? = nil
        /// Every change made, in the input's offsets, when ``Fixer/recordsEdits`` is on (else empty).
        public var edits: [AppliedEdit] = []

        public var fixedTotal: Int { fixedCounts.values.reduce(0, +) }
    }

    /// Lines and bytes (net of replacements) removed.
    public struct Removed: Hashable, Sendable {
        public var lines = 0
        public var bytes = 0

        public init(lines: Int = 0, bytes: Int = 0) {
            self.lines = lines
            self.bytes = bytes
        }
    }

    /// The key under which ``Outcome/removed`` counts the blank lines tidied away after deletions.
    public static let tidyKey = "(blank lines tidied)"

    /// For each line of `document`: the line of `previous` it copies, from the applier's claims.
    static func lineOrigins(_ copied: [EditApplier.CopiedRun], from previous: Document, in document: Document) -> IndexTable {
        var origins = IndexTable(count: document.lines.count)
        var index = 0
        for run in copied {
            for old in run.lines {
                let start = previous.lines[old].start + run.shift
                while index < document.lines.count, document.lines[index].start < start { index += 1 }
                if index < document.lines.count, document.lines[index].start == start { origins[index] = old }
            }
        }
        return origins
    }

    /// Fixes `bytes`; the rules `ignoring` picks neither report nor fix (a record's `--ignore-field`).
    public func fix(_ bytes: [UInt8], ignoring: [RuleSelector] = []) -> Outcome {
        var current = Document(bytes)
        var result = checker.check(current, ignoring: ignoring)
        // The matches kept for reusing unchanged units serve the next pass only: the outcome keeps none.
        let initial = retainsInitialCheck ? result.withoutReuseHits : CheckResult()
        /// The check of the input, for an outcome that keeps it: kept, or made again.
        func initialCheck() -> CheckResult {
            retainsInitialCheck ? initial : checker.check(Document(bytes), ignoring: ignoring).withoutReuseHits
        }
        var fixed: [String: Int] = [:]
        var removed: [String: Removed] = [:]
        var failures = result.failures
        var passes = 0
        var composer = recordsEdits ? EditComposer(original: bytes) : nil
        while true {
            let previous = current
            let fixedBytes: [UInt8]
            var copiedRuns: [EditApplier.CopiedRun]?
            // One pass's fixes in a scope of their own: the violations and the applier's outcome are let go
            // before the next check, so that a large text's are not held beside it (issue 13 item 6).
            do {
                let fixable = fixableViolations(result.violations)
                guard !fixable.isEmpty else { break }
                if passes == maxPasses {
                    return Fixer.unconverged(fixable, input: bytes, initial: initialCheck(), failures: failures)
                }
                let applier = EditApplier(document: current, recordsSpans: recordsEdits)
                let outcome = applier.apply(fixable)
                if outcome.bytes == current.bytes { break }
                // Fixes remove debris; a replacement that keeps growing the text (`$1$1` on a line break) would
                // double it on every pass. Stop before it does, as for fixes that do not converge.
                if outcome.bytes.count > max(2 * bytes.count, bytes.count + 4096) {
                    return Fixer.unconverged(fixable, input: bytes, initial: initialCheck(), failures: failures)
                }
                composer?.add(applier.spans(of: outcome).map { span in
                    (span.edit, span.owner == EditApplier.tidyOwner ? Fixer.tidyKey : fixable[span.owner].ruleID)
                }, current: current.bytes)
                // Counted by rule index, then added by id: a large text has a hundred thousand fixes, and a
                // dictionary keyed by id hashed the id three times for each.
                var perRule = [(id: String?, fixed: Int, removed: EditApplier.Removal, touched: Bool)](
                    repeating: (nil, 0, EditApplier.Removal(), false), count: checker.ruleSet.rules.count)
                for index in outcome.applied {
                    perRule[fixable[index].ruleIndex].fixed += 1
                    perRule[fixable[index].ruleIndex].id = fixable[index].ruleID
                }
                for (owner, removal) in outcome.removed.enumerated() where removal != EditApplier.Removal() {
                    let rule = fixable[owner].ruleIndex
                    perRule[rule].id = fixable[owner].ruleID
                    perRule[rule].removed.lines += removal.lines
                    perRule[rule].removed.bytes += removal.bytes
                    perRule[rule].touched = true
                }
                func count(_ removal: EditApplier.Removal, as key: String) {
                    removed[key, default: Removed()].lines += removal.lines
                    removed[key, default: Removed()].bytes += removal.bytes
                }
                for rule in perRule {
                    guard let id = rule.id else { continue }
                    if rule.fixed > 0 { fixed[id, default: 0] += rule.fixed }
                    if rule.touched { count(rule.removed, as: id) }
                }
                if outcome.tidied != EditApplier.Removal() { count(outcome.tidied, as: Fixer.tidyKey) }
                passes += 1
                fixedBytes = outcome.bytes
                if reusesUnchangedUnits && outcome.deferred.isEmpty { copiedRuns = outcome.copiedRuns }
            }
            // The violations applied are not needed any more (unless the outcome keeps the input's).
            if !retainsInitialCheck { result.violations = [] }
            current = Document(fixedBytes)
            if let copied = copiedRuns {
                let origins = Fixer.lineOrigins(copied, from: previous, in: current)
                copiedRuns = nil
                // The previous pass's matches move into the check, which lets each rule's go once used.
                var handedOver = CheckResult()
                swap(&handedOver, &result)
                result = checker.check(current, changedSince: Checker.Previous(document: previous, taking: &handedOver, lineOrigins: origins),
                                       ignoring: ignoring)
            } else {
                result = checker.check(current, ignoring: ignoring)
            }
            for failure in result.failures where !failures.contains(failure) { failures.append(failure) }
        }
        var outcome = Outcome(bytes: current.bytes, fixedCounts: fixed, initial: initial, remaining: result.withoutReuseHits, unconverged: [],
                              failures: failures, removed: removed)
        outcome.edits = composer?.verified(against: current.bytes) ?? []
        return applyingValve(outcome, input: bytes, initialCheck: initialCheck)
    }

    /// The violations whose fixes apply: the array itself when all do (no copy of a large text's
    /// violations), else a copy reserved at its size.
    private func fixableViolations(_ violations: [Violation]) -> [Violation] {
        func applies(_ violation: Violation) -> Bool { violation.fix.map { appliesUnsafeFixes || $0.safety == .safe } ?? false }
        let count = violations.reduce(0) { $0 + (applies($1) ? 1 : 0) }
        if count == violations.count { return violations }
        var fixable: [Violation] = []
        fixable.reserveCapacity(count)
        for violation in violations where applies(violation) { fixable.append(violation) }
        return fixable
    }

    /// The outcome of fixes that do not converge (the pass cap hit, or a replacement growing the text): the
    /// input as it was, nothing fixed, and the rules still proposing fixes, so that no caller writes a
    /// half-fixed document.
    private static func unconverged(_ fixable: [Violation], input: [UInt8], initial: CheckResult, failures: [RuleFailure]) -> Outcome {
        let ids = Array(Set(fixable.map(\.ruleID))).sorted()
        return Outcome(bytes: input, fixedCounts: [:], initial: initial, remaining: initial, unconverged: ids,
                       failures: failures, removed: [:])
    }

    /// Keeps the input when the fixes would remove too large a share of its words.
    private func applyingValve(_ outcome: Outcome, input: [UInt8], initialCheck: () -> CheckResult) -> Outcome {
        guard let limit = maxRemovedShare, outcome.fixedTotal > 0 else { return outcome }
        let before = Fixer.wordCount(input)
        guard before >= valveMinimumWords else { return outcome }
        func removedShare(_ after: Int) -> Double { 1 - Double(after) / Double(before) }
        // The share falls as the words kept grow: once the fixed text is known to keep enough words, the
        // rest of it need not be counted (the smallest such count, found with the same arithmetic).
        var enough = max(0, Int((Double(before) * (1 - limit)).rounded(.down)) - 2)
        while enough < before && removedShare(enough) > limit { enough += 1 }
        if removedShare(enough) <= limit && ByteCounting.hasWords(outcome.bytes, atLeast: enough) { return outcome }
        let share = removedShare(Fixer.wordCount(outcome.bytes))
        guard share > limit else { return outcome }
        let rules = outcome.fixedCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
        let initial = initialCheck()
        var refused = Outcome(bytes: input, fixedCounts: [:], initial: initial, remaining: initial,
                              unconverged: [], failures: outcome.failures, removed: [:])
        refused.refusal = Refusal(share: share, words: before, rules: rules)
        return refused
    }

    /// Whitespace-separated words.
    static func wordCount(_ bytes: [UInt8]) -> Int { ByteCounting.words(bytes) }
}
