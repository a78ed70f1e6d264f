/// How the lines and paragraphs of a fixed text relate to the text it was fixed from, so that the fix
/// loop's next pass matches only what changed.
///
/// A class: each rule's collection gets it, and a struct of seven arrays would be retained and released
/// seven times per rule per record.
final class ReusePlan {
    let previous: Document
    /// For each previous line: the new line that copies it byte for byte (terminator included), or nil.
    let newLine: IndexTable
    /// New lines that copy no previous line: they must be matched.
    let changedLines: [Int]
    /// For each previous paragraph: the new paragraph made of exactly its lines, unchanged, or nil.
    let newParagraph: IndexTable
    /// New paragraphs that are not an unchanged previous paragraph.
    let changedParagraphs: [Int]

    /// `lineOrigins[i]` claims that new line `i` copies previous line `lineOrigins[i]`; each claim is
    /// checked byte for byte here, so a wrong claim only costs reuse, never correctness.
    init(document: Document, previous: Document, lineOrigins: IndexTable) {
        self.previous = previous
        var newLine = IndexTable(count: previous.lines.count)
        var origin = IndexTable(count: document.lines.count)
        var changed: [Int] = []
        let isFirstLineShifted = document.contentStart != previous.contentStart
        // Both texts' bytes are borrowed once for the whole loop, not twice per line.
        document.bytes.withUnsafeBufferPointer { newBytes in
            previous.bytes.withUnsafeBufferPointer { oldBytes in
                for (index, line) in document.lines.enumerated() {
                    if index < lineOrigins.count, let old = lineOrigins[index], old < previous.lines.count,
                       !(isFirstLineShifted && (index == 0 || old == 0)),
                       newLine[old] == nil,
                       ReusePlan.sameBytes(newBytes, line, oldBytes, previous.lines[old]) {
                        newLine[old] = index
                        origin[index] = old
                    } else {
                        changed.append(index)
                    }
                }
            }
        }
        self.newLine = newLine
        changedLines = changed

        var newParagraph = IndexTable(count: previous.paragraphs.count)
        var changedParagraphs: [Int] = []
        for (index, paragraph) in document.paragraphs.enumerated() {
            var reused = false
            if let first = origin[paragraph.lines.lowerBound],
               let old = ReusePlan.paragraphIndex(in: previous, where: { $0.lines.lowerBound }, is: first),
               previous.paragraphs[old].lines.count == paragraph.lines.count,
               paragraph.lines.allSatisfy({ origin[$0] == first + ($0 - paragraph.lines.lowerBound) }) {
                newParagraph[old] = index
                reused = true
            }
            if !reused { changedParagraphs.append(index) }
        }
        self.newParagraph = newParagraph
        self.changedParagraphs = changedParagraphs
    }

    /// The previous paragraph starting at byte `offset` (a binary search: paragraphs are in text order).
    func previousParagraph(startingAt offset: Int) -> Int? {
        ReusePlan.paragraphIndex(in: previous, where: { $0.range.lowerBound }, is: offset)
    }

    /// The index of the paragraph of `document` whose `key` (ascending with the index) is `value`.
    private static func paragraphIndex(in document: Document, where key: (Document.Paragraph) -> Int, is value: Int) -> Int? {
        var low = 0, high = document.paragraphs.count
        while low < high {
            let mid = (low + high) / 2
            if key(document.paragraphs[mid]) < value { low = mid + 1 } else { high = mid }
        }
        return low < document.paragraphs.count && key(document.paragraphs[low]) == value ? low : nil
    }

    private static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ lineA: Document.Line, _ b: UnsafeBufferPointer<UInt8>,
                                  _ lineB: Document.Line) -> Bool {
        let countA = lineA.end - lineA.start
        guard countA == lineB.end - lineB.start, lineA.contentEnd - lineA.start == lineB.contentEnd - lineB.start else { return false }
        return countA == 0 || memcmp(a.baseAddress! + lineA.start, b.baseAddress! + lineB.start, countA) == 0
    }
}

#if canImport(Glibc)
import Glibc
#endif
