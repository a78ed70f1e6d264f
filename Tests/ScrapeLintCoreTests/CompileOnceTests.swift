import Foundation
@testable import PCRE2
@testable import ScrapeLintCore
@testable import ScrapeLintRules
import Testing

/// Each pattern of a run is compiled once: the rule loader's compiled patterns (it compiles them to check a
/// rule file) are the ones the rule set runs, and rule sets of several configurations share them.
@Suite struct CompileOnceTests {
    static let yaml = ruleFile("""
        pattern: '(\\d+) : (\\d+)'
        unless: 'score'
        fix: delete-line
        """)

    @Test func theLoadersPatternsAreTheOnesTheRuleSetRuns() throws {
        var patterns = CompiledPatterns()
        let parsed = RuleLoader.parseAll(Self.yaml, path: "test.yml", patterns: &patterns)
        #expect(parsed.diagnostics.isEmpty)
        let rule = try #require(parsed.rules.first)
        #expect(patterns.count == 2)
        let pattern = try #require(patterns.compiled(rule.pattern, options: []))
        let unless = try #require(patterns.compiled("score", options: []))
        // Checking the rule (does it match the empty text?) did not JIT-compile it.
        #expect(pattern.isJITPending == Pattern.jitAvailable)

        let ruleSet = try RuleSet(parsed.rules, patterns: &patterns)
        #expect(patterns.count == 2)
        #expect(ruleSet.rules[0].pattern === pattern)
        #expect(ruleSet.rules[0].unless === unless)
        #expect(matched(ruleSet, "0 : 0\nscore 1 : 2\n") == ["0 : 0"])
    }

    /// Patterns are told apart by their bytes: a precomposed `é` and `e` with a combining accent are equal
    /// Swift strings, but different patterns to PCRE2 (each matches only its own bytes).
    @Test func canonicallyEquivalentPatternsAreDifferentPatterns() throws {
        var patterns = CompiledPatterns()
        let composed = try patterns.pattern("caf\u{E9}", options: [])
        let decomposed = try patterns.pattern("cafe\u{301}", options: [])
        #expect("caf\u{E9}" == "cafe\u{301}")
        #expect(patterns.count == 2)
        #expect(composed !== decomposed)
        #expect(decomposed.source.utf8.elementsEqual("cafe\u{301}".utf8))
        #expect(PatternKey(source: "caf\u{E9}", options: 0) != PatternKey(source: "cafe\u{301}", options: 0))
        #expect(PatternKey(source: "caf\u{E9}", options: 0) == PatternKey(source: "caf\u{E9}", options: 0))
        #expect(PatternKey(source: "x", options: 0) != PatternKey(source: "x", options: CompileOptions.caseless))
    }

    @Test func ruleSetsOfTheSameRulesShareTheirPatterns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("compile-once-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rules.yml")
        try Self.yaml.write(to: file, atomically: false, encoding: .utf8)
        var patterns = CompiledPatterns()
        let warning = try RuleSelection(builtin: false, ruleFiles: [file.path]).makeRuleSet(patterns: &patterns)
        let error = try RuleSelection(builtin: false, ruleFiles: [file.path], severities: ["test-rule": .error])
            .makeRuleSet(patterns: &patterns)
        #expect(patterns.count == 2)
        #expect(warning.rules[0].pattern === error.rules[0].pattern)
        #expect(error.rules[0].rule.severity == .error)
    }
}
