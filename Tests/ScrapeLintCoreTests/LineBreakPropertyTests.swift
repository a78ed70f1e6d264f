import Foundation
@testable import ScrapeLintCore
import Testing

/// Deleting lines never changes how many line breaks separate the kept lines, whatever the mix of LF, CRLF
/// and lone CR endings, and leaves no blank line at the end where noise stood.
@Suite struct LineBreakPropertyTests {
    static let rules = try! RuleSet(RuleLoader.parse("""
    rules:
      - id: test-ad
        category: test
        severity: warning
        message: 'ad line'
        description: An ad label on its own line.
        pattern: '^Advertisement$'
        fix: delete-line
        examples: {match: ["Advertisement"], no-match: ["An Advertisement ran."]}
      - id: test-tag
        category: test
        severity: warning
        message: 'tag'
        description: A tag that may be all of a line.
        pattern: ' ?\\[tag\\]'
        fix: delete-match
        examples: {match: ["Text [tag]"], no-match: ["Text"]}
    """, path: "test.yml").rules)

    enum Piece: Equatable {
        case prose(String), noise, blank
    }

    /// Pieces with random endings (LF, CRLF, CR), parsed back as the document parses them.
    static func generate(_ generator: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        var prose = 0
        for _ in 0..<Int.random(in: 1...14, using: &generator) {
            switch Int.random(in: 0..<6, using: &generator) {
            case 0, 1:
                prose += 1
                bytes += Array("Prose line \(prose).".utf8)
            case 2: bytes += Array("Advertisement".utf8)
            case 3: bytes += Array("[tag]".utf8)
            case 4: bytes += Array("Kept \(prose) [tag]".utf8)
            default: bytes += Array(repeating: 0x20, count: Int.random(in: 0...1, using: &generator))
            }
            bytes += GeneratedDocument.endings.randomElement(using: &generator)!
        }
        if Bool.random(using: &generator) { bytes.removeLast() }
        return bytes
    }

    /// The document's lines: nil for a blank line, else the content.
    static func lines(_ bytes: [UInt8]) -> [String?] {
        let document = Document(bytes)
        return document.lines.map { $0.isBlank ? nil : String(decoding: bytes[$0.start..<$0.contentEnd], as: UTF8.self) }
    }

    static let seeds = Array(UInt64(1)...400)

    /// One pass of the applier: every line it keeps is exactly one line of the output (its text with the
    /// pass's byte edits applied), so no two kept lines ever read as one (a kept CR and a kept LF joined
    /// into a CRLF) and no kept line splits. A deleted line that keeps only its last terminator byte (to
    /// turn the lone CR before it into a CRLF) is no line of its own.
    @Test(arguments: seeds) func everyKeptLineIsOneLineOfTheOutput(_ seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let input = Self.generate(&generator)
        let document = Document(input)
        let violations = Checker(ruleSet: Self.rules).check(document).violations.filter { $0.fix != nil }
        let outcome = EditApplier(document: document).apply(violations)
        var expected: [[UInt8]] = []
        // A line is deleted when one span replaces all of it; the spans inside a kept line are its edits.
        for line in document.lines where !outcome.spans.contains(where: { $0.edit.range.lowerBound <= line.start && $0.edit.range.upperBound >= line.end }) {
            var bytes: [UInt8] = []
            var cursor = line.start
            for (edit, _) in outcome.spans where edit.range.lowerBound >= line.start && edit.range.lowerBound < line.end {
                bytes += input[cursor..<min(edit.range.lowerBound, line.contentEnd)] + edit.replacement
                cursor = edit.range.upperBound
            }
            bytes += input[min(cursor, line.contentEnd)..<line.contentEnd]
            // All noise here is visible, so a line of text emptied by an edit would have been deleted whole:
            // such a line is a deletion that keeps its last byte.
            if !(bytes.isEmpty && !line.isBlank) { expected.append(bytes) }
        }
        let output = Document(outcome.bytes)
        let lines = output.lines.map { Array(outcome.bytes[$0.start..<$0.contentEnd]) }
        #expect(lines == expected, "seed \(seed): \(input) -> \(outcome.bytes)")
    }

    /// The whole fix loop: text lines come out in order; blank lines between two kept text lines stay as
    /// they were where no noise stood between them, and paragraphs stay apart where it did; no blank line
    /// is left at the end where noise stood.
    @Test(arguments: seeds) func fixingKeepsTheBreaksBetweenKeptLines(_ seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let input = Self.generate(&generator)
        let output = Fixer(checker: Checker(ruleSet: Self.rules)).fix(input).bytes
        let before = Self.lines(input), after = Self.lines(output)
        let noise: Set<String> = ["Advertisement", "[tag]"]
        let kept = before.compactMap { $0 }.filter { !noise.contains($0) }.map { $0.replacingOccurrences(of: " [tag]", with: "") }
        #expect(after.compactMap { $0 } == kept, "seed \(seed): \(input) -> \(output)")
        let keptIndices = before.indices.filter { before[$0].map { !noise.contains($0) } ?? false }
        let outIndices = after.indices.filter { after[$0] != nil }
        for (pair, outPair) in zip(zip(keptIndices, keptIndices.dropFirst()), zip(outIndices, outIndices.dropFirst())) {
            let between = before[(pair.0 + 1)..<pair.1]
            let blanks = between.filter { $0 == nil }.count
            let outBlanks = outPair.1 - outPair.0 - 1
            if between.count == blanks {
                #expect(outBlanks == blanks, "seed \(seed): \(input) -> \(output)")
            } else {
                #expect((outBlanks > 0) == (blanks > 0), "seed \(seed): \(input) -> \(output)")
            }
        }
        if let last = before.lastIndex(where: { $0 != nil }), noise.contains(before[last]!) {
            #expect(after.last.map { $0 != nil } ?? true, "seed \(seed): \(input) -> \(output)")
        }
    }
}
