@testable import ScrapeLintCore
@testable import ScrapeLintRules
import Testing

@Suite struct RuleLoaderTests {
    /// The loader counts positions of YAML reader errors itself (it is below the text types); it must
    /// count as ``Document`` does: line ends, BOM, multi-byte and invalid bytes, every offset.
    @Test func readerErrorPositionsCountAsDocumentDoes() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0x0A], [0x0D], [0x0D, 0x0A], [0x61], [0x20], Array("é".utf8), Array("€".utf8),
                                 Array("😀".utf8), [0xFF], [0xC3], [0x80], [0xEF, 0xBB, 0xBF]]
        for round in 0..<400 {
            var bytes: [UInt8] = round % 4 == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<Int.random(in: 0...12, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            let document = Document(bytes)
            for offset in 0...bytes.count {
                let expected = document.position(of: offset)
                let found = RuleLoader.Context.position(of: offset, in: bytes)
                #expect(found.line == expected.line && found.column == expected.column, "\(bytes) at \(offset)")
            }
        }
    }

    @Test func loadsAFullRule() throws {
        let yaml = ruleFile("""
        id: demo-rule
        pattern: '^Advertisement$'
        flags: [caseless]
        fix: delete-line
        scope: line
        max-words: 3
        zone: {last: "20%"}
        """)
        let parsed = RuleLoader.parse(yaml, path: "demo.yml")
        #expect(parsed.diagnostics.isEmpty)
        let rule = try #require(parsed.rules.first)
        #expect(rule.id == "demo-rule")
        #expect(rule.flags == [.caseless])
        #expect(rule.fix == .deleteLine)
        #expect(rule.gates.maxWords == 3)
        #expect(rule.gates.zone == Gates.Zone(edge: .last, extent: .percent(20)))
        #expect(rule.origin == Rule.Origin(path: "demo.yml", line: 2, column: 5))
    }

    @Test func unknownKeyWithSuggestion() {
        #expect(diagnostics(ruleFile("pattern: 'x'\npatern: 'y'")) == [
            "3:5: unknown key `patern` in rule; did you mean `pattern`?",
        ])
    }

    @Test func badPatternReportsPCRE2MessageAndOffset() {
        #expect(diagnostics(ruleFile("pattern: 'ab(c'")) == [
            "2:14: `pattern` does not compile: missing closing parenthesis (at offset 4 in the pattern)",
        ])
    }

    @Test func missingRequiredKeysAreAllReported() {
        let yaml = "rules:\n  - id: lonely\n    pattern: x\n"
        #expect(diagnostics(yaml) == [
            "2:5: rule `lonely` is missing required key `category`",
            "2:5: rule `lonely` is missing required key `severity`",
            "2:5: rule `lonely` is missing required key `message`",
            "2:5: rule `lonely` is missing required key `description`",
            "2:5: rule `lonely` is missing required key `examples`",
        ])
    }

    @Test func wrongTypesAndValues() {
        #expect(diagnostics(ruleFile("pattern: x\nseverity: fatal\nmax-words: many")) == [
            "3:15: `severity` must be one of `info`, `warning`, `error`; got `fatal`",
            "4:16: `max-words` must be a whole number, 1 or more",
        ])
    }

    @Test func duplicateIdsInAFile() {
        let one = ruleFile("pattern: x")
        let yaml = one + one.replacingOccurrences(of: "rules:\n", with: "")
        #expect(diagnostics(yaml) == ["9:5: duplicate rule id `test-rule` (first defined at 2:5)"])
    }

    @Test func duplicateIdsAcrossFiles() throws {
        let a = RuleLoader.parse(ruleFile("pattern: x"), path: "a.yml").rules
        let b = RuleLoader.parse(ruleFile("pattern: y"), path: "b.yml").rules
        #expect(throws: ScrapeLintError.invalidRules([
            Diagnostic(path: "b.yml", line: 2, column: 5, message: "duplicate rule id `test-rule` (also defined at a.yml:2:5)"),
        ])) { try RuleSet(a + b) }
    }

    @Test func patternMatchingTheEmptyStringIsRejected() {
        #expect(diagnostics(ruleFile("pattern: 'a*'")) == [
            "2:14: `pattern` matches the empty string, so it would match everywhere",
        ])
    }

    @Test func replacementReferencesAreChecked() {
        #expect(diagnostics(ruleFile("pattern: '(a)b'\nfix: replace\nreplacement: '$2'")) == [
            "4:18: `replacement` refers to group `2`, but the pattern has 1 group",
        ])
        #expect(diagnostics(ruleFile("pattern: 'ab'\nfix: replace")) == ["3:10: `fix: replace` needs a `replacement`"])
    }

    @Test func templatesNamingADefineGroupAreRejected() {
        // Group 1 and `word` live in a DEFINE block: they are called, never set, so `$1` would print nothing.
        let define = "'(?(DEFINE)(?<word>[A-Z]\\w*))^(?&word) (\\d+)$'"
        #expect(diagnostics(ruleFile("pattern: \(define)\nmessage: 'count $1'")) == [
            "3:14: `message` refers to group `1`, which is inside `(?(DEFINE)...)` and never captures (number the groups after the DEFINE block, or name the group)",
        ])
        #expect(diagnostics(ruleFile("pattern: \(define)\nfix: replace\nreplacement: '${word}'")) == [
            "4:18: `replacement` refers to group `word`, which is inside `(?(DEFINE)...)` and never captures (number the groups after the DEFINE block, or name the group)",
        ])
        // The group after the block captures; escapes, classes and comments do not confuse the count.
        #expect(diagnostics(ruleFile("pattern: \(define)\nmessage: 'count $2'")) == [])
        #expect(diagnostics(ruleFile("pattern: '(?(DEFINE)(?<w>[(]\\(x))[)(](a)\\Q(\\E(?#()'\nmessage: '$1 $2'")) == [
            "3:14: `message` refers to group `1`, which is inside `(?(DEFINE)...)` and never captures (number the groups after the DEFINE block, or name the group)",
        ])
        #expect(diagnostics(ruleFile("pattern: '(?(DEFINE)(?<w>[(]\\(x))[)(](a)\\Q(\\E(?#()'\nmessage: '$2'")) == [])
    }

    @Test func invalidFlagAndBadYAML() {
        #expect(diagnostics(ruleFile("pattern: x\nflags: [caseles]")) == [
            "3:13: unknown flag `caseles`; flags are `caseless`, `multiline`, `dotall`, `extended`, `ungreedy`; did you mean `caseless`?",
        ])
        #expect(diagnostics("rules:\n  - id: [unclosed\n") == [
            "3:1: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'",
        ])
    }

    @Test func nearGateNamingUnknownRule() throws {
        let rules = RuleLoader.parse(ruleFile("pattern: x\nnear: {rules: [nope], lines: 2}"), path: "n.yml").rules
        #expect(throws: ScrapeLintError.invalidRules([
            Diagnostic(path: "n.yml", line: 2, column: 5, message: "`near` names unknown rule `nope`"),
        ])) { try RuleSet(rules) }
    }
}
