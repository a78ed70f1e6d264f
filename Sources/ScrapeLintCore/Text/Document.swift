#if canImport(Glibc)
import Glibc
#endif

/// An input text as bytes, with the structure the engine needs: where the BOM ends, where each line starts
/// and ends, which byte ranges are valid UTF-8, and where the paragraphs are.
///
/// Nothing here decodes the text: offsets are byte offsets into ``bytes``. Lines end at LF, CRLF or a lone
/// CR. A UTF-8 byte order mark at the very start belongs to no line, so rules never see it and fixes never
/// remove it.
public struct Document: Sendable {
    /// The text exactly as read.
    public let bytes: [UInt8]
    /// Byte offset where the content starts: 3 after a UTF-8 BOM, else 0.
    public let contentStart: Int
    /// Every line, in order. A text of zero content bytes has no lines.
    public let lines: [Line]
    /// The maximal ranges of valid UTF-8 (ascending, disjoint), covering everything but invalid bytes.
    public let validSegments: [Range<Int>]
    /// Byte ranges of the paragraphs: runs of non-blank lines, from the first line's start to the last
    /// line's content end.
    public let paragraphs: [Paragraph]

    /// One line: `start..<contentEnd` is its text, `contentEnd..<end` its terminator (empty on a last line
    /// without one).
    ///
    /// Stored in 16 bytes (the start, and the content's length, the terminator's length and the blank flag
    /// packed in one word), not 32: a large text has millions of lines and the fix loop holds two documents
    /// (issue 13 item 6). A line may be of any length (up to 2^61 bytes).
    public struct Line: Hashable, Sendable {
        public let start: Int
        /// The content's length in the high 61 bits, the terminator's length (0, 1 or 2) in bits 1-2, the
        /// blank flag in bit 0.
        private let packed: UInt64

        init(start: Int, contentEnd: Int, end: Int, isBlank: Bool) {
            self.start = start
            packed = UInt64(contentEnd - start) << 3 | UInt64(end - contentEnd) << 1 | (isBlank ? 1 : 0)
        }

        public var contentEnd: Int { start + Int(packed >> 3) }
        public var end: Int { contentEnd + Int((packed >> 1) & 0x03) }
        /// True when the content is empty or only spaces and tabs.
        public var isBlank: Bool { packed & 1 != 0 }
    }

    /// A paragraph: the lines `lines` (indices into ``Document/lines``) and their byte range.
    public struct Paragraph: Hashable, Sendable {
        public let lines: Range<Int>
        public let range: Range<Int>
    }

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        contentStart = hasBOM ? 3 : 0
        lines = Document.splitLines(bytes, from: contentStart)
        validSegments = UTF8Validation.validSegments(of: bytes)
        paragraphs = Document.findParagraphs(lines)
    }

    /// True when every byte is part of valid UTF-8.
    public var isValidUTF8: Bool {
        validSegments.count == 1 && validSegments[0] == 0..<bytes.count || bytes.isEmpty
    }

    /// The index of the line holding byte `offset` (the last line for an offset at the very end).
    public func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lines.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lines[mid].start <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The paragraph holding line `index`, or nil for a blank line (binary search).
    public func paragraph(containingLine index: Int) -> Paragraph? {
        var low = 0
        var high = paragraphs.count
        while low < high {
            let mid = (low + high) / 2
            if paragraphs[mid].lines.upperBound <= index { low = mid + 1 } else { high = mid }
        }
        return low < paragraphs.count && paragraphs[low].lines.contains(index) ? paragraphs[low] : nil
    }

    static func splitLines(_ bytes: [UInt8], from start: Int) -> [Line] {
        var lines: [Line] = []
        // The exact count first (a fast scan): a guess would reserve megabytes too many on a large text.
        let expected = lineCount(bytes, from: start)
        lines.reserveCapacity(expected)
        defer { assert(lines.count == expected, "lineCount and splitLines disagree") }
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, start < buffer.count else { return }
            // Most texts have LF line ends only: then `memchr` finds each line end, and only the first
            // bytes of a line are read to tell whether it is blank.
            if memchr(base + start, 0x0D, buffer.count - start) == nil {
                var lineStart = start
                let count = buffer.count
                while lineStart < count {
                    let found = memchr(base + lineStart, 0x0A, count - lineStart)
                    let contentEnd = found.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? count
                    var first = lineStart
                    while first < contentEnd && (base[first] == 0x20 || base[first] == 0x09) { first += 1 }
                    let end = found == nil ? count : contentEnd + 1
                    lines.append(Line(start: lineStart, contentEnd: contentEnd, end: end, isBlank: first == contentEnd))
                    lineStart = end
                }
                return
            }
            var lineStart = start
            var blank = true
            var index = start
            let count = buffer.count
            while index < count {
                let byte = buffer[index]
                if byte == 0x0A || byte == 0x0D {
                    let end = byte == 0x0D && index + 1 < count && buffer[index + 1] == 0x0A ? index + 2 : index + 1
                    lines.append(Line(start: lineStart, contentEnd: index, end: end, isBlank: blank))
                    lineStart = end
                    index = end
                    blank = true
                    continue
                }
                if byte != 0x20 && byte != 0x09 { blank = false }
                index += 1
            }
            if lineStart < count {
                lines.append(Line(start: lineStart, contentEnd: count, end: count, isBlank: blank))
            }
        }
        return lines
    }

    /// How many lines ``splitLines(_:from:)`` finds: LF, CRLF and lone CR end one; a last line may have none.
    static func lineCount(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            // Without CR: the LFs, found with `memchr`, plus a last line without one.
            if let base = buffer.baseAddress, start < buffer.count, memchr(base + start, 0x0D, buffer.count - start) == nil {
                var count = 0
                var position = base + start
                var remaining = buffer.count - start
                while remaining > 0, let found = memchr(position, 0x0A, remaining) {
                    count += 1
                    let next = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) + 1
                    remaining -= next - position
                    position = UnsafePointer(next)
                }
                return count + (buffer[buffer.count - 1] != 0x0A ? 1 : 0)
            }
            var count = 0
            var index = start
            var last: UInt8 = 0x0A
            while index < buffer.count {
                let byte = buffer[index]
                // A CR followed by LF ends one line, counted at the LF.
                if byte == 0x0A || (byte == 0x0D && (index + 1 == buffer.count || buffer[index + 1] != 0x0A)) { count += 1 }
                last = byte
                index += 1
            }
            return count + (index > start && last != 0x0A && last != 0x0D ? 1 : 0)
        }
    }

    static func findParagraphs(_ lines: [Line]) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        // Reserved at the exact count (each starts at a non-blank line after a blank one, or the first).
        var count = 0
        var previousBlank = true
        for line in lines {
            if !line.isBlank && previousBlank { count += 1 }
            previousBlank = line.isBlank
        }
        paragraphs.reserveCapacity(count)
        var first: Int?
        for (index, line) in lines.enumerated() {
            if line.isBlank {
                if let start = first {
                    paragraphs.append(Paragraph(lines: start..<index, range: lines[start].start..<lines[index - 1].contentEnd))
                    first = nil
                }
            } else if first == nil {
                first = index
            }
        }
        if let start = first {
            paragraphs.append(Paragraph(lines: start..<lines.count, range: lines[start].start..<lines[lines.count - 1].contentEnd))
        }
        return paragraphs
    }
}
