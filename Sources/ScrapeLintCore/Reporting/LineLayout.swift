/// How one line is laid out in display cells (see ``Excerpt``), measured in one pass over the line. It keeps
/// the byte offset and display column of every ``stride``-th column, so that the cells before any offset and
/// the text of any window are found by walking at most ``stride`` columns, not the line: many excerpts of
/// one long line cost one pass over it.
struct LineLayout {
    let line: Document.Line
    /// Display cells of the whole line.
    let width: Int
    /// Byte offsets of every `stride`-th column start, and the display cells before each.
    private var checkpointStarts: [Int] = []
    private var checkpointCells: [Int] = []

    static let stride = 64

    init(_ line: Document.Line, in document: Document) {
        self.line = line
        var cursor = line.start
        var cells = 0
        var columns = 0
        while cursor < line.contentEnd {
            if columns % Self.stride == 0 {
                checkpointStarts.append(cursor)
                checkpointCells.append(cells)
            }
            let end = document.columnEnd(from: cursor, limit: line.contentEnd)
            cells += Excerpt.width(of: document.bytes[cursor..<end], atColumn: cells)
            cursor = end
            columns += 1
        }
        width = cells
    }

    /// Display cells taken by the columns that start before `offset`.
    func cells(before offset: Int, in document: Document) -> Int {
        // The last checkpoint that starts before the offset.
        var low = 0
        var high = checkpointStarts.count
        while low < high {
            let mid = (low + high) / 2
            if checkpointStarts[mid] < offset { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return 0 }
        var cursor = checkpointStarts[low - 1]
        var cells = checkpointCells[low - 1]
        while cursor < offset && cursor < line.contentEnd {
            let end = document.columnEnd(from: cursor, limit: line.contentEnd)
            cells += Excerpt.width(of: document.bytes[cursor..<end], atColumn: cells)
            cursor = end
        }
        return cells
    }

    /// The text of the columns that lie wholly within display cells `window`.
    func text(of window: Range<Int>, in document: Document) -> String {
        // The last checkpoint before the window starts (or the first), so that no column of it is missed.
        var low = 0
        var high = checkpointCells.count
        while low < high {
            let mid = (low + high) / 2
            if checkpointCells[mid] < window.lowerBound { low = mid + 1 } else { high = mid }
        }
        guard !checkpointStarts.isEmpty else { return "" }
        let checkpoint = max(0, low - 1)
        var cursor = checkpointStarts[checkpoint]
        var cells = checkpointCells[checkpoint]
        var text = ""
        while cursor < line.contentEnd && cells <= window.upperBound {
            let end = document.columnEnd(from: cursor, limit: line.contentEnd)
            let (shown, width) = Excerpt.display(document.bytes[cursor..<end], atColumn: cells)
            if cells >= window.lowerBound && cells + width <= window.upperBound { text += shown }
            cells += width
            cursor = end
        }
        return text
    }
}
