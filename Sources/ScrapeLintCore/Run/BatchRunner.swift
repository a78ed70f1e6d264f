import Dispatch

/// The one batch runner behind every command that goes over many documents (text files, JSON Lines
/// records, `suggest`, `report`, `compare`): the caller's thread reads batch n+1 and delivers batch n-1
/// while the workers process batch n on every core, and results are delivered strictly in input order,
/// so output never depends on the number of workers. At most three batches are in memory at once.
///
/// ```swift
/// let runner = BatchRunner(jobs: 4) { Fixer(checker: Checker(ruleSet: ruleSet)) }
/// var batches = [["a.txt", "b.txt"], ["c.txt"]].makeIterator()
/// runner.run(next: { batches.next() }, work: { fixer, path in fixer.fix(try! FileAccess.read(path)) }) { paths, outcomes in
///     // In input order, on this thread.
///     return true
/// }
/// ```
public final class BatchRunner<State>: @unchecked Sendable {
    /// The workers and their states (a ``Checker`` holds per-thread PCRE2 scratch).
    public let pool: WorkerPool<State>

    public init(jobs: Int, makeState: @escaping () -> State) {
        pool = WorkerPool(jobs: jobs, makeState: makeState)
    }

    /// Number of worker threads.
    public var jobs: Int { pool.jobs }

    /// The states of the workers used, for reading what they gathered once ``run(next:work:deliver:)`` returned.
    public var states: [State] { pool.states }

    /// Runs `work` on every item of the batches `next` hands out (nil: no more) and calls `deliver` with each
    /// batch and its outputs, in order, on the calling thread. `deliver` returns false to stop: no further
    /// batch is read, and the one under way is finished and dropped.
    public func run<Item, Output>(next: () -> [Item]?, work: (inout State, Item) -> Output,
                                  deliver: ([Item], [Output]) -> Bool) {
        guard var current = next() else { return }
        withoutActuallyEscaping(work) { work in
            let stage = WorkStage(pool: pool, work: work)
            stage.start(current)
            var following = next()
            while true {
                let outputs = stage.wait()
                if let following { stage.start(following) }
                guard deliver(current, outputs), let upcoming = following else { break }
                current = upcoming
                // Read while the workers process `current`.
                following = next()
            }
            stage.drain()
        }
    }

    /// Runs `body` on every index of `items` on up to `jobs` threads with no state (writing files, for
    /// instance), returning the outputs in order.
    public func concurrently<Item, Output>(_ items: [Item], _ body: (Item) -> Output) -> [Output] {
        guard items.count > 1, jobs > 1 else { return items.map(body) }
        let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        withoutActuallyEscaping(body) { body in
            let shared = ConcurrentShared(items: items, results: results, body: body)
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                shared.results[index] = shared.body(shared.items[index])
            }
        }
        return results.map { $0! }
    }
}

/// One batch at a time on the worker pool, in the background. The background block never holds the work
/// closure past its batch (it reaches it through an unretained reference and signals only after its copy is
/// gone), so the closure does not escape ``BatchRunner/run(next:work:deliver:)``.
private final class WorkStage<State, Item, Output> {
    private let pool: WorkerPool<State>
    private let work: WorkBox<State, Item, Output>
    private let done = DispatchSemaphore(value: 0)
    private var results = ResultsBox<Output>()
    private var running = false

    init(pool: WorkerPool<State>, work: @escaping (inout State, Item) -> Output) {
        self.pool = pool
        self.work = WorkBox(work: work)
    }

    func start(_ items: [Item]) {
        precondition(!running, "one batch at a time")
        running = true
        let job = StageJob(pool: pool, items: items, work: Unmanaged.passUnretained(work), results: results, done: done)
        DispatchQueue.global().async { job.run() }
    }

    func wait() -> [Output] {
        precondition(running, "no batch started")
        done.wait()
        running = false
        defer { results.outputs = [] }
        return results.outputs
    }

    func drain() {
        if running { _ = wait() }
    }
}

private final class WorkBox<State, Item, Output> {
    let work: (inout State, Item) -> Output
    init(work: @escaping (inout State, Item) -> Output) { self.work = work }
}

private final class ResultsBox<Output> {
    var outputs: [Output] = []
}

/// What the background block holds: everything but the work closure, which stays with its stage (alive
/// until the batch is waited for).
private struct StageJob<State, Item, Output>: @unchecked Sendable {
    let pool: WorkerPool<State>
    let items: [Item]
    let work: Unmanaged<WorkBox<State, Item, Output>>
    let results: ResultsBox<Output>
    let done: DispatchSemaphore

    func run() {
        compute()
        done.signal()
    }

    private func compute() {
        let box = work.takeUnretainedValue()
        results.outputs = pool.map(items, work: box.work)
    }
}

/// Each index is written by one thread only.
private struct ConcurrentShared<Item, Output>: @unchecked Sendable {
    let items: [Item]
    let results: UnsafeMutableBufferPointer<Output?>
    let body: (Item) -> Output
}
