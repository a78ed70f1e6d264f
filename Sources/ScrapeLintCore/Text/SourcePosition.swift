/// A 1-based line and column, computed only when something is shown to a person. The column counts
/// characters (Unicode scalars; an invalid byte counts as one).
public struct SourcePosition: Hashable, Sendable, Comparable {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

extension Document {
    /// The line and column of byte `offset`.
    public func position(of offset: Int) -> SourcePosition {
        guard !lines.isEmpty else { return SourcePosition(line: 1, column: 1) }
        let index = lineIndex(containing: offset)
        let start = max(lines[index].start, 0)
        var column = 1
        var cursor = start
        while cursor < offset && cursor < bytes.count {
            let byte = bytes[cursor]
            cursor += 1
            // Skip the continuation bytes of a well-formed sequence; anything else counts as one column.
            let expected = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0
            var taken = 0
            while taken < expected, cursor < offset, bytes[cursor] & 0xC0 == 0x80 {
                cursor += 1
                taken += 1
            }
            column += 1
        }
        return SourcePosition(line: index + 1, column: column)
    }
}
