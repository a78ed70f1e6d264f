import Foundation
@testable import ScrapeLintCore
import Testing

/// A catalogue of malformed rule files, each with the exact diagnostics (`path:line:col: message`) the
/// loader must give. Every case must yield no rules.
@Suite struct RuleFileCatalogueTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let expected: [String]
        var testDescription: String { name }
    }

    /// A complete valid rule, as the lines after `rules:`, to be broken by each case.
    static let valid = """
      - id: demo-rule
        category: demo
        severity: warning
        message: 'found $0'
        description: A demo rule.
        pattern: '^Advertisement$'
        examples: {match: ["Advertisement"], no-match: ["An advertisement ran."]}
    """

    /// The valid rule with `old` replaced by `new`.
    static func broken(_ old: String, _ new: String) -> String {
        precondition(valid.contains(old), old)
        return "rules:\n" + valid.replacingOccurrences(of: old, with: new) + "\n"
    }

    static let cases: [Case] = [
        Case(name: "bad YAML: unclosed flow sequence", yaml: "rules:\n  - id: [unclosed\n",
             expected: ["bad.yml:3:1: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'"]),
        Case(name: "bad YAML: tab indentation", yaml: "rules:\n\t- id: x\n",
             expected: ["bad.yml:2:1: invalid YAML: while scanning for the next token found character that cannot start any token"]),
        Case(name: "bad YAML: duplicate key", yaml: broken("severity: warning", "severity: warning\n    severity: error"),
             expected: ["bad.yml:4:5: duplicate key `severity` (again at 5:5)"]),
        Case(name: "top level is a list", yaml: "- id: x\n",
             expected: ["bad.yml:1:1: a rule file must be a mapping with a `rules` list"]),
        Case(name: "empty file", yaml: "",
             expected: ["bad.yml:1:1: a rule file must be a mapping with a `rules` list"]),
        Case(name: "missing rules", yaml: "description: nothing\n",
             expected: ["bad.yml:1:1: missing key `rules`"]),
        Case(name: "rules is a string", yaml: "rules: none\n",
             expected: ["bad.yml:1:8: `rules` must be a list of rules"]),
        Case(name: "rule is a scalar", yaml: "rules:\n  - just-an-id\n",
             expected: ["bad.yml:2:5: each entry of `rules` must be a mapping"]),
        Case(name: "top-level key typo", yaml: "rule:\n" + valid + "\n",
             expected: ["bad.yml:1:1: unknown key `rule` in rule file; did you mean `rules`?", "bad.yml:1:1: missing key `rules`"]),
        Case(name: "rule key typo", yaml: broken("severity:", "severty:"),
             expected: ["bad.yml:2:5: rule `demo-rule` is missing required key `severity`",
                        "bad.yml:4:5: unknown key `severty` in rule; did you mean `severity`?"]),
        Case(name: "unknown rule key", yaml: broken("category: demo", "category: demo\n    colour: red"),
             expected: ["bad.yml:4:5: unknown key `colour` in rule"]),
        Case(name: "wrong severity", yaml: broken("severity: warning", "severity: fatal"),
             expected: ["bad.yml:4:15: `severity` must be one of `info`, `warning`, `error`; got `fatal`"]),
        Case(name: "scope typo", yaml: broken("category: demo", "category: demo\n    scope: paragrap"),
             expected: ["bad.yml:4:12: `scope` must be one of `line`, `paragraph`, `document`; got `paragrap`; did you mean `paragraph`?"]),
        Case(name: "fix typo", yaml: broken("category: demo", "category: demo\n    fix: delete-lines"),
             expected: ["bad.yml:4:10: `fix` must be one of `delete-match`, `delete-line`, `delete-paragraph`, `replace`, `none`; got `delete-lines`; did you mean `delete-line`?"]),
        Case(name: "number expected", yaml: broken("category: demo", "category: demo\n    max-words: many"),
             expected: ["bad.yml:4:16: `max-words` must be a whole number, 1 or more"]),
        Case(name: "min-run on a paragraph rule", yaml: broken("category: demo", "category: demo\n    scope: paragraph\n    min-run: 2"),
             expected: ["bad.yml:5:14: `min-run` works only with `scope: line`"]),
        Case(name: "id not kebab-case", yaml: broken("id: demo-rule", "id: Demo_Rule"),
             expected: ["bad.yml:2:9: rule id `Demo_Rule` must be kebab-case (lowercase letters and digits joined by single hyphens)"]),
        Case(name: "id is null", yaml: broken("id: demo-rule", "id: ~"),
             expected: ["bad.yml:2:9: `id` must be a string"]),
        Case(name: "missing required keys", yaml: "rules:\n  - id: lonely\n    pattern: x\n",
             expected: ["bad.yml:2:5: rule `lonely` is missing required key `category`",
                        "bad.yml:2:5: rule `lonely` is missing required key `severity`",
                        "bad.yml:2:5: rule `lonely` is missing required key `message`",
                        "bad.yml:2:5: rule `lonely` is missing required key `description`",
                        "bad.yml:2:5: rule `lonely` is missing required key `examples`"]),
        Case(name: "empty pattern", yaml: broken("'^Advertisement$'", "''"),
             expected: ["bad.yml:7:14: `pattern` must not be empty"]),
        Case(name: "pattern matching the empty string", yaml: broken("'^Advertisement$'", "'(Advertisement)?'"),
             expected: ["bad.yml:7:14: `pattern` matches the empty string, so it would match everywhere"]),
        Case(name: "pattern matching the empty string everywhere (lookahead)", yaml: broken("'^Advertisement$'", "'(?=)'"),
             expected: ["bad.yml:7:14: `pattern` matches the empty string, so it would match everywhere"]),
        Case(name: "pattern does not compile", yaml: broken("'^Advertisement$'", "'^(Advertisement$'"),
             expected: ["bad.yml:7:14: `pattern` does not compile: missing closing parenthesis (at offset 16 in the pattern)"]),
        Case(name: "unbounded lookbehind", yaml: broken("'^Advertisement$'", "'(?<=a+)Advertisement'"),
             expected: ["bad.yml:7:14: `pattern` does not compile: lookbehind assertion is not fixed length (at offset 0 in the pattern)"]),
        Case(name: "unless does not compile", yaml: broken("category: demo", "category: demo\n    unless: '[a-'"),
             expected: ["bad.yml:4:13: `unless` does not compile: missing terminating ] for character class (at offset 3 in the pattern)"]),
        Case(name: "invalid flag", yaml: broken("category: demo", "category: demo\n    flags: [caseles]"),
             expected: ["bad.yml:4:13: unknown flag `caseles`; flags are `caseless`, `multiline`, `dotall`, `extended`, `ungreedy`; did you mean `caseless`?"]),
        Case(name: "flags of the wrong type", yaml: broken("category: demo", "category: demo\n    flags: {caseless: true}"),
             expected: ["bad.yml:4:12: `flags` must be a list of strings"]),
        Case(name: "replacement refers to a missing group", yaml: broken("category: demo", "category: demo\n    fix: replace\n    replacement: '$2'"),
             expected: ["bad.yml:5:18: `replacement` refers to group `2`, but the pattern has no groups"]),
        Case(name: "replacement refers to a missing name", yaml: broken("'^Advertisement$'", "'^(?<word>Advertisement)$'\n    fix: replace\n    replacement: '${wrod}'"),
             expected: ["bad.yml:9:18: `replacement` refers to group `wrod`, but the pattern has 1 group and no group of that name"]),
        Case(name: "malformed reference in message", yaml: broken("'found $0'", "'costs $'"),
             expected: ["bad.yml:5:14: `message` has a malformed `$` reference at offset 6 (write `$$` for a literal dollar sign)"]),
        Case(name: "replacement without fix: replace", yaml: broken("category: demo", "category: demo\n    fix: delete-line\n    replacement: 'x'"),
             expected: ["bad.yml:5:18: `replacement` is only used with `fix: replace`"]),
        Case(name: "fix: replace without replacement", yaml: broken("category: demo", "category: demo\n    fix: replace"),
             expected: ["bad.yml:4:10: `fix: replace` needs a `replacement`"]),
        Case(name: "examples without no-match", yaml: broken(", no-match: [\"An advertisement ran.\"]", ""),
             expected: ["bad.yml:8:15: `examples` needs a `no-match` list with at least one example"]),
        Case(name: "empty match examples", yaml: broken("match: [\"Advertisement\"]", "match: []"),
             expected: ["bad.yml:8:23: `match` needs at least one example"]),
        Case(name: "limits key typo", yaml: broken("category: demo", "category: demo\n    limits: {heap: 100}"),
             expected: ["bad.yml:4:14: unknown key `heap` in limits; did you mean `heap-kib`?"]),
        Case(name: "limits of zero", yaml: broken("category: demo", "category: demo\n    limits: {match: 0}"),
             expected: ["bad.yml:4:21: `limits.match` must be a whole number, 1 or more"]),
        Case(name: "zone with both edges", yaml: broken("category: demo", "category: demo\n    zone: {first: 2, last: 2}"),
             expected: ["bad.yml:4:11: `zone` needs exactly one of `first` or `last`"]),
        Case(name: "zone share out of range", yaml: broken("category: demo", "category: demo\n    zone: {last: \"150%\"}"),
             expected: ["bad.yml:4:18: `zone.last` must be a number of lines (1 or more) or a percentage from 1% to 100%"]),
        Case(name: "near without lines", yaml: broken("category: demo", "category: demo\n    near: {rules: [other]}"),
             expected: ["bad.yml:4:11: `near` needs `rules` (a list of rule ids) and `lines` (a distance)"]),
        Case(name: "duplicate id in one file", yaml: "rules:\n" + valid + "\n" + valid + "\n",
             expected: ["bad.yml:9:5: duplicate rule id `demo-rule` (first defined at 2:5)"]),
    ]

    @Test(arguments: cases) func malformedRuleFile(_ sample: Case) {
        let parsed = RuleLoader.parse(sample.yaml, path: "bad.yml")
        #expect(parsed.diagnostics.map(\.description) == sample.expected)
        #expect(parsed.rules.isEmpty)
    }

    @Test func theCatalogueIsLargeAndTheBaseRuleIsValid() throws {
        #expect(Self.cases.count >= 25)
        let parsed = RuleLoader.parse("rules:\n" + Self.valid + "\n", path: "good.yml")
        #expect(parsed.diagnostics.isEmpty)
        #expect(ExampleRunner(ruleSet: try RuleSet(parsed.rules)).run().failures.isEmpty)
    }

    /// Rule files written to a folder, then loaded as `--rules FOLDER` would.
    private func load(_ files: [String: String]) throws -> Result<RuleSet, ScrapeLintError> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        do {
            return .success(try RuleSet(try RuleSources.loadRules(from: [folder.path])))
        } catch {
            return .failure(error.relativized(to: folder.path + "/"))
        }
    }

    @Test func duplicateIdsAcrossFiles() throws {
        let result = try load(["a.yml": "rules:\n" + Self.valid + "\n", "b.yml": "\nrules:\n" + Self.valid + "\n"])
        #expect(result.diagnostics == ["b.yml:3:5: duplicate rule id `demo-rule` (also defined at a.yml:2:5)"])
    }

    @Test func gateNamingAnUnknownRule() throws {
        let yaml = Self.broken("category: demo", "category: demo\n    near: {rules: [demo-rul], lines: 2}")
        #expect(try load(["a.yml": yaml]).diagnostics == ["a.yml:2:5: `near` names unknown rule `demo-rul`; did you mean `demo-rule`?"])
    }

    @Test func gatesFormingACycle() throws {
        let one = Self.broken("category: demo", "category: demo\n    near: {rules: [demo-other], lines: 2}")
        let two = Self.valid.replacingOccurrences(of: "demo-rule", with: "demo-other")
            .replacingOccurrences(of: "category: demo", with: "category: demo\n    near: {rules: [demo-rule], lines: 2}")
        #expect(try load(["a.yml": one + two + "\n"]).diagnostics == [
            "a.yml:2:5: `near` gates form a cycle through rule `demo-rule`",
            "a.yml:10:5: `near` gates form a cycle through rule `demo-other`",
        ])
    }

    @Test func ruleFileThatIsNotUTF8() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0x72, 0x75, 0x6C, 0x65, 0x73, 0x3A, 0xFF, 0x0A]).write(to: folder.appendingPathComponent("x.yml"))
        #expect(throws: ScrapeLintError.invalidRules([
            Diagnostic(path: folder.path + "/x.yml", line: 1, column: 7, message: "the rule file is not valid UTF-8"),
        ])) { try RuleSources.loadRules(from: [folder.path]) }
    }

    @Test func examplesThatContradictTheRule() throws {
        let yaml = Self.broken("{match: [\"Advertisement\"], no-match: [\"An advertisement ran.\"]}",
                               "{match: [\"Sponsored\"], no-match: [\"Advertisement\"]}")
        let parsed = RuleLoader.parse(yaml, path: "bad.yml")
        #expect(parsed.diagnostics.isEmpty)
        let summary = ExampleRunner(ruleSet: try RuleSet(parsed.rules)).run()
        #expect(summary.failures.map(\.description) == [
            "bad.yml:2:5: demo-rule: match example 1 does not match: \"Sponsored\"",
            "bad.yml:2:5: demo-rule: no-match example 1 matches \"Advertisement\": \"Advertisement\"",
        ])
    }
}

private extension Result<RuleSet, ScrapeLintError> {
    var diagnostics: [String] {
        guard case .failure(.invalidRules(let diagnostics)) = self else { return ["loaded: \(self)"] }
        return diagnostics.map(\.description)
    }
}

private extension ScrapeLintError {
    /// The error with `prefix` taken off its paths.
    func relativized(to prefix: String) -> ScrapeLintError {
        guard case .invalidRules(let diagnostics) = self else { return self }
        return .invalidRules(diagnostics.map {
            Diagnostic(path: $0.path.hasPrefix(prefix) ? String($0.path.dropFirst(prefix.count)) : $0.path,
                       line: $0.line, column: $0.column, message: $0.message.replacingOccurrences(of: prefix, with: ""))
        })
    }
}
