import Foundation
import ScrapeLintCore

/// The JSON Lines corpus mode of `clean` and `check`: stream records in batches, process each batch on
/// all workers, and write results in input order. Memory is bounded by the batch size, whatever the input.
struct CorpusRunner {
    enum Mode {
        /// Write each record with its text cleaned.
        case clean
        /// Report violations per record.
        case check(ReportFormat)
    }

    let ruleSet: RuleSet
    let processor: RecordProcessor
    let policy: BadRecordPolicy
    let run: RunOptions
    let fixOptions: FixOptions
    let mode: Mode
    /// In check mode, the level from which violations give exit status 1 (`--fail-on`).
    var failOn: Rule.Severity = .info
    /// The configuration file, as the check report's summary names it.
    var configuration: String? = nil
    /// `--baseline` / `--write-baseline`, by record id (or `line N`).
    var baseline: BaselineSession? = nil
    /// Where cleaned records' edits go (`--edit-log`), named by record id and line.
    var editLog: EditLogWriter? = nil
    /// Where cleaned records go (`clean --output`, `--compress`): standard output by default.
    var records: RecordOutput? = nil

    /// Per-worker state: a fixer (with its checker and PCRE2 scratch) and the statistics gathered.
    private struct Worker {
        let fixer: Fixer
        var statistics = Statistics()
    }

    /// What processing one item produced.
    private enum LineResult {
        case cleaned(CleanedRecord)
        case checked(RecordProcessor.Text, CheckResult)
        case failed(String)
        /// An empty or blank line: no record, passed through by `clean`.
        case blank
        case unreadable(ScrapeLintError)
    }

    /// Record counts besides the tally, printed at the end so that nothing is lost silently.
    private struct Counts {
        var written = 0, changed = 0, dropped = 0, refused = 0
        /// Records dropped by `--drop-empty` whose text was blank before cleaning.
        var droppedBlank = 0
    }

    private var isCheck: Bool {
        if case .check = mode { return true }
        return false
    }

    /// Runs over `paths` (files or `-`, read one after the other, in order); returns the exit status.
    func run(paths: [String]) -> Int32 {
        let source: CorpusSource
        do { source = try CorpusSource(jsonLines: paths) } catch {
            Output.error(error.report)
            return Status.error
        }
        let runner = BatchRunner(jobs: run.workerCount) { () -> Worker in
            let checker = Checker(ruleSet: ruleSet.independentCopy())
            run.configure(checker)
            // Cleaning records needs no messages; checking them reports them.
            if case .clean = mode { checker.rendersMessages = false }
            var fixer = fixOptions.makeFixer(checker)
            fixer.recordsEdits = editLog != nil
            return Worker(fixer: fixer)
        }
        let progress = Progress(quiet: run.quiet, unit: "records", totalBytes: source.size)
        let log = CorpusProblemLog(quiet: run.quiet)
        let badRecordAction = policy.action(writesRecords: !isCheck)
        var tally = CorpusTally()
        var counts = Counts()
        var errors = 0
        var violations = 0
        var failing = 0
        var reporter: (any Reporter)?
        if case .check(let format) = mode { reporter = format.makeReporter(ruleSet: ruleSet) }
        var summary = RunSummary()
        summary.configuration = configuration
        summary.quiet = run.quiet

        let output = records ?? (try? RecordOutput(path: nil, compression: nil))!
        // Records really written: each written record's end in the output's bytes, confirmed once the
        // system accepted that many bytes.
        var ends: [Int] = []
        var endsHead = 0
        var confirmed = 0
        func confirm() {
            let accepted = output.written
            while endsHead < ends.count, ends[endsHead] <= accepted {
                endsHead += 1
                confirmed += 1
            }
            if endsHead >= 4096 {
                ends.removeFirst(endsHead)
                endsHead = 0
            }
        }
        // Lines written to the output (records and passed-through blank lines): a record's `line` in the log.
        var outputLines = 0
        // A record and its line terminator, written one after the other (not joined into a copy of the record).
        func emit(_ bytes: some Collection<UInt8>, _ terminator: ArraySlice<UInt8>) {
            output.write(bytes)
            if !terminator.isEmpty { output.write(terminator) }
            outputLines += 1
            ends.append(output.queued)
            counts.written += 1
            confirm()
        }
        var logFailure: ScrapeLintError?
        // Reading, processing on every core and writing overlap (the library's batch runner); results are
        // handled strictly in input order.
        runner.run(next: source.nextBatch) { worker, item in process(item, worker: &worker) } deliver: { batch, results in
            if Output.failed || output.failure != nil { return false }
            var batchBytes = 0
            defer {
                if !isCheck {
                    output.endBatch()
                    confirm()
                }
                progress.advance(items: batch.count, bytes: batchBytes)
            }
            for (item, result) in zip(batch, results) {
                guard case .record(let line, let path) = item else {
                    if case .unreadable(let error) = result {
                        let problem = CorpusProblem.unreadable(error)
                        tally.add(problem)
                        log.report(problem)
                        errors += 1
                    }
                    continue
                }
                batchBytes += line.content.count + line.terminator.count
                if case .blank = result {
                    tally.blankLines += 1
                    if case .clean = mode {
                        output.write(line.content)
                        output.write(line.terminator)
                        outputLines += 1
                    }
                    continue
                }
                // Only for messages: most records have none.
                lazy var name = "\(path):\(line.number)"
                switch result {
                case .blank, .unreadable:
                    break
                case .failed(let message):
                    let problem = CorpusProblem.badRecord(BadRecord(path: path, line: line.number, message: message), badRecordAction)
                    tally.add(problem)
                    log.report(problem)
                    switch badRecordAction {
                    case .stopped:
                        errors += 1
                        return false
                    case .passedThrough:
                        emit(line.content, line.terminator)
                    case .skipped, .leftOut:
                        break
                    }
                case .cleaned(let cleaned):
                    tally.documents += 1
                    if !cleaned.warnings.isEmpty { warn(cleaned.warnings, name: name, id: cleaned.id) }
                    if !cleaned.failures.isEmpty || !cleaned.unconverged.isEmpty {
                        errors += reportFailures(cleaned.failures, unconverged: cleaned.unconverged, name: name, id: cleaned.id)
                    }
                    if let refusal = cleaned.refusal {
                        Output.error("\(name)\(cleaned.id.map { " [\($0)]" } ?? ""): warning: \(refusal.description); record written unchanged")
                        counts.refused += 1
                    }
                    let written = cleaned.line == nil ? nil : outputLines + 1
                    if let editLog, let audit = cleaned.audit {
                        do throws(ScrapeLintError) {
                            try editLog.write(file: path, record: cleaned.id, line: written, inputLine: line.number,
                                              original: audit.original, fixed: audit.fixed, edits: audit.edits)
                        } catch {
                            // Nothing more is written: the log would not undo it.
                            logFailure = error
                            return false
                        }
                    }
                    guard let output = cleaned.line else {
                        counts.dropped += 1
                        if cleaned.wasBlank { counts.droppedBlank += 1 }
                        continue
                    }
                    emit(output, line.terminator)
                    if cleaned.changed { counts.changed += 1 }
                case .checked(let text, let result):
                    tally.documents += 1
                    warn(text.warnings, name: name, id: text.id)
                    errors += reportFailures(result.failures, unconverged: [], name: name, id: text.id)
                    let record = text.id ?? "line \(line.number)"
                    let found = baseline?.filter(result.violations, bytes: text.bytes, file: path, record: record) ?? result.violations
                    violations += found.count
                    failing += found.lazy.filter { $0.severity >= failOn }.count
                    summary.add(found)
                    if !run.statistics, !found.isEmpty, var current = reporter {
                        Output.write(current.report(FileReport(path: path, document: Document(text.bytes), violations: found, recordID: record)))
                        reporter = current
                    }
                }
            }
            return logFailure == nil
        }
        if let editLog, logFailure == nil {
            do { try editLog.close() } catch { logFailure = error }
        }
        if let logFailure {
            Output.error(logFailure.report)
            Output.error("scrapelint: error: stopped: the edit log cannot be written")
            errors += 1
        }
        var outputFailure: ScrapeLintError?
        if !isCheck { outputFailure = output.finish() }
        Output.flush()
        confirm()
        // Standard output's failure is reported at the very end; a file's here.
        if let outputFailure, records != nil, !Output.failed { Output.error(outputFailure.report) }
        let writeFailed = Output.failed || outputFailure != nil
        if writeFailed { errors += 1 }
        progress.finish()
        // Records checked: bad records are not.
        summary.files = tally.documents
        summary.unit = "record"
        summary.errors = errors
        summary.baselined = baseline?.hidden ?? 0

        var statistics = Statistics()
        for worker in runner.states {
            statistics.merge(worker.statistics)
            statistics.addTimings(worker.fixer.checker.ruleNanoseconds, ruleSet: ruleSet)
        }
        if isCheck && !run.statistics, var current = reporter {
            Output.write(current.finish(summary))
        }
        if let failure = StatisticsOutput.write(statistics, run: run, unit: "records", table: { table in
            if isCheck { Output.write(table) } else { Output.error(table) }
        }) {
            Output.error(failure.report)
            errors += 1
        }
        if !run.quiet || writeFailed {
            var line = "scrapelint: \(tally.records) records read"
            if isCheck {
                if tally.documents != tally.records { line += ", \(tally.documents) checked" }
                line += ", \(violations) violations"
            } else {
                line += ", \(confirmed) written (\(counts.changed) changed)"
                if counts.dropped > 0 {
                    line += ", \(counts.dropped) dropped as empty or blank"
                    if counts.droppedBlank > 0 { line += " (\(counts.droppedBlank) blank before cleaning)" }
                }
            }
            if counts.refused > 0 { line += ", \(counts.refused) left unfixed by the safety valve" }
            if tally.badRecordsPassed > 0 { line += ", " + CorpusProblemLog.counts(tally) }
            if tally.blankLines > 0 {
                line += ", \(tally.blankLines) blank line\(tally.blankLines == 1 ? "" : "s") \(isCheck ? "ignored" : "passed through")"
            }
            if tally.unreadable > 0 { line += ", \(tally.unreadable) input\(tally.unreadable == 1 ? "" : "s") not read to the end" }
            if tally.stopped > 0 { line += "; stopped at a bad record" }
            if writeFailed { line += "; stopped: \(records?.name ?? "standard output") failed after \(confirmed) complete record\(confirmed == 1 ? "" : "s")" }
            Output.error(line)
        } else {
            log.finish(tally)
        }
        if errors > 0 { return Status.error }
        return isCheck && failing > 0 ? Status.violations : Status.clean
    }

    private func process(_ item: CorpusItem, worker: inout Worker) -> LineResult {
        guard case .record(let line, _) = item else {
            if case .unreadable(let error) = item { return .unreadable(error) }
            return .blank
        }
        if RecordProcessor.isBlank(line.content) { return .blank }
        switch mode {
        case .clean:
            switch processor.clean(line.content, fixer: worker.fixer) {
            case .failure(let error): return .failed(error.message)
            case .success(let cleaned):
                // Counted only for a run that shows them (`--timings` reads the checker's own clocks).
                if run.wantsStatistics { worker.statistics.add(cleaned.outcome, inputBytes: cleaned.textBytes) }
                return .cleaned(CleanedRecord(cleaned, keepsAudit: editLog != nil))
            }
        case .check:
            switch processor.text(of: line.content, known: worker.fixer.checker.ruleSet.known) {
            case .failure(let error): return .failed(error.message)
            case .success(let text):
                let result = worker.fixer.checker.check(Document(text.bytes), ignoring: text.ignoring)
                if run.wantsStatistics {
                    worker.statistics.add(result, wouldBeFixedAs: worker.fixer.fix(text.bytes, ignoring: text.ignoring),
                                          inputBytes: text.bytes.count)
                } else {
                    worker.statistics.add(result, inputBytes: text.bytes.count)
                }
                return .checked(text, result)
            }
        }
    }

    private func warn(_ warnings: [String], name: String, id: String?) {
        let label = id.map { "\(name) [\($0)]" } ?? name
        for warning in warnings { Output.error("\(label): warning: \(warning)") }
    }

    private func reportFailures(_ failures: [RuleFailure], unconverged: [String], name: String, id: String?) -> Int {
        let label = id.map { "\(name) [\($0)]" } ?? name
        for failure in failures {
            Output.error("\(label): error: rule `\(failure.ruleID)` was stopped: \(failure.message); its matches were not removed")
        }
        if !unconverged.isEmpty {
            Output.error("\(label): error: fixes did not converge; rules involved: \(unconverged.joined(separator: ", "))")
        }
        return failures.count + (unconverged.isEmpty ? 0 : 1)
    }
}
