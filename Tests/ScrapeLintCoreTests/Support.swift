import ScrapeLintCore
import Testing

/// A rule file with one rule built from `fields` (YAML lines for the rule, without the leading dash), with
/// the required keys filled in when missing.
func ruleFile(_ fields: String) -> String {
    var body = fields
    for (key, value) in [
        ("id", "test-rule"), ("category", "test"), ("severity", "warning"), ("message", "'found $0'"),
        ("description", "A rule for tests."), ("examples", "{match: [\"x\"], no-match: [\"y\"]}"),
    ] where !fields.contains("\(key):") {
        body += "\n\(key): \(value)"
    }
    let indented = body.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated().map { $0.offset == 0 ? "  - " + $0.element : "    " + $0.element }.joined(separator: "\n")
    return "rules:\n" + indented + "\n"
}

/// Compiles the rules of a YAML text, failing the test on any diagnostic.
func ruleSet(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RuleSet {
    let parsed = RuleLoader.parse(yaml, path: "test.yml")
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)", sourceLocation: sourceLocation)
    return try RuleSet(parsed.rules)
}

/// The diagnostics (as `line:col: message`) of a YAML rule text.
func diagnostics(_ yaml: String) -> [String] {
    RuleLoader.parse(yaml, path: "bad.yml").diagnostics.map { "\($0.line):\($0.column): \($0.message)" }
}

/// The matched texts of a check.
func matched(_ rules: RuleSet, _ text: String) -> [String] {
    let document = Document(Array(text.utf8))
    return Checker(ruleSet: rules).check(document).violations.map {
        String(decoding: document.bytes[$0.range], as: UTF8.self)
    }
}

/// The fixed text.
func fixed(_ rules: RuleSet, _ text: String) -> String {
    String(decoding: Fixer(checker: Checker(ruleSet: rules)).fix(Array(text.utf8)).bytes, as: UTF8.self)
}
