/// The fix loop shared by `--fix`, `--diff` and `clean`: check, apply the non-overlapping fixes in one
/// pass, check again, until nothing fixable remains or the pass cap is hit.
public struct Fixer {
    public let checker: Checker
    /// The most passes before giving up; hitting it is reported with the rules involved.
    public var maxPasses: Int

    public init(checker: Checker, maxPasses: Int = 10) {
        self.checker = checker
        self.maxPasses = maxPasses
    }

    /// What fixing one text produced.
    public struct Outcome: Sendable {
        /// The fixed bytes (the input itself when nothing changed).
        public let bytes: [UInt8]
        /// How many violations were fixed, per rule id.
        public let fixedCounts: [String: Int]
        /// The check of the input as given (the violations in its own byte offsets).
        public let initial: CheckResult
        /// The check of the fixed text: what remains.
        public let remaining: CheckResult
        /// Rule ids still proposing fixes when the pass cap was hit; empty when the loop converged.
        public let unconverged: [String]
        /// Rule failures (runaway patterns) met on any pass.
        public let failures: [RuleFailure]
        /// What the fixes of each rule removed; blank lines tidied after deletions are under ``Fixer/tidyKey``.
        public let removed: [String: Removed]

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

    public func fix(_ bytes: [UInt8]) -> Outcome {
        var current = Document(bytes)
        var result = checker.check(current)
        let initial = result
        var fixed: [String: Int] = [:]
        var removed: [String: Removed] = [:]
        var failures = result.failures
        var passes = 0
        while true {
            let fixable = result.violations.filter { $0.fix != nil }
            guard !fixable.isEmpty else { break }
            if passes == maxPasses {
                let ids = Array(Set(fixable.map(\.ruleID))).sorted()
                return Outcome(bytes: current.bytes, fixedCounts: fixed, initial: initial, remaining: result, unconverged: ids,
                               failures: failures, removed: removed)
            }
            let outcome = EditApplier(document: current).apply(fixable)
            if outcome.bytes == current.bytes { break }
            // Fixes remove debris; a replacement that keeps growing the text (`$1$1` on a line break) would
            // double it on every pass. Stop before it does, as for fixes that do not converge.
            if outcome.bytes.count > max(2 * bytes.count, bytes.count + 4096) {
                let ids = Array(Set(fixable.map(\.ruleID))).sorted()
                return Outcome(bytes: current.bytes, fixedCounts: fixed, initial: initial, remaining: result, unconverged: ids,
                               failures: failures, removed: removed)
            }
            for index in outcome.applied { fixed[fixable[index].ruleID, default: 0] += 1 }
            for (owner, removal) in outcome.removed {
                let key = owner == EditApplier.tidyOwner ? Fixer.tidyKey : fixable[owner].ruleID
                removed[key, default: Removed()].lines += removal.lines
                removed[key, default: Removed()].bytes += removal.bytes
            }
            passes += 1
            current = Document(outcome.bytes)
            result = checker.check(current)
            for failure in result.failures where !failures.contains(failure) { failures.append(failure) }
        }
        return Outcome(bytes: current.bytes, fixedCounts: fixed, initial: initial, remaining: result, unconverged: [],
                       failures: failures, removed: removed)
    }
}
