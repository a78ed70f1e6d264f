/// Runs work over every document of a corpus (text files or JSON Lines records) on every core, with the
/// one error policy: this is what `suggest`, `report` and `compare` do, and what a library user calls to
/// run a corpus. The caller renders the problems (the library prints nothing).
///
/// ```swift
/// let source = try CorpusSource(jsonLines: ["corpus.jsonl"])
/// let runner = BatchRunner(jobs: 2) { Fixer(checker: Checker(ruleSet: ruleSet)) }
/// let tally = CorpusRun(policy: .skip).run(source, on: runner) { fixer, document in
///     fixer.fix(document.text).bytes
/// } deliver: { event in
///     if case .document(let document, let cleaned) = event { print(document.name, cleaned.count) }
///     return true
/// }
/// ```
public struct CorpusRun: Sendable {
    public var documents: CorpusDocumentReader
    public var policy: BadRecordPolicy

    public init(documents: CorpusDocumentReader = CorpusDocumentReader(), policy: BadRecordPolicy = .fail) {
        self.documents = documents
        self.policy = policy
    }

    /// What the run hands to `deliver`, in input order.
    public enum Event<Output> {
        case document(CorpusDocument, Output)
        case problem(CorpusProblem)
    }

    /// Runs `work` on each document on `runner`'s workers and `deliver` on each event in input order (on the
    /// calling thread); `deliver` returns false to stop. A bad record under ``BadRecordPolicy/fail`` stops
    /// the run after it is delivered; an unreadable input or file does not.
    @discardableResult
    public func run<State, Output>(_ source: CorpusSource, on runner: BatchRunner<State>,
                                   work: (inout State, CorpusDocument) -> Output,
                                   deliver: (Event<Output>) -> Bool) -> CorpusTally {
        var tally = CorpusTally()
        let action = policy.action(writesRecords: false)
        runner.run(next: source.nextBatch) { state, item -> (CorpusDocumentReader.Entry, Output?) in
            let entry = documents.read(item)
            guard case .document(let document) = entry else { return (entry, nil) }
            return (entry, work(&state, document))
        } deliver: { _, results in
            for (entry, output) in results {
                let problem: CorpusProblem
                switch entry {
                case .blank:
                    tally.blankLines += 1
                    continue
                case .document(let document):
                    tally.documents += 1
                    if !deliver(.document(document, output!)) { return false }
                    continue
                case .bad(let record): problem = .badRecord(record, action)
                case .unreadable(let error): problem = .unreadable(error)
                }
                tally.add(problem)
                if !deliver(.problem(problem)) { return false }
                if case .badRecord(_, .stopped) = problem { return false }
            }
            return true
        }
        return tally
    }
}
