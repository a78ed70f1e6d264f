import ScrapeLintCore
import Testing

/// The examples of every built-in rule run as tests, through the same runner as `scrapelint test`.
@Suite struct BuiltinRuleTests {
    static let ruleSet: RuleSet = try! RuleSet(try! RuleSources.builtinRules())

    @Test func builtinPacksLoadWithoutDiagnostics() throws {
        #expect(!RuleSources.builtinPacks.isEmpty)
        for pack in RuleSources.builtinPacks {
            #expect(RuleLoader.parse(pack.contents, path: pack.name).diagnostics.isEmpty, "\(pack.name)")
        }
    }

    @Test(arguments: ruleSet.rules.map(\.id))
    func examples(of id: String) {
        let summary = ExampleRunner(ruleSet: Self.ruleSet).run(only: [id])
        #expect(summary.examples >= 2)
        #expect(summary.failures.isEmpty, "\(summary.failures.map(\.description).joined(separator: "\n"))")
    }

    /// Matches must survive a multi-byte prefix (catches byte/character offset mix-ups).
    @Test(arguments: ruleSet.rules.map(\.id))
    func examplesWithAMultibytePrefix(of id: String) throws {
        let rule = try #require(Self.ruleSet[id]).rule
        let checker = Checker(ruleSet: Self.ruleSet)
        for example in rule.examples.match {
            let plain = checker.check(Document(Array(example.utf8))).violations.filter { $0.ruleID == id }
            let prefixed = checker.check(Document(Array(("€ü漢\n\n" + example).utf8))).violations.filter { $0.ruleID == id }
            // Zone and near gates may depend on position; compare only when the plain example matched by shape.
            if rule.gates.zone == nil {
                #expect(prefixed.map { $0.range.count } == plain.map { $0.range.count }, "\(example)")
            }
        }
    }
}
