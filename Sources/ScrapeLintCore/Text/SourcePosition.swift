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
            cursor = columnEnd(from: cursor, limit: offset)
            column += 1
        }
        return SourcePosition(line: index + 1, column: column)
    }

    /// The end of the column that starts at byte `offset`: a lead byte and the continuation bytes it
    /// announces (up to `limit`), or one byte of anything else. Positions and excerpts both step by it, so
    /// a caret always lands under the column a position names.
    func columnEnd(from offset: Int, limit: Int) -> Int {
        let byte = bytes[offset]
        var cursor = offset + 1
        let expected = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0
        var taken = 0
        while taken < expected, cursor < limit, cursor < bytes.count, bytes[cursor] & 0xC0 == 0x80 {
            cursor += 1
            taken += 1
        }
        return cursor
    }
}
