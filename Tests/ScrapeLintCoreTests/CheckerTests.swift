@testable import ScrapeLintCore
import Testing

@Suite struct ScopeTests {
    @Test func lineMatchesNeverCrossLines() throws {
        let rules = try ruleSet(ruleFile(#"pattern: 'b\s+c'"#))
        #expect(matched(rules, "a b\nc d\nb  c") == ["b  c"])
    }

    @Test func lineScopeAnchorsAtEachLine() throws {
        let rules = try ruleSet(ruleFile("pattern: '^x+$'"))
        #expect(matched(rules, "xx\r\nax\rxxx\n x\nx") == ["xx", "xxx", "x"])
    }

    @Test func lineRuleWithLookaroundsMatchesLinesAlone() throws {
        // A lookbehind at the line start must not see the previous line's terminator.
        let rules = try ruleSet(ruleFile(#"pattern: '(?<!\s)foo(?!\S)'"#))
        #expect(matched(rules, "foo\nfoo bar\n foo") == ["foo", "foo"])
    }

    @Test func paragraphScopeStaysInsideParagraphs() throws {
        let rules = try ruleSet(ruleFile("pattern: '^A[^$]*Z$'\nscope: paragraph\nflags: [dotall]"))
        #expect(matched(rules, "A one\nZ\n\nA two\n\nZ") == ["A one\nZ"])
    }

    @Test func documentScopeSeesEverything() throws {
        let rules = try ruleSet(ruleFile(#"pattern: '\AFirst'"# + "\nscope: document"))
        #expect(matched(rules, "First\n\nFirst") == ["First"])
    }

    @Test func unlessVetoesTheUnit() throws {
        let rules = try ruleSet(ruleFile("pattern: '^Share'\nunless: 'prices'"))
        #expect(matched(rules, "Share this\nShare prices rose") == ["Share"])
    }

    @Test func invalidBytesAreBoundaries() throws {
        let rules = try ruleSet(ruleFile(#"pattern: 'ab$'"#))
        let bytes: [UInt8] = Array("xab".utf8) + [0xFF] + Array("ab\nab".utf8)
        let result = Checker(ruleSet: rules).check(Document(bytes))
        // "ab" before the invalid byte is not at the end of its line.
        #expect(result.violations.map(\.range) == [4..<6, 7..<9])
    }

    @Test func messageInterpolatesGroups() throws {
        let rules = try ruleSet(ruleFile(#"pattern: '(?<agency>REUTERS)/(\w+)'"# + "\nmessage: 'credit of ${agency}: $2 ($$)'"))
        let result = Checker(ruleSet: rules).check(Document(Array("REUTERS/Smith".utf8)))
        #expect(result.violations.map(\.message) == ["credit of REUTERS: Smith ($)"])
    }

    @Test func runawayRuleBecomesAFailureAndOthersStillRun() throws {
        let yaml = "rules:\n" + [
            ruleFile("id: runaway\npattern: '(a+)+$'\nlimits: {match: 10000}"),
            ruleFile("id: simple\npattern: 'b'"),
        ].map { $0.replacingOccurrences(of: "rules:\n", with: "") }.joined()
        let rules = try ruleSet(yaml)
        let result = Checker(ruleSet: rules).check(Document(Array((String(repeating: "a", count: 30) + "!b").utf8)))
        #expect(result.failures.map(\.ruleID) == ["runaway"])
        #expect(result.violations.map(\.ruleID) == ["simple"])
    }
}

@Suite struct GateTests {
    private func rules(_ extra: String) throws -> RuleSet {
        try ruleSet("rules:\n" + [
            ruleFile("id: anchor\npattern: '^ANCHOR$'"),
            ruleFile("id: gated\npattern: '^\\d+ : \\d+$'\n" + extra),
        ].map { $0.replacingOccurrences(of: "rules:\n", with: "") }.joined())
    }

    private func gatedMatches(_ rules: RuleSet, _ text: String) -> [Int] {
        let document = Document(Array(text.utf8))
        return Checker(ruleSet: rules).check(document).violations.filter { $0.ruleID == "gated" }
            .map { document.position(of: $0.range.lowerBound).line }
    }

    @Test func maxWordsAndMaxChars() throws {
        let words = try ruleSet(ruleFile("pattern: 'Share'\nmax-words: 3"))
        #expect(matched(words, "Share this\nShare prices rose today") == ["Share"])
        let chars = try ruleSet(ruleFile("pattern: 'Share'\nmax-chars: 10"))
        #expect(matched(chars, "Share now\nShare this page") == ["Share"])
    }

    @Test func nearNeedsAnAnchorWithinDistance() throws {
        let rules = try rules("near: {rules: [anchor], lines: 1}")
        #expect(gatedMatches(rules, "0 : 0\nANCHOR\n\n\n1 : 1") == [1])
    }

    @Test func zoneFirstAndLastCountNonBlankLines() throws {
        let first = try rules("zone: {first: 2}")
        #expect(gatedMatches(first, "1 : 1\n\n\n2 : 2\n3 : 3") == [1, 4])
        let last = try rules("zone: {last: \"50%\"}")
        #expect(gatedMatches(last, "1 : 1\nx\ny\n2 : 2") == [4])
    }

    @Test func minRunKeepsOnlyLongRuns() throws {
        let rules = try rules("min-run: 3")
        #expect(gatedMatches(rules, "1 : 1\n2 : 2\ntext\n3 : 3\n4 : 4\n\n5 : 5") == [4, 5, 7])
    }

    @Test func followsKeepsTheRunRightAfterAnAnchor() throws {
        let following = try rules("follows: [anchor]")
        // Lines 3, 5 and 6 run on from the anchor (the blank line passes); "text" ends the run, so line 8 is
        // not kept, and line 1, above the anchor, never is.
        #expect(gatedMatches(following, "0 : 0\nANCHOR\n1 : 1\n\n2 : 2\n3 : 3\ntext\n4 : 4") == [3, 5, 6])
        #expect(gatedMatches(following, "1 : 1\n2 : 2") == [])
        #expect(try following.selecting(["gated"], ignoring: []).isDependency("anchor"))
    }

    @Test func joinsKeepsTheBlockThatHoldsOrTouchesAnAnchor() throws {
        let joining = try rules("joins: [anchor]")
        // Lines 1-2 touch the anchor from above and lines 4-5 from below; the blank line ends that block, so
        // lines 7-8 are not kept, and line 10, after "text", is in a block that no anchor touches.
        #expect(gatedMatches(joining, "1 : 1\n2 : 2\nANCHOR\n3 : 3\n4 : 4\n\n5 : 5\n6 : 6\ntext\n7 : 7") == [1, 2, 4, 5])
        #expect(gatedMatches(joining, "1 : 1\n2 : 2") == [])
        // A line the anchor rule accepted that this rule matches too joins the block around it.
        let both = try ruleSet("rules:\n" + [
            ruleFile("id: anchor\npattern: '^0 : 0$'"),
            ruleFile("id: gated\npattern: '^\\d+ : \\d+$'\njoins: [anchor]"),
        ].map { $0.replacingOccurrences(of: "rules:\n", with: "") }.joined())
        #expect(gatedMatches(both, "1 : 1\n0 : 0\n2 : 2\n\n3 : 3") == [1, 2, 3])
        #expect(try joining.selecting(["gated"], ignoring: []).isDependency("anchor"))
    }

    /// `follows` and `joins` take the same list of anchor ids and are validated alike.
    @Test(arguments: ["follows", "joins"]) func anchorListGateIsValidated(_ key: String) throws {
        let column = 4 + key.count + 3
        #expect(diagnostics(ruleFile("pattern: x\n\(key): []")) == ["3:\(column): `\(key)` needs at least one rule id"])
        #expect(diagnostics(ruleFile("pattern: x\nscope: paragraph\n\(key): [a]")) == ["4:\(column): `\(key)` works only with `scope: line`"])
        let rules = RuleLoader.parse(ruleFile("pattern: x\n\(key): [nope]"), path: "f.yml").rules
        #expect(throws: ScrapeLintError.invalidRules([
            Diagnostic(path: "f.yml", line: 2, column: 5, message: "`\(key)` names unknown rule `nope`"),
        ])) { try RuleSet(rules) }
    }

    @Test func selectingKeepsAnchorsSilent() throws {
        let rules = try rules("near: {rules: [anchor], lines: 1}").selecting(["gated"], ignoring: [])
        let result = Checker(ruleSet: rules).check(Document(Array("ANCHOR\n0 : 0".utf8)))
        #expect(result.violations.map(\.ruleID) == ["gated"])
    }
}
