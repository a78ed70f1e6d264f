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

    /// Whitespace-separated words of `bytes`.
    static func words(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { measure($0).words }
    }
}
