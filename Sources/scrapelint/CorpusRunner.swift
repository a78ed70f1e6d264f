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
    let policy: CorpusOptions.ErrorPolicy
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

    /// Per-worker state: a fixer (with its checker and PCRE2 scratch) and the statistics gathered.
    private struct Worker {
        let fixer: Fixer
        var statistics = Statistics()
    }

    /// What processing one line produced.
    private enum LineResult {
        case cleaned(RecordProcessor.Cleaned)
        case checked(RecordProcessor.Text, CheckResult)
        case failed(String)
        /// An empty or blank line: no record, passed through by `clean`.
        case blank
    }

    /// Record counts, printed at the end so that nothing is lost silently.
    private struct Counts {
        var read = 0, written = 0, changed = 0, dropped = 0, skipped = 0, kept = 0, failed = 0, refused = 0
        /// Records dropped by `--drop-empty` whose text was blank before cleaning, and blank lines.
        var droppedBlank = 0, blankLines = 0
    }

    /// Runs over `paths` (files or `-`, read one after the other, in order); returns the exit status.
    func run(paths: [String]) -> Int32 {
        var reader: LineReader
        do { reader = try LineReader(paths: paths) } catch {
            Output.error(error.report)
            return Status.error
        }
        defer { reader.close() }
        let pool = WorkerPool(jobs: run.workerCount) { () -> Worker in
            let checker = Checker(ruleSet: ruleSet.independentCopy())
            run.configure(checker)
            // Cleaning records needs no messages; checking them reports them.
            if case .clean = mode { checker.rendersMessages = false }
            var fixer = fixOptions.makeFixer(checker)
            fixer.recordsEdits = editLog != nil
            return Worker(fixer: fixer)
        }
        let progress = Progress(quiet: run.quiet, unit: "records", totalBytes: reader.size)
        var counts = Counts()
        var errors = 0
        var violations = 0
        var failing = 0
        var reporter: (any Reporter)?
        if case .check(let format) = mode { reporter = format.makeReporter(ruleSet: ruleSet) }
        var summary = RunSummary()
        summary.configuration = configuration
        summary.quiet = run.quiet
        var stopped = false

        // Pipelined: while the workers process one batch, this thread writes the results of the one before
        // (results are still handled strictly in input order).
        let pipeline = BatchPipeline(pool: pool) { worker, line in process(line, worker: &worker) }
        var readFailed = false
        func readBatch() -> [LineReader.Line]? {
            do { return try reader.nextBatch() } catch {
                Output.error(error.report)
                readFailed = true
                return nil
            }
        }
        // Records really written: each written record's end in standard output's bytes, confirmed once
        // the system accepted that many bytes.
        var ends: [Int] = []
        var endsHead = 0
        var confirmed = 0
        func confirm() {
            let accepted = Output.standardOutput.written
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
        func emit(_ bytes: [UInt8]) {
            Output.write(bytes)
            outputLines += 1
            ends.append(Output.standardOutput.queued)
            counts.written += 1
            confirm()
        }
        var logFailure: ScrapeLintError?
        var next = readBatch()
        if let first = next { pipeline.start(first) }
        batches: while let batch = next {
            if Output.failed || logFailure != nil { break }
            let results = pipeline.wait()
            next = readBatch()
            if let following = next { pipeline.start(following) }
            var batchBytes = 0
            for (line, result) in zip(batch, results) {
                batchBytes += line.content.count + line.terminator.count
                if case .blank = result {
                    counts.blankLines += 1
                    if case .clean = mode {
                        Output.write(Array(line.content) + Array(line.terminator))
                        outputLines += 1
                    }
                    continue
                }
                counts.read += 1
                let path = paths[line.source]
                let name = "\(path):\(line.number)"
                switch result {
                case .blank:
                    break
                case .failed(let message):
                    switch policy {
                    case .fail:
                        Output.error("\(name): error: \(message) (stopping; use --on-error skip or keep to go on)")
                        counts.failed += 1
                        errors += 1
                        stopped = true
                        break batches
                    case .skip:
                        Output.error("\(name): warning: \(message); record skipped")
                        counts.skipped += 1
                    case .keep:
                        Output.error("\(name): warning: \(message); record passed through unchanged")
                        counts.kept += 1
                        if case .clean = mode { emit(Array(line.content) + Array(line.terminator)) }
                    }
                case .cleaned(let cleaned):
                    warn(cleaned.warnings, name: name, id: cleaned.id)
                    errors += reportFailures(cleaned.outcome.failures, unconverged: cleaned.outcome.unconverged, name: name, id: cleaned.id)
                    if let refusal = cleaned.outcome.refusal {
                        Output.error("\(name)\(cleaned.id.map { " [\($0)]" } ?? ""): warning: \(refusal.description); record written unchanged")
                        counts.refused += 1
                    }
                    let written = cleaned.line == nil ? nil : outputLines + 1
                    if let editLog {
                        do {
                            try editLog.write(file: path, record: cleaned.id, line: written, inputLine: line.number,
                                              original: cleaned.text, fixed: cleaned.outcome.bytes, edits: cleaned.outcome.edits)
                        } catch {
                            // Nothing more is written: the log would not undo it.
                            logFailure = error
                            break batches
                        }
                    }
                    guard let output = cleaned.line else {
                        counts.dropped += 1
                        if cleaned.wasBlank { counts.droppedBlank += 1 }
                        continue
                    }
                    emit(output + Array(line.terminator))
                    if cleaned.changed { counts.changed += 1 }
                case .checked(let text, let result):
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
            progress.advance(items: batch.count, bytes: batchBytes)
        }
        // A batch may still be in the workers when a bad record stopped the run.
        pipeline.drain()
        if readFailed { errors += 1 }
        if let editLog, logFailure == nil {
            do { try editLog.close() } catch { logFailure = error }
        }
        if let logFailure {
            Output.error(logFailure.report)
            Output.error("scrapelint: error: stopped: the edit log cannot be written")
            errors += 1
        }
        Output.flush()
        confirm()
        let writeFailed = Output.failed
        if writeFailed { errors += 1 }
        progress.finish()
        summary.files = counts.read
        summary.unit = "record"
        summary.errors = errors
        summary.baselined = baseline?.hidden ?? 0

        var statistics = Statistics()
        for worker in pool.states {
            statistics.merge(worker.statistics)
            statistics.addTimings(worker.fixer.checker.ruleNanoseconds, ruleSet: ruleSet)
        }
        let isCheck: Bool
        if case .check = mode { isCheck = true } else { isCheck = false }
        if isCheck && !run.statistics, var current = reporter {
            Output.write(current.finish(summary))
        }
        if let failure = writeStatistics(statistics, toStandardOutput: isCheck) {
            Output.error(failure.report)
            errors += 1
        }
        if !run.quiet || writeFailed {
            var line = "scrapelint: \(counts.read) records read"
            if isCheck {
                line += ", \(violations) violations"
            } else {
                line += ", \(confirmed) written (\(counts.changed) changed)"
                if counts.dropped > 0 {
                    line += ", \(counts.dropped) dropped as empty or blank"
                    if counts.droppedBlank > 0 { line += " (\(counts.droppedBlank) blank before cleaning)" }
                }
            }
            if counts.refused > 0 { line += ", \(counts.refused) left unfixed by the safety valve" }
            if counts.skipped > 0 { line += ", \(counts.skipped) skipped" }
            if counts.kept > 0 { line += ", \(counts.kept) passed through unchanged" }
            if counts.blankLines > 0 {
                line += ", \(counts.blankLines) blank line\(counts.blankLines == 1 ? "" : "s") \(isCheck ? "ignored" : "passed through")"
            }
            if stopped { line += "; stopped at a bad record" }
            if writeFailed { line += "; stopped: standard output failed after \(confirmed) complete record\(confirmed == 1 ? "" : "s")" }
            Output.error(line)
        }
        if errors > 0 { return Status.error }
        return isCheck && failing > 0 ? Status.violations : Status.clean
    }

    private func process(_ line: LineReader.Line, worker: inout Worker) -> LineResult {
        if RecordProcessor.isBlank(line.content) { return .blank }
        switch mode {
        case .clean:
            switch processor.clean(line.content, fixer: worker.fixer) {
            case .failure(let error): return .failed(error.message)
            case .success(let cleaned):
                worker.statistics.add(cleaned.outcome, inputBytes: cleaned.textBytes)
                return .cleaned(cleaned)
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

    /// Prints the statistics table and writes `--statistics-json`; returns a write failure.
    private func writeStatistics(_ statistics: Statistics, toStandardOutput: Bool) -> ScrapeLintError? {
        if run.statistics {
            let table = statistics.table(unit: "records")
            if toStandardOutput { Output.write(table) } else { Output.error(table) }
        }
        if run.timings { Output.error(statistics.timingsTable()) }
        guard let target = run.statisticsTarget else { return nil }
        do { try target.write(Array(statistics.json().utf8)) } catch { return error }
        return nil
    }
}

/// Runs one batch at a time on the worker pool in the background, so that the caller can write the
/// previous batch's results meanwhile.
private final class BatchPipeline<State, Item, Output>: @unchecked Sendable {
    private let pool: WorkerPool<State>
    private let work: (inout State, Item) -> Output
    private let done = DispatchSemaphore(value: 0)
    private var results: [Output] = []
    private var running = false

    init(pool: WorkerPool<State>, work: @escaping (inout State, Item) -> Output) {
        self.pool = pool
        self.work = work
    }

    /// Starts processing `items`; call ``wait()`` before starting another batch.
    func start(_ items: [Item]) {
        precondition(!running, "one batch at a time")
        running = true
        let box = UncheckedBox(items)
        DispatchQueue.global().async {
            self.results = self.pool.map(box.value, work: self.work)
            self.done.signal()
        }
    }

    /// The results of the batch started last, in input order.
    func wait() -> [Output] {
        precondition(running, "no batch started")
        done.wait()
        running = false
        defer { results = [] }
        return results
    }

    /// Waits for a running batch, if any, and drops its results.
    func drain() {
        if running { _ = wait() }
    }
}

private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
