/// Finds the valid UTF-8 in a byte buffer once, so that PCRE2 can match with `PCRE2_NO_UTF_CHECK`.
enum UTF8Validation {
    /// The maximal valid ranges of `bytes`, in order. Invalid bytes (truncated sequences, overlongs, lone
    /// continuation bytes, encoded surrogates, bytes above U+10FFFF) fall between the ranges.
    static func validSegments(of bytes: [UInt8]) -> [Range<Int>] {
        if bytes.isEmpty { return [0..<0] }
        var segments: [Range<Int>] = []
        var start = 0
        let span = bytes.span
        while start < bytes.count {
            do {
                _ = try UTF8Span(validating: span.extracting(start..<bytes.count))
                segments.append(start..<bytes.count)
                break
            } catch {
                let bad = error.byteOffsets
                if bad.lowerBound > 0 { segments.append(start..<(start + bad.lowerBound)) }
                start += bad.upperBound
            }
        }
        return segments
    }
}
