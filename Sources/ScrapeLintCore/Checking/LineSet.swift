/// A set of line indices of one document, one bit per line: membership and ascending iteration without
/// hashing (the `follows`, `joins` and `min-run` gates of a large text ask about hundreds of thousands of
/// lines; a `Set<Int>` spent more time hashing than the gates spent deciding).
struct LineSet {
    private var words: [UInt64]
    /// The lines it can hold: `0..<count`.
    let count: Int

    /// An empty set of lines below `count`.
    init(count: Int) {
        self.count = count
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    /// The set of `lines` (each below `count`).
    init<Lines: Sequence<Int>>(_ lines: Lines, count: Int) {
        self.init(count: count)
        for line in lines { insert(line) }
    }

    var isEmpty: Bool { !words.contains { $0 != 0 } }

    mutating func insert(_ line: Int) {
        precondition(line >= 0 && line < count, "line \(line) outside the set's 0..<\(count)")
        words[line >> 6] |= 1 << UInt64(line & 63)
    }

    mutating func insert(_ lines: ClosedRange<Int>) {
        for line in lines { insert(line) }
    }

    /// Whether `line` is in the set; false for any index outside `0..<count` (a neighbour of the first or
    /// last line).
    func contains(_ line: Int) -> Bool {
        guard line >= 0 && line < count else { return false }
        return words[line >> 6] & (1 << UInt64(line & 63)) != 0
    }

    /// The smallest line in the set at or after `line`, or nil.
    func next(from line: Int) -> Int? {
        guard line < count else { return nil }
        var index = max(line, 0) >> 6
        var word = words[index] & (~0 << UInt64(max(line, 0) & 63))
        while word == 0 {
            index += 1
            guard index < words.count else { return nil }
            word = words[index]
        }
        return index << 6 + word.trailingZeroBitCount
    }

    /// The largest line in the set, or nil.
    var last: Int? {
        guard let index = words.lastIndex(where: { $0 != 0 }) else { return nil }
        return index << 6 + 63 - words[index].leadingZeroBitCount
    }

    /// The lines in ascending order.
    var sorted: [Int] {
        var lines: [Int] = []
        var line = next(from: 0)
        while let found = line {
            lines.append(found)
            line = next(from: found + 1)
        }
        return lines
    }
}
