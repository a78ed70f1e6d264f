import Dispatch
import Synchronization

/// A fixed set of workers, each with its own state (a ``Checker`` holds per-thread PCRE2 scratch), that
/// maps batches of items in parallel and returns the results in input order. Results are identical to a
/// single worker's, whatever the number of workers.
///
/// Workers are capped at the cores (more threads than cores only add states and switching) and a worker's
/// state is made when a batch first has work for it: `--jobs 1024` on one record makes one state, not 1024.
public final class WorkerPool<State>: @unchecked Sendable {
    /// Number of workers (threads) used per batch: the jobs asked for, at most ``availableCores``.
    public let jobs: Int
    /// Per-worker state, made on first use; worker `i` only ever touches slot `i`, so no two threads share a
    /// slot.
    private let slots: UnsafeMutableBufferPointer<State?>
    private let makeState: () -> State

    public init(jobs: Int, makeState: @escaping () -> State) {
        self.jobs = max(1, min(jobs, Self.availableCores))
        self.makeState = makeState
        slots = .allocate(capacity: self.jobs)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// The states of the workers used so far, for reading what they gathered once no batch is running.
    public var states: [State] { slots.compactMap { $0 } }

    /// Runs `body` on worker `worker`'s state; only that worker's thread may call it while a batch runs.
    /// Its state must have been made (``prepare(_:)``).
    func withState<Result>(_ worker: Int, _ body: (inout State) -> Result) -> Result { body(&slots[worker]!) }

    /// The number of cores the system reports.
    public static var availableCores: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// Makes the states of workers `0..<count` that do not have one yet (on the calling thread, so that
    /// `makeState` never runs concurrently).
    func prepare(_ count: Int) {
        for index in 0..<count where slots[index] == nil { slots[index] = makeState() }
    }

    /// Applies `work` to every item, spreading them over the workers in small chunks; returns the outputs
    /// in the order of `items`.
    public func map<Item, Output>(_ items: [Item], work: (inout State, Item) -> Output) -> [Output] {
        let chunk = max(1, min(64, items.count / (jobs * 8)))
        // No more workers than chunks of work.
        let workers = min(jobs, (items.count + chunk - 1) / chunk)
        prepare(workers)
        if workers <= 1 {
            return items.map { work(&slots[0]!, $0) }
        }
        let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        let next = Mutex(0)
        let count = items.count
        let jobs = self.jobs
        withoutActuallyEscaping(work) { work in
        let shared = UnsafeShared(pool: self, items: items, results: results, work: work)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            while true {
                // Chunks shrink towards the end of the batch (a share of what remains), so that no worker
                // is left alone with a long last chunk while the others wait for the next batch.
                let (start, size) = next.withLock { value in
                    let size = max(1, min(chunk, (count - value) / (jobs * 4)))
                    defer { value += size }
                    return (value, size)
                }
                guard start < count else { return }
                for index in start..<min(start + size, count) {
                    shared.results[index] = shared.work(&shared.pool.slots[worker]!, shared.items[index])
                }
            }
        }
        }
        // Moved out, not copied: a copy would retain, and the buffer's deinitialization release, every
        // reference an output holds (a cleaned record holds about ten).
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { (buffer.baseAddress! + index).initialize(to: results[index].take()!) }
            initialized = count
        }
    }
}

/// What the worker closures share. Each worker writes only its own state slot and distinct result slots,
/// so the unchecked sendability is sound.
private struct UnsafeShared<State, Item, Output>: @unchecked Sendable {
    let pool: WorkerPool<State>
    let items: [Item]
    let results: UnsafeMutableBufferPointer<Output?>
    let work: (inout State, Item) -> Output
}

#if canImport(Glibc)
import Glibc
#endif
