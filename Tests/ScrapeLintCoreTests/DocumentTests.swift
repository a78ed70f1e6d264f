@testable import ScrapeLintCore
import Testing

@Suite struct DocumentTests {
    @Test func splitsLinesAtLFCRLFAndCR() {
        let document = Document(Array("a\nb\r\nc\rd".utf8))
        #expect(document.lines.map { [$0.start, $0.contentEnd, $0.end] } == [[0, 1, 2], [2, 3, 5], [5, 6, 7], [7, 8, 8]])
    }

    @Test func bomBelongsToNoLine() {
        let document = Document([0xEF, 0xBB, 0xBF] + Array("x\n".utf8))
        #expect(document.contentStart == 3)
        #expect(document.lines.first?.start == 3)
    }

    @Test func paragraphsAreSeparatedByBlankLines() {
        let document = Document(Array("a\nb\n\n \t\nc\n".utf8))
        #expect(document.paragraphs.map(\.lines) == [0..<2, 4..<5])
        #expect(document.paragraphs.map(\.range) == [0..<3, 8..<9])
    }

    @Test func validSegmentsSkipInvalidBytes() {
        let document = Document([0x61, 0xFF, 0x62, 0xC3, 0xA9, 0xC3])
        #expect(document.validSegments == [0..<1, 2..<5])
        #expect(!document.isValidUTF8)
        #expect(Document(Array("é".utf8)).isValidUTF8)
    }

    /// Validating only the runs of non-ASCII bytes finds the segments that validating the whole text finds:
    /// truncated, overlong, surrogate and out-of-range sequences, lone continuation bytes, at every position
    /// (next to ASCII, at the ends, across an eight-byte word).
    @Test func validSegmentsEqualValidatingTheWholeText() {
        var generator = SeededGenerator(seed: 21)
        let pieces: [[UInt8]] = [[0x61], [0x20, 0x0A], Array("é".utf8), Array("€".utf8), Array("𝄞".utf8), [0xC3], [0xE2, 0x82],
                                 [0xF0, 0x9D, 0x84], [0x80], [0xBF, 0xBF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                 [0xFF], [0xFE, 0x61], Array("abcdefgh".utf8), [UInt8](repeating: 0x62, count: 17)]
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                bytes += Int.random(in: 0..<5, using: &generator) == 0 ? [UInt8.random(in: 0x80...0xFF, using: &generator)]
                    : pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            #expect(UTF8Validation.validSegments(of: bytes) == UTF8Validation.referenceSegments(of: bytes), "\(bytes)")
        }
    }

    @Test func positionsCountCharactersFromOne() {
        let document = Document(Array("é\nxé€y".utf8))
        #expect(document.position(of: 0) == SourcePosition(line: 1, column: 1))
        #expect(document.position(of: 3) == SourcePosition(line: 2, column: 1))
        // x(1) é(2 bytes) €(3 bytes) -> y at byte 9 is column 4
        #expect(document.position(of: 9) == SourcePosition(line: 2, column: 4))
    }
}

@Suite struct ByteCountingTests {
    @Test func countsWordsAndCharacters() {
        func measure(_ text: String) -> (Int, Int) {
            let bytes = Array(text.utf8)
            let result = bytes.withUnsafeBufferPointer { ByteCounting.measure($0) }
            return (result.words, result.characters)
        }
        #expect(measure("") == (0, 0))
        #expect(measure("  one\ttwo\r\nthree  ") == (3, 18))
        #expect(measure("héllo wörld €") == (3, 13))
        #expect(ByteCounting.words(Array("a b  c\n".utf8)) == 3)
    }

    /// The eight-bytes-at-a-time count equals the byte-at-a-time one on every byte value, at every length
    /// and alignment (lane sums of long runs included), and the stopping count decides gates alike.
    @Test func wordCountsEqualTheByteLoop() {
        var generator = SeededGenerator(seed: 13)
        var bytes: [UInt8] = []
        for _ in 0..<6000 {
            let pick = Int.random(in: 0..<4, using: &generator)
            bytes.append(pick == 0 ? UInt8.random(in: 0...255, using: &generator)
                : [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x08, 0x0E, 0x1F, 0x21, 0x80, 0xBF, 0xC3, 0xA0, 0x89, 0x8D, 0x61][Int.random(in: 0..<17, using: &generator)])
        }
        // Long runs of one kind: a lane sum over many steps.
        bytes += [UInt8](repeating: 0x61, count: 4000) + Array(String(repeating: "a ", count: 3000).utf8)
            + Array(String(repeating: "é", count: 3000).utf8) + [UInt8](repeating: 0x20, count: 3000)
        for _ in 0..<3000 {
            let start = Int.random(in: 0..<bytes.count, using: &generator)
            let length = Int.random(in: 0...min(Int.random(in: 0..<2) == 0 ? 40 : 5000, bytes.count - start), using: &generator)
            let piece = Array(bytes[start..<(start + length)])
            let expected = ByteCounting.referenceMeasure(piece)
            let measured = piece.withUnsafeBufferPointer { ByteCounting.measure($0) }
            #expect(measured.words == expected.words && measured.characters == expected.characters, "at \(start), \(length) bytes")
            let maxWords = Int.random(in: 0...200, using: &generator), maxChars = Int.random(in: 0...2000, using: &generator)
            let stopped = piece.withUnsafeBufferPointer { ByteCounting.measure($0, stoppingAbove: maxWords, maxChars) }
            let over = expected.words > maxWords || expected.characters > maxChars
            #expect(stopped.complete ? (stopped.words == expected.words && stopped.characters == expected.characters) : over)
            #expect((stopped.words > maxWords || stopped.characters > maxChars) == over)
        }
        #expect(ByteCounting.words(bytes) == ByteCounting.referenceMeasure(bytes).words)
    }
}

@Suite struct DocumentPositionTests {
    /// Positions found together (one walk per line) equal positions found one at a time by counting the
    /// columns from the line start, for every offset of a text with multi-byte characters, invalid and
    /// truncated sequences, a BOM and every line ending.
    @Test func batchPositionsEqualCountingFromTheLineStart() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("é\r\nx€y\rz".utf8) + [0xE2, 0x82, 0x61, 0xFF, 0x0A, 0xF0, 0x9F, 0x98, 0x80, 0x62]
        let document = Document(bytes)
        func counted(_ offset: Int) -> SourcePosition {
            let index = document.lineIndex(containing: offset)
            var cursor = document.lines[index].start
            var column = 1
            while cursor < offset {
                cursor = document.columnEnd(from: cursor, limit: offset)
                column += 1
            }
            return SourcePosition(line: index + 1, column: column)
        }
        let offsets = Array((0...bytes.count).reversed()) + [5, 5, 0]
        #expect(document.positions(of: offsets) == offsets.map(counted))
    }

    /// Texts without CR take a `memchr` path: its lines equal a byte-by-byte split (LF ends a line; blank
    /// is spaces and tabs only), with and without a final LF, a BOM, blank and whitespace-only lines.
    @Test(arguments: 0..<20)
    func lfOnlyLinesEqualAByteByByteSplit(_ seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) &+ 31)
        var bytes = SearchExactnessTests.lfOnly(GeneratedDocument(using: &generator, blocks: 6).bytes)
        bytes += seed % 2 == 0 ? Array(" \t\n\n  x".utf8) : Array("\n \t \n".utf8)
        if seed % 3 == 0 { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var expected: [Document.Line] = []
        var lineStart = start
        for index in start..<bytes.count where bytes[index] == 0x0A {
            expected.append(Document.Line(start: lineStart, contentEnd: index, end: index + 1,
                                          isBlank: bytes[lineStart..<index].allSatisfy { $0 == 0x20 || $0 == 0x09 }))
            lineStart = index + 1
        }
        if lineStart < bytes.count {
            expected.append(Document.Line(start: lineStart, contentEnd: bytes.count, end: bytes.count,
                                          isBlank: bytes[lineStart...].allSatisfy { $0 == 0x20 || $0 == 0x09 }))
        }
        #expect(Document(bytes).lines == expected)
        #expect(Document.lineCount(bytes, from: start) == expected.count)
    }
}
