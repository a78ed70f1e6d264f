/// Tight counting loops over bytes, used by size gates and the safety valve.
///
/// Eight bytes at a time in one 64-bit word (SWAR): a space mask per byte (space, tab, LF, VT, FF, CR) and
/// a continuation-byte mask, whose high bits are summed lane by lane. About five times the byte-at-a-time
/// loop on a large text, with exactly its counts (the tests compare the two on every byte value).
enum ByteCounting {
    /// Whitespace-separated words and characters (UTF-8 lead bytes and invalid bytes) of `bytes`.
    static func measure(_ bytes: UnsafeBufferPointer<UInt8>) -> (words: Int, characters: Int) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        var counter = Counter()
        counter.count(base, 0..<bytes.count)
        return (counter.words, bytes.count - counter.continuation)
    }

    /// Like ``measure(_:)``, but stops once the words counted so far exceed `maxWords` or the characters
    /// exceed `maxCharacters` (checked every 64 bytes): counts of a prefix never exceed those of the whole,
    /// so a unit over a size gate is told after about as many bytes as the gate allows. `complete` says
    /// whether every byte was counted (then the counts are exact).
    static func measure(_ bytes: UnsafeBufferPointer<UInt8>, stoppingAbove maxWords: Int, _ maxCharacters: Int)
        -> (words: Int, characters: Int, complete: Bool) {
        guard let base = bytes.baseAddress else { return (0, 0, true) }
        var counter = Counter()
        var index = 0
        let count = bytes.count
        while index < count {
            let end = min(count, index + 64)
            counter.count(base, index..<end)
            index = end
            if index < count && (counter.words > maxWords || index - counter.continuation > maxCharacters) {
                return (counter.words, index - counter.continuation, false)
            }
        }
        return (counter.words, count - counter.continuation, true)
    }

    /// Whitespace-separated words of `bytes`.
    static func words(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { measure($0).words }
    }

    /// Whether `bytes` hold at least `minimum` words, counted only as far as needed (64 KiB at a time).
    static func hasWords(_ bytes: [UInt8], atLeast minimum: Int) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return minimum <= 0 }
            var counter = Counter()
            var index = 0
            while index < buffer.count {
                if counter.words >= minimum { return true }
                let end = min(buffer.count, index + 65_536)
                counter.count(base, index..<end)
                index = end
            }
            return counter.words >= minimum
        }
    }

    /// The byte-at-a-time count that ``measure(_:)`` must equal (for the tests).
    static func referenceMeasure(_ bytes: [UInt8]) -> (words: Int, characters: Int) {
        var words = 0
        var continuation = 0
        var previousSpace = true
        for byte in bytes {
            let space = [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains(byte)
            if previousSpace && !space { words += 1 }
            if byte & 0xC0 == 0x80 { continuation += 1 }
            previousSpace = space
        }
        return (words, bytes.count - continuation)
    }

    /// Running counts over consecutive pieces of one text: a word starts where a non-space byte follows a
    /// space or the start.
    private struct Counter {
        var words = 0
        var continuation = 0
        /// 1 when the byte before the next one counted is a space (or there is none).
        private var previousSpace: UInt64 = 1

        private static let ones: UInt64 = 0x0101_0101_0101_0101
        private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        private static let high: UInt64 = 0x8080_8080_8080_8080

        /// Counts `range` of `base`, which follows the bytes counted before.
        mutating func count(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) {
            let raw = UnsafeRawPointer(base)
            var index = range.lowerBound
            let end = range.upperBound
            let ones = Counter.ones, low7 = Counter.low7, high = Counter.high
            while index + 8 <= end {
                // A lane gains at most one per step: 254 steps leave every lane below 256.
                var wordLanes: UInt64 = 0
                var continuationLanes: UInt64 = 0
                let stop = min(end - 8, index + 8 * 253)
                while index <= stop {
                    let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    // High bit of each byte that is 0x20 (exact zero-byte test of x ^ 0x20...).
                    let blank = x ^ (0x20 &* ones)
                    let isBlank = ~(((blank & low7) &+ low7) | blank) & high
                    // High bit of each byte in 0x09...0x0D: at least 9, at most 13, and below 0x80.
                    let low = x & low7
                    let isControl = (low &+ (0x80 - 9) &* ones) & ((0x8D &* ones) &- low) & ~x & high
                    let space = isBlank | isControl
                    let spaceBefore = (space << 8) | (previousSpace << 7)
                    wordLanes &+= (spaceBefore & ~space & high) >> 7
                    // 10xxxxxx: the high bit set and the next one clear.
                    continuationLanes &+= (x & ~(x << 1) & high) >> 7
                    previousSpace = space >> 63
                    index += 8
                }
                words &+= Counter.laneSum(wordLanes)
                continuation &+= Counter.laneSum(continuationLanes)
            }
            while index < end {
                let byte = base[index]
                let space: UInt64 = byte == 0x20 || (byte &- 9) < 5 ? 1 : 0
                words &+= Int(previousSpace & (space ^ 1))
                if byte & 0xC0 == 0x80 { continuation &+= 1 }
                previousSpace = space
                index += 1
            }
        }

        /// The sum of the eight byte lanes of `lanes` (each below 256).
        @inline(__always)
        private static func laneSum(_ lanes: UInt64) -> Int {
            let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
            return Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
        }
    }
}
