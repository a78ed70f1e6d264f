import Foundation

/// Hands out item indices to workers, holds finished outputs until their turn, and keeps at most
/// `window` items between the next to deliver and the last claimed.
final class DeliveryBoard<Output>: @unchecked Sendable {
    private let condition = NSCondition()
    private var outputs: [Int: Output] = [:]
    private var nextClaim = 0
    private var nextDelivery = 0
    private var cancelled = false
    private let count: Int
    private let window: Int

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// The next item to work on, waiting while the window is full; nil when all are claimed.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && nextClaim < count && nextClaim - nextDelivery >= window { condition.wait() }
        guard !cancelled, nextClaim < count else { return nil }
        defer { nextClaim += 1 }
        return nextClaim
    }

    func finish(_ index: Int, _ output: Output) {
        condition.lock()
        outputs[index] = output
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for item `index` (the next in order) and removes it; nil once cancelled.
    func take(_ index: Int) -> Output? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && outputs[index] == nil { condition.wait() }
        guard !cancelled else { return nil }
        nextDelivery = index + 1
        condition.broadcast()
        return outputs.removeValue(forKey: index)
    }

    /// Starts no further item.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

