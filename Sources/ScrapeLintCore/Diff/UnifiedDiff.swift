/// Unified diffs of two byte texts, split into lines at LF as `patch` and `git apply` see them (a line
/// keeps its terminator, so CRLF and CR bytes pass through untouched).
public enum UnifiedDiff {
    /// The diff of `old` and `new` with `context` lines around each change, headed `--- oldLabel` and
    /// `+++ newLabel`; empty when the texts are equal.
    public static func make(old: [UInt8], new: [UInt8], oldLabel: String, newLabel: String, context: Int = 3) -> [UInt8] {
        guard old != new else { return [] }
        let oldLines = splitLines(old)
        let newLines = splitLines(new)
        let operations = editScript(oldLines, newLines)
        var output: [UInt8] = Array("--- \(oldLabel)\n+++ \(newLabel)\n".utf8)
        var before = (old: 0, new: 0, operations: 0)
        for hunk in hunks(operations, context: context) {
            // Lines before the hunk, counted once for all hunks (a count per hunk would be quadratic).
            for operation in operations[before.operations..<hunk.lowerBound] {
                switch operation {
                case .equal: before.old += 1; before.new += 1
                case .delete: before.old += 1
                case .insert: before.new += 1
                }
            }
            before.operations = hunk.lowerBound
            output.append(contentsOf: header(hunk, operations: operations, oldBefore: before.old, newBefore: before.new).utf8)
            for operation in operations[hunk] {
                let line: ArraySlice<UInt8>
                switch operation {
                case .equal(let oldIndex, _):
                    output.append(UInt8(ascii: " "))
                    line = oldLines[oldIndex]
                case .delete(let oldIndex):
                    output.append(UInt8(ascii: "-"))
                    line = oldLines[oldIndex]
                case .insert(let newIndex):
                    output.append(UInt8(ascii: "+"))
                    line = newLines[newIndex]
                }
                output.append(contentsOf: line)
                if line.last != 0x0A { output.append(contentsOf: Array("\n\\ No newline at end of file\n".utf8)) }
            }
        }
        return output
    }

    enum Operation: Equatable {
        case equal(Int, Int)
        case delete(Int)
        case insert(Int)
    }

    static func splitLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// The longest stretch (old plus new lines) given to Myers' algorithm.
    static let myersLimit = 2000

    /// An edit script between the line lists: equal lines are walked in step; at each difference the next
    /// point where both sides agree again is found in a window that grows as needed, and only the lines
    /// in between go through Myers' algorithm (from the standard library). Fixes change few lines far
    /// apart, so this stays linear on large texts where Myers over the whole text, O(N·D), would not end.
    static func editScript(_ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>]) -> [Operation] {
        var operations: [Operation] = []
        operations.reserveCapacity(max(old.count, new.count))
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                operations.append(.equal(i, j))
                i += 1
                j += 1
                continue
            }
            let (oldEnd, newEnd) = resynchronize(old, new, from: i, j)
            operations += myers(old, i..<oldEnd, new, j..<newEnd)
            i = oldEnd
            j = newEnd
        }
        return operations
    }

    /// The nearest pair of equal lines at or after `i` and `j` (smallest sum of distances, preferring a
    /// pair followed by another equal pair), or the ends of both lists when there is none.
    static func resynchronize(_ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>], from i: Int, _ j: Int) -> (Int, Int) {
        func confirmed(_ a: Int, _ b: Int) -> Bool { a + 1 == old.count || b + 1 == new.count || old[a + 1] == new[b + 1] }
        // Near pairs first, by direct comparison: hashing byte slices costs more than most differences need.
        for cost in 0...16 {
            for a in 0...cost where i + a < old.count && j + cost - a < new.count {
                if old[i + a] == new[j + cost - a] && confirmed(i + a, j + cost - a) { return (i + a, j + cost - a) }
            }
        }
        var window = 64
        while true {
            let oldLimit = min(old.count, i + window)
            let newLimit = min(new.count, j + window)
            var firstInNew: [ArraySlice<UInt8>: Int] = [:]
            for index in (j..<newLimit).reversed() { firstInNew[new[index]] = index }
            var best: (Int, Int)?
            var bestConfirmed: (Int, Int)?
            for index in i..<oldLimit {
                guard let match = firstInNew[old[index]] else { continue }
                let cost = (index - i) + (match - j)
                if best.map({ cost < ($0.0 - i) + ($0.1 - j) }) ?? true { best = (index, match) }
                if confirmed(index, match), bestConfirmed.map({ cost < ($0.0 - i) + ($0.1 - j) }) ?? true { bestConfirmed = (index, match) }
            }
            if let pair = bestConfirmed ?? best { return pair }
            if oldLimit == old.count && newLimit == new.count { return (old.count, new.count) }
            window *= 4
        }
    }

    /// Myers' shortest edit script between two stretches of lines, in absolute line numbers. Its cost grows
    /// with the product of the stretch and the number of changes, so a stretch that is one-sided or longer
    /// than ``myersLimit`` lines is simply deleted and inserted (a correct, larger diff).
    static func myers(_ old: [ArraySlice<UInt8>], _ oldRange: Range<Int>, _ new: [ArraySlice<UInt8>], _ newRange: Range<Int>) -> [Operation] {
        if oldRange.isEmpty || newRange.isEmpty || oldRange.count + newRange.count > myersLimit {
            return oldRange.map { Operation.delete($0) } + newRange.map { Operation.insert($0) }
        }
        var ids: [ArraySlice<UInt8>: Int] = [:]
        let oldIDs = old[oldRange].map { line in ids[line] ?? { ids[line] = ids.count; return ids.count - 1 }() }
        let newIDs = new[newRange].map { line in ids[line] ?? { ids[line] = ids.count; return ids.count - 1 }() }
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in newIDs.difference(from: oldIDs) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var operations: [Operation] = []
        var i = 0
        var j = 0
        while i < oldIDs.count || j < newIDs.count {
            if i < oldIDs.count, removed.contains(i) {
                operations.append(.delete(oldRange.lowerBound + i)); i += 1
            } else if j < newIDs.count, inserted.contains(j) {
                operations.append(.insert(newRange.lowerBound + j)); j += 1
            } else {
                operations.append(.equal(oldRange.lowerBound + i, newRange.lowerBound + j)); i += 1; j += 1
            }
        }
        return operations
    }

    /// Ranges of operations forming hunks: each change with up to `context` equal lines around it, hunks
    /// closer than twice the context merged.
    static func hunks(_ operations: [Operation], context: Int) -> [Range<Int>] {
        var hunks: [Range<Int>] = []
        var index = 0
        while index < operations.count {
            guard case .equal = operations[index] else {
                var end = index
                // Extend while the next change is within 2 * context equal lines.
                var cursor = index
                while cursor < operations.count {
                    if case .equal = operations[cursor] {
                        var run = cursor
                        while run < operations.count, case .equal = operations[run] { run += 1 }
                        if run == operations.count || run - cursor > 2 * context { break }
                        cursor = run
                    } else {
                        end = cursor
                        cursor += 1
                    }
                }
                let lower = max(0, index - context)
                let upper = min(operations.count, end + 1 + context)
                hunks.append(lower..<upper)
                index = upper
                continue
            }
            index += 1
        }
        return hunks
    }

    /// The `@@` line of a hunk; `oldBefore` and `newBefore` count the lines before it (to place a side of
    /// zero lines).
    static func header(_ hunk: Range<Int>, operations: [Operation], oldBefore: Int, newBefore: Int) -> String {
        var oldStart: Int?
        var newStart: Int?
        var oldCount = 0
        var newCount = 0
        for operation in operations[hunk] {
            switch operation {
            case .equal(let o, let n):
                oldStart = oldStart ?? o; newStart = newStart ?? n; oldCount += 1; newCount += 1
            case .delete(let o):
                oldStart = oldStart ?? o; oldCount += 1
            case .insert(let n):
                newStart = newStart ?? n; newCount += 1
            }
        }
        let oldLabel = oldCount == 0 ? "\(oldBefore),0" : "\((oldStart ?? 0) + 1),\(oldCount)"
        let newLabel = newCount == 0 ? "\(newBefore),0" : "\((newStart ?? 0) + 1),\(newCount)"
        return "@@ -\(oldLabel) +\(newLabel) @@\n"
    }
}
