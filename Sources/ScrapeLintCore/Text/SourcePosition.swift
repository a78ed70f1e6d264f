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
        positions(of: [offset])[0]
    }

    /// The line and column of each of `offsets` (in their order), found in one walk over each line they
    /// touch: many offsets on one long line cost one pass over it, not one pass each.
    public func positions(of offsets: [Int]) -> [SourcePosition] {
        var result = [SourcePosition](repeating: SourcePosition(line: 1, column: 1), count: offsets.count)
        guard !lines.isEmpty else { return result }
        var line = -1
        // The walk so far on `line`: whole columns up to `cursor`, which starts column `column`.
        var cursor = 0
        var column = 1
        for slot in offsets.indices.sorted(by: { offsets[$0] < offsets[$1] }) {
            let offset = offsets[slot]
            let index = lineIndex(containing: offset)
            if index != line {
                line = index
                cursor = max(lines[index].start, 0)
                column = 1
            }
            var found = column
            while cursor < offset && cursor < bytes.count {
                let end = columnEnd(from: cursor, limit: bytes.count)
                found += 1
                // A column that goes on past the offset counts once; the walk stays at its start.
                guard end <= offset else { break }
                cursor = end
                column = found
            }
            result[slot] = SourcePosition(line: index + 1, column: found)
        }
        return result
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
