@testable import ScrapeLintCore
import Testing

@Suite struct FixerTests {
    private let deleteLine = ruleFile("pattern: '^NOISE$'\nfix: delete-line")

    @Test func deletedLinesLeaveNoBlankDebris() throws {
        let rules = try ruleSet(deleteLine)
        #expect(fixed(rules, "NOISE\n\nA\n\nNOISE\n\nB\n\nNOISE\n\nNOISE") == "A\n\nB\n")
        #expect(fixed(rules, "A\nNOISE\nB\n") == "A\nB\n")
        #expect(fixed(rules, "A\n\n\nNOISE\nB") == "A\n\n\nB")
    }

    @Test func preExistingBlankLinesStay() throws {
        let rules = try ruleSet(deleteLine)
        #expect(fixed(rules, "\n\nA\n\n\n\nB\n\n") == "\n\nA\n\n\n\nB\n\n")
    }

    @Test func keptLinesKeepTheirTerminators() throws {
        let rules = try ruleSet(deleteLine)
        #expect(fixed(rules, "A\r\n\r\nNOISE\r\n\r\nB\rNOISE") == "A\r\n\r\nB\r")
    }

    @Test func deleteMatchThatEmptiesALineRemovesTheLine() throws {
        let rules = try ruleSet(ruleFile(#"pattern: 'Advertisement'"# + "\nfix: delete-match"))
        #expect(fixed(rules, "A\n\n  Advertisement \n\nB Advertisement\n") == "A\n\nB \n")
    }

    @Test func replaceUsesGroups() throws {
        let rules = try ruleSet(ruleFile(#"pattern: '(\w+)\x{A0}(\w+)'"# + "\nfix: replace\nreplacement: '$1 $2'"))
        #expect(fixed(rules, "a\u{A0}b c\u{A0}d") == "a b c d")
    }

    @Test func overlappingFixesWaitForTheNextPass() throws {
        let yaml = "rules:\n" + [
            ruleFile("id: first\npattern: 'ab'\nfix: replace\nreplacement: 'x'"),
            ruleFile("id: second\npattern: 'bc'\nfix: replace\nreplacement: 'y'"),
            ruleFile("id: third\npattern: 'xc'\nfix: replace\nreplacement: 'z'"),
        ].map { $0.replacingOccurrences(of: "rules:\n", with: "") }.joined()
        let outcome = Fixer(checker: Checker(ruleSet: try ruleSet(yaml))).fix(Array("abc".utf8))
        #expect(String(decoding: outcome.bytes, as: UTF8.self) == "z")
        #expect(outcome.fixedCounts == ["first": 1, "third": 1])
        #expect(outcome.unconverged.isEmpty)
    }

    @Test func cycleHitsTheCapAndNamesTheRules() throws {
        let yaml = "rules:\n" + [
            ruleFile("id: to-b\npattern: 'a'\nfix: replace\nreplacement: 'b'"),
            ruleFile("id: to-a\npattern: 'b'\nfix: replace\nreplacement: 'a'"),
        ].map { $0.replacingOccurrences(of: "rules:\n", with: "") }.joined()
        let outcome = Fixer(checker: Checker(ruleSet: try ruleSet(yaml)), maxPasses: 4).fix(Array("a".utf8))
        #expect(outcome.unconverged == ["to-b"] || outcome.unconverged == ["to-a"])
    }

    @Test func fixingIsIdempotentAndKeepsInvalidBytes() throws {
        let rules = try ruleSet(deleteLine)
        let input: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("NOISE\n".utf8) + [0xFF, 0x0A] + Array("NOISE\nok".utf8) + [0xC3]
        let fixer = Fixer(checker: Checker(ruleSet: rules))
        let once = fixer.fix(input).bytes
        #expect(once == [0xEF, 0xBB, 0xBF, 0xFF, 0x0A] + Array("ok".utf8) + [0xC3])
        #expect(fixer.fix(once).bytes == once)
    }

    @Test func paragraphDeletion() throws {
        let rules = try ruleSet(ruleFile(#"pattern: 'REUTERS/\w+$'"# + "\nscope: paragraph\nfix: delete-paragraph"))
        #expect(fixed(rules, "A\n\nCaption line one\nends REUTERS/Name\n\nB\n") == "A\n\nB\n")
    }
}

@Suite struct DiffTests {
    private func diff(_ old: String, _ new: String) -> String {
        String(decoding: UnifiedDiff.make(old: Array(old.utf8), new: Array(new.utf8), oldLabel: "a/f", newLabel: "b/f"), as: UTF8.self)
    }

    @Test func equalTextsGiveNoDiff() { #expect(diff("a\n", "a\n") == "") }

    @Test func hunkWithContext() {
        let old = (1...10).map { "\($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "5\n", with: "")
        #expect(diff(old, new) == "--- a/f\n+++ b/f\n@@ -2,7 +2,6 @@\n 2\n 3\n 4\n-5\n 6\n 7\n 8\n")
    }

    @Test func missingFinalNewlineIsMarked() {
        #expect(diff("a\nb", "a\n") == "--- a/f\n+++ b/f\n@@ -1,2 +1,1 @@\n a\n-b\n\\ No newline at end of file\n")
    }

    @Test func deletingEverything() {
        #expect(diff("a\n", "") == "--- a/f\n+++ b/f\n@@ -1,1 +0,0 @@\n-a\n")
    }

    @Test func distantChangesMakeSeparateHunks() {
        let old = (1...20).map { "\($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "\n2\n", with: "\n").replacingOccurrences(of: "\n19\n", with: "\n")
        #expect(diff(old, new) == """
        --- a/f
        +++ b/f
        @@ -1,5 +1,4 @@
         1
        -2
         3
         4
         5
        @@ -16,5 +15,4 @@
         16
         17
         18
        -19
         20

        """)
    }
}

@Suite struct InvisibleLineTests {
    @Test func lineOfOnlyInvisibleCharactersStaysAsABlankLine() throws {
        let rules = try ruleSet(ruleFile(#"pattern: '\x{200B}'"# + "\nfix: delete-match"))
        // The zero-width-space line separated two paragraphs; emptied, it still does.
        #expect(fixed(rules, "First paragraph.\n\u{200B}\nSecond paragraph.\n") == "First paragraph.\n\nSecond paragraph.\n")
        #expect(fixed(rules, "Word\u{200B}joined\n") == "Wordjoined\n")
    }

    @Test func sizeGatesSkipLongUnitsBeforeMatching() throws {
        let rules = try ruleSet(ruleFile("pattern: 'REUTERS/\\w+$'\nscope: paragraph\nmax-words: 4\nmax-chars: 30"))
        #expect(matched(rules, "Caption. REUTERS/Name\n\nA much longer paragraph that ends with REUTERS/Name") == ["REUTERS/Name"])
        #expect(matched(rules, "Cäption ünd ëxtra wörds REUTERS/Name") == [])
    }
}

@Suite struct SafetyValveTests {
    private let text = "One real sentence here.\n" + String(repeating: "NOISE word word word word\n", count: 12)

    @Test func refusesToRemoveMostOfADocument() throws {
        let rules = try ruleSet(ruleFile("pattern: '^NOISE'\nfix: delete-line"))
        let outcome = Fixer(checker: Checker(ruleSet: rules)).fix(Array(text.utf8))
        #expect(outcome.bytes == Array(text.utf8))
        let refusal = try #require(outcome.refusal)
        #expect(refusal.words == 64)
        #expect(refusal.rules == ["test-rule"])
        #expect(refusal.description == "not fixed: the fixes would remove 93% of its 64 words (rules: test-rule)")
        #expect(outcome.remaining.violations.count == 12)
        #expect(outcome.fixedTotal == 0)
    }

    /// The fixed text is counted only until it is past the largest count the valve refuses: the decision at
    /// the edge is the same as with a full count. 100 words, limit 0.7: 29 left is refused; 30 (exactly
    /// 70% removed) and 31 are not, whether the kept words come first or last.
    @Test(arguments: [(29, true), (30, false), (31, false), (0, true), (100, false)])
    func decidesAtTheEdgeAsAFullCountWould(kept: Int, refused: Bool) throws {
        let rules = try ruleSet(ruleFile("pattern: '^NOISE'\nfix: delete-line"))
        for keptFirst in [true, false] {
            let keptLines = String(repeating: "word ", count: kept).split(separator: " ").map(String.init)
            let noise = Array(repeating: "NOISE", count: 100 - kept)
            let lines = keptFirst ? keptLines + noise : noise + keptLines
            let outcome = Fixer(checker: Checker(ruleSet: rules), maxRemovedShare: 0.7).fix(Array((lines.joined(separator: "\n") + "\n").utf8))
            #expect((outcome.refusal != nil) == refused, "kept \(kept), kept first: \(keptFirst)")
            if let refusal = outcome.refusal { #expect(refusal.words == 100) }
        }
    }

    @Test func limitIsConfigurableAndCanBeTurnedOff() throws {
        let rules = try ruleSet(ruleFile("pattern: '^NOISE'\nfix: delete-line"))
        let off = Fixer(checker: Checker(ruleSet: rules), maxRemovedShare: nil).fix(Array(text.utf8))
        #expect(String(decoding: off.bytes, as: UTF8.self) == "One real sentence here.\n")
        let high = Fixer(checker: Checker(ruleSet: rules), maxRemovedShare: 0.95).fix(Array(text.utf8))
        #expect(high.refusal == nil)
        // Short documents are exempt.
        let short = Fixer(checker: Checker(ruleSet: rules)).fix(Array("Hi.\nNOISE a b c\n".utf8))
        #expect(short.refusal == nil)
        #expect(String(decoding: short.bytes, as: UTF8.self) == "Hi.\n")
    }

    /// The fixed text's words are counted only until enough are known to be kept; the decision is the one
    /// counting them all gives, right at the limit too (100 words, removing 30 to 80 of them, limits around
    /// each share).
    @Test func refusalIsDecidedAsByCountingEveryWord() throws {
        let rules = try ruleSet(ruleFile("pattern: '^NOISE'\nfix: delete-line"))
        for noise in stride(from: 30, through: 80, by: 5) {
            let text = String(repeating: "kept\n", count: 100 - noise) + String(repeating: "NOISE\n", count: noise)
            let share = 1 - Double(100 - noise) / 100
            for limit in [share - 0.011, share.nextDown, share, share.nextUp, share + 0.011, 0, 1] {
                let outcome = Fixer(checker: Checker(ruleSet: rules), maxRemovedShare: limit).fix(Array(text.utf8))
                #expect((outcome.refusal != nil) == (share > limit), "\(noise) of 100 removed, limit \(limit)")
                #expect(outcome.refusal.map { $0.share == share && $0.words == 100 } ?? true)
            }
        }
        #expect(ByteCounting.hasWords(Array(String(repeating: "a ", count: 70_000).utf8), atLeast: 70_000))
        #expect(!ByteCounting.hasWords(Array(String(repeating: "a ", count: 70_000).utf8), atLeast: 70_001))
        #expect(ByteCounting.hasWords([], atLeast: 0) && !ByteCounting.hasWords([], atLeast: 1))
    }
}
