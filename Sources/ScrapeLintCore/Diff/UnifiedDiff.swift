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
        for hunk in hunks(operations, context: context) {
            output.append(contentsOf: header(hunk, operations: operations).utf8)
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

    /// The shortest edit script (Myers, from the standard library) between the line lists, after trimming
    /// the common head and tail.
    static func editScript(_ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>]) -> [Operation] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        var ids: [ArraySlice<UInt8>: Int] = [:]
        let oldIDs = old[prefix..<(old.count - suffix)].map { line in ids[line] ?? { ids[line] = ids.count; return ids.count - 1 }() }
        let newIDs = new[prefix..<(new.count - suffix)].map { line in ids[line] ?? { ids[line] = ids.count; return ids.count - 1 }() }
        let difference = newIDs.difference(from: oldIDs)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var operations: [Operation] = (0..<prefix).map { .equal($0, $0) }
        var i = 0
        var j = 0
        while i < oldIDs.count || j < newIDs.count {
            if i < oldIDs.count, removed.contains(i) {
                operations.append(.delete(prefix + i)); i += 1
            } else if j < newIDs.count, inserted.contains(j) {
                operations.append(.insert(prefix + j)); j += 1
            } else {
                operations.append(.equal(prefix + i, prefix + j)); i += 1; j += 1
            }
        }
        let oldTail = old.count - suffix
        let newTail = new.count - suffix
        for offset in 0..<suffix { operations.append(.equal(oldTail + offset, newTail + offset)) }
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

    static func header(_ hunk: Range<Int>, operations: [Operation]) -> String {
        var oldStart: Int?
        var newStart: Int?
        var oldCount = 0
        var newCount = 0
        var oldBefore = 0
        var newBefore = 0
        // Lines before the hunk, to place zero-length sides.
        for operation in operations[..<hunk.lowerBound] {
            switch operation {
            case .equal: oldBefore += 1; newBefore += 1
            case .delete: oldBefore += 1
            case .insert: newBefore += 1
            }
        }
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
