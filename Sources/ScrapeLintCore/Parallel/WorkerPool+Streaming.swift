import Dispatch
import Foundation

extension WorkerPool {
    /// Applies `work` to every item on all workers and calls `deliver` with each output in the order of
    /// `items`, on the calling thread, as soon as it and every output before it are done: a slow item holds
    /// back only what follows it, and what precedes it is already delivered (written, for the command line).
    /// At most `window` outputs wait for delivery at once, which bounds memory.
    /// `deliver` returns false to stop: no further item is started, those under way are finished and dropped.
    public func forEach<Item, Output>(_ items: [Item], window: Int? = nil, work: (inout State, Item) -> Output,
                                      deliver: (Output) -> Bool) {
        if jobs == 1 || items.count < 2 {
            if !items.isEmpty { prepare(1) }
            for item in items where !deliver(withState(0) { work(&$0, item) }) { return }
            return
        }
        let window = max(jobs, window ?? jobs * 16)

        let board = DeliveryBoard<Output>(count: items.count, window: window)
        withoutActuallyEscaping(work) { work in
            let shared = StreamShared(pool: self, items: items, work: work, board: board)
            let group = DispatchGroup()
            let workers = min(jobs, items.count)
            prepare(workers)
            for worker in 0..<workers {
                DispatchQueue.global().async(group: group) {
                    while let index = shared.board.claim() {
                        let output = shared.pool.withState(worker) { shared.work(&$0, shared.items[index]) }
                        shared.board.finish(index, output)
                    }
                }
            }
            for index in items.indices {
                guard let output = board.take(index) else { break }
                if !deliver(output) {
                    board.cancel()
                    break
                }
            }
            group.wait()
        }
    }
}

/// What the streaming workers share; each worker touches only its own state slot.
private struct StreamShared<State, Item, Output>: @unchecked Sendable {
    let pool: WorkerPool<State>
    let items: [Item]
    let work: (inout State, Item) -> Output
    let board: DeliveryBoard<Output>
}
