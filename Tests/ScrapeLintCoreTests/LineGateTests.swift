@testable import ScrapeLintCore
import Testing

/// The `follows`, `joins` and `min-run` gates over line bitmaps keep exactly the hits that the `Set<Int>`
/// versions they replaced kept (kept here as the reference), on random documents of blank and non-blank
/// lines with random matched and anchor lines.
@Suite struct LineGateTests {
    typealias Hit = Checker.Hit

    @Test(arguments: 0..<40) func gatesEqualTheSetVersions(_ seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let lineCount = Int.random(in: 1...(seed % 4 == 0 ? 400 : 40), using: &generator)
        let text = (0..<lineCount).map { _ in Int.random(in: 0..<4, using: &generator) == 0 ? "" : "x" }.joined(separator: "\n") + "\n"
        let document = Document(Array(text.utf8))
        let lines = document.lines
        func randomLines(_ share: Int) -> [Int] { lines.indices.filter { _ in Int.random(in: 0..<share, using: &generator) == 0 } }
        // Hits in text order, some lines with two.
        let hitLines = randomLines(Int.random(in: 1...4, using: &generator)).flatMap { line in
            Int.random(in: 0..<5, using: &generator) == 0 ? [line, line] : [line]
        }
        let hits = hitLines.enumerated().map { position, line in
            Hit(range: lines[line].start..<(lines[line].start + (position % 2)), unit: lines[line].start..<lines[line].contentEnd, line: line)
        }
        let anchors = randomLines(Int.random(in: 1...12, using: &generator))
        let anchorSet = LineSet(anchors, count: lines.count)
        #expect(Checker.keepRunsAfter(hits, anchors: anchorSet, lines: lines) == LineGateTests.keepRunsAfter(hits, anchors: Set(anchors), lines: lines))
        #expect(Checker.keepBlocksJoining(hits, anchors: anchorSet) == LineGateTests.keepBlocksJoining(hits, anchors: Set(anchors)))
        for minRun in 2...4 {
            #expect(Checker.keepRuns(hits, minRun: minRun, lines: lines) == LineGateTests.keepRuns(hits, minRun: minRun, lines: lines))
        }
    }

    @Test func lineSetAnswersLikeASet() {
        var generator = SeededGenerator(seed: 7)
        for count in [1, 63, 64, 65, 130, 1000] {
            let members = (0..<count).filter { _ in Bool.random(using: &generator) }
            let set = LineSet(members, count: count)
            #expect(set.sorted == members)
            #expect(set.last == members.last)
            #expect(set.isEmpty == members.isEmpty)
            #expect(!set.contains(-1) && !set.contains(count))
            for line in 0..<count {
                #expect(set.contains(line) == members.contains(line))
                #expect(set.next(from: line) == members.first { $0 >= line })
            }
        }
    }

    // The gates as they were before the bitmaps (commit 3ab0f3d).

    static func keepBlocksJoining(_ hits: [Hit], anchors: Set<Int>) -> [Hit] {
        guard !anchors.isEmpty, !hits.isEmpty else { return [] }
        let matched = Set(hits.map(\.line))
        var keptLines = Set<Int>()
        var block: [Int] = []
        func close() {
            guard let first = block.first, let last = block.last else { return }
            if block.contains(where: anchors.contains) || anchors.contains(first - 1) || anchors.contains(last + 1) {
                keptLines.formUnion(block)
            }
            block = []
        }
        for line in matched.sorted() {
            if let last = block.last, line != last + 1 { close() }
            block.append(line)
        }
        close()
        return hits.filter { keptLines.contains($0.line) }
    }

    static func keepRunsAfter(_ hits: [Hit], anchors: Set<Int>, lines: [Document.Line]) -> [Hit] {
        guard !anchors.isEmpty, !hits.isEmpty else { return [] }
        let matched = Set(hits.map(\.line))
        let last = max(matched.max()!, anchors.max()!)
        var keptLines = Set<Int>()
        var active = false
        for line in 0...min(last, lines.count - 1) where !lines[line].isBlank {
            if matched.contains(line) && active { keptLines.insert(line) }
            if anchors.contains(line) {
                active = true
            } else if !matched.contains(line) {
                active = false
            }
        }
        return hits.filter { keptLines.contains($0.line) }
    }

    static func keepRuns(_ hits: [Hit], minRun: Int, lines: [Document.Line]) -> [Hit] {
        let matchedLines = Array(Set(hits.map(\.line))).sorted()
        var keptLines = Set<Int>()
        var run: [Int] = []
        func close() {
            if run.count >= minRun { keptLines.formUnion(run) }
            run = []
        }
        for line in matchedLines {
            if let last = run.last {
                let between = (last + 1)..<line
                if !between.allSatisfy({ lines[$0].isBlank }) { close() }
            }
            run.append(line)
        }
        close()
        return hits.filter { keptLines.contains($0.line) }
    }
}
