import Foundation
#if Vectorscan
import CVectorscan
#endif

/// One scan of a whole document with the rule set's Vectorscan database, done when the first rule asks:
/// for each expression, the lines (line rules) or paragraphs (paragraph rules) holding the end of one of
/// its matches. Only for documents that are valid UTF-8 with LF line ends (Vectorscan's multiline `^` and
/// `$` know only LF; invalid bytes are not for its UTF-8 mode): for others ``units(_:)`` says nil and the
/// per-line prefilters are used.
final class MultiPatternPass {
    #if Vectorscan
    private let database: VectorscanDatabase
    private let scratch: VectorscanScratch
    #endif
    private let document: Document
    private let buffer: UnsafeBufferPointer<UInt8>
    /// Per expression: whether it belongs to a paragraph rule (its units are paragraphs).
    private let isParagraphSlot: [Bool]
    private let covered: [Bool]
    private var units: [[Int]]?
    private var eligible: Bool?

    #if Vectorscan
    /// `covered`: per expression, whether the database covers it (``PrefilterProvider/covers(_:)``), asked
    /// once per database by the caller rather than per document.
    init(database: VectorscanDatabase, scratch: VectorscanScratch, covered: [Bool], document: Document,
         buffer: UnsafeBufferPointer<UInt8>, isParagraphSlot: [Bool]) {
        self.database = database
        self.scratch = scratch
        self.document = document
        self.buffer = buffer
        self.isParagraphSlot = isParagraphSlot
        self.covered = covered
    }
    #else
    private init?() { return nil }
    #endif

    /// The candidate units of expression `slot`, ascending; nil when this document or this expression is not
    /// searched with the database.
    func units(_ slot: Int) -> [Int]? {
        guard covered[slot] else { return nil }
        if eligible == nil {
            eligible = MultiPatternPass.isScannable(byteCount: buffer.count) && document.isValidUTF8
                && (buffer.isEmpty || memchr(buffer.baseAddress!, 0x0D, buffer.count) == nil)
        }
        guard eligible == true else { return nil }
        if units == nil { units = scan() }
        return units![slot]
    }

    /// Whether a document of `byteCount` bytes can be scanned: Vectorscan takes a length of 32 bits, so a
    /// document of 4 GiB or more is searched with the per-line prefilters instead.
    static func isScannable(byteCount: Int) -> Bool { byteCount < Int(UInt32.max) }

    private func scan() -> [[Int]] {
        var found = [[Int]](repeating: [], count: isParagraphSlot.count)
        #if Vectorscan
        let lines = document.lines
        guard !lines.isEmpty else { return found }
        let base = document.contentStart
        let subject = UnsafeBufferPointer(rebasing: buffer[base...])
        // Match ends arrive in ascending order in practice; a cursor over the lines makes each one O(1),
        // with a binary search when an end lies before the cursor.
        var cursor = 0
        var lastLine = [Int](repeating: -1, count: isParagraphSlot.count)
        var ordered = true
        let paragraphOfLine = isParagraphSlot.contains(true) ? paragraphIndexByLine() : []
        database.scan(subject, scratch: scratch) { id, end in
            let slot = Int(id)
            let offset = base + end - 1
            if offset < lines[cursor].start {
                cursor = document.lineIndex(containing: offset)
            } else {
                while cursor + 1 < lines.count, lines[cursor + 1].start <= offset { cursor += 1 }
            }
            if lastLine[slot] == cursor { return true }
            if cursor < lastLine[slot] { ordered = false }
            lastLine[slot] = cursor
            if isParagraphSlot[slot] {
                guard let paragraph = paragraphOfLine[cursor] else { return true }
                if found[slot].last != paragraph { found[slot].append(paragraph) }
            } else {
                found[slot].append(cursor)
            }
            return true
        }
        if !ordered { found = found.map { Array(Set($0)).sorted() } }
        #endif
        return found
    }

    private func paragraphIndexByLine() -> [Int?] {
        var result = [Int?](repeating: nil, count: document.lines.count)
        for (index, paragraph) in document.paragraphs.enumerated() {
            for line in paragraph.lines { result[line] = index }
        }
        return result
    }
}
