import Foundation
import ScrapeLintCore

/// `check` over files: each batch of files is read, checked or fixed on all workers (fixed files are
/// written there, atomically), then reported in input order.
struct FileRunner {
    enum Mode { case check, fix, diff }

    /// The rule set of each input (they differ where configuration overrides apply).
    let ruleSets: RuleSetPlan
    let mode: Mode
    let run: RunOptions
    let fixOptions: FixOptions
    /// Whether fixed files carry their edit log entries (``FileResult/editLog``).
    var recordsEdits = false
    /// Whether `--fix` / `--diff` apply unsafe fixes too (`--unsafe-fixes`).
    var appliesUnsafeFixes = false

    /// What one file produced; reported on the main thread in input order.
    struct FileResult {
        var path: String
        var document: Document?
        var violations: [Violation] = []
        var errors: [String] = []
        /// Warnings for standard error that do not make the run fail (a document the safety valve kept).
        var warnings: [String] = []
        var diff: [UInt8] = []
        var fixed = 0
        /// Fixed violations per rule id (for `--show-fixes`).
        var fixedCounts: [String: Int] = [:]
        /// Fixed text of standard input, written to standard output.
        var stdoutText: [UInt8]?
        var inputBytes = 0
        /// The edits written to the file, for `--edit-log`.
        var editLog: [EditLogEntry] = []
    }

    private struct Worker {
        let run: RunOptions
        let fixOptions: FixOptions
        let recordsEdits: Bool
        let appliesUnsafeFixes: Bool
        /// One fixer per rule set met, made on first use.
        var fixers: [ObjectIdentifier: Fixer] = [:]
        var statistics = Statistics()

        mutating func fixer(for ruleSet: RuleSet) -> Fixer {
            if let fixer = fixers[ObjectIdentifier(ruleSet)] { return fixer }
            let checker = Checker(ruleSet: ruleSet.independentCopy())
            run.configure(checker)
            var fixer = fixOptions.makeFixer(checker)
            fixer.recordsEdits = recordsEdits
            fixer.appliesUnsafeFixes = appliesUnsafeFixes
            fixers[ObjectIdentifier(ruleSet)] = fixer
            return fixer
        }
    }

    /// Processes `paths`, calling `report` for each result in input order; returns the merged statistics.
    func process(_ paths: [String], report: (FileResult) -> Void) -> Statistics {
        // Past a file size limit (`ulimit -f`), a write must fail with EFBIG and be reported, not kill us.
        if mode == .fix { signal(SIGXFSZ, SIG_IGN) }
        let pool = WorkerPool(jobs: min(run.workerCount, max(1, paths.count))) { () -> Worker in
            Worker(run: run, fixOptions: fixOptions, recordsEdits: recordsEdits, appliesUnsafeFixes: appliesUnsafeFixes)
        }
        let progress = Progress(quiet: run.quiet, unit: "files", totalItems: paths.count)
        // Batches bound how many documents wait in memory for their turn to be reported.
        let batchSize = max(16, pool.jobs * 16)
        var start = 0
        while start < paths.count {
            let batch = Array(paths[start..<min(start + batchSize, paths.count)])
            start += batch.count
            let results = pool.map(batch) { worker, path in process(path, worker: &worker) }
            for result in results { report(result) }
            progress.advance(items: batch.count, bytes: results.reduce(0) { $0 + $1.inputBytes })
        }
        progress.finish()
        var statistics = Statistics()
        for worker in pool.states {
            statistics.merge(worker.statistics)
            for fixer in worker.fixers.values {
                statistics.addTimings(fixer.checker.ruleNanoseconds, ruleSet: fixer.checker.ruleSet)
            }
        }
        return statistics
    }

    private func process(_ path: String, worker: inout Worker) -> FileResult {
        var result = FileResult(path: path)
        let bytes: [UInt8]
        let stamp: FileAccess.Stamp?
        do { (bytes, stamp) = try FileAccess.readStamped(path) } catch {
            result.errors.append(error.report)
            return result
        }
        result.inputBytes = bytes.count
        let fixer = worker.fixer(for: ruleSets.ruleSet(for: path))
        switch mode {
        case .check:
            let document = Document(bytes)
            let check = fixer.checker.check(document)
            worker.statistics.add(check, inputBytes: bytes.count)
            result.document = document
            result.violations = check.violations
            result.errors += failureMessages(check.failures, path: path)
            result.warnings += directiveMessages(check.directiveProblems, in: document, path: path)
        case .fix, .diff:
            let outcome = fixer.fix(bytes)
            worker.statistics.add(outcome, inputBytes: bytes.count)
            result.fixed = outcome.fixedTotal
            result.fixedCounts = outcome.fixedCounts
            result.errors += failureMessages(outcome.failures, path: path)
            if let refusal = outcome.refusal {
                result.warnings.append("\(path): warning: \(refusal.description); use --max-removal or --no-limit to fix it anyway")
            }
            if !outcome.unconverged.isEmpty {
                result.errors.append("\(path): error: fixes did not converge after \(fixer.maxPasses) passes; rules involved: \(outcome.unconverged.joined(separator: ", "))")
            }
            let document = Document(outcome.bytes)
            result.document = document
            result.violations = outcome.remaining.violations
            // Positions in the text as it is on disk afterwards: fixed, or (with --diff) as it was.
            result.warnings += mode == .diff
                ? directiveMessages(outcome.initial.directiveProblems, in: Document(bytes), path: path)
                : directiveMessages(outcome.remaining.directiveProblems, in: document, path: path)
            if mode == .diff {
                result.diff = UnifiedDiff.make(old: bytes, new: outcome.bytes, oldLabel: FileRunner.label("a", path), newLabel: FileRunner.label("b", path))
            } else if path == "-" {
                result.stdoutText = outcome.bytes
                result.editLog = EditLogEntry.entries(outcome.edits, file: path)
            } else if outcome.bytes != bytes {
                do {
                    try FileAccess.replaceAtomically(path, with: outcome.bytes, ifUnchangedSince: stamp)
                    result.editLog = EditLogEntry.entries(outcome.edits, file: path)
                } catch {
                    result.errors.append(error.report)
                    // The file keeps its original text: report against it.
                    result.document = Document(bytes)
                    result.violations = outcome.initial.violations
                    result.fixed = 0
                    result.fixedCounts = [:]
                }
            }
        }
        return result
    }

    private func directiveMessages(_ problems: [DirectiveProblem], in document: Document, path: String) -> [String] {
        problems.map { problem in
            let position = document.position(of: problem.offset)
            return "\(path):\(position.line):\(position.column): warning: \(problem.message)"
        }
    }

    private func failureMessages(_ failures: [RuleFailure], path: String) -> [String] {
        failures.map { "\(path): error: rule `\($0.ruleID)` was stopped: \($0.message); its matches in this file are not reported" }
    }

    /// `a/PATH` or `b/PATH` for diff headers, without a leading `./` or `/`.
    static func label(_ side: String, _ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        return "\(side)/\(trimmed)"
    }
}
