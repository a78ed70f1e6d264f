import ScrapeLintCore

/// What the corpus runner's writing thread needs of a cleaned record: its output line and what to report.
/// Made on the worker from a ``RecordProcessor/Cleaned``, whose two checks (every violation of the record)
/// and copies of the text are let go there, in that worker's own heap, rather than copied and freed by the
/// thread that reads, orders and writes for all workers (issue 13: 2 jobs at 1.8x 1 job).
struct CleanedRecord {
    /// The output line without terminator; nil when the record is dropped as empty.
    let line: [UInt8]?
    let changed: Bool
    let id: String?
    let warnings: [String]
    let failures: [RuleFailure]
    let unconverged: [String]
    let refusal: Fixer.Refusal?
    /// See ``RecordProcessor/Cleaned/wasBlank``.
    let wasBlank: Bool
    /// For the edit log: the text as it was, as fixed, and the edits between; nil without an edit log.
    let audit: (original: [UInt8], fixed: [UInt8], edits: [AppliedEdit])?

    init(_ cleaned: RecordProcessor.Cleaned, keepsAudit: Bool) {
        line = cleaned.line
        changed = cleaned.changed
        id = cleaned.id
        warnings = cleaned.warnings
        failures = cleaned.outcome.failures
        unconverged = cleaned.outcome.unconverged
        refusal = cleaned.outcome.refusal
        wasBlank = cleaned.wasBlank
        audit = keepsAudit ? (cleaned.text, cleaned.outcome.bytes, cleaned.outcome.edits) : nil
    }
}
