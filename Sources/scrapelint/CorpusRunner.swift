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
    }

    /// Record counts, printed at the end so that nothing is lost silently.
    private struct Counts {
        var read = 0, written = 0, changed = 0, dropped = 0, skipped = 0, kept = 0, failed = 0, refused = 0
    }

    /// Runs over `path` (a file or `-`); returns the exit status.
    func run(path: String) -> Int32 {
        var reader: LineReader
        do { reader = try LineReader(path: path) } catch {
            Output.error(error.report)
            return Status.error
        }
        defer { reader.close() }
        let pool = WorkerPool(jobs: run.workerCount) { () -> Worker in
            let checker = Checker(ruleSet: ruleSet.independentCopy())
            checker.collectsTimings = run.timings
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
        var reporter: (any Reporter)?
        if case .check(let format) = mode { reporter = format.makeReporter(ruleSet: ruleSet) }
        var summary = RunSummary()
        var stopped = false

        batches: while true {
            let batch: [LineReader.Line]
            do {
                guard let next = try reader.nextBatch() else { break }
                batch = next
            } catch {
                Output.error(error.report)
                errors += 1
                break
            }
            let results = pool.map(batch) { worker, line in process(line, worker: &worker) }
            var batchBytes = 0
            for (line, result) in zip(batch, results) {
                counts.read += 1
                batchBytes += line.content.count + line.terminator.count
                let name = "\(path):\(line.number)"
                switch result {
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
                        if case .clean = mode {
                            Output.write(Array(line.content) + Array(line.terminator))
                            counts.written += 1
                        }
                    }
                case .cleaned(let cleaned):
                    errors += reportFailures(cleaned.outcome.failures, unconverged: cleaned.outcome.unconverged, name: name, id: cleaned.id)
                    if let refusal = cleaned.outcome.refusal {
                        Output.error("\(name)\(cleaned.id.map { " [\($0)]" } ?? ""): warning: \(refusal.description); record written unchanged")
                        counts.refused += 1
                    }
                    let written = cleaned.line == nil ? nil : counts.written + 1
                    editLog?.write(EditLogEntry.entries(cleaned.outcome.edits, file: path, record: cleaned.id,
                                                        line: written, inputLine: line.number))
                    guard let output = cleaned.line else {
                        counts.dropped += 1
                        continue
                    }
                    Output.write(output + Array(line.terminator))
                    counts.written += 1
                    if cleaned.changed { counts.changed += 1 }
                case .checked(let text, let result):
                    errors += reportFailures(result.failures, unconverged: [], name: name, id: text.id)
                    violations += result.violations.count
                    summary.violations += result.violations.count
                    summary.fixable += result.violations.filter { $0.fix != nil }.count
                    if !run.statistics, !result.violations.isEmpty, var current = reporter {
                        let record = text.id ?? "line \(line.number)"
                        Output.write(current.report(FileReport(path: path, document: Document(text.bytes), violations: result.violations, recordID: record)))
                        reporter = current
                    }
                }
            }
            progress.advance(items: batch.count, bytes: batchBytes)
        }
        progress.finish()
        summary.files = counts.read
        summary.unit = "record"
        summary.errors = errors

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
        writeStatistics(statistics, toStandardOutput: isCheck)
        if !run.quiet {
            var line = "scrapelint: \(counts.read) records read"
            if isCheck {
                line += ", \(violations) violations"
            } else {
                line += ", \(counts.written) written (\(counts.changed) changed)"
                if counts.dropped > 0 { line += ", \(counts.dropped) dropped as empty" }
            }
            if counts.refused > 0 { line += ", \(counts.refused) left unfixed by the safety valve" }
            if counts.skipped > 0 { line += ", \(counts.skipped) skipped" }
            if counts.kept > 0 { line += ", \(counts.kept) passed through unchanged" }
            if stopped { line += "; stopped at a bad record" }
            Output.error(line)
        }
        if errors > 0 { return Status.error }
        return isCheck && violations > 0 ? Status.violations : Status.clean
    }

    private func process(_ line: LineReader.Line, worker: inout Worker) -> LineResult {
        switch mode {
        case .clean:
            switch processor.clean(line.content, fixer: worker.fixer) {
            case .failure(let error): return .failed(error.message)
            case .success(let cleaned):
                worker.statistics.add(cleaned.outcome, inputBytes: cleaned.textBytes)
                return .cleaned(cleaned)
            }
        case .check:
            switch processor.text(of: line.content) {
            case .failure(let error): return .failed(error.message)
            case .success(let text):
                let result = worker.fixer.checker.check(Document(text.bytes))
                worker.statistics.add(result, inputBytes: text.bytes.count)
                return .checked(text, result)
            }
        }
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

    private func writeStatistics(_ statistics: Statistics, toStandardOutput: Bool) {
        if run.statistics {
            let table = statistics.table(unit: "records")
            if toStandardOutput { Output.write(table) } else { Output.error(table) }
        }
        if let file = run.statisticsJSON {
            do { try Data(statistics.json().utf8).write(to: URL(fileURLWithPath: file)) } catch {
                Output.error("scrapelint: error: cannot write \(file): \(error.localizedDescription)")
            }
        }
        if run.timings { Output.error(statistics.timingsTable()) }
    }
}
