import CPCRE2

/// Per-thread mutable state for matching: the match data (ovector), a match context carrying limits, and a
/// JIT stack. Compiled patterns are shared between threads; a scratch must not be.
public final class MatchScratch {
    let matchData: OpaquePointer
    let context: OpaquePointer
    let jitStack: OpaquePointer?
    /// The number of capture pairs the match data holds.
    let pairCapacity: Int
    private var appliedLimits: MatchLimits?

    /// Creates scratch space able to hold `captureCount` capture groups (plus the whole match).
    public init(captureCount: Int) {
        pairCapacity = captureCount + 1
        matchData = pcre2_match_data_create_8(UInt32(pairCapacity), nil)
        context = pcre2_match_context_create_8(nil)
        // A JIT stack larger than the 32 KiB default, so that sane patterns on long lines do not fail.
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// Sets the limits on the match context, skipping the calls when they are unchanged.
    func apply(_ limits: MatchLimits) {
        guard appliedLimits != limits else { return }
        pcre2_set_match_limit_8(context, limits.match)
        pcre2_set_depth_limit_8(context, limits.depth)
        pcre2_set_heap_limit_8(context, limits.heapKiB)
        appliedLimits = limits
    }
}
