/// Tight counting loops over bytes, used by size gates and the safety valve.
enum ByteCounting {
    /// 1 for ASCII whitespace (space, tab, LF, VT, FF, CR), else 0.
    private static let isSpace: [UInt8] = (0..<256).map { [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains($0) ? 1 : 0 }

    /// Whitespace-separated words and characters (UTF-8 lead bytes and invalid bytes) of `bytes`.
    static func measure(_ bytes: UnsafeBufferPointer<UInt8>) -> (words: Int, characters: Int) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        var words = 0
        var continuation = 0
        var previousSpace: UInt8 = 1
        return isSpace.withUnsafeBufferPointer { table in
            for index in 0..<bytes.count {
                let byte = base[index]
                let space = table[Int(byte)]
                // A word starts where a non-space byte follows a space (or the start).
                words &+= Int(previousSpace & (space ^ 1))
                continuation &+= Int(truncatingIfNeeded: (byte & 0xC0) == 0x80 ? 1 : 0)
                previousSpace = space
            }
            return (words, bytes.count - continuation)
        }
    }

    /// Like ``measure(_:)``, but stops once the words counted so far exceed `maxWords` or the characters
    /// exceed `maxCharacters` (checked every 64 bytes): counts of a prefix never exceed those of the whole,
    /// so a unit over a size gate is told after about as many bytes as the gate allows. `complete` says
    /// whether every byte was counted (then the counts are exact).
    static func measure(_ bytes: UnsafeBufferPointer<UInt8>, stoppingAbove maxWords: Int, _ maxCharacters: Int)
        -> (words: Int, characters: Int, complete: Bool) {
        guard let base = bytes.baseAddress else { return (0, 0, true) }
        var words = 0
        var continuation = 0
        var previousSpace: UInt8 = 1
        return isSpace.withUnsafeBufferPointer { table in
            var index = 0
            let count = bytes.count
            while index < count {
                let end = min(count, index + 64)
                while index < end {
                    let byte = base[index]
                    let space = table[Int(byte)]
                    words &+= Int(previousSpace & (space ^ 1))
                    continuation &+= Int(truncatingIfNeeded: (byte & 0xC0) == 0x80 ? 1 : 0)
                    previousSpace = space
                    index += 1
                }
                if index < count && (words > maxWords || index - continuation > maxCharacters) {
                    return (words, index - continuation, false)
                }
            }
            return (words, count - continuation, true)
        }
    }

    /// Whitespace-separated words of `bytes`.
    static func words(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { measure($0).words }
    }
}
