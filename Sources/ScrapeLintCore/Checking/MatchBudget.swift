import PCRE2

/// The work one rule may spend on one document. PCRE2's match limit counts steps per start position, so a
/// polynomial pattern (`a*a*x` on a long line of `a`) stays under it at each position and still takes
/// minutes over all of them. Two bounds close that: on a long subject each start position gets a share of
/// ``stepsPerCall`` (so one call does at most about that many steps), and past ``seconds`` on one document
/// the rule is stopped before its next long unit. A stopped rule is a rule failure: reported with its id
/// and the file or record, while the run goes on.
struct MatchBudget {
    /// Steps one PCRE2 call may take over all its start positions (about a second with JIT).
    static let stepsPerCall = 400_000_000
    /// No start position gets fewer steps than this, so that sane patterns on long lines still run.
    static let minimumStepsPerStart: UInt32 = 2_000
    /// Seconds one rule may spend on one document before it is stopped.
    static let seconds: UInt64 = 3
    /// Units at least this long are checked against the time budget (shorter ones cannot run long).
    static let longUnit = 4_096

    /// When the rule started on this document (monotonic nanoseconds; 0 when the document is too short to
    /// need a time check).
    let started: UInt64

    /// `limits` with the match limit lowered so that a call over `subjectLength` bytes stays within
    /// ``stepsPerCall`` (never below ``minimumStepsPerStart`` per start position).
    func limits(_ limits: MatchLimits, subjectLength: Int) -> MatchLimits {
        guard subjectLength > 0 else { return limits }
        let share = MatchBudget.stepsPerCall / subjectLength
        guard share < Int(limits.match) else { return limits }
        var lowered = limits
        lowered.match = max(MatchBudget.minimumStepsPerStart, UInt32(share))
        return lowered
    }

    /// Throws when `rule` has spent its time on this document.
    func checkTime(_ rule: CompiledRule) throws(PCRE2Error) {
        guard started != 0 else { return }
        let spent = Checker.now() &- started
        if spent > MatchBudget.seconds * 1_000_000_000 {
            throw PCRE2Error.budgetExceeded("stopped after \(MatchBudget.seconds) s on this text (its time budget per document)")
        }
    }
}
