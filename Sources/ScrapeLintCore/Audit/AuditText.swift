/// Pieces of text for people to read in the review report and the comparison: bytes cut at character
/// boundaries and decoded (invalid bytes shown as U+FFFD), with a little context around a range.
enum AuditText {
    /// `bytes[range]` decoded, its ends moved inward off UTF-8 continuation bytes.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        var start = range.lowerBound, end = range.upperBound
        while start < end, start > 0, bytes[start] & 0xC0 == 0x80 { start += 1 }
        while end > start, end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The context before and after `range`: the rest of its lines and one line more on each side, at
    /// most `limit` bytes each way.
    static func context(_ bytes: [UInt8], around range: Range<Int>, limit: Int = 240) -> (before: String, after: String) {
        var start = range.lowerBound
        var newlines = 0
        while start > 0, range.lowerBound - start < limit {
            if bytes[start - 1] == 0x0A {
                newlines += 1
                if newlines == 2 { break }
            }
            start -= 1
        }
        var end = range.upperBound
        newlines = 0
        while end < bytes.count, end - range.upperBound < limit {
            if bytes[end] == 0x0A {
                newlines += 1
                if newlines == 2 { break }
            }
            end += 1
        }
        return (decode(bytes, start..<range.lowerBound), decode(bytes, range.upperBound..<end))
    }
}
