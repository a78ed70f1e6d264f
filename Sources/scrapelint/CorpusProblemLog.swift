import ScrapeLintCore

/// Where the problems of a corpus run (bad records, unreadable inputs) are rendered, in one place for every
/// command: errors always go to standard error; warnings about records the run went past are not printed
/// with `--quiet`, which instead counts them in one line at the end (``finish(_:)``), so that nothing is
/// dropped silently.
struct CorpusProblemLog {
    let quiet: Bool

    /// Prints `problem` (label: the record's id beside its location, when known).
    func report(_ problem: CorpusProblem) {
        switch problem {
        case .unreadable(let error):
            Output.error(error.report)
        case .badRecord(let record, let action):
            guard action == .stopped || !quiet else { return }
            Output.error(Self.message(record, action))
        }
    }

    static func message(_ record: BadRecord, _ action: BadRecordAction) -> String {
        switch action {
        case .stopped: return "\(record.location): error: \(record.message) (stopping; use --on-error skip or keep to go on)"
        case .skipped: return "\(record.location): warning: \(record.message); record skipped"
        case .passedThrough: return "\(record.location): warning: \(record.message); record passed through unchanged"
        case .leftOut: return "\(record.location): warning: \(record.message); record left out (nothing is written per record here)"
        }
    }

    /// Under `--quiet`, the one line that counts the bad records warned about on a normal run.
    func finish(_ tally: CorpusTally) {
        guard quiet, tally.badRecordsPassed > 0 else { return }
        let count = tally.badRecordsPassed
        Output.error("scrapelint: warning: \(count) bad record\(count == 1 ? "" : "s") \(count == 1 ? "was" : "were") not used (\(Self.counts(tally))); run without --quiet to see which")
    }

    /// `1 skipped, 2 passed through unchanged, ...` for the bad records of `tally`.
    static func counts(_ tally: CorpusTally) -> String {
        var parts: [String] = []
        if tally.skipped > 0 { parts.append("\(tally.skipped) skipped") }
        if tally.passedThrough > 0 { parts.append("\(tally.passedThrough) passed through unchanged") }
        if tally.leftOut > 0 { parts.append("\(tally.leftOut) left out") }
        return parts.joined(separator: ", ")
    }
}
