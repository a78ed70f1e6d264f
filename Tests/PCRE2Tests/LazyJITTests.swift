import Dispatch
import Synchronization
@testable import PCRE2
import Testing

/// Patterns are JIT-compiled on their first match, not when compiled, and exactly once however many threads
/// match at the same moment.
@Suite struct LazyJITTests {
    @Test func theJITStepWaitsForTheFirstMatch() throws {
        let pattern = try Pattern(#"\p{Lu}\p{Ll}+"#)
        #expect(pattern.isJITPending == Pattern.jitAvailable)
        let shared = Pattern(sharing: pattern)
        let bytes = Array("José".utf8)
        let match = try bytes.withUnsafeBufferPointer { try shared.firstMatch(in: $0, scratch: MatchScratch(captureCount: 0)) }
        #expect(match?.range == 0..<5)
        // The handle's match compiled the code that both handles run.
        #expect(!pattern.isJITPending && pattern.isJITCompiled == Pattern.jitAvailable)
        let plain = try Pattern("x", jit: false)
        #expect(!plain.isJITPending && !plain.isJITCompiled)
    }

    @Test func threadsMatchingAFreshPatternAtOnceAllGetTheMatch() throws {
        let text = Array((String(repeating: "noise ", count: 50) + "REUTERS/José Luis").utf8)
        for _ in 0..<20 {
            let pattern = try Pattern(#"REUTERS/\S+(?: \p{Lu}\p{Ll}+)*"#)
            let handles = (0..<8).map { _ in Pattern(sharing: pattern) }
            let found = Results(count: handles.count)
            DispatchQueue.concurrentPerform(iterations: handles.count) { index in
                let scratch = MatchScratch(captureCount: 0)
                let range = text.withUnsafeBufferPointer { try? handles[index].firstMatch(in: $0, scratch: scratch) }??.range
                found.set(index, range)
            }
            #expect(found.all == Array(repeating: 300..<318, count: handles.count))
            #expect(pattern.isJITCompiled == Pattern.jitAvailable)
        }
    }
}

/// One slot per thread, written under a lock.
private final class Results: Sendable {
    private let values: Mutex<[Range<Int>?]>

    init(count: Int) { values = Mutex(Array(repeating: nil, count: count)) }
    func set(_ index: Int, _ value: Range<Int>?) { values.withLock { $0[index] = value } }
    var all: [Range<Int>?] { values.withLock { $0 } }
}
