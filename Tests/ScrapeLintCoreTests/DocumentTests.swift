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
