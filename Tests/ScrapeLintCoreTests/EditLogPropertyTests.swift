import Foundation
@testable import ScrapeLintCore
import Testing

/// The edit log over random documents and every built-in rule: fix -> log -> read back -> revert gives the
/// input byte for byte, and the composed edits never need the composer's fallback. The shapes that broke
/// it (a blank-run replacement meeting a deleted line and the blank lines tidied around it, in one pass or
/// across passes) are drawn often. Bounded to a few seconds; `scripts/fuzz editlog SECONDS` runs the same
/// check on fuzzed bytes for as long as wanted.
@Suite struct EditLogPropertyTests {
    static let ruleSet = try! RuleSet(try! RuleSources.builtinRules())

    static func fixer() -> Fixer {
        var fixer = Fixer(checker: Checker(ruleSet: ruleSet), maxRemovedShare: nil)
        fixer.recordsEdits = true
        return fixer
    }

    /// A document of lines drawn from prose, noise (the built-in rules' examples), noise inside prose,
    /// blank lines and whitespace-only lines, with any line ending, sometimes a BOM, sometimes no final
    /// line ending.
    static func shapes(_ generator: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = Int.random(in: 0..<6, using: &generator) == 0 ? [0xEF, 0xBB, 0xBF] : []
        let endings: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]
        let mixed = Int.random(in: 0..<3, using: &generator) == 0
        let fixed = endings.randomElement(using: &generator)!
        for _ in 0..<Int.random(in: 1...16, using: &generator) {
            var line: [UInt8]
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<2: line = Array(GeneratedDocument.proseLines.randomElement(using: &generator)!.utf8)
            case 2..<5: line = Array(GeneratedDocument.noiseLines.randomElement(using: &generator)!.utf8)
            case 5:
                line = Array(GeneratedDocument.proseLines.randomElement(using: &generator)!.utf8) + [0x20]
                    + Array(GeneratedDocument.noiseLines.randomElement(using: &generator)!.utf8)
            case 6: line = Array(repeating: 0x20, count: Int.random(in: 1...3, using: &generator))
            default: line = []
            }
            var ending = mixed ? endings.randomElement(using: &generator)! : fixed
            // A CR then an LF would read as one CRLF: keep blank lines blank.
            if line.isEmpty, bytes.last == 0x0D, ending == [0x0A] { ending = [0x0D, 0x0A] }
            bytes += line + ending
        }
        if Bool.random(using: &generator), bytes.last == 0x0A || bytes.last == 0x0D {
            bytes.removeLast()
            if bytes.last == 0x0D { bytes.removeLast() }
        }
        return bytes
    }

    @Test func theIssueExampleRoundTrips() {
        let input = Array("Prose.\n\n\n\nAdvertisement\n".utf8)
        #expect(RobustnessChecks.editLogRoundTrip(input, fixer: Self.fixer()) == [])
    }

    @Test func randomDocumentsRoundTripWithEveryBuiltinRule() {
        let fixer = Self.fixer()
        let deadline = Date().addingTimeInterval(4)
        var documents = 0, changed = 0
        for seed in UInt64(1)... {
            var generator = SeededGenerator(seed: seed)
            let bytes = seed % 2 == 0 ? Self.shapes(&generator) : GeneratedDocument(using: &generator).bytes
            let problems = RobustnessChecks.editLogRoundTrip(bytes, fixer: fixer)
            #expect(problems == [], "seed \(seed): \(Array(bytes))")
            documents += 1
            if fixer.fix(bytes).bytes != bytes { changed += 1 }
            if !problems.isEmpty || (documents >= 200 && Date() > deadline) || documents >= 2000 { break }
        }
        #expect(documents >= 200)
        #expect(changed * 2 > documents, "most documents are changed: \(changed) of \(documents)")
    }
}
