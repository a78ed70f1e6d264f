import PCRE2
@testable import ScrapeLintCore
import Testing

/// The rule set's digest (the result cache's key) must change with every field of every rule: a change the
/// key does not see would let the cache give an old result to new rules.
@Suite struct RuleFingerprintTests {
    static let base = Rule(
        id: "a-rule", category: "test", severity: .warning, message: "found $0", description: "A rule.",
        scope: .line, pattern: "(a)b", flags: [], unless: nil, fix: .none, replacement: nil, fixSafety: nil,
        gates: Gates(), limits: nil, examples: Rule.Examples(match: ["ab"], noMatch: ["b"]),
        origin: Rule.Origin(path: "a.yml", line: 2, column: 3))
    /// A rule the gates of the base rule may name.
    static let anchor = Rule(
        id: "b-rule", category: "test", severity: .info, message: "m", description: "B.", scope: .line,
        pattern: "c", flags: [], unless: nil, fix: .none, replacement: nil, fixSafety: nil, gates: Gates(), limits: nil,
        examples: Rule.Examples(match: ["c"], noMatch: ["d"]), origin: Rule.Origin(path: "a.yml", line: 9, column: 3))

    /// One change per stored field, named by the field (`gates.near` is the `near` field of `gates`).
    static let changes: [String: @Sendable (inout Rule) -> Void] = [
        "id": { $0.id = "a-rule-2" },
        "category": { $0.category = "other" },
        "severity": { $0.severity = .error },
        "message": { $0.message = "found $1" },
        "description": { $0.description = "Another rule." },
        "scope": { $0.scope = .paragraph },
        "pattern": { $0.pattern = "(a)c" },
        "flags": { $0.flags = [.caseless] },
        "unless": { $0.unless = "x" },
        "fix": { $0.fix = .deleteLine },
        "replacement": { $0.fix = .replace; $0.replacement = "$1" },
        "fixSafety": { $0.fix = .deleteLine; $0.fixSafety = .unsafe },
        "gates.maxWords": { $0.gates.maxWords = 3 },
        "gates.maxChars": { $0.gates.maxChars = 30 },
        "gates.minRun": { $0.gates.minRun = 2 },
        "gates.near": { $0.gates.near = Gates.Near(rules: ["b-rule"], lines: 1) },
        "gates.zone": { $0.gates.zone = Gates.Zone(edge: .first, extent: .lines(5)) },
        "gates.follows": { $0.gates.follows = ["b-rule"] },
        "gates.joins": { $0.gates.joins = ["b-rule"] },
        "limits": { $0.limits = MatchLimits.default },
        "examples": { $0.examples.match = ["ab", "xab"] },
        "origin": { $0.origin.line = 3 },
    ]
    /// Changes within a field whose first change above leaves another part of it unchecked.
    static let partChanges: [String: @Sendable (inout Rule) -> Void] = [
        "limits.match": { $0.limits = MatchLimits(match: 5, depth: MatchLimits.default.depth, heapKiB: MatchLimits.default.heapKiB) },
        "limits.depth": { $0.limits = MatchLimits(match: MatchLimits.default.match, depth: 5, heapKiB: MatchLimits.default.heapKiB) },
        "limits.heapKiB": { $0.limits = MatchLimits(match: MatchLimits.default.match, depth: MatchLimits.default.depth, heapKiB: 5) },
        "examples.noMatch": { $0.examples.noMatch = ["b", "c"] },
        "origin.path": { $0.origin.path = "b.yml" },
        "origin.column": { $0.origin.column = 4 },
        "gates.near.lines": { $0.gates.near = Gates.Near(rules: ["b-rule"], lines: 2) },
        "gates.zone.edge": { $0.gates.zone = Gates.Zone(edge: .last, extent: .lines(5)) },
        "gates.zone.extent": { $0.gates.zone = Gates.Zone(edge: .first, extent: .percent(5)) },
    ]

    static func digest(_ rule: Rule, limits: MatchLimits = .default, silent: Set<String> = [], known: [Rule]? = nil) throws -> String {
        try RuleSet([rule, anchor], limits: limits, silent: silent, known: known).contentDigest
    }

    /// The stored fields of `value`, each as `prefix` + its name.
    static func fieldNames(_ value: Any, prefix: String = "") -> [String] {
        Mirror(reflecting: value).children.map { prefix + ($0.label ?? "?") }
    }

    @Test func everyFieldOfARuleIsCovered() {
        // A field added to Rule or to its gates must get a change here (and be added to the key).
        let names = Set(Self.fieldNames(Self.base).filter { $0 != "gates" } + Self.fieldNames(Gates(), prefix: "gates."))
        #expect(names == Set(Self.changes.keys))
        #expect(Self.fieldNames(MatchLimits.default) == ["match", "depth", "heapKiB"])
        #expect(Self.fieldNames(Self.base.examples) == ["match", "noMatch"])
        #expect(Self.fieldNames(Self.base.origin) == ["path", "line", "column"])
        #expect(Self.fieldNames(Gates.Near(rules: [], lines: 0)) == ["rules", "lines"])
        #expect(Self.fieldNames(Gates.Zone(edge: .first, extent: .lines(1))) == ["edge", "extent"])
    }

    @Test(arguments: Array(changes.keys.sorted()) + Array(partChanges.keys.sorted()))
    func changingAFieldChangesTheDigest(field: String) throws {
        var changed = Self.base
        (Self.changes[field] ?? Self.partChanges[field]!)(&changed)
        #expect(changed != Self.base)
        #expect(try Self.digest(changed) != Self.digest(Self.base))
        // The same rules again give the same digest (it is not by object identity).
        #expect(try Self.digest(changed) == Self.digest(changed))
    }

    @Test func theSetsOwnSettingsChangeTheDigest() throws {
        let plain = try Self.digest(Self.base)
        #expect(try Self.digest(Self.base, limits: MatchLimits(match: 7, depth: 7, heapKiB: 7)) != plain)
        #expect(try Self.digest(Self.base, silent: ["b-rule"]) != plain)
        var other = Self.anchor
        other.id = "c-rule"
        #expect(try Self.digest(Self.base, known: [Self.base, Self.anchor, other]) != plain)
        // The order of the rules is part of it (a rule's index is in its results).
        #expect(try RuleSet([Self.anchor, Self.base]).contentDigest != plain)
    }

    @Test func aChangedBuiltinRuleChangesTheDigest() throws {
        var rules = try RuleSources.builtinRules()
        let before = try RuleSet(rules).contentDigest
        #expect(try RuleSet(rules).contentDigest == before)
        rules[rules.count / 2].pattern += "(?:x)?"
        #expect(try RuleSet(rules).contentDigest != before)
    }
}
