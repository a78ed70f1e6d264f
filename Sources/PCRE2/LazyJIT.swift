import CPCRE2
import Synchronization

/// The JIT compile of one compiled pattern, done on its first match (by whichever thread gets there first,
/// the others waiting) instead of at compile time: most rules never run on a small document (the search
/// stage's prefilters rule them out), and JIT-compiling all of them was a sixth of start-up. Shared by every
/// handle on the same code (``Pattern/init(sharing:)``).
final class LazyJIT: Sendable {
    private enum State: UInt8 {
        case pending = 0, compiled = 1, interpreted = 2
    }

    private let state: Atomic<UInt8>
    private let lock = Mutex(())

    /// `wanted`: JIT-compile on first use (where the platform has a JIT); otherwise the interpreter runs.
    init(wanted: Bool) {
        state = Atomic(wanted && Pattern.jitAvailable ? State.pending.rawValue : State.interpreted.rawValue)
    }

    /// True while the JIT compile has not been tried.
    var isPending: Bool { state.load(ordering: .acquiring) == State.pending.rawValue }

    /// Runs `body` while no JIT compile can start (a match by the interpreter of code that may be JIT-compiled
    /// at the same time by another thread would race with it).
    func withoutCompiling<T>(_ body: () -> T) -> T {
        lock.withLock { _ in body() }
    }

    /// Whether `code` runs JIT-compiled, compiling it now when that has not been tried yet. A JIT failure
    /// (out of memory, say) leaves the interpreter, silently, as at compile time before.
    func isCompiled(_ code: OpaquePointer) -> Bool {
        let known = state.load(ordering: .acquiring)
        if known != State.pending.rawValue { return known == State.compiled.rawValue }
        return lock.withLock { _ in
            // Another thread may have compiled it while this one waited; pcre2_jit_compile writes to the
            // code, so it runs at most once and never while a match reads it.
            let again = state.load(ordering: .acquiring)
            if again != State.pending.rawValue { return again == State.compiled.rawValue }
            let compiled = pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE) == 0
            state.store(compiled ? State.compiled.rawValue : State.interpreted.rawValue, ordering: .releasing)
            return compiled
        }
    }
}
