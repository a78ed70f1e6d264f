import Foundation
import ScrapeLintCore

/// One pass of a reviewing command (`suggest`, `report`, `compare`) over its corpus: text files and folders
/// (walked), or JSON Lines inputs, run by the library's ``CorpusRun`` on every core in input order, with
/// problems rendered by ``CorpusProblemLog`` and a progress line.
struct CorpusPass {
    let paths: [String]
    let jsonl: Bool
    let documents: CorpusDocumentReader
    let policy: BadRecordPolicy
    let walker: InputWalker
    let quiet: Bool

    /// Runs `work` on every document and `collect` on the results in input order; returns the number of
    /// errors reported (the pass stops at the first bad record under `--on-error fail`).
    func forEachDocument<State, Result>(
        runner: BatchRunner<State>, pass: String, reportsProblems: Bool = true,
        work: (inout State, CorpusDocument) -> Result, collect: (CorpusDocument, Result) -> Void
    ) -> Int {
        let log = CorpusProblemLog(quiet: quiet)
        var errors = 0
        let source: CorpusSource
        if jsonl {
            do { source = try CorpusSource(jsonLines: paths) } catch {
                Output.error(error.report)
                return 1
            }
        } else {
            let walk = walker.walk(paths)
            if reportsProblems { for problem in walk.problems { Output.error(problem.report) } }
            errors += walk.problems.count
            source = CorpusSource(textFiles: walk.inputs, filesPerBatch: max(16, runner.jobs * 16))
        }
        let progress = Progress(quiet: quiet, unit: "documents (\(pass))", totalBytes: source.size)
        defer { progress.finish() }
        let tally = CorpusRun(documents: documents, policy: policy).run(source, on: runner, work: work) { event in
            switch event {
            case .document(let document, let result):
                collect(document, result)
                progress.advance(items: 1, bytes: document.text.count)
            case .problem(let problem):
                if problem.isError { errors += 1 }
                if reportsProblems { log.report(problem) }
            }
            return true
        }
        if reportsProblems { log.finish(tally) }
        if reportsProblems, !quiet, tally.badRecordsPassed > 0 {
            let bad = tally.badRecordsPassed
            Output.error("scrapelint: \(tally.records) records read, \(bad) bad record\(bad == 1 ? "" : "s") not used (\(CorpusProblemLog.counts(tally)))")
        }
        return errors
    }
}
