import ScrapeLintCore
import Synchronization
import Testing

@Suite struct WorkerPoolTests {
    /// A state is made per worker that gets work, and workers never outnumber the cores.
    @Test func workersAreCappedAtTheCoresAndStatesMadeOnlyForWork() {
        let made = Mutex(0)
        let pool = WorkerPool(jobs: 1024) { () -> Int in made.withLock { $0 += 1 }; return 0 }
        #expect(pool.jobs == min(1024, WorkerPool<Int>.availableCores))
        #expect(made.withLock { $0 } == 0)
        #expect(pool.map([7]) { state, item in state += 1; return item * 2 } == [14])
        #expect(made.withLock { $0 } == 1)
        let many = Array(0..<10_000)
        #expect(pool.map(many) { state, item in state += 1; return item + 1 } == many.map { $0 + 1 })
        #expect(made.withLock { $0 } <= pool.jobs)
        #expect(pool.states.reduce(0, +) == 10_001)
    }
}
