@testable import ScrapeLintCore
import Testing

/// Nothing in a document's tables caps a line at 4 GiB or a document at 2^32 lines (they used to hit a
/// precondition and crash the run): each 4-byte table widens or falls back. Pinned without such a file.
@Suite struct HugeDocumentTests {
    @Test func aLineOfMoreThan4GiBKeepsItsLength() {
        let length = 5 << 30
        let line = Document.Line(start: 7, contentEnd: 7 + length, end: 7 + length + 2, isBlank: false)
        #expect(line.start == 7)
        #expect(line.contentEnd == 7 + length)
        #expect(line.end == 7 + length + 2)
        #expect(!line.isBlank)
        let blank = Document.Line(start: 1 << 40, contentEnd: (1 << 40) + (1 << 33), end: (1 << 40) + (1 << 33) + 1, isBlank: true)
        #expect([blank.contentEnd, blank.end] == [(1 << 40) + (1 << 33), (1 << 40) + (1 << 33) + 1])
        #expect(blank.isBlank)
    }

    @Test func anIndexTableWidensForIndicesOf2To32AndMore() {
        var table = IndexTable(count: 4)
        table[0] = 3
        table[2] = 5_000_000_000
        #expect(table.isWide)
        #expect((0..<4).map { table[$0] } == [3, nil, 5_000_000_000, nil])
        table[2] = nil
        #expect((0..<4).map { table[$0] } == [3, nil, nil, nil])
        var narrow = IndexTable(count: 2)
        narrow[1] = Int(UInt32.max) - 1
        #expect(!narrow.isWide && narrow[1] == Int(UInt32.max) - 1 && narrow[0] == nil)
    }

    /// A document past the lists' limit (lowered here) is searched and fixed exactly as below it.
    @Test func documentsPastTheFourByteLimitsAreCheckedAndFixedTheSame() {
        let ruleSet = BuiltinRuleTests.ruleSet
        for seed in 0..<4 {
            var generator = SeededGenerator(seed: UInt64(seed) &+ 4_200)
            let text = GeneratedDocument(using: &generator, blocks: 24).bytes
            let normal = Checker(ruleSet: ruleSet), lowered = Checker(ruleSet: ruleSet)
            normal.disableVectorscan()
            lowered.disableVectorscan()
            lowered.narrowLineLimit = 0
            let document = Document(text)
            #expect(lowered.check(document) == normal.check(document), "seed \(seed)")
            #expect(Fixer(checker: lowered).fix(text).bytes == Fixer(checker: normal).fix(text).bytes, "seed \(seed)")
        }
        var table = IndexTable(count: 3, narrowLimit: 2)
        table[1] = 2
        #expect(table.isWide && table[1] == 2 && table[0] == nil)
    }

    @Test func documentsOf4GiBOrMoreAreNotGivenToVectorscan() {
        #expect(MultiPatternPass.isScannable(byteCount: Int(UInt32.max) - 1))
        #expect(!MultiPatternPass.isScannable(byteCount: Int(UInt32.max)))
        #expect(!MultiPatternPass.isScannable(byteCount: 5 << 30))
    }
}
