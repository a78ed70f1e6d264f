/// Finds the valid UTF-8 in a byte buffer once, so that PCRE2 can match with `PCRE2_NO_UTF_CHECK`.
enum UTF8Validation {
    /// The maximal valid ranges of `bytes`, in order. Invalid bytes (truncated sequences, overlongs, lone
    /// continuation bytes, encoded surrogates, bytes above U+10FFFF) fall between the ranges.
    ///
    /// ASCII is skipped eight bytes at a time and only the runs of bytes of 0x80 and above are validated:
    /// no sequence, valid or not, goes across an ASCII byte, so each run is judged as the whole text would
    /// be (the tests compare with validating the whole text).
    static func validSegments(of bytes: [UInt8]) -> [Range<Int>] {
        if bytes.isEmpty { return [0..<0] }
        var segments: [Range<Int>] = []
        var segmentStart = 0
        let span = bytes.span
        var index = 0
        while let run = bytes.withUnsafeBufferPointer({ nonASCIIRun($0, from: index) }) {
            var start = run.lowerBound
            while start < run.upperBound {
                do {
                    _ = try UTF8Span(validating: span.extracting(start..<run.upperBound))
                    break
                } catch {
                    let bad = error.byteOffsets
                    if start + bad.lowerBound > segmentStart { segments.append(segmentStart..<(start + bad.lowerBound)) }
                    segmentStart = start + bad.upperBound
                    start = segmentStart
                }
            }
            index = run.upperBound
        }
        if segmentStart < bytes.count { segments.append(segmentStart..<bytes.count) }
        return segments
    }

    /// The maximal ranges as found by validating the whole text (what ``validSegments(of:)`` must equal).
    static func referenceSegments(of bytes: [UInt8]) -> [Range<Int>] {
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

    /// The first run of bytes of 0x80 and above at or after `start`, up to the next ASCII byte; nil when
    /// only ASCII follows.
    private static func nonASCIIRun(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        guard let base = buffer.baseAddress else { return nil }
        let count = buffer.count
        var index = start
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            let high = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian & 0x8080_8080_8080_8080
            if high != 0 {
                index += high.trailingZeroBitCount / 8
                break
            }
            index += 8
        }
        while index < count && base[index] < 0x80 { index += 1 }
        guard index < count else { return nil }
        var end = index + 1
        while end < count && base[end] >= 0x80 { end += 1 }
        return index..<end
    }
}
