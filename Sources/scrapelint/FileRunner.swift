import Foundation
import ScrapeLintCore

/// `check` over files: each batch of files is read, checked or fixed on all workers; with `--edit-log` the
/// batch's edits are logged and put on disk; then the fixed files are written on all workers (atomically),
/// and the batch is reported in input order. No file is replaced before its log entries are durable.
struct FileRunner {
    enum Mode { case check, fix, diff }

    /// The rule set of each input (they differ where configuration overrides apply).
    let ruleSets: RuleSetPlan
    let mode: Mode
    let run: RunOptions
    let fixOptions: FixOptions
    /// Where the edits of fixed files go, each batch's before any of its files is replaced.
    var editLog: EditLogWriter? = nil
    /// Whether `--fix` / `--diff` apply unsafe fixes too (`--unsafe-fixes`).
    var appliesUnsafeFixes = false
    /// Results of unchanged files (not for standard input): a stored result stands for a check; with
    /// `--fix` and `--diff` a stored clean result means nothing to fix, any other is fixed from the bytes.
    var cache: ResultCache? = nil

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
        /// The safety valve kept the document as it was.
        var refused = false
        /// Fixed violations per rule id (for `--show-fixes`).
        var fixedCounts: [String: Int] = [:]
        /// Fixed text of standard input, written to standard output.
        var stdoutText: [UInt8]?
        var inputBytes = 0
        /// A fix waiting to be written (fix mode): the file's bytes as read and their stamp, the fixed bytes
        /// and the edits (when logged).
        var pending: PendingFix?
    }

    struct PendingFix {
        let original: [UInt8]
        let stamp: FileAccess.Stamp?
        let fixed: [UInt8]
        let edits: [AppliedEdit]
        /// The violations of the original text, reported when the fix is not written.
        let initialViolations: [Violation]
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

    /// How messages name an input: standard input by its `--stdin-filename`.
    var displayName: (String) -> String = { $0 }

    /// Processes `paths` on the library's batch runner (files read and checked or fixed on every core while
    /// the batch before is written and reported), calling `report` for each result in input order; returns
    /// the merged statistics.
    func process(_ paths: [String], report: (FileResult) -> Void) -> Statistics {
        let runner = BatchRunner(jobs: min(run.workerCount, max(1, paths.count))) { () -> Worker in
            Worker(run: run, fixOptions: fixOptions, recordsEdits: editLog != nil, appliesUnsafeFixes: appliesUnsafeFixes)
        }
        let progress = Progress(quiet: run.quiet, unit: "files", totalItems: paths.count)
        // Batches bound how many documents wait in memory for their turn to be reported.
        let source = CorpusSource(textFiles: paths, filesPerBatch: max(16, runner.jobs * 16))
        var cleanedFolders = Set<String>()
        var logFailure: ScrapeLintError?
        runner.run(next: source.nextBatch) { worker, item in process(item.location, worker: &worker) } deliver: { _, batch in
            var results = batch
            if mode != .check {
                logFailure = log(&results)
                if Interruption.requested { abandon(&results) }
                // Standard input's fixed text is written by the report, not here.
                let writes = results.indices.filter { results[$0].pending != nil && results[$0].path != "-" }
                for index in writes {
                    let folder = (results[index].path as NSString).deletingLastPathComponent
                    if cleanedFolders.insert(folder).inserted { FileAccess.removeStaleTemporaries(in: folder) }
                }
                let fixed = results
                let outcomes = runner.concurrently(writes) { index in write(fixed[index]) }
                for (index, outcome) in zip(writes, outcomes) { results[index] = outcome }
            }
            for result in results { report(result) }
            progress.advance(items: results.count, bytes: results.reduce(0) { $0 + $1.inputBytes })
            return logFailure == nil && !Interruption.requested
        }
        progress.finish()
        var statistics = Statistics()
        for worker in runner.states {
            statistics.merge(worker.statistics)
            for fixer in worker.fixers.values {
                statistics.addTimings(fixer.checker.ruleNanoseconds, ruleSet: fixer.checker.ruleSet)
            }
        }
        return statistics
    }

    private func process(_ path: String, worker: inout Worker) -> FileResult {
        var result = FileResult(path: path)
        let name = displayName(path)
        // Reading a FIFO or a device would consume it; --fix replaces regular files only.
        if mode == .fix, path != "-", !FileAccess.isRegularFile(path) {
            result.errors.append(ScrapeLintError.io(path: name, message: "is not a regular file; --fix rewrites regular files only (`clean` reads a pipe)").report)
            return result
        }
        let bytes: [UInt8]
        let stamp: FileAccess.Stamp?
        do { (bytes, stamp) = try FileAccess.readStamped(path) } catch {
            result.errors.append(error.renamed(path, as: name).report)
            return result
        }
        result.inputBytes = bytes.count
        let ruleSet = ruleSets.ruleSet(for: path)
        let fixer = worker.fixer(for: ruleSet)
        let cache = path == "-" ? nil : self.cache
        let content = cache.map { _ in SHA256.hex(of: bytes) }
        let stored = content.flatMap { cache?.lookup(content: $0, bytes: bytes.count, ruleSet: ruleSet) }
        if mode != .check, let stored, stored.violations.isEmpty {
            // Nothing to fix: the text stays as it is.
            let document = Document(bytes)
            result.document = document
            result.warnings += directiveMessages(stored.directiveProblems, in: document, path: name)
            return result
        }
        switch mode {
        case .check:
            let document = Document(bytes)
            let check = stored ?? fixer.checker.check(document)
            if stored == nil, let content { cache?.store(check, content: content, bytes: bytes.count, ruleSet: ruleSet) }
            if run.wantsStatistics {
                worker.statistics.add(check, wouldBeFixedAs: fixer.fix(bytes), inputBytes: bytes.count)
            } else {
                worker.statistics.add(check, inputBytes: bytes.count)
            }
            result.document = document
            result.violations = check.violations
            result.errors += failureMessages(check.failures, path: name)
            result.warnings += directiveMessages(check.directiveProblems, in: document, path: name)
        case .fix, .diff:
            let outcome = fixer.fix(bytes)
            if stored == nil, let content { cache?.store(outcome.initial, content: content, bytes: bytes.count, ruleSet: ruleSet) }
            worker.statistics.add(outcome, inputBytes: bytes.count)
            result.fixed = outcome.fixedTotal
            result.fixedCounts = outcome.fixedCounts
            result.errors += failureMessages(outcome.failures, path: name)
            if let refusal = outcome.refusal {
                result.refused = true
                result.warnings.append("\(name): warning: \(refusal.description); use --max-removal or --no-limit to fix it anyway")
            }
            if !outcome.unconverged.isEmpty {
                result.errors.append("\(name): error: fixes did not converge after \(fixer.maxPasses) passes; rules involved: \(outcome.unconverged.joined(separator: ", ")); \(mode == .diff ? "no diff for it" : "left as it is")")
            }
            let document = Document(outcome.bytes)
            result.document = document
            result.violations = outcome.remaining.violations
            // Positions in the text as it is on disk afterwards: fixed, or (with --diff) as it was.
            result.warnings += mode == .diff
                ? directiveMessages(outcome.initial.directiveProblems, in: Document(bytes), path: name)
                : directiveMessages(outcome.remaining.directiveProblems, in: document, path: name)
            if mode == .diff {
                result.diff = UnifiedDiff.make(old: bytes, new: outcome.bytes, oldLabel: DiffLabel.make(side: "a", path: name), newLabel: DiffLabel.make(side: "b", path: name))
            } else if path == "-" {
                result.stdoutText = outcome.bytes
                if !outcome.edits.isEmpty {
                    result.pending = PendingFix(original: bytes, stamp: nil, fixed: outcome.bytes, edits: outcome.edits, initialViolations: outcome.initial.violations)
                }
            } else if outcome.bytes != bytes {
                result.pending = PendingFix(original: bytes, stamp: stamp, fixed: outcome.bytes, edits: outcome.edits, initialViolations: outcome.initial.violations)
            }
        }
        return result
    }

    /// Logs the edits of the batch's fixes and puts the log on disk; on failure no fix of the batch is
    /// written (each says why) and the failure is returned, which stops the run.
    private func log(_ results: inout [FileResult]) -> ScrapeLintError? {
        guard let editLog else { return nil }
        do {
            for result in results {
                guard let pending = result.pending else { continue }
                try editLog.write(file: result.path, original: pending.original, fixed: pending.fixed, edits: pending.edits)
            }
            try editLog.sync()
            return nil
        } catch {
            for index in results.indices where results[index].pending != nil {
                results[index] = unwritten(results[index], because: "\(displayName(results[index].path)): error: not fixed: the edit log cannot be written (\(error.description))")
            }
            return error
        }
    }

    /// Drops the batch's fixes not yet written (the run was interrupted): the files stay as they are.
    private func abandon(_ results: inout [FileResult]) {
        for index in results.indices where results[index].pending != nil && results[index].path != "-" {
            results[index] = unwritten(results[index], because: nil)
        }
    }

    /// Writes a pending fix (on a worker): the file replaced atomically; standard input's text is written
    /// by the report.
    private func write(_ result: FileResult) -> FileResult {
        guard let pending = result.pending, result.path != "-" else { return result }
        if Interruption.requested { return unwritten(result, because: nil) }
        do {
            try FileAccess.replaceAtomically(result.path, with: pending.fixed, ifUnchangedSince: pending.stamp)
            var written = result
            written.pending = nil
            return written
        } catch {
            return unwritten(result, because: error.renamed(result.path, as: displayName(result.path)).report)
        }
    }

    /// The result of a file left as it was: reported against its original text.
    private func unwritten(_ result: FileResult, because message: String?) -> FileResult {
        guard let pending = result.pending else { return result }
        var kept = result
        kept.pending = nil
        if let message { kept.errors.append(message) }
        if result.path == "-" {
            kept.stdoutText = nil
            return kept
        }
        let document = Document(pending.original)
        kept.document = document
        kept.violations = pending.initialViolations
        kept.fixed = 0
        kept.fixedCounts = [:]
        return kept
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
}
