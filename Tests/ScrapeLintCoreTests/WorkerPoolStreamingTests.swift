import Dispatch
import Foundation
import Synchronization
@testable import ScrapeLintCore
import Testing

/// The streaming pool delivers each output in input order as soon as it and those before it are done.
@Suite struct WorkerPoolStreamingTests {
    @Test func outputsComeInInputOrder() {
        let pool = WorkerPool(jobs: 2) { 0 }
        var delivered: [Int] = []
        pool.forEach(Array(0..<500)) { count, item in
            count += 1
            if item % 7 == 0 { usleep(200) }
            return item * 2
        } deliver: { output in
            delivered.append(output)
            return true
        }
        #expect(delivered == (0..<500).map { $0 * 2 })
        #expect(pool.states.reduce(0, +) == 500)
    }

    /// The first output is delivered while a later item is still being worked on (a slow file must not hold
    /// back the results before it).
    @Test func anEarlierOutputIsDeliveredWhileALaterItemRuns() {
        let pool = WorkerPool(jobs: 2) { () }
        let firstDelivered = DispatchSemaphore(value: 0)
        let sawDelivery = Mutex(false)
        pool.forEach([0, 1]) { _, item in
            if item == 1 {
                let signalled = firstDelivered.wait(timeout: .now() + 10) == .success
                sawDelivery.withLock { $0 = signalled }
            }
            return item
        } deliver: { output in
            if output == 0 { firstDelivered.signal() }
            return true
        }
        #expect(sawDelivery.withLock { $0 })
    }

    @Test func deliveryCanStopTheRun() {
        let pool = WorkerPool(jobs: 2) { 0 }
        var delivered = 0
        pool.forEach(Array(0..<10_000)) { count, item in
            count += 1
            return item
        } deliver: { _ in
            delivered += 1
            return delivered < 10
        }
        #expect(delivered == 10)
        #expect(pool.states.reduce(0, +) < 10_000)
    }
}
