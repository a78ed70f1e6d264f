import Foundation
@testable import ScrapeLintCore
import Testing

/// Properties of fixing over generated documents (see ``GeneratedDocument``), with the built-in rules.
@Suite struct FixPropertyTests {
    static let ruleSet = try! RuleSet(try! RuleSources.builtinRules())
    static let seeds: [UInt64] = Array(1...150)

    /// Whether `needles` occur in `haystack` in order, each as contiguous bytes.
    static func containsInOrder(_ haystack: [UInt8], _ needles: [[UInt8]]) -> Bool {
        var start = haystack.startIndex
        for needle in needles {
            guard let found = firstRange(of: needle, in: haystack, from: start) else { return false }
            start = found.upperBound
        }
        return true
    }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty else { return start..<start }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index..<(index + needle.count)
            }
            index += 1
        }
        return nil
    }

    /// Whether `small` is a subsequence of `large`.
    static func isSubsequence(_ small: [UInt8], of large: [UInt8]) -> Bool {
        var iterator = large.makeIterator()
        return small.allSatisfy { byte in
            while let next = iterator.next() { if next == byte { return true } }
            return false
        }
    }

    static func nonWhitespace(_ bytes: [UInt8]) -> [UInt8] { bytes.filter { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } }

    @Test(arguments: seeds) func fixingKeepsProseAddsNothingAndIsIdempotent(_ seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let document = GeneratedDocument(using: &generator)
        let fixer = Fixer(checker: Checker(ruleSet: Self.ruleSet))
        let outcome = fixer.fix(document.bytes)
        #expect(outcome.failures.isEmpty && outcome.unconverged.isEmpty, "seed \(seed)")
        // Bytes outside the edits are preserved: every prose line is intact and in order.
        let proseKept = Self.containsInOrder(outcome.bytes, document.prose)
        #expect(proseKept, "seed \(seed): prose lost")
        // Cleaning never adds text: what is not whitespace comes from the input, in order.
        let nothingAdded = Self.isSubsequence(Self.nonWhitespace(outcome.bytes), of: Self.nonWhitespace(document.bytes))
        #expect(nothingAdded, "seed \(seed): text added")
        // Idempotence, lint/fix agreement, BOM kept, offsets inside the text.
        #expect(RobustnessChecks.lintAndFix(document.bytes, fixer: fixer) == [], "seed \(seed)")
    }
}
