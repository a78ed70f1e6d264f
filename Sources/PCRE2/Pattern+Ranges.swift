import CPCRE2

extension Pattern {
    /// The byte range of the first match in `subject` at or after `start`, without building a ``Match``
    /// (no allocation): for callers that need only where a match lies. The capture groups of that match
    /// stay readable with ``groups(in:)`` until the scratch is used again.
    ///
    /// Same contract as ``firstMatch(in:from:options:limits:scratch:)``.
    public func firstMatchRange(
        in subject: UnsafeBufferPointer<UInt8>,
        from start: Int = 0,
        options: MatchOptions = [],
        limits: MatchLimits = .default,
        scratch: MatchScratch
    ) throws(PCRE2Error) -> Range<Int>? {
        precondition(scratch.pairCapacity > captureCount, "scratch too small for this pattern")
        scratch.apply(limits)
        let base = subject.baseAddress ?? UnsafePointer(bitPattern: 1)!
        // The JIT entry point skips pcre2_match's option checks; it is only for JIT-compiled code.
        let result = isJITCompiled
            ? pcre2_jit_match_8(code, base, subject.count, start, options.rawValue, scratch.matchData, scratch.context)
            : pcre2_match_8(code, base, subject.count, start, options.rawValue | PCRE2_NO_UTF_CHECK, scratch.matchData, scratch.context)
        if result == PCRE2_ERROR_NOMATCH { return nil }
        if result < 0 { throw PCRE2Error.fromMatch(code: result) }
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
        // `\K` can put the start after the end; treat such a match as empty at its end.
        return min(ovector[0], ovector[1])..<ovector[1]
    }

    /// The groups of the match ``firstMatchRange(in:from:options:limits:scratch:)`` found last with
    /// `scratch`, shifted by `offset` (`groups[0]` is the whole match; nil for a group that did not take part).
    public func groups(in scratch: MatchScratch, shiftedBy offset: Int = 0) -> [Range<Int>?] {
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
        let unset = Int(bitPattern: UInt.max)
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(captureCount + 1)
        for group in 0...captureCount {
            let lower = ovector[2 * group]
            let upper = ovector[2 * group + 1]
            groups.append(lower == unset ? nil : (min(lower, upper) + offset)..<(upper + offset))
        }
        return groups
    }

    /// Calls `body` with the range of every non-overlapping match in `subject` from `start`, in order, as
    /// ``forEachMatch(in:from:options:limits:scratch:_:)`` does but without building a ``Match`` per match
    /// (``groups(in:shiftedBy:)`` reads a match's groups inside `body`). `body` returns false to stop early.
    public func forEachMatchRange(
        in subject: UnsafeBufferPointer<UInt8>,
        from start: Int = 0,
        options: MatchOptions = [],
        limits: MatchLimits = .default,
        scratch: MatchScratch,
        _ body: (Range<Int>) throws(PCRE2Error) -> Bool
    ) throws(PCRE2Error) {
        var position = start
        while position <= subject.count {
            guard let range = try firstMatchRange(in: subject, from: position, options: options, limits: limits, scratch: scratch)
            else { return }
            guard try body(range) else { return }
            position = range.isEmpty ? Pattern.nextCharacter(in: subject, after: range.upperBound) : range.upperBound
        }
    }
}
